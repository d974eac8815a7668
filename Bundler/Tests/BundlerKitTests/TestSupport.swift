// Shared helpers: fixture paths, snapshot comparison, a wasm module writer and a fake executor.
import Foundation
import Testing
@testable import BundlerKit

enum Fixtures {
  static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures").path
  static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path

  static func text(_ name: String) throws -> String {
    try String(contentsOfFile: directory + "/" + name, encoding: .utf8)
  }

  /// Compares `actual` with Fixtures/Snapshots/<name>; BUNDLER_RECORD_SNAPSHOTS=1 rewrites it.
  static func snapshot(_ actual: String, _ name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
    let path = directory + "/Snapshots/" + name
    if ProcessInfo.processInfo.environment["BUNDLER_RECORD_SNAPSHOTS"] == "1" {
      try actual.write(toFile: path, atomically: true, encoding: .utf8)
    }
    let expected = try String(contentsOfFile: path, encoding: .utf8)
    #expect(actual == expected, "snapshot \(name) differs; rerun with BUNDLER_RECORD_SNAPSHOTS=1 to accept", sourceLocation: sourceLocation)
  }

  /// The four fixture domains: SIMDKit's real declaration, and the probe domains (probe is
  /// declared by two files, merged as `Workspace.discover` merges them).
  static func domains() throws -> [DomainSource] {
    func load(_ paths: [String], sources: [String]) throws -> DomainSource {
      let specs = try paths.map { try APISpec(parsing: try String(contentsOfFile: repository + "/" + $0, encoding: .utf8)) }
      return DomainSource(spec: try APISpec.merging(specs), declarationPaths: paths, sourceFiles: sources)
    }
    return [
      try load(["Bundler/Tests/Fixtures/ProbeClient/JS/ProbeClient.jsapi"], sources: ["Bundler/Tests/Fixtures/ProbeClient/Sources/ProbeClient/Client.swift"]),
      try load(
        ["Bundler/Tests/Fixtures/Probe/JS/Probe.jsapi", "Bundler/Tests/Fixtures/Probe/JS/ProbeData.jsapi"],
        sources: ["Bundler/Tests/Fixtures/Probe/Sources/Probe/Probe.swift", "Bundler/Tests/Fixtures/Probe/Sources/Probe/ProbeData.swift"]),
      try load(["SIMDKit/JS/SIMDKit.jsapi"], sources: ["SIMDKit/Sources/SIMDKit/GEMM.swift", "SIMDKit/Sources/SIMDKit/Kernels.swift"]),
      try load(["Bundler/Tests/Fixtures/CProbe/JS/CProbe.jsapi"], sources: ["Bundler/Tests/Fixtures/CProbe/Sources/CProbe/CProbe.swift"]),
    ]
  }
}

/// Writes small wasm modules: imports, exports and an optional dylink.0 section.
enum WasmWriter {
  static func leb(_ value: Int) -> [UInt8] {
    var value = value
    var out: [UInt8] = []
    repeat {
      var byte = UInt8(value & 0x7f)
      value >>= 7
      if value != 0 { byte |= 0x80 }
      out.append(byte)
    } while value != 0
    return out
  }

  static func name(_ text: String) -> [UInt8] { leb(text.utf8.count) + Array(text.utf8) }

  static func section(_ id: UInt8, _ body: [UInt8]) -> [UInt8] { [id] + leb(body.count) + body }

  static func module(
    imports: [(String, String, WasmModule.Kind)] = [], exports: [(String, WasmModule.Kind)] = [],
    dylink: (memory: Int, needed: [String])? = nil
  ) -> [UInt8] {
    var bytes: [UInt8] = [0, 0x61, 0x73, 0x6d, 1, 0, 0, 0]
    if let dylink {
      var body = name("dylink.0")
      let mem = leb(dylink.memory) + leb(2) + leb(0) + leb(0)
      body += [1] + leb(mem.count) + mem
      var needed = leb(dylink.needed.count)
      for n in dylink.needed { needed += name(n) }
      body += [2] + leb(needed.count) + needed
      body += [3, 0]  // an unknown subsection, skipped
      bytes += section(0, body)
    }
    bytes += section(0, name("producers") + [1, 2, 3])
    var importBody = leb(imports.count)
    for (module, field, kind) in imports {
      importBody += name(module) + name(field) + [kind.rawValue]
      switch kind {
      case .function: importBody += leb(0)
      case .table: importBody += [0x70, 0] + leb(1)
      case .memory: importBody += [1] + leb(1) + leb(2)
      case .global: importBody += [0x7f, 1]
      case .tag: importBody += [0] + leb(0)
      }
    }
    bytes += section(2, importBody)
    var exportBody = leb(exports.count)
    for (field, kind) in exports { exportBody += name(field) + [kind.rawValue] + leb(0) }
    bytes += section(7, exportBody)
    return bytes
  }
}

/// Records every call and serves canned outputs.
final class FakeExecutor: Executor, @unchecked Sendable {
  private let lock = NSLock()
  private(set) var calls: [String] = []
  var files: [String: [UInt8]] = [:]
  var failing: String?
  var stdout: (String, [String]) -> [UInt8] = { _, _ in [] }

  func record(_ call: String) throws(BuildError) {
    lock.withLock { calls.append(call) }
    if let failing, call.contains(failing) { throw BuildError("injected failure: \(call)") }
  }

  func run(executable: String, arguments: [String]) throws(BuildError) -> [UInt8] {
    try record("run \(executable) \(arguments.joined(separator: " "))")
    return stdout(executable, arguments)
  }

  func read(_ path: String) throws(BuildError) -> [UInt8] {
    try record("read \(path)")
    guard let bytes = lock.withLock({ files[path] }) else { throw BuildError("cannot read \(path)") }
    return bytes
  }

  func write(_ bytes: [UInt8], to path: String) throws(BuildError) {
    try record("write \(path)")
    lock.withLock { files[path] = bytes }
  }

  func makeDirectory(_ path: String) throws(BuildError) { try record("mkdir \(path)") }

  func copy(_ source: String, to destination: String) throws(BuildError) {
    try record("copy \(source) \(destination)")
    lock.withLock { files[destination] = files[source] ?? [] }
  }

  func listDirectory(_ path: String) -> [String] {
    lock.withLock { files.keys.filter { ($0 as NSString).deletingLastPathComponent == path }.map { ($0 as NSString).lastPathComponent }.sorted() }
  }

  func remove(_ path: String) throws(BuildError) {
    try record("remove \(path)")
    lock.withLock { files[path] = nil }
  }
}
