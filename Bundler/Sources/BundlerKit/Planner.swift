// The planner: discovered domains in, a `BuildPlan` out. Pure: no file system, no processes.
//
// Goals, in order: (1) every chunk links against exactly one memory, table, stack and runtime,
// (2) the two variants differ only in `-Xcc -msimd128` versus `-D SIMDKIT_SCALAR` (and wasm-opt's
// `--enable-simd`), (3) the plan text is stable, so a snapshot shows every flag that changed.
// The recipe is the one verified in WASM-FACTS.md: a non-PIC main module (runtime) with wasi-libc's
// allocator, compiler-rt and one exported copy of the Embedded Swift runtime; PIC side modules
// (`--experimental-pic -shared`) for the domains; never `-Bsymbolic`.

/// A domain found in the repository: its declaration files (merged into one spec) and the Swift
/// files of its module.
///
/// ```swift
/// let simdkit = DomainSource(spec: spec, declarationPath: "SIMDKit/JS/SIMDKit.jsapi",
///                            sourceFiles: ["SIMDKit/Sources/SIMDKit/Kernels.swift"])
/// ```
public struct DomainSource: Sendable, Equatable {
  /// The parsed declaration (several files' specs merged).
  public var spec: APISpec
  /// The declaration files, relative to the repository root, sorted.
  public var declarationPaths: [String]
  /// The module's Swift sources, relative to the repository root, sorted.
  public var sourceFiles: [String]

  /// Creates a domain source.
  public init(spec: APISpec, declarationPaths: [String], sourceFiles: [String]) {
    self.spec = spec
    self.declarationPaths = declarationPaths
    self.sourceFiles = sourceFiles
  }

  /// Creates a domain source declared by one file.
  public init(spec: APISpec, declarationPath: String, sourceFiles: [String]) {
    self.init(spec: spec, declarationPaths: [declarationPath], sourceFiles: sourceFiles)
  }

  /// The `jsmodule` paths that have a declaration file next to them (`x.d.mts` for `x.mjs`), found by
  /// `Workspace.discover`; their declarations are shipped too.
  public var typedModules: [String] = []

  /// The first declaration file.
  public var declarationPath: String { declarationPaths.first ?? "" }

  /// The domain folder, relative to the repository (the declaration files sit in its `JS/`).
  public var folder: String {
    let path = declarationPath
    guard let range = path.range(of: "/JS/", options: .backwards) else { return "." }
    return String(path[..<range.lowerBound])
  }

  /// Where a `jsmodule` path of the declaration (or any file next to it) is.
  public func modulePath(_ path: String) -> SymbolicPath { SymbolicPath(.repo, folder + "/" + path).normalized }

  /// Where a `csource`/`cinclude` path of the declaration is: below the domain folder, or below a
  /// preparation's output folder for `$name/…`.
  public func cPath(_ path: String) -> SymbolicPath {
    if path.hasPrefix("$") {
      let name = path.dropFirst().prefix { $0 != "/" }
      let rest = path.dropFirst(1 + name.count).drop { $0 == "/" }
      let output = SymbolicPath(.prepared, spec.domain + "/" + name)
      return rest.isEmpty ? output : output.appending(String(rest)).normalized
    }
    return SymbolicPath(.repo, folder + "/" + path).normalized
  }
}

/// Choices that shape a build.
public struct BuildOptions: Sendable, Equatable {
  /// The variants to build (both by default).
  public var variants: [Variant]
  /// Whether to run wasm-opt (otherwise the linked modules are published as they are).
  public var optimize: Bool
  /// The shared stack, in bytes.
  public var stackSize: Int
  /// The runtime chunk's Swift sources, relative to the repository root.
  public var runtimeSources: [String]
  /// The folder holding loader.js and loader.d.ts, relative to the repository root.
  public var loaderDirectory: String
  /// The `version` written to package.json.
  public var packageVersion: String

  /// The defaults `bundler build` uses.
  public init(
    variants: [Variant] = Variant.allCases, optimize: Bool = true, stackSize: Int = 1 << 20,
    runtimeSources: [String] = ["Bundler/Runtime/Runtime.swift"], loaderDirectory: String = "Bundler/JS",
    packageVersion: String = "0.1.0"
  ) {
    self.variants = variants
    self.optimize = optimize
    self.stackSize = stackSize
    self.runtimeSources = runtimeSources
    self.loaderDirectory = loaderDirectory
    self.packageVersion = packageVersion
  }
}

/// Why a set of domains cannot be planned.
public struct PlanError: Error, Equatable, CustomStringConvertible {
  /// What is wrong.
  public var message: String
  public var description: String { message }
}

/// Builds plans.
///
/// ```swift
/// let plan = try Planner.plan(domains: [simdkit], options: BuildOptions())
/// print(plan)   // "# prepare\nmkdir $OUT\n…"
/// ```
public enum Planner {
  /// The name of the runtime chunk; no domain may use it.
  public static let runtimeChunk = "runtime"

  /// Flags every C compile shares: PIC objects for a side module, symbols hidden unless a domain
  /// exports them on purpose, wasi-libc's headers (the target is `wasm32-unknown-wasi` so that they
  /// accept it; the runtime supplies the libc functions, and a chunk whose C needs a WASI system call
  /// fails the linkage check instead of importing WASI).
  public static let cFlags = ["--target=wasm32-unknown-wasi", "-fPIC", "-fvisibility=hidden", "-Os"]

  /// Flags every Embedded Swift compile shares.
  public static let swiftFlags = [
    "-target", "wasm32-unknown-none-wasm", "-enable-experimental-feature", "Embedded",
    "-enable-experimental-feature", "Extern", "-wmo", "-parse-as-library",
    "-Xfrontend", "-disable-stack-protector",
  ]

  /// The flags that make a variant.
  public static func variantFlags(_ variant: Variant) -> [String] {
    switch variant {
    case .simd: return ["-Xcc", "-msimd128"]
    case .scalar: return ["-D", "SIMDKIT_SCALAR"]
    }
  }

  /// wasm-opt's feature flags (needed because `--strip-all` drops `target_features`).
  public static func wasmOptFeatures(_ variant: Variant) -> [String] {
    (variant == .simd ? ["--enable-simd"] : []) + [
      "--enable-bulk-memory", "--enable-mutable-globals", "--enable-sign-ext",
      "--enable-nontrapping-float-to-int", "--enable-multivalue", "--enable-reference-types",
    ]
  }

  /// Mnemonic prefixes of every simd128 instruction: a scalar chunk may contain none of them, so it
  /// validates on engines without wasm SIMD.
  public static let simdMnemonics = ["f32x4", "v128", "i8x16", "i16x8", "i32x4", "i64x2", "f64x2"]

  /// The libc functions the runtime always exports (the allocator and memory primitives).
  public static let runtimeLibcExports = [
    "malloc", "free", "calloc", "realloc", "posix_memalign", "aligned_alloc",
    "memcmp", "memcpy", "memmove", "memset", "strlen",
  ]

  /// The allocator functions the runtime wraps (`--wrap`) to count heap bytes in use
  /// (Bundler/Runtime/Runtime.swift); their exports are named `__wrap_<name>`.
  public static let wrappedAllocator = ["malloc", "free", "calloc", "realloc", "posix_memalign", "aligned_alloc"]

  /// The runtime's own functions for the loader (heap statistics).
  public static let runtimeStatistics = ["ruvswarm_heap_in_use", "ruvswarm_heap_peak"]

  /// The Embedded Swift runtime entry points the runtime exports when its object defines them.
  public static let swiftRuntimeExports = [
    "swift_allocObject", "swift_initStackObject", "swift_initStaticObject", "swift_allocEmptyBox",
    "swift_deallocObject", "swift_deallocClassInstance", "swift_deallocPartialClassInstance",
    "swift_deallocUninitializedObject", "swift_setDeallocating", "swift_slowAlloc", "swift_slowDealloc",
    "swift_retain", "swift_retain_n", "swift_release", "swift_release_n", "swift_retainCount",
    "swift_bridgeObjectRetain", "swift_bridgeObjectRetain_n", "swift_bridgeObjectRelease",
    "swift_bridgeObjectRelease_n", "swift_isUniquelyReferenced_native",
    "swift_isUniquelyReferenced_nonNull_native", "swift_isEscapingClosureAtFileLocation",
    "swift_dynamicCastClass", "swift_dynamicCastClassUnconditional", "swift_once",
    "swift_beginAccess", "swift_endAccess", "swift_coroFrameAlloc", "swift_willThrow",
    "swift_errorInMain", "swift_unexpectedError", "swift_deletedMethodError", "swift_clearSensitive",
    "_swift_exceptionPersonality",
  ]

  /// Orders domains so that every dependency comes before its clients.
  /// - Complexity: O(d²) for d domains (d is small).
  public static func dependencyOrder(_ domains: [DomainSource]) throws(PlanError) -> [DomainSource] {
    var byName: [String: DomainSource] = [:]
    for domain in domains {
      let name = domain.spec.domain
      if name == runtimeChunk { throw PlanError(message: "'\(runtimeChunk)' is reserved for the runtime chunk") }
      if byName[name] != nil { throw PlanError(message: "domain '\(name)' is declared twice") }
      byName[name] = domain
    }
    var ordered: [DomainSource] = []
    var state: [String: Bool] = [:]  // false: visiting, true: done
    func visit(_ name: String, from client: String?) throws(PlanError) {
      if state[name] == true { return }
      if state[name] == false { throw PlanError(message: "dependency cycle through '\(name)'") }
      guard let domain = byName[name] else {
        throw PlanError(message: "domain '\(client ?? "")' depends on unknown domain '\(name)'")
      }
      state[name] = false
      for dependency in domain.spec.depends { try visit(dependency, from: name) }
      state[name] = true
      ordered.append(domain)
    }
    for domain in domains.sorted(by: { $0.spec.domain < $1.spec.domain }) { try visit(domain.spec.domain, from: nil) }
    return ordered
  }

  /// The whole plan.
  /// - Complexity: O(domains × sources).
  public static func plan(domains: [DomainSource], options: BuildOptions) throws(PlanError) -> BuildPlan {
    guard !options.variants.isEmpty else { throw PlanError(message: "no variants to build") }
    let ordered = try dependencyOrder(domains)
    let out = SymbolicPath(.out)
    let glue = SymbolicPath(.work, "glue")
    var prepare: [BuildStep] = [.makeDirectory(out), .makeDirectory(out.appending("chunks")), .makeDirectory(glue)]
    for domain in ordered {
      for preparation in domain.spec.preparations {
        prepare.append(.prepare(
          script: SymbolicPath(.repo, domain.folder + "/" + preparation.script).normalized,
          output: SymbolicPath(.prepared, domain.spec.domain + "/" + preparation.name)))
      }
      prepare.append(.write(
        glue.appending(domain.spec.glueFile),
        contents: GlueGenerator.swiftSource(
          for: domain.spec, declarationPaths: domain.declarationPaths,
          imports: domain.spec.depends.compactMap { name in ordered.first { $0.spec.domain == name }?.spec.module })))
    }
    let lanes = [sharedLane(domains: ordered, options: options)]
      + options.variants.map { lane(for: $0, domains: ordered, options: options) }
    let loader = SymbolicPath(.repo, options.loaderDirectory)
    var finish: [BuildStep] = [
      .copy(loader.appending("loader.js"), to: out.appending("loader.js")),
      .copy(loader.appending("loader.d.ts"), to: out.appending("loader.d.ts")),
      .write(out.appending("domains.d.ts"), contents: TypeScriptGenerator.declarations(for: ordered.map(\.spec))),
      .write(out.appending("package.json"), contents: packageJSON(version: options.packageVersion, domains: ordered)),
    ]
    for domain in ordered where !domain.spec.jsModules.isEmpty {
      finish.append(.makeDirectory(out.appending("modules/" + domain.spec.domain)))
      for module in domain.spec.jsModules {
        finish.append(.publishModule(domain: domain.spec.domain, from: domain.modulePath(module), name: APISpec.moduleName(module)))
        if domain.typedModules.contains(module) {
          let declaration = APISpec.declarationName(module)
          finish.append(.publishModule(
            domain: domain.spec.domain, from: domain.modulePath(declaration), name: APISpec.moduleName(declaration)))
        }
      }
    }
    finish += [.pruneChunks(out.appending("chunks")), .writeManifest(out.appending("manifest.json"))]
    return BuildPlan(prepare: prepare, lanes: lanes, finish: finish)
  }

  /// The domains compiled once for both variants: not numeric (no `simd required`) and depending only
  /// on such domains. Their objects have no simd128 (compiled without `-msimd128`), so they are valid
  /// in the scalar variant and link unchanged into the simd one.
  /// - Complexity: O(domains × dependencies).
  public static func sharedDomains(_ ordered: [DomainSource]) -> Set<String> {
    var shared: Set<String> = []
    for domain in ordered where !domain.spec.simdRequired && domain.spec.depends.allSatisfy({ shared.contains($0) }) {
      shared.insert(domain.spec.domain)
    }
    return shared
  }

  /// Where one variant (nil: the shared lane) keeps its objects, modules and modules.
  struct Layout {
    let shared: Set<String>
    let byName: [String: DomainSource]

    func directory(_ variant: Variant?) -> SymbolicPath { SymbolicPath(.work, variant?.rawValue ?? "shared") }

    /// The lane a domain is built in, seen from `variant`'s lane.
    func home(_ domain: String, _ variant: Variant?) -> Variant? { shared.contains(domain) ? nil : variant }

    func moduleDirectory(_ domain: DomainSource, _ variant: Variant?) -> SymbolicPath {
      directory(home(domain.spec.domain, variant)).appending("modules/" + domain.spec.module)
    }

    func object(_ domain: DomainSource, _ variant: Variant?) -> SymbolicPath {
      directory(home(domain.spec.domain, variant)).appending(domain.spec.module + ".o")
    }

    func linked(_ domain: String, _ variant: Variant?) -> SymbolicPath {
      directory(home(domain, variant)).appending(domain + ".linked.wasm")
    }

    func final(_ domain: String, _ variant: Variant?) -> SymbolicPath {
      directory(home(domain, variant)).appending(domain + ".wasm")
    }

    /// Every domain `domain` depends on, directly or not, in dependency order.
    func closure(_ domain: DomainSource) -> [DomainSource] {
      var seen: [String] = []
      func visit(_ name: String) {
        guard let dependency = byName[name], !seen.contains(name) else { return }
        for next in dependency.spec.depends { visit(next) }
        seen.append(name)
      }
      for name in domain.spec.depends { visit(name) }
      return seen.compactMap { byName[$0] }
    }

    func cObjects(_ domain: DomainSource, _ variant: Variant?) -> [SymbolicPath] {
      let directory = directory(home(domain.spec.domain, variant)).appending("c/" + domain.spec.domain)
      return domain.spec.cSources.enumerated().map { index, source in
        directory.appending("\(index)-" + domain.cPath(source).lastComponent.dropLast(2) + ".o")
      }
    }
  }

  /// Compiles one domain (its C files, then its Swift) into `variant`'s lane (nil: shared).
  static func compileSteps(_ domain: DomainSource, variant: Variant?, layout: Layout) -> [BuildStep] {
    let spec = domain.spec
    var steps: [BuildStep] = []
    if layout.byName.values.contains(where: { $0.spec.depends.contains(spec.domain) }) {
      steps.append(.makeDirectory(layout.moduleDirectory(domain, variant)))
    }
    let cObjects = layout.cObjects(domain, variant)
    if let first = cObjects.first {
      steps.append(.makeDirectory(SymbolicPath(first.root, String(first.relative.dropLast(first.lastComponent.count + 1)))))
    }
    for (source, object) in zip(spec.cSources, cObjects) {
      let path = domain.cPath(source)
      steps.append(.run(.clang, cCompile(domain, variant: variant, source: path, object: object), label: "compile \(spec.domain) \(path.lastComponent)"))
    }
    var arguments = (swiftFlags + (variant.map(variantFlags) ?? [])).map(Argument.text) + [.text("-O")]
    for dependency in layout.closure(domain) { arguments += [.text("-I"), .path(layout.moduleDirectory(dependency, variant))] }
    if spec.hasC {
      arguments += ["-Xcc", "-isystem", "-Xcc"].map(Argument.text) + [.path(SymbolicPath(.wasiInclude))]
      for include in spec.cIncludes { arguments += [.text("-I"), .path(domain.cPath(include))] }
    }
    arguments += ["-module-name", spec.module].map(Argument.text)
    // Only a domain another one imports needs its module file (serialising an Embedded module's SIL
    // is not free).
    if layout.byName.values.contains(where: { $0.spec.depends.contains(spec.domain) }) {
      arguments += ["-emit-module", "-emit-module-path"].map(Argument.text)
      arguments.append(.path(layout.moduleDirectory(domain, variant).appending(spec.module + ".swiftmodule")))
    }
    arguments.append(.text("-c"))
    arguments += domain.sourceFiles.map { .path(SymbolicPath(.repo, $0)) }
    arguments += [.path(SymbolicPath(.work, "glue/" + spec.glueFile)), .text("-o"), .path(layout.object(domain, variant))]
    steps.append(.run(.swiftc, arguments, label: "compile \(spec.module)"))
    return steps
  }

  /// Links and optimises one domain's side module in `variant`'s lane (nil: shared).
  static func linkSteps(_ domain: DomainSource, variant: Variant?, layout: Layout, options: BuildOptions) -> [BuildStep] {
    let spec = domain.spec
    var link: [Argument] = [
      "--experimental-pic", "-shared", "--no-entry", "--unresolved-symbols=import-dynamic", "--strip-all",
    ].map(Argument.text)
    link += ([layout.object(domain, variant)] + layout.cObjects(domain, variant)).map(Argument.path)
    link += spec.depends.map { .path(layout.linked($0, variant)) }
    // Only chunks that compare or normalise Strings pull members out of it (~93 KB).
    link.append(.path(SymbolicPath(.swiftEmbedded, "libswiftUnicodeDataTables.a")))
    link += [.text("-o"), .path(layout.linked(spec.domain, variant))]
    return [
      .run(.wasmLd, link, label: "link \(spec.domain)"),
      optimize(layout.linked(spec.domain, variant), to: layout.final(spec.domain, variant), level: "-O3",
               variant: variant ?? .scalar, options: options, label: spec.domain),
    ]
  }

  /// The steps done once for both variants: the runtime's object, and the shared domains compiled,
  /// linked, optimised and checked free of simd128.
  static func sharedLane(domains: [DomainSource], options: BuildOptions) -> Lane {
    let layout = Layout(shared: sharedDomains(domains), byName: Dictionary(uniqueKeysWithValues: domains.map { ($0.spec.domain, $0) }))
    let dir = layout.directory(nil)
    var steps: [BuildStep] = [.makeDirectory(dir)]
    let sharedDomains = domains.filter { layout.shared.contains($0.spec.domain) }
    // Longest first: the domains' compiles before the runtime's small one.
    for domain in sharedDomains { steps += compileSteps(domain, variant: nil, layout: layout) }
    steps.append(.run(
      .swiftc,
      swiftFlags.map(Argument.text) + ["-Osize", "-module-name", "RuvSwarmRuntime", "-c"].map(Argument.text)
        + options.runtimeSources.map { .path(SymbolicPath(.repo, $0)) } + [.text("-o"), .path(dir.appending("runtime.o"))],
      label: "compile runtime"))
    for domain in sharedDomains { steps += linkSteps(domain, variant: nil, layout: layout, options: options) }
    for domain in sharedDomains {
      steps.append(.checkInstructions(layout.final(domain.spec.domain, nil), instructions: simdMnemonics, present: false))
    }
    return Lane(name: "shared", variant: nil, steps: steps)
  }

  static func lane(for variant: Variant, domains: [DomainSource], options: BuildOptions) -> Lane {
    let layout = Layout(shared: sharedDomains(domains), byName: Dictionary(uniqueKeysWithValues: domains.map { ($0.spec.domain, $0) }))
    let dir = layout.directory(variant)
    var steps: [BuildStep] = [.makeDirectory(dir)]
    let own = domains.filter { !layout.shared.contains($0.spec.domain) }
    for domain in own { steps += compileSteps(domain, variant: variant, layout: layout) }
    let allObjects = domains.flatMap { [layout.object($0, variant)] + layout.cObjects($0, variant) }
    let runtimeLinked = dir.appending("runtime.linked.wasm")
    var runtimeLink: [Argument] = [
      "--no-entry", "--strip-all", "--stack-first", "-z", "stack-size=\(options.stackSize)",
      "--growable-table", "--export-table", "--export=__stack_pointer", "--export=__heap_base",
      "--export=__data_end",
    ].map(Argument.text)
    runtimeLink += wrappedAllocator.map { .text("--wrap=" + $0) }
    runtimeLink += (runtimeLibcExports + runtimeStatistics).map { .text("--export=" + $0) }
    runtimeLink += swiftRuntimeExports.map { .text("--export-if-defined=" + $0) }
    if !allObjects.isEmpty { runtimeLink.append(.exportUndefinedSymbols(of: allObjects)) }
    runtimeLink += [
      .path(layout.directory(nil).appending("runtime.o")), .path(SymbolicPath(.wasiLibc)), .path(SymbolicPath(.builtins)),
      .text("-o"), .path(runtimeLinked),
    ]
    steps.append(.run(.wasmLd, runtimeLink, label: "link runtime"))
    let runtimeFinal = dir.appending("runtime.wasm")
    steps.append(optimize(runtimeLinked, to: runtimeFinal, level: "-Oz", variant: variant, options: options, label: "runtime"))
    for domain in own { steps += linkSteps(domain, variant: variant, layout: layout, options: options) }
    // The proof the issue asks for: simd128 where declared, none at all in the scalar variant
    // (shared chunks were checked once, in the shared lane).
    if variant == .scalar {
      steps.append(.checkInstructions(runtimeFinal, instructions: simdMnemonics, present: false))
    }
    for domain in own {
      let final = layout.final(domain.spec.domain, variant)
      if variant == .scalar {
        steps.append(.checkInstructions(final, instructions: simdMnemonics, present: false))
      } else if domain.spec.simdRequired {
        steps.append(.checkInstructions(final, instructions: ["f32x4"], present: true))
      }
    }
    steps.append(.checkLinkage(
      variant: variant, runtime: runtimeFinal,
      domains: domains.map { LinkUnit(chunk: $0.spec.domain, path: layout.final($0.spec.domain, variant), dependencies: $0.spec.depends) }))
    steps.append(.publish(chunk: runtimeChunk, kind: .runtime, variant: variant, from: runtimeFinal))
    for domain in domains {
      steps.append(.publish(chunk: domain.spec.domain, kind: .domain, variant: variant, from: layout.final(domain.spec.domain, variant)))
    }
    return Lane(name: variant.rawValue, variant: variant, steps: steps)
  }

  /// The clang command of one C file of a domain.
  static func cCompile(_ domain: DomainSource, variant: Variant?, source: SymbolicPath, object: SymbolicPath) -> [Argument] {
    var arguments = cFlags.map(Argument.text)
    if variant == .simd { arguments.append(.text("-msimd128")) }
    arguments += [.text("-isystem"), .path(SymbolicPath(.wasiInclude))]
    for include in domain.spec.cIncludes { arguments += [.text("-I"), .path(domain.cPath(include))] }
    arguments += domain.spec.cFlags.map(Argument.text)
    return arguments + [.text("-c"), .path(source), .text("-o"), .path(object)]
  }

  static func optimize(
    _ input: SymbolicPath, to output: SymbolicPath, level: String, variant: Variant, options: BuildOptions, label: String
  ) -> BuildStep {
    guard options.optimize else { return .copy(input, to: output) }
    return .run(
      .wasmOpt,
      [.text(level)] + wasmOptFeatures(variant).map(Argument.text) + [.path(input), .text("-o"), .path(output)],
      label: "optimize \(label)")
  }

  /// package.json: the output folder as an npm-style package with an `exports` map.
  public static func packageJSON(version: String, domains: [DomainSource] = []) -> String {
    var modules = ""
    for domain in domains {
      for module in domain.spec.jsModules {
        let name = APISpec.moduleName(module), file = "./modules/\(domain.spec.domain)/\(name)"
        let types = domain.typedModules.contains(module)
          ? "\"types\": \"./modules/\(domain.spec.domain)/\(APISpec.moduleName(APISpec.declarationName(module)))\",\n      " : ""
        modules += "\n    \"./\(domain.spec.domain)/\(name)\": {\n      \(types)\"default\": \"\(file)\"\n    },"
      }
    }
    let files = domains.contains { !$0.spec.jsModules.isEmpty } ? ", \"modules/\"" : ""
    return """
    {
      "name": "ruvswarm",
      "version": "\(version)",
      "description": "RuvSwarm: Swift domains as lazily loaded WebAssembly chunks sharing one memory",
      "type": "module",
      "main": "./loader.js",
      "types": "./loader.d.ts",
      "exports": {
        ".": {
          "types": "./loader.d.ts",
          "default": "./loader.js"
        },
        "./domains": {
          "types": "./domains.d.ts"
        },\(modules)
        "./manifest.json": "./manifest.json",
        "./chunks/*": "./chunks/*"
      },
      "files": ["loader.js", "loader.d.ts", "domains.d.ts", "manifest.json", "chunks/"\(files)],
      "sideEffects": false
    }

    """
  }
}
