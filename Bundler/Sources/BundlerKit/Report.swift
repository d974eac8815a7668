// The table `bundler build` prints: build time and every chunk's sizes, against the issue's targets.

import Foundation

/// Formats a build report.
///
/// ```swift
/// print(Report.text(manifest: manifest, seconds: 12.3, out: "dist"))
/// ```
public enum Report {
  /// Target: all chunks together under 2 MB compressed.
  public static let totalCompressedBudget = 2_000_000
  /// Target: the runtime chunk under 10 KB brotli.
  public static let runtimeBrotliBudget = 10_000
  /// Target: a clean build under 30 s.
  public static let buildSecondsBudget = 30.0

  /// The report text.
  /// `toolSeconds`, when known, is the CPU time the compilers and linkers used (on a shared machine
  /// the wall-clock time says more about the neighbours than about the build).
  /// `predictedTwoCoreSeconds`, when known (one-worker runs), is the wall time two idle cores would
  /// take, simulated from the measured CPU time of every step.
  public static func text(
    manifest: Manifest, seconds: Double, out: String, toolSeconds: Double? = nil, predictedTwoCoreSeconds: Double? = nil
  ) -> String {
    var cpu = toolSeconds.map { ", \(String(format: "%.1f", $0)) s CPU in tools" } ?? ""
    if let predicted = predictedTwoCoreSeconds {
      cpu += "; on 2 idle cores: \(String(format: "%.1f", predicted)) s (\(predicted < buildSecondsBudget ? "ok" : "MISSED"))"
    }
    var lines = ["bundler: built \(manifest.chunks.count) chunks into \(out) in \(String(format: "%.1f", seconds)) s (target < \(Int(buildSecondsBudget)) s\(cpu))"]
    lines.append(pad("chunk", 10) + pad("variant", 9) + padLeft("raw", 9) + padLeft("gzip", 9) + padLeft("brotli", 9) + "  file")
    var total = (raw: 0, gzip: 0, brotli: 0)
    for name in manifest.chunks.keys.sorted() {
      let chunk = manifest.chunks[name]!
      for variant in chunk.variants.keys.sorted() {
        let file = chunk.variants[variant]!
        total.raw += file.size
        total.gzip += file.gzip
        total.brotli += file.brotli
        lines.append(
          pad(name, 10) + pad(variant, 9) + padLeft(String(file.size), 9) + padLeft(String(file.gzip), 9)
            + padLeft(String(file.brotli), 9) + "  " + file.file)
      }
    }
    lines.append(pad("total", 19) + padLeft(String(total.raw), 9) + padLeft(String(total.gzip), 9) + padLeft(String(total.brotli), 9))
    // What one page downloads at most: every chunk of one variant.
    let variants = Set(manifest.chunks.values.flatMap(\.variants.keys)).sorted()
    let perVariant = variants.map { variant in
      let brotli = manifest.chunks.values.compactMap { $0.variants[variant]?.brotli }.reduce(0, +)
      return "\(variant) \(brotli) B"
    }
    if !perVariant.isEmpty { lines.append("every chunk of one variant, brotli: " + perVariant.joined(separator: ", ")) }
    let runtimeBrotli = manifest.chunks[manifest.runtime]?.variants.values.map(\.brotli).max() ?? 0
    lines.append(
      "targets: build \(seconds < buildSecondsBudget ? "ok" : "MISSED"), all chunks \(total.brotli) B brotli / \(total.gzip) B gzip "
        + "(< \(totalCompressedBudget) B: \(max(total.brotli, total.gzip) < totalCompressedBudget ? "ok" : "MISSED")), runtime \(runtimeBrotli) B brotli "
        + "(< \(runtimeBrotliBudget) B: \(runtimeBrotli < runtimeBrotliBudget ? "ok" : "MISSED"))")
    return lines.joined(separator: "\n")
  }

  static func pad(_ text: String, _ width: Int) -> String {
    text.count >= width ? text + " " : text + String(repeating: " ", count: width - text.count)
  }

  static func padLeft(_ text: String, _ width: Int) -> String {
    text.count >= width ? " " + text : String(repeating: " ", count: width - text.count) + text
  }
}
