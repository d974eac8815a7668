import Foundation
import Testing
@testable import RuvSwarmCLI

@Suite struct ServeCommandTests {
  /// A fake repository: Playground/index.html, Bundler/Package.swift, Core/JS/swarm.mjs, dist/manifest.json.
  func fakeRepository(manifest: String? = #"{"format": 1, "runtime": "runtime", "chunks": {"runtime": {}, "neural": {}, "core": {}}}"#) -> String {
    let root = Paths.temporary()
    var files = [("Playground/index.html", "<!doctype html>"), ("Bundler/Package.swift", "// none"),
                 ("Core/JS/swarm.mjs", "export class Swarm {}")]
    if let manifest { files.append(("dist/manifest.json", manifest)) }
    for (path, text) in files {
      let file = root + "/" + path
      try! FileManager.default.createDirectory(atPath: (file as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
      try! Data(text.utf8).write(to: URL(fileURLWithPath: file))
    }
    return root
  }

  func parse(_ arguments: [String]) throws -> ServeCommand {
    try #require(try RuvSwarmCommand.parseAsRoot(["serve"] + arguments) as? ServeCommand)
  }

  @Test func preparesMountsAndPrintsTheURL() throws {
    let root = fakeRepository()
    let console = Console.capturing()
    let server = try parse(["--repo", root, "--port", "0"]).prepare(console)
    defer { server.stop() }
    #expect(server.port != 0)
    #expect(console.output.contains("ruvswarm serve: http://127.0.0.1:\(server.port)/\n"))
    #expect(console.output.contains("(chunks: core, neural, runtime)"))
    #expect(console.output.contains("note: this bundle has no forecasting, persistence chunk"))
    #expect(server.mounts.map(\.prefix) == ["/modules/swarm.mjs", "/dist/", "/"])
    #expect(server.response(method: "GET", target: "/modules/swarm.mjs").status == 200)
    #expect(server.response(method: "GET", target: "/dist/manifest.json").status == 200)
    #expect(server.response(method: "GET", target: "/").status == 200)
    #expect(server.response(method: "GET", target: "/modules/snapshots.mjs").status == 404)
    #expect(console.output.contains("data sets  none (no "))
    let withData = try parse(["--repo", root, "--port", "0", "--datasets", Paths.shared.path]).prepare(Console.capturing())
    defer { withData.stop() }
    #expect(withData.mounts.map(\.prefix) == ["/modules/swarm.mjs", "/datasets/", "/dist/", "/"])
    let xor = withData.response(method: "GET", target: "/datasets/fann/diabetes.train")
    #expect(xor.status == 200 && xor.header("Content-Type") == "text/plain; charset=utf-8")
  }

  @Test func servesOverTheWireAndLogsRequests() throws {
    let root = fakeRepository()
    let console = Console.capturing()
    let server = try parse(["--repo", root, "--port", "0"]).prepare(console)
    server.start()
    defer { server.stop() }
    #expect(rawRequest("GET /dist/manifest.json HTTP/1.1\r\n\r\n", port: server.port).hasPrefix("HTTP/1.1 200 OK"))
    server.stop()
    #expect(console.output.contains("GET /dist/manifest.json 200 "))
    let quiet = Console.capturing()
    let silent = try parse(["--repo", root, "--port", "0", "--quiet"]).prepare(quiet)
    silent.start()
    _ = rawRequest("GET / HTTP/1.1\r\n\r\n", port: silent.port)
    silent.stop()
    #expect(!quiet.output.contains("GET /"))
  }

  @Test func mountsTheDomainsModules() throws {
    let root = fakeRepository()
    try Data("export {}".utf8).write(to: URL(fileURLWithPath: root + "/Core/JS/other.mjs"))
    try Data("x".utf8).write(to: URL(fileURLWithPath: root + "/Core/JS/swarm.d.mts"))
    let modules = ServeCommand.domainModules(root: root)
    #expect(modules.map(\.0) == ["/modules/other.mjs", "/modules/swarm.mjs"])
    #expect(modules.map(\.1) == [root + "/Core/JS/other.mjs", root + "/Core/JS/swarm.mjs"])
    // This repository: Core's swarm.mjs is always there.
    #expect(ServeCommand.domainModules(root: Paths.repo.path).contains { $0.0 == "/modules/swarm.mjs" })
  }

  @Test func findsTheRepositoryUpwards() throws {
    let root = fakeRepository()
    try FileManager.default.createDirectory(atPath: root + "/a/b", withIntermediateDirectories: true)
    #expect(ServeCommand.findRepository(from: [root + "/a/b"]) == URL(fileURLWithPath: root).standardizedFileURL.path)
    #expect(ServeCommand.findRepository(from: ["/"]) == nil)
    // This checkout has a playground and a Bundler: found from the working tree and from the executable.
    #expect(ServeCommand.findRepository(from: [Paths.here.path]) == Paths.repo.standardizedFileURL.path)
    _ = ServeCommand.findRepository()
  }

  @Test func errors() throws {
    let root = fakeRepository()
    #expect(ruvswarm(["serve", "--repo", root, "--port", "70000"]).code == 64)
    #expect(ruvswarm(["serve", "--repo", root, "--port", "-1"]).code == 64)
    let noPlayground = ruvswarm(["serve", "--repo", root, "--playground", root + "/nothing"])
    #expect(noPlayground.code == 66 && noPlayground.errors.contains("no playground here"))
    let noBundle = ruvswarm(["serve", "--repo", root, "--dist", root + "/empty", "--no-build"])
    #expect(noBundle.code == 66 && noBundle.errors.contains("run `ruvswarm bundle` first"))
    let badManifest = fakeRepository(manifest: #"{"format": 2}"#)
    let bad = ruvswarm(["serve", "--repo", badManifest, "--port", "0"])
    #expect(bad.code == 65 && bad.errors.contains("not a RuvSwarm manifest"))
    #expect(throws: CLIError.self) { try ServeCommand.manifestDomains(root + "/none.json") }
    // A missing bundle is built by the Bundler: here a folder without a package, so the build fails (69).
    let build = ruvswarm(["serve", "--repo", root, "--dist", root + "/fresh", "--bundler-dir", root + "/Playground"])
    #expect(build.code == 69 && build.output.contains("no bundle in \(root)/fresh: building it"))
    #expect(build.output.contains("bundler build --out \(root)/fresh"))
    // The port is taken.
    let taken = try parse(["--repo", root, "--port", "0", "--quiet"]).prepare(Console.capturing())
    defer { taken.stop() }
    let clash = ruvswarm(["serve", "--repo", root, "--port", "\(taken.port)"])
    #expect(clash.code == 69 && clash.errors.contains("is in use"))
  }

  @Test func openingABrowserNeverFails() throws {
    let console = Console.capturing()
    try parse(["--open"]).openBrowser("http://127.0.0.1:1/", console: console, opener: "/nonexistent/xdg-open")
    #expect(console.errors.contains("cannot open a browser"))
    #expect(console.errors.contains("open http://127.0.0.1:1/ yourself"))
    try parse([]).openBrowser("http://127.0.0.1:1/", console: console, opener: "/bin/true")
  }

  @Test func helpListsServe() {
    let help = ruvswarm(["help", "serve"])
    #expect(help.code == 0 && help.output.contains("--port") && help.output.contains("Content-Security-Policy"))
  }
}
