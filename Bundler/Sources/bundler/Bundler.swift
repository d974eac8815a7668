// `bundler`: builds the wasm chunks, manifest, loader and declarations of every domain.

import ArgumentParser
import BundlerKit
import Foundation

@main
struct Bundler: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "bundler",
    abstract: "Builds RuvSwarm's domains into lazily loaded WebAssembly chunks that share one memory.",
    subcommands: [Build.self, Plan.self],
    defaultSubcommand: Build.self)
}

struct CommonOptions: ParsableArguments {
  @Option(name: .long, help: "Repository root (default: the nearest ancestor of the current directory holding Bundler/).")
  var repo: String?

  @Option(name: .long, help: "Output folder (default: <repo>/dist).")
  var out: String?

  @Option(name: .long, help: "Scratch folder for objects (default: <repo>/.build-bundler).")
  var work: String?

  @Option(name: .long, parsing: .upToNextOption, help: "Variants to build: simd, scalar (default: both).")
  var variants: [String] = Variant.allCases.map(\.rawValue)

  @Option(name: .customLong("domain"), help: "An extra domain folder, relative to the repository (repeatable; for fixtures).")
  var extraDomains: [String] = []

  @Option(name: .customLong("only"), help: "Build only this domain and its dependencies (repeatable; default: every domain).")
  var onlyDomains: [String] = []

  @Flag(name: .long, help: "Skip wasm-opt.")
  var noOptimize = false

  @Option(name: .long, help: "Shared stack size in bytes.")
  var stackSize = 1 << 20

  func resolve() throws -> (repo: String, options: BuildOptions, domains: [DomainSource]) {
    let cwd = FileManager.default.currentDirectoryPath
    guard let root = repo.map({ URL(fileURLWithPath: $0, relativeTo: URL(fileURLWithPath: cwd)).standardizedFileURL.path })
      ?? Workspace.repositoryRoot(from: cwd)
    else {
      throw ValidationError("cannot find the repository root; pass --repo")
    }
    var chosen: [Variant] = []
    for name in variants {
      guard let variant = Variant(rawValue: name) else { throw ValidationError("unknown variant '\(name)' (simd, scalar)") }
      chosen.append(variant)
    }
    let options = BuildOptions(variants: chosen, optimize: !noOptimize, stackSize: stackSize)
    let discovered = try Workspace.discover(repository: root, extraFolders: extraDomains)
    return (root, options, try Workspace.select(onlyDomains, from: discovered))
  }

  func absolute(_ path: String?, default fallback: String) -> String {
    guard let path else { return fallback }
    return URL(fileURLWithPath: path, relativeTo: URL(fileURLWithPath: FileManager.default.currentDirectoryPath)).standardizedFileURL.path
  }
}

struct Build: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Compile, link, optimise and publish every chunk, then write loader.js, .d.ts, package.json and manifest.json.")

  @OptionGroup var common: CommonOptions

  @Flag(name: .long, help: "Run one step at a time, in plan order (same as --jobs 1); measures every step's CPU time and reports the wall time two idle cores would take (with --verbose, the steps by CPU time).")
  var serial = false

  @Option(name: .long, help: "Steps run at once (default: the number of cores, at least 2).")
  var jobs: Int?

  @Flag(name: .long, help: "Print each step as it runs.")
  var verbose = false

  func run() throws {
    let start = Date()
    let (repo, options, domains) = try common.resolve()
    let out = common.absolute(common.out, default: repo + "/dist")
    let work = common.absolute(common.work, default: repo + "/.build-bundler")
    let plan = try Planner.plan(domains: domains, options: options)
    let ordered = try Planner.dependencyOrder(domains)
    let environment = Environment.detect(
      repo: repo, out: out, work: work, searchPath: ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin")
    let verbose = self.verbose
    let builder = Builder(
      plan: plan, domains: ordered, options: options, environment: environment, executor: SystemExecutor(),
      log: { line in if verbose { print(line) } })
    let workers = serial ? 1 : jobs ?? max(2, ProcessInfo.processInfo.activeProcessorCount)
    let manifest = try builder.run(jobs: workers)
    if verbose {
      for (label, seconds) in builder.cpuProfile.sorted(by: { $0.seconds > $1.seconds }) {
        print(String(format: "%7.2f s CPU  ", seconds) + label)
      }
    }
    let seconds = Date().timeIntervalSince(start)
    var usage = rusage()
    #if canImport(Glibc)
    getrusage(RUSAGE_CHILDREN.rawValue, &usage)
    #else
    getrusage(RUSAGE_CHILDREN, &usage)
    #endif
    let toolSeconds = Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
    print(Report.text(
      manifest: manifest, seconds: seconds, out: out, toolSeconds: toolSeconds,
      predictedTwoCoreSeconds: builder.predictedTwoCoreSeconds))
  }
}

struct Plan: ParsableCommand {
  static let configuration = CommandConfiguration(abstract: "Print the build plan (symbolic paths) without running it.")

  @OptionGroup var common: CommonOptions

  func run() throws {
    let (_, options, domains) = try common.resolve()
    print(try Planner.plan(domains: domains, options: options), terminator: "")
  }
}
