// Carries out a `BuildPlan` through an `Executor`: binds the symbolic roots and tool names to the
// machine (`Environment`), runs the lanes (concurrently when asked), publishes content-hashed
// chunks, and writes the manifest from what was published.

import Foundation

/// Where the roots and tools of a plan are on this machine.
///
/// ```swift
/// let env = Environment(roots: [.repo: "/src/ruvswarm", .out: "/src/ruvswarm/dist", …], tools: [.swiftc: "/usr/bin/swiftc", …])
/// env.resolve(SymbolicPath(.out, "manifest.json"))   // "/src/ruvswarm/dist/manifest.json"
/// ```
public struct Environment: Sendable, Equatable {
  /// Absolute path of every root.
  public var roots: [SymbolicPath.Root: String]
  /// Absolute path of every tool.
  public var tools: [Tool: String]

  /// Creates an environment.
  public init(roots: [SymbolicPath.Root: String], tools: [Tool: String]) {
    self.roots = roots
    self.tools = tools
  }

  /// The absolute path of a symbolic one.
  public func resolve(_ path: SymbolicPath) -> String {
    let base = roots[path.root] ?? path.root.rawValue
    return path.relative.isEmpty ? base : base + "/" + path.relative
  }

  /// The executable of a tool (its bare name when unbound, for `PATH` lookup by the caller).
  public func executable(_ tool: Tool) -> String { tools[tool] ?? tool.rawValue }

  /// Finds the tools on `PATH` (preferring the Swift toolchain's own `wasm-ld` and LLVM tools next to
  /// `swiftc`) and the wasm libraries in their Debian locations.
  public static func detect(repo: String, out: String, work: String, searchPath: String) -> Environment {
    let fileManager = FileManager.default
    let directories = searchPath.split(separator: ":").map(String.init)
    func find(_ name: String, preferring first: [String] = []) -> String? {
      for directory in first + directories where fileManager.isExecutableFile(atPath: directory + "/" + name) {
        return directory + "/" + name
      }
      return nil
    }
    var tools: [Tool: String] = [:]
    let swiftc = find("swiftc").map { URL(fileURLWithPath: $0).resolvingSymlinksInPath().path }
    let toolchainBin = swiftc.map { [($0 as NSString).deletingLastPathComponent] } ?? []
    for tool in Tool.allCases {
      tools[tool] = find(tool.rawValue, preferring: tool == .swiftc ? [] : toolchainBin)
    }
    let builtins = ["21", "20", "19", "18"].map { "/usr/lib/llvm-\($0)/lib/clang/\($0)/lib/wasi/libclang_rt.builtins-wasm32.a" }
      .first { fileManager.fileExists(atPath: $0) } ?? "/usr/lib/llvm-19/lib/clang/19/lib/wasi/libclang_rt.builtins-wasm32.a"
    let embedded = swiftc.map {
      URL(fileURLWithPath: $0).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("lib/swift/embedded/wasm32-unknown-none-wasm").path
    } ?? "/usr/lib/swift/embedded/wasm32-unknown-none-wasm"
    return Environment(
      roots: [
        .repo: repo, .out: out, .work: work, .wasiLibc: "/usr/lib/wasm32-wasi/libc.a", .builtins: builtins,
        .swiftEmbedded: embedded, .wasiInclude: "/usr/include/wasm32-wasi",
      ],
      tools: tools)
  }
}

/// The scheduler's shared state (guarded by its condition's lock).
private final class Board: @unchecked Sendable {
  /// Per step: 0 waiting, 1 running, 2 done.
  var state: [UInt8]
  var failures: [(index: Int, error: BuildError)] = []
  var running = 0

  init(count: Int) { state = [UInt8](repeating: 0, count: count) }
}

/// Runs plans.
///
/// ```swift
/// let builder = Builder(plan: plan, domains: ordered, options: options, environment: env, executor: SystemExecutor())
/// let manifest = try builder.run(concurrently: true)
/// ```
public final class Builder: @unchecked Sendable {
  let plan: BuildPlan
  let domains: [DomainSource]
  let options: BuildOptions
  let environment: Environment
  let executor: any Executor
  let log: @Sendable (String) -> Void
  private let lock = NSLock()
  private var published: [String: [String: Manifest.File]] = [:]
  /// The JS modules published so far, by domain and file name.
  private var publishedModules: [String: [String: Manifest.ModuleFile]] = [:]
  private var prepared: [String: String] = [:]
  private var profile: [(label: String, seconds: Double)] = []
  private var predicted: Double?

  /// After a one-worker run: every step of the lanes with the CPU seconds it took (tools and the
  /// builder itself), in plan order.
  public var cpuProfile: [(label: String, seconds: Double)] { lock.withLock { profile } }

  /// After a one-worker run: the wall time two idle cores would take (`BuildPlan.makespan` of the
  /// measured steps, plus the prepare and finish steps as measured).
  public var predictedTwoCoreSeconds: Double? { lock.withLock { predicted } }

  /// CPU seconds this process and its finished children have used.
  static func cpuSeconds() -> Double {
    #if canImport(Glibc)
    let whos = [RUSAGE_SELF.rawValue, RUSAGE_CHILDREN.rawValue]
    #else
    let whos = [RUSAGE_SELF, RUSAGE_CHILDREN]
    #endif
    var total = 0.0
    for who in whos {
      var usage = rusage()
      getrusage(who, &usage)
      total += Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
    }
    return total
  }
  private var written: Manifest?

  /// Creates a builder. `domains` are the domains the plan was made from (their specs go into the
  /// manifest); `log` receives one line per step.
  public init(
    plan: BuildPlan, domains: [DomainSource], options: BuildOptions, environment: Environment,
    executor: any Executor, log: @escaping @Sendable (String) -> Void = { _ in }
  ) {
    self.plan = plan
    self.domains = domains
    self.options = options
    self.environment = environment
    self.executor = executor
    self.log = log
  }

  /// Runs every step and returns the manifest it wrote: in plan order on one worker, or on as many
  /// workers as the machine has cores (at least two) when `concurrently`.
  public func run(concurrently: Bool) throws(BuildError) -> Manifest {
    try run(jobs: concurrently ? max(2, ProcessInfo.processInfo.activeProcessorCount) : 1)
  }

  /// Runs every step with up to `jobs` steps at a time: the prepare steps in order, then the lanes'
  /// steps as a graph (a step starts once every step making one of its inputs is done, whatever
  /// its lane), then the finish steps. After a failure no new step starts; the error of the
  /// earliest failed step (in plan order) is thrown.
  public func run(jobs: Int) throws(BuildError) -> Manifest {
    let start = Self.cpuSeconds()
    for step in plan.prepare { try perform(step, lane: "prepare") }
    var graph: [(step: BuildStep, lane: String)] = []
    for lane in plan.lanes {
      for step in lane.steps {
        if case .makeDirectory = step { try perform(step, lane: lane.name) } else { graph.append((step, lane.name)) }
      }
    }
    let lanesStart = Self.cpuSeconds()
    try runGraph(graph, jobs: max(1, jobs))
    let finishStart = Self.cpuSeconds()
    for step in plan.finish { try perform(step, lane: "finish") }
    if jobs <= 1 {
      let serial = (lanesStart - start) + (Self.cpuSeconds() - finishStart)
      let seconds = lock.withLock { profile.map(\.seconds) }
      let lanes = BuildPlan.makespan(of: graph.map(\.step), seconds: seconds, workers: 2)
      lock.withLock { predicted = serial + lanes }
    }
    if let manifest = lock.withLock({ written }) { return manifest }
    return try manifest()
  }

  func runGraph(_ graph: [(step: BuildStep, lane: String)], jobs: Int) throws(BuildError) {
    let dependencies = BuildPlan.dependencies(of: graph.map(\.step))
    // With several workers, the ready step on the longest remaining chain goes first (the Swift
    // compiles that others wait for); with one, plan order.
    let priority = jobs == 1 ? [Int](repeating: 0, count: graph.count) : BuildPlan.criticalPath(of: graph.map(\.step), dependencies: dependencies)
    let condition = NSCondition()
    let board = Board(count: graph.count)
    let worker: @Sendable (Int) -> Void = { _ in
      // Every access to the board below happens with the condition's lock held.
      condition.lock()
      while true {
        if !board.failures.isEmpty && board.running == 0 { break }
        var next: Int?
        if board.failures.isEmpty {
          for index in board.state.indices where board.state[index] == 0 && dependencies[index].allSatisfy({ board.state[$0] == 2 }) {
            if next == nil || priority[index] > priority[next!] { next = index }
          }
        }
        if let next {
          board.state[next] = 1
          board.running += 1
          condition.unlock()
          var failure: BuildError?
          let before = jobs == 1 ? Self.cpuSeconds() : 0
          do throws(BuildError) { try self.perform(graph[next].step, lane: graph[next].lane) } catch { failure = error }
          if jobs == 1 {
            let seconds = Self.cpuSeconds() - before
            let label = graph[next].step.description.prefix(60)
            self.lock.withLock { self.profile.append(("[\(graph[next].lane)] \(label)", seconds)) }
          }
          condition.lock()
          board.running -= 1
          board.state[next] = 2
          if let failure { board.failures.append((next, failure)) }
          condition.broadcast()
          continue
        }
        if board.running == 0 { break }  // nothing left that can run
        condition.wait()
      }
      condition.broadcast()
      condition.unlock()
    }
    if jobs == 1 {
      worker(0)
    } else {
      DispatchQueue.concurrentPerform(iterations: jobs, execute: worker)
    }
    if let first = board.failures.min(by: { $0.index < $1.index }) { throw first.error }
  }

  /// The absolute path of a symbolic one; `$PREPARED/<domain>/<name>/…` once its script has run.
  func resolve(_ path: SymbolicPath) throws(BuildError) -> String {
    guard path.root == .prepared else { return environment.resolve(path) }
    let parts = path.relative.split(separator: "/", maxSplits: 2).map(String.init)
    let key = parts.prefix(2).joined(separator: "/")
    guard let folder = lock.withLock({ prepared[key] }) else {
      throw BuildError("\(path) is used before its preparation ran")
    }
    return parts.count > 2 ? folder + "/" + parts[2] : folder
  }

  func perform(_ step: BuildStep, lane: String) throws(BuildError) {
    switch step {
    case .prepare(let script, let output):
      let text = String(decoding: try executor.run(executable: try resolve(script), arguments: []), as: UTF8.self)
      guard let folder = text.split(separator: "\n").last.map({ String($0).trimmingSpaces }), folder.hasPrefix("/") else {
        throw BuildError("\(script.lastComponent) printed no absolute folder as its last line")
      }
      log("[\(lane)] prepared \(output) = \(folder)")
      lock.withLock { prepared[output.relative] = folder }
    case .makeDirectory(let path):
      try executor.makeDirectory(try resolve(path))
    case .write(let path, let contents):
      try executor.write(Array(contents.utf8), to: try resolve(path))
    case .copy(let source, let destination):
      try executor.copy(try resolve(source), to: try resolve(destination))
    case .run(let tool, let arguments, let label):
      let start = Date()
      defer { log("[\(lane)] \(label) (\(String(format: "%.2f", Date().timeIntervalSince(start))) s)") }
      var resolved: [String] = []
      for argument in arguments {
        switch argument {
        case .text(let text): resolved.append(text)
        case .path(let path): resolved.append(try resolve(path))
        case .exportUndefinedSymbols(let objects):
          for symbol in try undefinedSymbols(objects) {
            resolved += ["-u", symbol, "--export-if-defined=" + symbol]
          }
        }
      }
      _ = try executor.run(executable: environment.executable(tool), arguments: resolved)
    case .checkInstructions(let path, let instructions, let present):
      let text = String(decoding: try executor.run(
        executable: environment.executable(.llvmObjdump), arguments: ["-d", try resolve(path)]), as: UTF8.self)
      let counts = instructions.map { text.components(separatedBy: $0).count - 1 }
      log("[\(lane)] \(path.lastComponent): " + zip(counts, instructions).map { "\($0) \($1)" }.joined(separator: ", "))
      for (count, instruction) in zip(counts, instructions) {
        if present && count == 0 {
          throw BuildError("\(path.lastComponent) should contain \(instruction) instructions and has none")
        }
        if !present && count > 0 {
          throw BuildError("\(path.lastComponent) should contain no \(instruction) instructions and has \(count)")
        }
      }
    case .checkLinkage(let variant, let runtimePath, let units):
      let runtime = try parse(runtimePath)
      var modules: [(chunk: String, module: WasmModule, dependencies: [String])] = []
      for unit in units { modules.append((unit.chunk, try parse(unit.path), unit.dependencies)) }
      let problems = Linkage.problems(runtime: runtime, domains: modules)
      guard problems.isEmpty else {
        throw BuildError("unresolved symbols in the \(variant.rawValue) variant:\n  " + problems.joined(separator: "\n  "))
      }
    case .publish(let chunk, _, let variant, let source):
      let bytes = try executor.read(try resolve(source))
      let hex = SHA256.hex(of: bytes)
      let file = "chunks/\(chunk).\(variant.rawValue).\(hex.prefix(12)).wasm"
      try executor.write(bytes, to: try resolve(SymbolicPath(.out, file)))
      let gzip = try executor.run(executable: environment.executable(.gzip), arguments: ["-9", "-n", "-c", try resolve(source)]).count
      let brotli = try executor.run(executable: environment.executable(.brotli), arguments: ["-q", "11", "-c", try resolve(source)]).count
      let entry = Manifest.File(
        file: file, size: bytes.count, gzip: gzip, brotli: brotli, integrity: SHA256.integrity(of: bytes), sha256: hex)
      lock.withLock { published[chunk, default: [:]][variant.rawValue] = entry }
    case .publishModule(let domain, let source, let name):
      let bytes = try executor.read(try resolve(source))
      let file = "modules/\(domain)/\(name)"
      try executor.write(bytes, to: try resolve(SymbolicPath(.out, file)))
      let entry = Manifest.ModuleFile(file: file, size: bytes.count, integrity: SHA256.integrity(of: bytes), sha256: SHA256.hex(of: bytes))
      lock.withLock { publishedModules[domain, default: [:]][name] = entry }
    case .pruneChunks(let directory):
      let kept = Set(lock.withLock { published.values.flatMap { $0.values.map { ($0.file as NSString).lastPathComponent } } })
      for name in executor.listDirectory(try resolve(directory)) where name.hasSuffix(".wasm") && !kept.contains(name) {
        try executor.remove(try resolve(directory.appending(name)))
      }
    case .writeManifest(let path):
      try executor.write(Array(try manifestText().utf8), to: try resolve(path))
    }
  }

  func parse(_ path: SymbolicPath) throws(BuildError) -> WasmModule {
    do {
      return try WasmModule(parsing: try executor.read(try resolve(path)))
    } catch let error as BuildError {
      throw error
    } catch {
      throw BuildError("\(path.lastComponent): \(error)")
    }
  }

  func undefinedSymbols(_ objects: [SymbolicPath]) throws(BuildError) -> [String] {
    var symbols: Set<String> = []
    for object in objects {
      let text = String(decoding: try executor.run(
        executable: environment.executable(.llvmNm), arguments: ["--undefined-only", "-j", try resolve(object)]),
        as: UTF8.self)
      for line in text.split(separator: "\n") where !line.isEmpty && !line.hasSuffix(":") {
        let symbol = String(line)
        if !Linkage.loaderProvided.contains(symbol) { symbols.insert(symbol) }
      }
    }
    return symbols.sorted()
  }

  func manifest() throws(BuildError) -> Manifest {
    let version = String(decoding: try executor.run(executable: environment.executable(.swiftc), arguments: ["--version"]), as: UTF8.self)
    let toolchain = version.split(separator: "\n").first.map(String.init) ?? ""
    var variantFlags: [String: [String]] = [:]
    for variant in options.variants { variantFlags[variant.rawValue] = Planner.swiftFlags + Planner.variantFlags(variant) }
    var chunks: [String: Manifest.Chunk] = [:]
    let files = lock.withLock { published }
    let modules = lock.withLock { publishedModules }
    chunks[Planner.runtimeChunk] = Manifest.Chunk(
      kind: .runtime, module: nil, dependencies: [], variants: files[Planner.runtimeChunk] ?? [:], api: nil)
    for domain in domains {
      chunks[domain.spec.domain] = Manifest.Chunk(
        kind: .domain, module: domain.spec.module, dependencies: [Planner.runtimeChunk] + domain.spec.depends,
        variants: files[domain.spec.domain] ?? [:], api: Manifest.API(domain.spec), modules: modules[domain.spec.domain])
    }
    return Manifest(
      version: options.packageVersion,
      build: Manifest.BuildInfo(
        toolchain: toolchain, stackSize: options.stackSize, optimized: options.optimize, variants: variantFlags),
      chunks: chunks)
  }

  func manifestText() throws(BuildError) -> String {
    let manifest = try manifest()
    lock.withLock { written = manifest }
    do {
      return try manifest.jsonText()
    } catch {
      throw BuildError("cannot encode the manifest: \(error)")
    }
  }
}
