// Shared by the Bundler's notebooks (README.md and BundlerKit.docc/NN-*.md): a small declaration
// and an executor that records what a build would do, so the notebooks can run a whole build.
import BundlerKit
import Foundation

/// The declaration the notebooks use: a tiny domain with one function of each shape.
let demoDeclaration = """
  # A demo domain.
  domain demo
  module Demo

  error DemoError
  case 1 tooShort(needed: int, got: int) "needs {needed} elements, got {got}"

  function scale(factor: f32, x: f32[]) -> f32[x.length]
    /// factor·x, elementwise.
    swift: Demo.scale(factor, x, into: result)

  function head(x: f32[]) -> f32
    /// The first element.
    swift: try Demo.head(x)
  """

/// An executor that performs nothing and records every call: enough to watch a plan run.
final class RecordingExecutor: Executor, @unchecked Sendable {
  private let lock = NSLock()
  private var log: [String] = []
  /// Files the build reads (finished modules) and writes.
  var files: [String: [UInt8]] = [:]

  var calls: [String] { lock.withLock { log } }

  func run(executable: String, arguments: [String]) throws(BuildError) -> [UInt8] {
    lock.withLock { log.append(([executable] + arguments).joined(separator: " ")) }
    if arguments == ["--version"] { return Array("Swift version 6.3.1\n".utf8) }
    if executable.hasSuffix("llvm-objdump") {
      return Array((arguments.last?.contains("/simd/") == true ? "f32x4.mul\n" : "i32.add\n").utf8)
    }
    return []
  }

  func read(_ path: String) throws(BuildError) -> [UInt8] {
    guard let bytes = lock.withLock({ files[path] }) else { throw BuildError("cannot read \(path)") }
    return bytes
  }

  func write(_ bytes: [UInt8], to path: String) throws(BuildError) { lock.withLock { files[path] = bytes } }
  func makeDirectory(_ path: String) throws(BuildError) {}
  func copy(_ source: String, to destination: String) throws(BuildError) { lock.withLock { files[destination] = files[source] ?? [] } }
  func listDirectory(_ path: String) -> [String] { [] }
  func remove(_ path: String) throws(BuildError) { lock.withLock { _ = files.removeValue(forKey: path) } }
}

/// The smallest valid wasm module (header only), standing in for built chunks.
let emptyModule: [UInt8] = [0, 0x61, 0x73, 0x6d, 1, 0, 0, 0]
