// The build plan as data.
//
// `Planner` turns the discovered domains into a `BuildPlan`; nothing in it touches the disk. The
// plan's paths are symbolic (`$REPO/…`, `$WORK/…`, `$OUT/…`, `$WASI_LIBC`, `$BUILTINS`) and its tools
// are names, so `BuildPlan.description` is a stable text that the snapshot tests pin. `Builder`
// carries a plan out through an `Executor`, which binds the roots and tools to the machine.
//
// Shape: `prepare` steps, then the lanes: `shared` (what both variants use: the runtime's object and
// the non-numeric domains, compiled once) and one per variant (simd128, scalar), then `finish` steps
// (loader, declarations, package.json, manifest). The lanes' steps form a graph through the files
// they read and write (`BuildPlan.dependencies`): the builder runs every step whose inputs are made
// as soon as a worker is free, across lanes.

/// A path relative to one of the build's roots.
///
/// ```swift
/// let object = SymbolicPath(.work, "simd/SIMDKit.o")
/// // object.description == "$WORK/simd/SIMDKit.o"
/// ```
public struct SymbolicPath: Hashable, Sendable, CustomStringConvertible, Comparable {
  /// The roots a path can be relative to.
  public enum Root: String, Sendable, CaseIterable {
    /// The repository (domain sources, declarations, Bundler/JS, Bundler/Runtime).
    case repo = "$REPO"
    /// The scratch directory for objects and unoptimised modules.
    case work = "$WORK"
    /// The output folder (`dist/`).
    case out = "$OUT"
    /// wasi-libc's `libc.a`.
    case wasiLibc = "$WASI_LIBC"
    /// compiler-rt's wasm32 builtins archive.
    case builtins = "$BUILTINS"
    /// The Embedded Swift libraries for wasm32 in the toolchain (`libswiftUnicodeDataTables.a`).
    case swiftEmbedded = "$SWIFT_EMBEDDED"
    /// wasi-libc's headers (for domains' C files and the C modules their Swift imports).
    case wasiInclude = "$WASI_INCLUDE"
    /// The output folders of domains' preparation scripts: `$PREPARED/<domain>/<name>/…`, bound
    /// when the script has run.
    case prepared = "$PREPARED"
  }

  /// The root.
  public var root: Root
  /// The path below the root ("" for the root itself).
  public var relative: String

  /// Creates a path.
  public init(_ root: Root, _ relative: String = "") {
    self.root = root
    self.relative = relative
  }

  public var description: String { relative.isEmpty ? root.rawValue : root.rawValue + "/" + relative }

  /// The path `name` below this one.
  public func appending(_ name: String) -> SymbolicPath {
    SymbolicPath(root, relative.isEmpty ? name : relative + "/" + name)
  }

  /// The path with `.` and `name/..` components removed (`A/../b/./c` → `b/c`).
  public var normalized: SymbolicPath {
    var parts: [Substring] = []
    for part in relative.split(separator: "/") {
      if part == "." { continue }
      if part == "..", let last = parts.last, last != ".." { parts.removeLast(); continue }
      parts.append(part)
    }
    return SymbolicPath(root, parts.joined(separator: "/"))
  }

  /// The last path component.
  public var lastComponent: String { String(relative.split(separator: "/").last ?? "") }

  public static func < (lhs: SymbolicPath, rhs: SymbolicPath) -> Bool { lhs.description < rhs.description }
}

/// The external programs a plan runs.
public enum Tool: String, Sendable, CaseIterable {
  case swiftc
  case clang
  case wasmLd = "wasm-ld"
  case wasmOpt = "wasm-opt"
  case llvmObjdump = "llvm-objdump"
  case llvmNm = "llvm-nm"
  case gzip
  case brotli
}

/// One command-line argument.
public enum Argument: Hashable, Sendable, CustomStringConvertible {
  /// Literal text.
  case text(String)
  /// A path, bound by the executor.
  case path(SymbolicPath)
  /// `-u S --export-if-defined=S` for every symbol the given objects leave undefined: how the runtime
  /// chunk exports exactly the libc and compiler-rt functions (expf, …) that some domain imports.
  case exportUndefinedSymbols(of: [SymbolicPath])

  public var description: String {
    switch self {
    case .text(let text): return text
    case .path(let path): return path.description
    case .exportUndefinedSymbols(let paths): return "@export-undefined(" + paths.map(\.description).joined(separator: " ") + ")"
    }
  }
}

/// The two builds of every chunk.
public enum Variant: String, Sendable, CaseIterable, Comparable {
  /// Compiled with `-Xcc -msimd128`: SIMD types lower to `f32x4`.
  case simd
  /// Compiled without simd128 and with `-D SIMDKIT_SCALAR`: for engines without wasm SIMD.
  case scalar

  public static func < (lhs: Variant, rhs: Variant) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// What a published chunk is.
public enum ChunkKind: String, Sendable, Codable {
  case runtime
  case domain
}

/// A domain chunk as the linkage check sees it: its module and the chunks it may import from.
public struct LinkUnit: Hashable, Sendable {
  /// The chunk (domain) name.
  public var chunk: String
  /// Its finished module.
  public var path: SymbolicPath
  /// Its direct domain dependencies (the runtime is implied).
  public var dependencies: [String]

  /// Creates a unit.
  public init(chunk: String, path: SymbolicPath, dependencies: [String]) {
    self.chunk = chunk
    self.path = path
    self.dependencies = dependencies
  }
}

/// One step of a plan.
public enum BuildStep: Hashable, Sendable, CustomStringConvertible {
  /// Create a directory (and its parents).
  case makeDirectory(SymbolicPath)
  /// Run a domain's preparation script; the last line of its output binds `output`
  /// (a `$PREPARED/<domain>/<name>` path) to a folder.
  case prepare(script: SymbolicPath, output: SymbolicPath)
  /// Write generated text.
  case write(SymbolicPath, contents: String)
  /// Copy a file.
  case copy(SymbolicPath, to: SymbolicPath)
  /// Run a tool; `label` names the step in logs.
  case run(Tool, [Argument], label: String)
  /// Disassemble a module and require that it contains every one of `instructions` (`present`), or
  /// none of them (mnemonic substrings such as `f32x4` or `i8x16`).
  case checkInstructions(SymbolicPath, instructions: [String], present: Bool)
  /// Hash and measure a finished module and copy it into `$OUT/chunks` under a content-hashed name.
  case publish(chunk: String, kind: ChunkKind, variant: Variant, from: SymbolicPath)
  /// Check that every import of every domain chunk is provided by the runtime, a dependency or itself.
  case checkLinkage(variant: Variant, runtime: SymbolicPath, domains: [LinkUnit])
  /// Remove the `.wasm` files in a directory that this build did not publish (earlier builds' chunks).
  case pruneChunks(SymbolicPath)
  /// Copy a domain's JS module (`jsmodule`) or its declarations into `$OUT/modules/<domain>/<name>`
  /// and record its size and integrity for the manifest.
  case publishModule(domain: String, from: SymbolicPath, name: String)
  /// Write `$OUT/manifest.json` from what the publish steps recorded.
  case writeManifest(SymbolicPath)

  public var description: String {
    switch self {
    case .makeDirectory(let path): return "mkdir \(path)"
    case .prepare(let script, let output): return "prepare \(output) <- \(script)"
    case .write(let path, let contents): return "write \(path) (\(contents.utf8.count) bytes, sha256 \(SHA256.hex(of: Array(contents.utf8)).prefix(12)))"
    case .copy(let from, let to): return "copy \(from) -> \(to)"
    case .run(let tool, let arguments, let label):
      return "run [\(label)] \(tool.rawValue) " + arguments.map(\.description).joined(separator: " ")
    case .checkInstructions(let path, let instructions, let present):
      return "check \(path) \(present ? "contains" : "has no") \(instructions.joined(separator: ", "))"
    case .publish(let chunk, let kind, let variant, let from):
      return "publish \(kind.rawValue) \(chunk) [\(variant.rawValue)] from \(from)"
    case .checkLinkage(let variant, let runtime, let domains):
      return "check linkage [\(variant.rawValue)] \(runtime) " + domains.map { "\($0.chunk)=\($0.path)<-[\($0.dependencies.joined(separator: ","))]" }.joined(separator: " ")
    case .pruneChunks(let path): return "prune \(path)"
    case .publishModule(let domain, let from, let name): return "publish module \(domain)/\(name) from \(from)"
    case .writeManifest(let path): return "manifest \(path)"
    }
  }
}

/// A named sequence of steps: `shared` (variant nil) or one variant's.
public struct Lane: Equatable, Sendable {
  /// `shared`, `simd` or `scalar`: the log prefix.
  public var name: String
  /// The variant, or nil for the shared lane.
  public var variant: Variant?
  /// The steps, in an order that respects their dependencies.
  public var steps: [BuildStep]

  /// Creates a lane.
  public init(name: String, variant: Variant?, steps: [BuildStep]) {
    self.name = name
    self.variant = variant
    self.steps = steps
  }
}

extension BuildStep {
  /// The files the step reads that other steps may make (a directory input stands for everything
  /// below it, such as `-I modules/SIMDKit`).
  public var inputs: [SymbolicPath] {
    switch self {
    case .run(_, let arguments, _):
      var inputs: [SymbolicPath] = []
      var skipNext = false
      for argument in arguments {
        switch argument {
        case .text(let text): skipNext = text == "-o" || text == "-emit-module-path"
        case .path(let path):
          if !skipNext { inputs.append(path) }
          skipNext = false
        case .exportUndefinedSymbols(let objects): inputs += objects
        }
      }
      return inputs
    case .checkInstructions(let path, _, _), .publish(_, _, _, let path), .publishModule(_, let path, _): return [path]
    case .checkLinkage(_, let runtime, let units): return [runtime] + units.map(\.path)
    case .copy(let source, _): return [source]
    default: return []
    }
  }

  /// The files the step makes.
  public var outputs: [SymbolicPath] {
    switch self {
    case .run(_, let arguments, _):
      var outputs: [SymbolicPath] = []
      for (index, argument) in arguments.enumerated() {
        guard index > 0, case .path(let path) = argument, case .text(let flag) = arguments[index - 1] else { continue }
        if flag == "-o" || flag == "-emit-module-path" { outputs.append(path) }
      }
      return outputs
    case .makeDirectory(let path), .write(let path, _), .copy(_, let path): return [path]
    default: return []
    }
  }
}

/// A complete build: preparation, the lanes, and the finishing steps.
public struct BuildPlan: Equatable, Sendable, CustomStringConvertible {
  /// Steps before the lanes.
  public var prepare: [BuildStep]
  /// The shared lane and one lane per variant.
  public var lanes: [Lane]
  /// Steps after every lane finished.
  public var finish: [BuildStep]

  /// Creates a plan.
  public init(prepare: [BuildStep], lanes: [Lane], finish: [BuildStep]) {
    self.prepare = prepare
    self.lanes = lanes
    self.finish = finish
  }

  public static func == (lhs: BuildPlan, rhs: BuildPlan) -> Bool { lhs.description == rhs.description }

  /// Every step, lanes in order.
  public var allSteps: [BuildStep] { prepare + lanes.flatMap(\.steps) + finish }

  /// For every step of `steps`, the indices of the earlier steps it waits for: those that make a file
  /// it reads (or something below a folder it reads).
  /// - Complexity: O(n²) in the number of steps (a few hundred at most).
  public static func dependencies(of steps: [BuildStep]) -> [[Int]] {
    let outputs = steps.map { $0.outputs.map(\.description) }
    return steps.enumerated().map { index, step in
      let inputs = step.inputs.map(\.description)
      return (0..<index).filter { earlier in
        outputs[earlier].contains { output in inputs.contains { output == $0 || output.hasPrefix($0 + "/") } }
      }
    }
  }

  /// A rough cost of a step, for scheduling: a Swift compile (whole module) dwarfs a C compile, which
  /// dwarfs a link or an optimisation; checks and publishing are cheap.
  public static func cost(of step: BuildStep) -> Int {
    guard case .run(let tool, let arguments, _) = step else { return 1 }
    switch tool {
    case .swiftc: return 20 + arguments.filter { if case .path(let p) = $0 { return p.relative.hasSuffix(".swift") } else { return false } }.count
    case .clang: return 8
    case .wasmOpt: return 4
    default: return 2
    }
  }

  /// For every step, its cost plus the costliest chain of steps that wait for it (its "bottom
  /// level"): the scheduler starts the ready step with the largest one first.
  /// - Complexity: O(n + edges).
  public static func criticalPath(of steps: [BuildStep], dependencies: [[Int]]) -> [Int] {
    var level = steps.map(cost(of:))
    for index in steps.indices.reversed() {
      for dependency in dependencies[index] { level[dependency] = max(level[dependency], cost(of: steps[dependency]) + level[index]) }
    }
    return level
  }

  /// The wall time `workers` idle cores would take for the steps, given each step's measured CPU
  /// seconds, when the steps are scheduled as the builder does (a free worker takes the ready step
  /// heading the costliest chain): an event simulation, for reporting what an idle machine gives.
  /// - Complexity: O(n² · workers) for n steps.
  public static func makespan(of steps: [BuildStep], seconds: [Double], workers: Int) -> Double {
    let dependencies = dependencies(of: steps)
    let priority = criticalPath(of: steps, dependencies: dependencies)
    var finished = [Double?](repeating: nil, count: steps.count)
    var started = [Bool](repeating: false, count: steps.count)
    var running: [(end: Double, index: Int)] = []
    var time = 0.0
    var done = 0
    while done < steps.count {
      while running.count < max(1, workers) {
        var next: Int?
        for index in steps.indices where !started[index]
          && dependencies[index].allSatisfy({ finished[$0].map { $0 <= time } ?? false })
        {
          if next == nil || priority[index] > priority[next!] { next = index }
        }
        guard let next else { break }
        started[next] = true
        running.append((time + max(0, seconds[next]), next))
      }
      guard let first = running.indices.min(by: { running[$0].end < running[$1].end }) else { break }
      let (end, index) = running.remove(at: first)
      time = end
      finished[index] = end
      done += 1
    }
    return time
  }

  /// One line per step, lanes headed by their name: the snapshot format.
  public var description: String {
    var lines = ["# prepare"] + prepare.map(\.description)
    for lane in lanes {
      lines.append("# lane \(lane.name)")
      lines += lane.steps.map(\.description)
    }
    lines.append("# finish")
    lines += finish.map(\.description)
    return lines.joined(separator: "\n") + "\n"
  }
}
