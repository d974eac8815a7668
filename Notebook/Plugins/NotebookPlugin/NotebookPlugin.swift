// NotebookPlugin: for the test target it is applied to, one `notebook-gen` build command per notebook
// of the target's package: its README.md and every Sources/<Module>/<Module>.docc/NN-*.md
// (two digits, a dash). The generated files land in the plugin work directory and are compiled into
// the test target. All the parsing and generation is in NotebookCore, tested there.
import Foundation
import PackagePlugin

@main
struct NotebookPlugin: BuildToolPlugin {
  func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
    let root = context.package.directoryURL
    let tool = try context.tool(named: "notebook-gen").url
    return notebooks(in: root).map { relativePath in
      let input = root.appending(path: relativePath)
      let output = context.pluginWorkDirectoryURL
        .appending(path: relativePath.replacingOccurrences(of: "/", with: "_") + ".swift")
      return .buildCommand(
        displayName: "Notebook \(relativePath)",
        executable: tool,
        arguments: ["--input", input.path, "--relative-path", relativePath, "--output", output.path],
        inputFiles: [input],
        outputFiles: [output])
    }
  }

  /// The package's notebooks, as paths relative to its root, sorted.
  func notebooks(in root: URL) -> [String] {
    let files = FileManager.default
    var found: [String] = []
    if files.fileExists(atPath: root.appending(path: "README.md").path) { found.append("README.md") }
    let sources = root.appending(path: "Sources")
    for module in (try? files.contentsOfDirectory(atPath: sources.path)) ?? [] {
      let moduleURL = sources.appending(path: module)
      for catalog in (try? files.contentsOfDirectory(atPath: moduleURL.path)) ?? [] where catalog.hasSuffix(".docc") {
        let catalogURL = moduleURL.appending(path: catalog)
        for name in (try? files.contentsOfDirectory(atPath: catalogURL.path)) ?? [] where isNumbered(name) {
          found.append("Sources/\(module)/\(catalog)/\(name)")
        }
      }
    }
    return found.sorted()
  }

  /// `NN-*.md`: two digits, a dash, and the `.md` extension.
  func isNumbered(_ name: String) -> Bool {
    let chars = Array(name)
    return chars.count > 6 && chars[0].isASCII && chars[0].isNumber && chars[1].isASCII && chars[1].isNumber
      && chars[2] == "-" && name.hasSuffix(".md")
  }
}
