import Foundation
import Testing
@testable import BundlerKit

@Suite struct PlannerTests {
  @Test func planSnapshot() throws {
    let plan = try Planner.plan(domains: try Fixtures.domains(), options: BuildOptions())
    try Fixtures.snapshot(plan.description, "plan.txt")
    #expect(plan.lanes.map(\.variant) == [nil, .simd, .scalar] && plan.lanes.map(\.name) == ["shared", "simd", "scalar"])
    #expect(!plan.description.contains("/work/") && !plan.description.contains("-Bsymbolic"))
  }

  @Test func variantsDifferOnlyInTheirFlags() throws {
    let plan = try Planner.plan(domains: try Fixtures.domains(), options: BuildOptions())
    let shared = plan.lanes[0].steps.map(\.description).joined(separator: "\n")
    let simd = plan.lanes[1].steps.map(\.description).joined(separator: "\n")
    let scalar = plan.lanes[2].steps.map(\.description).joined(separator: "\n")
    #expect(!shared.contains("msimd128") && !shared.contains("SIMDKIT_SCALAR") && !shared.contains("--enable-simd"))
    #expect(shared.contains("run [compile Probe] ") && shared.contains("run [compile runtime] "))
    #expect(shared.contains("check $WORK/shared/probe.wasm has no f32x4, v128"))
    #expect(!simd.contains("[compile Probe]") && simd.contains("publish domain probe [simd] from $WORK/shared/probe.wasm"))
    #expect(simd.contains("$WORK/shared/probe.linked.wasm $WORK/simd/simdkit.linked.wasm"))
    #expect(simd.contains("-Xcc -msimd128") && !simd.contains("SIMDKIT_SCALAR"))
    #expect(scalar.contains("-D SIMDKIT_SCALAR") && !scalar.contains("msimd128") && !scalar.contains("--enable-simd"))
    #expect(simd.contains("check $WORK/simd/simdkit.wasm contains f32x4"))
    #expect(scalar.contains("check $WORK/scalar/simdkit.wasm has no f32x4, v128, i8x16, i16x8, i32x4, i64x2, f64x2"))
    #expect(scalar.contains("check $WORK/scalar/runtime.wasm has no f32x4, v128"))
  }

  @Test func nonNumericDomainsAndTheirClientsAreSharedUnlessTheyNeedANumericOne() throws {
    let ordered = try Planner.dependencyOrder(try Fixtures.domains())
    #expect(Planner.sharedDomains(ordered) == ["probe"])
    let core = domain("core")
    let journal = domain("journal", depends: ["core"])
    #expect(Planner.sharedDomains([core, journal]) == ["core", "journal"])
  }

  @Test func stepsWaitForTheStepsMakingTheirInputs() throws {
    let plan = try Planner.plan(domains: try Fixtures.domains(), options: BuildOptions())
    let steps = plan.lanes.flatMap(\.steps)
    let dependencies = BuildPlan.dependencies(of: steps)
    func index(_ prefix: String) -> Int { steps.firstIndex { $0.description.hasPrefix(prefix) }! }
    let simdLane = plan.lanes[0].steps.count
    func indexInSIMD(_ prefix: String) -> Int { simdLane + plan.lanes[1].steps.firstIndex { $0.description.hasPrefix(prefix) }! }
    let client = indexInSIMD("run [compile ProbeClient]")
    #expect(dependencies[client].contains(indexInSIMD("run [compile SIMDKit]")) && dependencies[client].contains(index("run [compile Probe]")))
    #expect(!dependencies[client].contains(indexInSIMD("run [compile CProbe]")))
    let link = indexInSIMD("run [link probeclient]")
    #expect(dependencies[link].contains(index("run [link probe]")) && dependencies[link].contains(client))
    let runtime = indexInSIMD("run [link runtime]")
    #expect(dependencies[runtime].contains(index("run [compile runtime]")) && dependencies[runtime].contains(indexInSIMD("run [compile cprobe cprobe.c]")))
    #expect(dependencies[index("run [compile Probe]")].isEmpty)
    let levels = BuildPlan.criticalPath(of: steps, dependencies: dependencies)
    #expect(levels[indexInSIMD("run [compile SIMDKit]")] > levels[indexInSIMD("run [compile cprobe primes.c]")])
    #expect(BuildPlan.cost(of: .makeDirectory(SymbolicPath(.out))) == 1)
    #expect(BuildStep.copy(SymbolicPath(.repo, "a"), to: SymbolicPath(.out, "b")).inputs == [SymbolicPath(.repo, "a")])
    #expect(BuildStep.write(SymbolicPath(.out, "b"), contents: "").outputs == [SymbolicPath(.out, "b")] && BuildStep.pruneChunks(SymbolicPath(.out)).inputs.isEmpty)
  }

  @Test func dependencyOrderPutsProvidersFirst() throws {
    let ordered = try Planner.dependencyOrder(try Fixtures.domains()).map(\.spec.domain)
    #expect(ordered == ["cprobe", "probe", "simdkit", "probeclient"])
  }

  @Test func unoptimisedBuildsCopyAndOneVariantIsEnough() throws {
    let plan = try Planner.plan(domains: [], options: BuildOptions(variants: [.scalar], optimize: false))
    #expect(plan.lanes.count == 2)
    #expect(plan.description.contains("copy $WORK/scalar/runtime.linked.wasm -> $WORK/scalar/runtime.wasm"))
    #expect(!plan.description.contains("@export-undefined"))
  }

  func domain(_ name: String, depends: [String] = []) -> DomainSource {
    DomainSource(spec: APISpec(domain: name, module: name.uppercased(), depends: depends), declarationPath: "\(name).jsapi", sourceFiles: [])
  }

  @Test func planningErrors() {
    #expect(throws: PlanError(message: "no variants to build")) {
      try Planner.plan(domains: [], options: BuildOptions(variants: []))
    }
    #expect(throws: PlanError(message: "'runtime' is reserved for the runtime chunk")) {
      try Planner.dependencyOrder([domain("runtime")])
    }
    #expect(throws: PlanError(message: "domain 'a' is declared twice")) {
      try Planner.dependencyOrder([domain("a"), domain("a")])
    }
    #expect(throws: PlanError(message: "domain 'a' depends on unknown domain 'z'")) {
      try Planner.dependencyOrder([domain("a", depends: ["z"])])
    }
    #expect(throws: PlanError(message: "dependency cycle through 'a'")) {
      try Planner.dependencyOrder([domain("a", depends: ["b"]), domain("b", depends: ["a"])])
    }
    #expect(PlanError(message: "x").description == "x")
  }

  @Test func cSourcesArePreparedCompiledPerVariantAndLinkedIntoTheChunk() throws {
    let plan = try Planner.plan(domains: try Fixtures.domains(), options: BuildOptions())
    let text = plan.description
    #expect(plan.prepare.contains(.prepare(
      script: SymbolicPath(.repo, "Bundler/Tests/Fixtures/CProbe/prepare-table.sh"), output: SymbolicPath(.prepared, "cprobe/generated"))))
    #expect(text.contains("run [compile cprobe cprobe.c] clang --target=wasm32-unknown-wasi -fPIC -fvisibility=hidden -Os -msimd128 -isystem $WASI_INCLUDE -I $REPO/Bundler/Tests/Fixtures/CProbe/C/include -DCPROBE_SEPARATOR=44 -O2 -c $REPO/Bundler/Tests/Fixtures/CProbe/C/cprobe.c -o $WORK/simd/c/cprobe/0-cprobe.o"))
    #expect(text.contains("run [compile cprobe primes.c] clang --target=wasm32-unknown-wasi -fPIC -fvisibility=hidden -Os -isystem $WASI_INCLUDE"))
    #expect(text.contains("-Xcc -isystem -Xcc $WASI_INCLUDE -I $REPO/Bundler/Tests/Fixtures/CProbe/C/include -module-name CProbe"))
    #expect(text.contains("@export-undefined($WORK/scalar/CProbe.o $WORK/scalar/c/cprobe/0-cprobe.o $WORK/scalar/c/cprobe/1-primes.o"))
    let domain = try Fixtures.domains()[3]
    #expect(domain.folder == "Bundler/Tests/Fixtures/CProbe")
    #expect(domain.cPath("$generated") == SymbolicPath(.prepared, "cprobe/generated"))
    #expect(domain.cPath("$generated/./x/../primes.c") == SymbolicPath(.prepared, "cprobe/generated/primes.c"))
    #expect(domain.cPath("../Shared/a.c") == SymbolicPath(.repo, "Bundler/Tests/Fixtures/Shared/a.c"))
    #expect(SymbolicPath(.repo, "../../a").normalized.relative == "../../a")
    #expect(DomainSource(spec: domain.spec, declarationPath: "X.jsapi", sourceFiles: []).folder == ".")
  }

  @Test func packageJSONHasAnExportsMap() throws {
    let text = Planner.packageJSON(version: "1.2.3")
    #expect(text.contains("\"version\": \"1.2.3\""))
    #expect(text.contains("\"exports\": {") && text.contains("\"default\": \"./loader.js\""))
    #expect(!text.contains("modules"))
    let object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    #expect((object["exports"] as? [String: Any])?.count == 4)
  }

  /// A domain with JS modules (one typed, one not) over the fixtures.
  static func withModules() throws -> [DomainSource] {
    var domains = try Fixtures.domains()
    let index = try #require(domains.firstIndex { $0.spec.domain == "probe" })
    domains[index].spec.jsModules = ["JS/store.mjs", "JS/helpers.js"]
    domains[index].typedModules = ["JS/store.mjs"]
    return domains
  }

  @Test func jsModulesAreCopiedAndExported() throws {
    let domains = try Self.withModules()
    let probe = try #require(domains.first { $0.spec.domain == "probe" })
    #expect(probe.modulePath("JS/store.mjs").description == "$REPO/Bundler/Tests/Fixtures/Probe/JS/store.mjs")
    let plan = try Planner.plan(domains: domains, options: BuildOptions())
    let finish = plan.finish.map(\.description)
    #expect(finish.contains("mkdir $OUT/modules/probe"))
    #expect(finish.contains("publish module probe/store.mjs from $REPO/Bundler/Tests/Fixtures/Probe/JS/store.mjs"))
    #expect(finish.contains("publish module probe/store.d.mts from $REPO/Bundler/Tests/Fixtures/Probe/JS/store.d.mts"))
    #expect(finish.contains("publish module probe/helpers.js from $REPO/Bundler/Tests/Fixtures/Probe/JS/helpers.js"))
    #expect(!finish.contains { $0.contains("helpers.d.ts") } && finish.last == "manifest $OUT/manifest.json")
    #expect(plan.finish.first { $0.description.contains("store.mjs") }?.inputs.map(\.description) == ["$REPO/Bundler/Tests/Fixtures/Probe/JS/store.mjs"])
    let text = Planner.packageJSON(version: BuildOptions().packageVersion, domains: domains)
    let object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    let exports = try #require(object["exports"] as? [String: Any])
    #expect(exports["./probe/store.mjs"] as? [String: String] == ["types": "./modules/probe/store.d.mts", "default": "./modules/probe/store.mjs"])
    #expect(exports["./probe/helpers.js"] as? [String: String] == ["default": "./modules/probe/helpers.js"])
    #expect((object["files"] as? [String])?.last == "modules/")
    let written = plan.finish.compactMap { step -> String? in
      if case .write(let path, let contents) = step, path.lastComponent == "package.json" { return contents }
      return nil
    }
    #expect(written == [text])
  }
}
