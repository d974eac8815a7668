// `ruvswarm serve`: the wasm bundle and the browser playground on 127.0.0.1.
//
// URL layout (the playground's modules import from these paths):
//   /                       Playground/ (index.html, app.js, styles.css, …)
//   /dist/                  the bundle: loader.js, manifest.json, chunks/*.wasm (built when missing)
//   /modules/<file>.mjs     the domains' JS modules, <Domain>/JS/*.mjs (Core's swarm.mjs, Persistence's
//                           snapshots.mjs, …)
//   /datasets/              the shared data sets (FANN problems, forecast series), `<repo>/../shared/datasets`
//                           by default, when that folder exists
// The folders are found upwards from the working directory, then from the executable's location, unless
// given with --dist / --playground / --repo.
import ArgumentParser
import Foundation

/// `ruvswarm serve`.
struct ServeCommand: CLICommand {
  static let configuration = CommandConfiguration(
    commandName: "serve",
    abstract: "Serve the wasm bundle and the browser playground on 127.0.0.1.",
    discussion: """
      Prints the URL to open and one line per request. Builds the bundle with the Bundler first when \
      DIR/manifest.json is missing (unless --no-build). Responses carry a strict Content-Security-Policy \
      and application/wasm for chunks. Stop with Ctrl-C.
      """)

  @Option(help: "The port on 127.0.0.1 (0: any free port).") var port: Int = 8080
  @Option(help: "The bundle folder (default: dist/ at the repository root).") var dist: String?
  @Option(help: "The playground folder (default: Playground/ at the repository root).") var playground: String?
  @Option(help: "The repository root (default: found upwards from here or from the executable).") var repo: String?
  @Option(help: "The data sets the panels offer (default: ../shared/datasets next to the repository, if present).")
  var datasets: String?
  @Option(help: "The Bundler package, to build a missing bundle (default: Bundler/ at the repository root).")
  var bundlerDir: String?
  @Flag(help: "Fail instead of building the bundle when it is missing.") var noBuild = false
  @Flag(help: "Open the URL in the default browser (xdg-open).") var open = false
  @Flag(help: "Do not print a line per request.") var quiet = false

  func execute(_ console: Console) throws {
    let server = try prepare(console)
    server.start()
    if open { openBrowser(server.url, console: console) }
    server.wait()
  }

  /// The domains the playground's panels use, in the order a visitor meets them.
  static let playgroundDomains = ["neural", "forecasting", "core", "persistence"]

  /// Checks the options, builds the bundle if needed, binds the port and prints the URL; does not start.
  func prepare(_ console: Console) throws -> StaticServer {
    guard (0...65535).contains(port) else { throw CLIError(.usage, "--port must be in 0...65535, got \(port)") }
    guard let root = repo ?? Self.findRepository() else {
      throw CLIError(.noInput, "cannot find the repository (Playground/ and Bundler/): pass --repo")
    }
    let playgroundDir = playground ?? root + "/Playground"
    guard FileManager.default.fileExists(atPath: playgroundDir + "/index.html") else {
      throw CLIError(.noInput, "no playground here (index.html is missing)", file: playgroundDir)
    }
    let distDir = dist ?? root + "/dist"
    let manifestPath = distDir + "/manifest.json"
    if !FileManager.default.fileExists(atPath: manifestPath) {
      if noBuild {
        throw CLIError(.noInput, "no bundle here (manifest.json is missing): run `ruvswarm bundle` first, or drop --no-build",
                       file: distDir)
      }
      console.line("no bundle in \(distDir): building it")
      var demo = DemoCommand()
      demo.bundlerDir = bundlerDir ?? root + "/Bundler"
      try demo.buildBundle(console, out: URL(fileURLWithPath: distDir).standardizedFileURL.path)
    }
    let domains = try Self.manifestDomains(manifestPath)
    var mounts = [StaticServer.Mount(prefix: "/", path: playgroundDir), .init(prefix: "/dist/", path: distDir)]
    for (url, file) in Self.domainModules(root: root) { mounts.append(.init(prefix: url, path: file)) }
    let datasetsDir = datasets ?? URL(fileURLWithPath: root + "/../shared/datasets").standardizedFileURL.path
    if FileManager.default.fileExists(atPath: datasetsDir) {
      mounts.append(.init(prefix: "/datasets/", path: datasetsDir))
    }
    let log: (@Sendable (String) -> Void)? = quiet ? nil : { @Sendable line in console.line(line) }
    let server = try StaticServer(mounts: mounts, port: UInt16(port), log: log)
    console.line("ruvswarm serve: \(server.url)")
    console.line("  playground \(playgroundDir)")
    console.line("  bundle     \(distDir) (chunks: \(domains.joined(separator: ", ")))")
    console.line("  data sets  " + (mounts.contains { $0.prefix == "/datasets/" } ? datasetsDir : "none (no \(datasetsDir))"))
    let missing = Self.playgroundDomains.filter { !domains.contains($0) }
    if !missing.isEmpty {
      console.line("  note: this bundle has no \(missing.joined(separator: ", ")) chunk; those panels will say so"
        + " (rebuild with `ruvswarm bundle`)")
    }
    return server
  }

  /// The domains' JS modules (`<Domain>/JS/*.mjs`, e.g. Core's `swarm.mjs`) as `/modules/<file>` → path,
  /// so that a module importing a sibling (`./snapshots.mjs`) finds it.
  static func domainModules(root: String) -> [(String, String)] {
    var out: [(String, String)] = []
    for domain in ["Core", "Neural", "Forecasting", "Persistence"] {
      let folder = root + "/" + domain + "/JS"
      let files = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
      for file in files.sorted() where file.hasSuffix(".mjs") && !file.hasPrefix(".") {
        out.append(("/modules/" + file, folder + "/" + file))
      }
    }
    return out
  }

  /// The chunk names of a manifest, in its order; a CLIError when it is not a RuvSwarm manifest.
  static func manifestDomains(_ path: String) throws -> [String] {
    guard let data = FileManager.default.contents(atPath: path) else {
      throw CLIError(.noInput, "cannot read the bundle's manifest", file: path)
    }
    guard let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
          object["format"] as? Int == 1, let chunks = object["chunks"] as? [String: Any] else {
      throw CLIError(.dataError, "not a RuvSwarm manifest (format 1 with chunks)", file: path)
    }
    return chunks.keys.sorted()
  }

  /// The folder holding `Playground/index.html` and `Bundler/Package.swift`, searched upwards from the
  /// working directory and then from the executable.
  static func findRepository(from starts: [String]? = nil) -> String? {
    let origins = starts ?? [FileManager.default.currentDirectoryPath,
                             URL(fileURLWithPath: CommandLine.arguments.first ?? ".").resolvingSymlinksInPath()
                               .deletingLastPathComponent().path]
    for start in origins {
      var dir = URL(fileURLWithPath: start).standardizedFileURL
      for _ in 0..<16 {
        if FileManager.default.fileExists(atPath: dir.path + "/Playground/index.html"),
           FileManager.default.fileExists(atPath: dir.path + "/Bundler/Package.swift") {
          return dir.path
        }
        let parent = dir.deletingLastPathComponent()
        if parent.path == dir.path { break }
        dir = parent
      }
    }
    return nil
  }

  /// Runs `xdg-open url` (or `opener`); a failure is a note, not an error (the URL is printed anyway).
  func openBrowser(_ url: String, console: Console, opener: String = "/usr/bin/xdg-open") {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: opener)
    process.arguments = [url]
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    do { try process.run() } catch {
      console.errorLine("ruvswarm: note: cannot open a browser (\(error.localizedDescription)); open \(url) yourself")
    }
  }
}
