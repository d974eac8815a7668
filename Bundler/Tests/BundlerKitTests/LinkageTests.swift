import Testing
@testable import BundlerKit

@Suite struct LinkageTests {
  let runtime = try! WasmModule(parsing: WasmWriter.module(
    imports: [("ruvswarm", "putchar", .function)], exports: [("malloc", .function), ("swift_retain", .function)]))

  func side(_ imports: [(String, String, WasmModule.Kind)], exports: [String] = []) -> WasmModule {
    try! WasmModule(parsing: WasmWriter.module(imports: imports, exports: exports.map { ($0, .function) }, dylink: (0, [])))
  }

  @Test func resolvedThroughRuntimeDependenciesAndSelf() {
    let a = side([("env", "memory", .memory), ("env", "malloc", .function)], exports: ["a_f", "shared"])
    let b = side([("env", "a_f", .function), ("GOT.mem", "own", .global), ("GOT.func", "c_g", .global)], exports: ["own"])
    let c = side([("env", "shared", .function)], exports: ["c_g"])
    let problems = Linkage.problems(runtime: runtime, domains: [("a", a, []), ("c", c, ["a"]), ("b", b, ["c", "c"])])
    #expect(problems.isEmpty)
  }

  @Test func reportsEveryProblem() {
    let wasi = try! WasmModule(parsing: WasmWriter.module(imports: [("wasi_snapshot_preview1", "fd_write", .function)]))
    let bad = side([("env", "nothing", .function), ("GOT.mem", "nodata", .global), ("js", "alert", .function)])
    let problems = Linkage.problems(runtime: wasi, domains: [("bad", bad, ["ghost"])])
    #expect(problems == [
      "runtime imports wasi_snapshot_preview1.fd_write, which no loader provides",
      "bad imports nothing, which neither the runtime nor its dependencies export",
      "bad needs the address of nodata (GOT.mem), which no chunk defines",
      "bad imports from module 'js' (alert); domain chunks import only env and GOT",
    ])
  }
}
