// The build-time linkage check: every import of every domain chunk must be satisfiable by the loader
// at run time, so that an unresolved symbol is a build failure here and not a surprise in a browser.
//
// The rules are the loader's (Bundler/JS/loader.js): `env.memory`, `env.__indirect_function_table`,
// `env.__stack_pointer`, `env.__memory_base` and `env.__table_base` come from the loader; every other
// `env.*`, `GOT.mem.*` and `GOT.func.*` import binds to the first definition among the runtime, the
// chunk's dependencies (transitively) and the chunk itself. The runtime may import only the loader's
// JS shims (module `ruvswarm`): no WASI.

/// Checks chunk linkage.
///
/// ```swift
/// let problems = Linkage.problems(runtime: runtime, domains: [("simdkit", simdkit, [])])
/// // [] when every import resolves
/// ```
public enum Linkage {
  /// `env` imports the loader itself supplies.
  public static let loaderProvided: Set<String> = [
    "memory", "__indirect_function_table", "__stack_pointer", "__memory_base", "__table_base",
  ]

  /// The name a runtime export binds to: the allocator is linked with `--wrap`, so `malloc` is
  /// exported as `__wrap_malloc`, which the loader binds as `malloc`.
  public static func boundName(_ export: String) -> String {
    export.hasPrefix("__wrap_") ? String(export.dropFirst(7)) : export
  }

  /// The JS functions the loader gives the runtime (module `ruvswarm`).
  public static let runtimeShims: Set<String> = ["putchar", "random_fill"]

  /// Every problem found, one sentence each, in chunk order.
  /// - Complexity: O(total imports + total exports).
  public static func problems(runtime: WasmModule, domains: [(chunk: String, module: WasmModule, dependencies: [String])]) -> [String] {
    var problems: [String] = []
    for entry in runtime.imports where entry.module != "ruvswarm" || !runtimeShims.contains(entry.name) {
      problems.append("runtime imports \(entry.module).\(entry.name), which no loader provides")
    }
    var exportsByChunk: [String: Set<String>] = [:]
    var dependenciesByChunk: [String: [String]] = [:]
    for domain in domains {
      exportsByChunk[domain.chunk] = Set(domain.module.exports.map(\.name))
      dependenciesByChunk[domain.chunk] = domain.dependencies
    }
    let runtimeExports = Set(runtime.exports.map { boundName($0.name) })
    for domain in domains {
      var available = runtimeExports.union(exportsByChunk[domain.chunk] ?? [])
      var pending = domain.dependencies
      var seen: Set<String> = []
      while let next = pending.popLast() {
        guard seen.insert(next).inserted else { continue }
        available.formUnion(exportsByChunk[next] ?? [])
        pending += dependenciesByChunk[next] ?? []
      }
      for entry in domain.module.imports {
        switch entry.module {
        case "env":
          if loaderProvided.contains(entry.name) || available.contains(entry.name) { continue }
          problems.append("\(domain.chunk) imports \(entry.name), which neither the runtime nor its dependencies export")
        case "GOT.mem", "GOT.func":
          if available.contains(entry.name) { continue }
          problems.append("\(domain.chunk) needs the address of \(entry.name) (\(entry.module)), which no chunk defines")
        default:
          problems.append("\(domain.chunk) imports from module '\(entry.module)' (\(entry.name)); domain chunks import only env and GOT")
        }
      }
    }
    return problems
  }
}
