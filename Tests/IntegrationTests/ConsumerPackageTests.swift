// A user who adds RuvSwarm by URL and depends on the product `SIMDKit` alone compiles SIMDKit and
// nothing else of RuvSwarm.
//
// The test clones the committed HEAD of this repository into a temporary directory, writes a throwaway
// consumer package that depends on it by `file://` URL at that revision and on the `SIMDKit` product
// only, builds and runs it, and then looks at what the build compiled: one `<Module>.build` folder per
// compiled module. Those must be the consumer's and the modules of the `SIMDKit` product's target
// closure, computed from the umbrella manifest (`swift package dump-package`), so the test keeps its
// meaning as Neural, Core, ... products are added: a new target that SIMDKit does not need must not be
// built. SwiftPM's caches and configuration are pointed into the temporary directory too, so nothing
// is left behind. It tests committed work: commit before running it.
import Foundation
import Testing

@Suite struct ConsumerPackageTests {
  /// The repository root: two folders up from this file's folder.
  static let repositoryRoot = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

  static let consumerMain = """
    import SIMDKit

    let x: [Float] = [1, 2, 3, 4]
    let y: [Float] = [5, 6, 7, 8]
    print("dot:", try Kernels.dot(x, y))
    do {
      _ = try Kernels.dot(x, [1, 2])
      print("no error")
    } catch {
      print("length mismatch caught:", error == .lengthMismatch(expected: 4, actual: 2))
    }

    """

  static func consumerManifest(clone: URL, revision: String) -> String {
    """
    // swift-tools-version: 6.1
    import PackageDescription

    let package = Package(
      name: "Consumer",
      dependencies: [.package(url: \(literal(clone.absoluteString)), revision: \(literal(revision)))],
      targets: [
        .executableTarget(name: "Consumer", dependencies: [.product(name: "SIMDKit", package: "RuvSwarm")]),
      ]
    )

    """
  }

  @Test(.timeLimit(.minutes(30)))
  func dependingOnSIMDKitAloneBuildsOnlySIMDKit() throws {
    let files = FileManager.default
    let temp = files.temporaryDirectory.appending(path: "ruvswarm-consumer-\(UUID().uuidString)")
    defer { try? files.removeItem(at: temp) }
    try files.createDirectory(at: temp, withIntermediateDirectories: true)

    let tmp = temp.appending(path: "tmp")
    try files.createDirectory(at: tmp, withIntermediateDirectories: true)
    let head = try Self.run("git", ["-C", Self.repositoryRoot.path, "rev-parse", "HEAD"], temporary: tmp)
    try #require(head.status == 0, "\(head.output)")
    let revision = head.output.trimmingCharacters(in: .whitespacesAndNewlines)
    let clone = temp.appending(path: "RuvSwarm", directoryHint: .isDirectory)
    let cloned = try Self.run("git", ["clone", "--quiet", Self.repositoryRoot.absoluteString, clone.path], temporary: tmp)
    try #require(cloned.status == 0, "\(cloned.output)")

    let consumer = temp.appending(path: "Consumer")
    try files.createDirectory(at: consumer.appending(path: "Sources/Consumer"), withIntermediateDirectories: true)
    try Self.consumerManifest(clone: clone, revision: revision)
      .write(to: consumer.appending(path: "Package.swift"), atomically: true, encoding: .utf8)
    try Self.consumerMain.write(to: consumer.appending(path: "Sources/Consumer/main.swift"), atomically: true, encoding: .utf8)

    // Every SwiftPM state folder inside `temp` (and TMPDIR, for its lock files: see `run`).
    let scratch = temp.appending(path: "scratch")
    let isolation = [
      "--scratch-path", scratch.path,
      "--cache-path", temp.appending(path: "cache").path,
      "--config-path", temp.appending(path: "config").path,
      "--security-path", temp.appending(path: "security").path,
      "--disable-dependency-cache",
    ]
    let build = try Self.run("swift", ["build", "--package-path", consumer.path] + isolation, temporary: tmp)
    try #require(build.status == 0, "\(build.output)")
    let binPath = try Self.run(
      "swift", ["build", "--package-path", consumer.path, "--show-bin-path"] + isolation, temporary: tmp)
    let bin = URL(fileURLWithPath: binPath.output.trimmingCharacters(in: .whitespacesAndNewlines))

    let executed = try Self.run(bin.appending(path: "Consumer").path, [], temporary: tmp)
    #expect(executed.status == 0)
    #expect(executed.output == "dot: 70.0\nlength mismatch caught: true\n", "\(executed.output)")

    // What was compiled: a `<Module>.build` folder holding object files, and its interface in Modules/.
    // (SwiftPM plans every target of the graph and leaves an empty `<Module>.build` folder with only an
    // output-file map for those it does not compile: a folder alone proves nothing.)
    let built = Set(try files.contentsOfDirectory(atPath: bin.path)
      .filter { $0.hasSuffix(".build") }
      .filter { folder in
        ((try? files.contentsOfDirectory(atPath: bin.appending(path: folder).path)) ?? [])
          .contains { $0.hasSuffix(".o") }
      }
      .map { String($0.dropLast(".build".count)) })
    let interfaces = Set(((try? files.contentsOfDirectory(atPath: bin.appending(path: "Modules").path)) ?? [])
      .filter { $0.hasSuffix(".swiftmodule") }
      .map { String($0.dropLast(".swiftmodule".count)) })
    #expect(interfaces.isSubset(of: built), "module interfaces without a build folder: \(interfaces.subtracting(built).sorted())")
    let manifest = try Self.run(
      "swift", ["package", "dump-package", "--package-path", clone.path] + isolation, temporary: tmp,
      errorsToOutput: false)
    try #require(manifest.status == 0, "\(manifest.output)")
    let umbrella = try Self.targets(dumpedManifest: manifest.output)
    let needed = try Self.closure(ofProduct: "SIMDKit", in: umbrella)
    #expect(needed.contains("SIMDKit"))
    #expect(built.contains("Consumer"), "built: \(built.sorted())")
    #expect(built.contains("SIMDKit"), "built: \(built.sorted())")
    let unexpected = built.subtracting(needed).subtracting(["Consumer"])
    #expect(unexpected.isEmpty, "built beyond the consumer and SIMDKit's closure: \(unexpected.sorted())")
    let notNeeded = Set(umbrella.targets.keys).subtracting(needed)
    #expect(built.isDisjoint(with: notNeeded), "built RuvSwarm modules SIMDKit does not need: \(built.intersection(notNeeded).sorted())")
  }

  @Test func theClosureOfAProductFollowsTargetDependenciesOnly() throws {
    let json = """
      {"products": [{"name": "Neural", "targets": ["Neural"]}, {"name": "SIMDKit", "targets": ["SIMDKit"]}],
       "targets": [
         {"name": "SIMDKit", "dependencies": [{"byName": ["COpenBLAS", null]}]},
         {"name": "COpenBLAS", "dependencies": []},
         {"name": "Neural", "dependencies": [{"target": ["SIMDKit", null]}, {"product": ["Numerics", "swift-numerics", null, null]}]},
         {"name": "IntegrationTests", "dependencies": [{"byName": ["Neural", null]}]}]}
      """
    let umbrella = try Self.targets(dumpedManifest: json)
    #expect(try Self.closure(ofProduct: "SIMDKit", in: umbrella) == ["SIMDKit", "COpenBLAS"])
    #expect(try Self.closure(ofProduct: "Neural", in: umbrella) == ["Neural", "SIMDKit", "COpenBLAS"])
    #expect(throws: ManifestError.self) { try Self.closure(ofProduct: "Core", in: umbrella) }
    #expect(throws: ManifestError.self) { try Self.targets(dumpedManifest: "[]") }
  }

  /// A dumped manifest that does not have the expected shape.
  struct ManifestError: Error, CustomStringConvertible {
    var description: String
  }

  /// The targets of a package (name to the names of the targets it depends on) and its products
  /// (name to target names), from `swift package dump-package` output.
  static func targets(dumpedManifest json: String) throws -> (targets: [String: [String]], products: [String: [String]]) {
    guard let object = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any],
          let targetList = object["targets"] as? [[String: Any]],
          let productList = object["products"] as? [[String: Any]] else {
      throw ManifestError(description: "not a dumped manifest: \(json.prefix(200))")
    }
    var targets: [String: [String]] = [:]
    for target in targetList {
      guard let name = target["name"] as? String else { throw ManifestError(description: "target without a name") }
      let dependencies = (target["dependencies"] as? [[String: Any]]) ?? []
      // `byName` and `target` dependencies name a target of this package (or, for byName, possibly
      // a product of another package, which is not a RuvSwarm module); `product` dependencies are
      // other packages'.
      targets[name] = dependencies.compactMap { dependency in
        ((dependency["byName"] ?? dependency["target"]) as? [Any])?.first as? String
      }
    }
    var products: [String: [String]] = [:]
    for product in productList {
      guard let name = product["name"] as? String, let names = product["targets"] as? [String] else {
        throw ManifestError(description: "malformed product")
      }
      products[name] = names
    }
    return (targets, products)
  }

  /// The targets of this package that building `product` compiles: its targets and, transitively,
  /// the targets they depend on.
  static func closure(ofProduct product: String, in package: (targets: [String: [String]], products: [String: [String]])) throws -> Set<String> {
    guard let roots = package.products[product] else { throw ManifestError(description: "no product \(product)") }
    var result = Set<String>()
    var pending = roots
    while let name = pending.popLast() {
      guard package.targets[name] != nil, result.insert(name).inserted else { continue }
      pending.append(contentsOf: package.targets[name] ?? [])
    }
    return result
  }

  /// Runs a program found on PATH (or at a path); its output is stdout and, unless `errorsToOutput` is
  /// false (then stderr is discarded), stderr. Its TMPDIR is `temporary` (where SwiftPM puts its lock
  /// files and the driver its temporary files), so that nothing is left behind; the coverage profile
  /// variable of an enclosing `swift test --enable-code-coverage` is removed from its environment.
  static func run(
    _ program: String, _ arguments: [String], temporary: URL, errorsToOutput: Bool = true
  ) throws -> (status: Int32, output: String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = [program] + arguments
    var environment = ProcessInfo.processInfo.environment
    environment["LLVM_PROFILE_FILE"] = nil
    environment["TMPDIR"] = temporary.path
    process.environment = environment
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = errorsToOutput ? pipe : FileHandle.nullDevice
    try process.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: data, as: UTF8.self))
  }

  /// `text` as a Swift string literal.
  static func literal(_ text: String) -> String {
    "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
  }
}
