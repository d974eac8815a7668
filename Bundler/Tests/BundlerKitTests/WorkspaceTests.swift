import Foundation
import Testing
@testable import BundlerKit

@Suite struct WorkspaceTests {
  @Test func discoversSIMDKitAndTheFixtures() throws {
    let domains = try Workspace.discover(
      repository: Fixtures.repository, extraFolders: ["Bundler/Tests/Fixtures/Probe", "Bundler/Tests/Fixtures/ProbeClient"])
    let names = domains.map(\.spec.domain)
    #expect(names.contains("simdkit") && names.suffix(2) == ["probe", "probeclient"])
    let simdkit = try #require(domains.first { $0.spec.domain == "simdkit" })
    #expect(simdkit.declarationPath == "SIMDKit/JS/SIMDKit.jsapi")
    #expect(simdkit.sourceFiles.contains("SIMDKit/Sources/SIMDKit/Kernels.swift"))
    #expect(simdkit.sourceFiles == simdkit.sourceFiles.sorted() && !simdkit.sourceFiles.contains { $0.contains(".docc") })
    let probe = try #require(domains.first { $0.spec.domain == "probe" })
    #expect(probe.declarationPaths == ["Bundler/Tests/Fixtures/Probe/JS/Probe.jsapi", "Bundler/Tests/Fixtures/Probe/JS/ProbeData.jsapi"])
    #expect(probe.spec.errorSets.map(\.type) == ["ProbeError", "ProbeDataError"])
    #expect(probe == (try Fixtures.domains()[1]))
  }

  @Test func filesDeclaringOneDomainMergeAndOthersStayApart() throws {
    let root = try scratch([
      "D/JS/A.jsapi": "domain d\nmodule M\nfunction f()\n  swift: f()",
      "D/JS/B.jsapi": "domain d\nmodule M\nfunction g()\n  swift: g()",
      "D/JS/C.jsapi": "domain e\nmodule M\nfunction h()\n  swift: h()",
      "D/Sources/M/M.swift": "",
    ])
    defer { try? FileManager.default.removeItem(atPath: root) }
    let domains = try Workspace.discover(repository: root)
    #expect(domains.map(\.spec.domain) == ["d", "e"])
    #expect(domains[0].spec.functions.map(\.name) == ["f", "g"] && domains[0].declarationPaths == ["D/JS/A.jsapi", "D/JS/B.jsapi"])
    #expect(domains[1].declarationPath == "D/JS/C.jsapi")

    let clash = try scratch([
      "D/JS/A.jsapi": "domain d\nmodule M\nfunction f()\n  swift: f()",
      "D/JS/B.jsapi": "domain d\nmodule M\nfunction f()\n  swift: g()",
      "D/Sources/M/M.swift": "",
    ])
    defer { try? FileManager.default.removeItem(atPath: clash) }
    #expect(throws: BuildError("D/JS/A.jsapi, D/JS/B.jsapi: function 'f' is declared by two files of domain 'd'")) {
      try Workspace.discover(repository: clash)
    }
  }

  @Test func selectingADomainKeepsItsDependencies() throws {
    let domains = try Fixtures.domains()
    #expect(try Workspace.select([], from: domains) == domains)
    #expect(try Workspace.select(["probeclient"], from: domains).map(\.spec.domain) == ["probeclient", "probe", "simdkit"])
    #expect(try Workspace.select(["probe"], from: domains).map(\.spec.domain) == ["probe"])
    #expect(throws: BuildError("no domain 'x' (domains: probeclient, probe, simdkit, cprobe)")) { try Workspace.select(["x"], from: domains) }
  }

  @Test func repositoryRootIsFoundFromBelow() {
    #expect(Workspace.repositoryRoot(from: Fixtures.directory) == Fixtures.repository)
    #expect(Workspace.repositoryRoot(from: "/") == nil)
  }

  func scratch(_ files: [String: String]) throws -> String {
    let root = FileManager.default.temporaryDirectory.appendingPathComponent("bundler-ws-\(UUID().uuidString)").path
    for (path, text) in files {
      let full = root + "/" + path
      try FileManager.default.createDirectory(atPath: (full as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
      try text.write(toFile: full, atomically: true, encoding: .utf8)
    }
    return root
  }

  @Test func jsModulesAndTheirDeclarationsAreFound() throws {
    let root = try scratch([
      "D/JS/D.jsapi": "domain d\nmodule M\njsmodule JS/a.mjs JS/b.mjs", "D/Sources/M/M.swift": "",
      "D/JS/a.mjs": "export {}", "D/JS/a.d.mts": "export {}", "D/JS/b.mjs": "export {}",
    ])
    defer { try? FileManager.default.removeItem(atPath: root) }
    let domain = try #require(try Workspace.discover(repository: root).first)
    #expect(domain.spec.jsModules == ["JS/a.mjs", "JS/b.mjs"] && domain.typedModules == ["JS/a.mjs"])
    let missing = try scratch(["D/JS/D.jsapi": "domain d\nmodule M\njsmodule JS/a.mjs", "D/Sources/M/M.swift": ""])
    defer { try? FileManager.default.removeItem(atPath: missing) }
    #expect(throws: BuildError("D/JS/D.jsapi: no JS module D/JS/a.mjs")) { try Workspace.discover(repository: missing) }
  }

  @Test func badDomainsAreReported() throws {
    let broken = try scratch(["D/JS/D.jsapi": "domain d\nnonsense"])
    defer { try? FileManager.default.removeItem(atPath: broken) }
    #expect(throws: BuildError("D/JS/D.jsapi: line 2: unknown keyword 'nonsense'")) { try Workspace.discover(repository: broken) }

    let noModule = try scratch(["D/JS/D.jsapi": "domain d\nmodule M"])
    defer { try? FileManager.default.removeItem(atPath: noModule) }
    #expect(throws: BuildError("D/JS/D.jsapi: module M has no folder D/Sources/M")) { try Workspace.discover(repository: noModule) }

    let empty = try scratch(["D/JS/D.jsapi": "domain d\nmodule M", "D/Sources/M/notes.txt": "x"])
    defer { try? FileManager.default.removeItem(atPath: empty) }
    #expect(throws: BuildError("D/JS/D.jsapi: D/Sources/M has no Swift files")) { try Workspace.discover(repository: empty) }

    #expect(try Workspace.discover(repository: "/nonexistent-\(UUID().uuidString)").isEmpty)
  }
}
