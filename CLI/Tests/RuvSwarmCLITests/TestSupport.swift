// Shared helpers: the repository's paths (from #filePath), temporary folders, and running a command.
import Foundation
@testable import RuvSwarmCLI

enum Paths {
  /// `<repo>/CLI/Tests/RuvSwarmCLITests`.
  static let here = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
  static let repo = here.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
  static let shared = repo.deletingLastPathComponent().appendingPathComponent("shared/datasets")
  static let xor = shared.appendingPathComponent("fann/xor.data").path
  static let forecast = shared.appendingPathComponent("forecast").path
  static func fixture(_ name: String) -> String { here.appendingPathComponent("Fixtures/" + name).path }

  /// A new empty folder.
  static func temporary() -> String {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("ruvswarm-cli-" + UUID().uuidString).path
    try! FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    return dir
  }
}

/// What a command did.
struct Outcome {
  var code: Int32
  var output: String
  var errors: String
}

/// Runs `ruvswarm <arguments>` in-process.
func ruvswarm(_ arguments: [String], terminal: Bool = false) -> Outcome {
  let console = Console.capturing(terminal: terminal)
  let code = RuvSwarmCLI.main(arguments, console: console)
  return Outcome(code: code, output: console.output, errors: console.errors)
}

/// Writes `text` to a new file in a temporary folder and returns its path.
func writeTemporary(_ name: String, _ text: String) -> String {
  let path = (Paths.temporary() as NSString).appendingPathComponent(name)
  try! Data(text.utf8).write(to: URL(fileURLWithPath: path))
  return path
}
