// What the Forecasting notebooks share: where the shared datasets are and where plots go.
import Foundation

enum NotebookPaths {
  /// <repo>/Forecasting/Tests/ForecastingNotebookTests
  static let here = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
  /// <repo>/../shared/datasets/forecast
  static let datasets = here.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("shared/datasets/forecast")

  /// A dataset file by name.
  static func dataset(_ name: String) -> String { datasets.appendingPathComponent(name).path }

  /// A fresh temporary directory for a notebook's plots.
  static func plotDirectory() throws -> URL {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("forecasting-plots-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    return dir
  }
}
