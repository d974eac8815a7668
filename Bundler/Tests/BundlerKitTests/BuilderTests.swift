import Foundation
import Testing
@testable import BundlerKit

@Suite struct BuilderTests {
  static let environment = Environment(
    roots: [.repo: "/R", .out: "/O", .work: "/W", .wasiLibc: "/L/libc.a", .builtins: "/L/rt.a", .swiftEmbedded: "/E"],
    tools: Dictionary(uniqueKeysWithValues: Tool.allCases.map { ($0, "/bin/\($0.rawValue)") }))

  static let runtime = WasmWriter.module(
    imports: [("ruvswarm", "putchar", .function)],
    exports: [("memory", .memory), ("malloc", .function), ("free", .function), ("swift_retain", .function)])

  static func side(imports: [(String, String, WasmModule.Kind)], exports: [String]) -> [UInt8] {
    WasmWriter.module(
      imports: [("env", "memory", .memory), ("env", "__memory_base", .global)] + imports,
      exports: exports.map { ($0, .function) }, dylink: (64, []))
  }

  /// A fake whose modules link: probeclient uses probe's and simdkit's exports.
  static func executor(simdInstructions: Bool = true, scalarInstructions: Bool = false) -> FakeExecutor {
    let fake = FakeExecutor()
    for variant in ["simd", "scalar"] {
      fake.files["/W/\(variant)/runtime.wasm"] = runtime
      fake.files["/W/\(variant)/simdkit.wasm"] = side(imports: [("env", "swift_retain", .function)], exports: ["simdkit_dot", "sum"])
      fake.files["/W/shared/probe.wasm"] = side(imports: [("GOT.mem", "registry", .global)], exports: ["registry", "probe_create"])
      fake.files["/W/\(variant)/cprobe.wasm"] = side(imports: [("env", "malloc", .function)], exports: ["cprobe_join"])
      fake.files["/W/\(variant)/probeclient.wasm"] = side(imports: [("env", "sum", .function), ("GOT.func", "probe_create", .global)], exports: ["probeclient_make"])
    }
    fake.files["/R/Bundler/JS/loader.js"] = Array("export {}\n".utf8)
    fake.stdout = { executable, arguments in
      switch executable {
      case "/bin/llvm-nm": return Array("expf\n__stack_pointer\n\nobject.o:\nswift_retain\n".utf8)
      case "/bin/llvm-objdump":
        let path = arguments.last ?? ""
        let has = path.contains("/simd/") ? simdInstructions && (path.hasSuffix("simdkit.wasm") || path.hasSuffix("cprobe.wasm")) : scalarInstructions
        return Array((has ? "f32x4.add\nf32x4.mul\n" : "i32.add\n").utf8)
      case "/bin/gzip": return [UInt8](repeating: 0, count: 40)
      case "/bin/brotli": return [UInt8](repeating: 0, count: 30)
      case "/R/Bundler/Tests/Fixtures/CProbe/prepare-table.sh": return Array("checking\n/P/generated\n".utf8)
      case "/bin/swiftc" where arguments == ["--version"]: return Array("Swift version 6.3.1 (fake)\nTarget: x86_64\n".utf8)
      default: return []
      }
    }
    return fake
  }

  func build(_ fake: FakeExecutor, concurrently: Bool = false, options: BuildOptions = BuildOptions()) throws -> Manifest {
    let domains = try Planner.dependencyOrder(try Fixtures.domains())
    let plan = try Planner.plan(domains: domains, options: options)
    let lines = LockedBox<[String]>([])
    let builder = Builder(plan: plan, domains: domains, options: options, environment: Self.environment, executor: fake,
                          log: { line in lines.value = lines.value + [line] })
    let manifest = try builder.run(concurrently: concurrently)
    #expect(lines.value.contains("[simd] simdkit.wasm: 2 f32x4") && lines.value.contains { $0.hasPrefix("[simd] compile SIMDKit (") })
    return manifest
  }

  @Test func buildsWithAFakeAndWritesTheManifest() throws {
    let fake = Self.executor()
    let manifest = try build(fake)
    #expect(manifest.chunks.keys.sorted() == ["cprobe", "probe", "probeclient", "runtime", "simdkit"])
    #expect(fake.calls.contains { $0.hasPrefix("run /bin/clang --target=wasm32-unknown-wasi") && $0.contains("-c /P/generated/primes.c -o /W/simd/c/cprobe/1-primes.o") })
    #expect(fake.calls.contains { $0.hasPrefix("run /bin/wasm-ld --experimental-pic") && $0.contains("/W/simd/CProbe.o /W/simd/c/cprobe/0-cprobe.o /W/simd/c/cprobe/1-primes.o") })
    let file = try #require(manifest.chunks["simdkit"]?.variants["simd"])
    let bytes = Self.side(imports: [("env", "swift_retain", .function)], exports: ["simdkit_dot", "sum"])
    #expect(file.size == bytes.count && file.gzip == 40 && file.brotli == 30)
    #expect(file.integrity == SHA256.integrity(of: bytes) && file.file == "chunks/simdkit.simd.\(SHA256.hex(of: bytes).prefix(12)).wasm")
    #expect(fake.files["/O/" + file.file] == bytes)
    #expect(manifest.chunks["probeclient"]?.dependencies == ["runtime", "probe", "simdkit"])
    #expect(manifest.build.toolchain == "Swift version 6.3.1 (fake)")
    let written = try #require(fake.files["/O/manifest.json"])
    let text = String(decoding: written, as: UTF8.self)
    try Fixtures.snapshot(text, "manifest.json.txt")
    let decoded = try JSONDecoder().decode(Manifest.self, from: Data(written))
    #expect(decoded == manifest)
    #expect(fake.calls.contains { $0.hasPrefix("run /bin/wasm-ld") && $0.contains("-u expf --export-if-defined=expf") && !$0.contains("-u __stack_pointer") })
    #expect(fake.calls.contains("copy /R/Bundler/JS/loader.js /O/loader.js"))
    #expect(fake.files["/O/domains.d.ts"] != nil && fake.files["/O/package.json"] != nil && fake.files["/W/glue/SIMDKit+JSExports.swift"] != nil)
  }

  @Test func jsModulesArePublishedWithTheirIntegrity() throws {
    let fake = Self.executor()
    let domains = try Planner.dependencyOrder(try PlannerTests.withModules())
    let options = BuildOptions()
    let plan = try Planner.plan(domains: domains, options: options)
    let module = Array("export const x = 1;\n".utf8), types = Array("export const x: number;\n".utf8)
    fake.files["/R/Bundler/Tests/Fixtures/Probe/JS/store.mjs"] = module
    fake.files["/R/Bundler/Tests/Fixtures/Probe/JS/store.d.mts"] = types
    let builder = Builder(plan: plan, domains: domains, options: options, environment: Self.environment, executor: fake, log: { _ in })
    // helpers.js is missing: reading it fails the build.
    #expect(throws: BuildError.self) { try builder.run(concurrently: false) }
    fake.files["/R/Bundler/Tests/Fixtures/Probe/JS/helpers.js"] = module
    let manifest = try Builder(plan: plan, domains: domains, options: options, environment: Self.environment, executor: fake, log: { _ in })
      .run(concurrently: false)
    let modules = try #require(manifest.chunks["probe"]?.modules)
    #expect(modules.keys.sorted() == ["helpers.js", "store.d.mts", "store.mjs"])
    #expect(modules["store.mjs"] == Manifest.ModuleFile(
      file: "modules/probe/store.mjs", size: module.count, integrity: SHA256.integrity(of: module), sha256: SHA256.hex(of: module)))
    #expect(modules["store.d.mts"]?.sha256 == SHA256.hex(of: types))
    #expect(fake.files["/O/modules/probe/store.mjs"] == module && fake.files["/O/modules/probe/store.d.mts"] == types)
    #expect(manifest.chunks["simdkit"]?.modules == nil)
    let written = try #require(fake.files["/O/manifest.json"])
    #expect(try JSONDecoder().decode(Manifest.self, from: Data(written)) == manifest)
    #expect(String(decoding: written, as: UTF8.self).contains("\"integrity\" : \"\(SHA256.integrity(of: types))\""))
  }

  @Test func earlierBuildsChunksArePruned() throws {
    let fake = Self.executor()
    fake.files["/O/chunks/simdkit.simd.000000000000.wasm"] = [1]
    fake.files["/O/chunks/notes.txt"] = [2]
    let manifest = try build(fake)
    #expect(fake.files["/O/chunks/simdkit.simd.000000000000.wasm"] == nil && fake.files["/O/chunks/notes.txt"] == [2])
    #expect(fake.files["/O/" + manifest.chunks["simdkit"]!.variants["simd"]!.file] != nil)
  }

  @Test func oneWorkerMeasuresEveryStepAndPredictsTwoCores() throws {
    let domains = try Planner.dependencyOrder(try Fixtures.domains())
    let plan = try Planner.plan(domains: domains, options: BuildOptions())
    let builder = Builder(plan: plan, domains: domains, options: BuildOptions(), environment: Self.environment, executor: Self.executor())
    _ = try builder.run(jobs: 1)
    let lanes = plan.lanes.flatMap(\.steps).filter { if case .makeDirectory = $0 { return false } else { return true } }
    #expect(builder.cpuProfile.count == lanes.count && builder.cpuProfile.allSatisfy { $0.seconds >= 0 })
    #expect(builder.cpuProfile.first?.label.hasPrefix("[shared] run [compile Probe]") == true)
    #expect((builder.predictedTwoCoreSeconds ?? -1) >= 0)
    let parallel = Builder(plan: plan, domains: domains, options: BuildOptions(), environment: Self.environment, executor: Self.executor())
    _ = try parallel.run(jobs: 3)
    #expect(parallel.cpuProfile.isEmpty && parallel.predictedTwoCoreSeconds == nil)
  }

  @Test func lanesRunConcurrentlyToTheSameResult() throws {
    let serial = try build(Self.executor())
    let parallel = try build(Self.executor(), concurrently: true)
    #expect(serial == parallel)
  }

  @Test func aFailingToolFailsTheBuild() throws {
    let fake = Self.executor()
    fake.failing = "wasm-opt -O3"
    #expect(throws: BuildError.self) { try build(fake, concurrently: true) }
    #expect(fake.files["/O/manifest.json"] == nil)
  }

  @Test func missingSIMDInstructionsFailTheBuild() throws {
    #expect {
      try build(Self.executor(simdInstructions: false))
    } throws: { ($0 as? BuildError)?.message == "cprobe.wasm should contain f32x4 instructions and has none" }
    #expect {
      try build(Self.executor(scalarInstructions: true))
    } throws: { ($0 as? BuildError)?.message.contains("should contain no f32x4 instructions and has 2") == true }
    let vectorScalar = Self.executor()
    vectorScalar.stdout = { executable, arguments in
      executable == "/bin/llvm-objdump" && arguments.last?.contains("/scalar/") == true ? Array("i8x16.splat\n".utf8) : Self.executor().stdout(executable, arguments)
    }
    #expect {
      try build(vectorScalar)
    } throws: { ($0 as? BuildError)?.message.contains("should contain no i8x16 instructions and has 1") == true }
  }

  @Test func unresolvedImportsFailTheBuild() throws {
    let fake = Self.executor()
    fake.files["/W/simd/probeclient.wasm"] = Self.side(imports: [("env", "nowhere", .function)], exports: [])
    #expect {
      try build(fake)
    } throws: { ($0 as? BuildError)?.message.contains("probeclient imports nowhere") == true }
  }

  @Test func anUnparsableModuleFailsTheBuild() throws {
    let fake = Self.executor()
    fake.files["/W/shared/probe.wasm"] = [1, 2, 3]
    #expect {
      try build(fake)
    } throws: { ($0 as? BuildError)?.message == "probe.wasm: not a wasm module" }
    let missing = Self.executor()
    missing.files["/W/shared/probe.wasm"] = nil
    #expect {
      try build(missing)
    } throws: { ($0 as? BuildError)?.message == "cannot read /W/shared/probe.wasm" }
  }

  @Test func preparationsBindTheirFolderOrFailTheBuild() throws {
    let silent = Self.executor()
    let stdout = silent.stdout
    silent.stdout = { executable, arguments in executable.hasSuffix("prepare-table.sh") ? Array("relative/path\n".utf8) : stdout(executable, arguments) }
    #expect {
      try build(silent)
    } throws: { ($0 as? BuildError)?.message == "prepare-table.sh printed no absolute folder as its last line" }
    let builder = Builder(plan: BuildPlan(prepare: [], lanes: [], finish: []), domains: [], options: BuildOptions(), environment: Self.environment, executor: FakeExecutor())
    #expect(throws: BuildError("$PREPARED/d/x/a.c is used before its preparation ran")) { try builder.resolve(SymbolicPath(.prepared, "d/x/a.c")) }
  }

  @Test func environmentResolvesRootsAndTools() {
    let env = Self.environment
    #expect(env.resolve(SymbolicPath(.out, "a/b")) == "/O/a/b" && env.resolve(SymbolicPath(.out)) == "/O")
    #expect(env.executable(.gzip) == "/bin/gzip")
    let bare = Environment(roots: [:], tools: [:])
    #expect(bare.resolve(SymbolicPath(.work, "x")) == "$WORK/x" && bare.executable(.brotli) == "brotli")
    let detected = Environment.detect(repo: "/r", out: "/o", work: "/w", searchPath: "/nonexistent:" + (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin"))
    #expect(detected.roots[.repo] == "/r" && detected.roots[.wasiLibc] == "/usr/lib/wasm32-wasi/libc.a")
    #expect(detected.tools[.swiftc] != nil && detected.tools[.gzip] != nil)
    #expect(detected.roots[.swiftEmbedded]?.hasSuffix("lib/swift/embedded/wasm32-unknown-none-wasm") == true)
  }
}
