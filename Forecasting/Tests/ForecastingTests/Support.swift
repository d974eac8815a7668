// Shared test helpers: paths found from this file, fixture readers, the AirPassengers frame.
import Foundation
import Forecasting
import ForecastingIO

enum Paths {
  /// <repo>/Forecasting/Tests/ForecastingTests
  static let here = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
  static let fixtures = here.appendingPathComponent("Fixtures")
  static let repo = here.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
  static let datasets = repo.deletingLastPathComponent().appendingPathComponent("shared/datasets/forecast")
}

/// Rows of a fixture CSV (header dropped), split on commas (fixtures have no quoted fields).
func fixtureRows(_ name: String) throws -> [[String]] {
  let text = try String(contentsOf: Paths.fixtures.appendingPathComponent(name), encoding: .utf8)
    .replacingOccurrences(of: "\r", with: "")
  return text.split(separator: "\n").dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
}

/// `metrics_case.csv` as arrays by kind.
func metricsCase() throws -> [String: [Double]] {
  var out: [String: [Double]] = [:]
  for r in try fixtureRows("metrics_case.csv") { out[r[0], default: []].append(Double(r[2])!) }
  return out
}

/// AirPassengers (144 monthly values from 1949-01).
func airPassengers() throws -> SeriesFrame {
  try ForecastCSV.readFrame(path: Paths.datasets.appendingPathComponent("AirPassengers.csv").path, freq: .months)
}

func close(_ a: Double, _ b: Double, rel: Double = 1e-12, abs tol: Double = 1e-12) -> Bool {
  if a.isNaN && b.isNaN { return true }
  return Swift.abs(a - b) <= max(tol, rel * max(Swift.abs(a), Swift.abs(b)))
}

func close(_ a: [Double], _ b: [Double], rel: Double = 1e-12, abs tol: Double = 1e-12) -> Bool {
  a.count == b.count && zip(a, b).allSatisfy { close($0, $1, rel: rel, abs: tol) }
}

func ts(_ s: String) -> Timestamp { try! Timestamp.parse(s) }

/// A tiny two-series frame used across suites.
func twoSeries(_ n: Int = 30) throws -> SeriesFrame {
  let a = (0..<n).map { 10 + Double($0) + 3 * Double($0 % 4) }
  let b = (0..<n).map { 100 - 2 * Double($0) + Double($0 % 4) }
  let start = ts("2020-01-01")
  let ds = (0..<n).map { Frequency.quarters.advance(start, by: $0) }
  return try SeriesFrame(freq: .quarters, uniqueIds: Array(repeating: "a", count: n) + Array(repeating: "b", count: n),
                         ds: ds + ds, y: a + b)
}
