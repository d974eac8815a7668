// The side effects of a build, behind one protocol: run a tool, read, write, copy, make a directory.
// `SystemExecutor` does them for real; the tests use a fake that records calls and serves bytes.

import Foundation

/// What a build step failed with.
///
/// ```swift
/// catch let error as BuildError { print(error.description) }
/// ```
public struct BuildError: Error, Equatable, CustomStringConvertible {
  /// What failed, with the tool's output when there is one.
  public var message: String

  /// Creates an error.
  public init(_ message: String) { self.message = message }

  public var description: String { message }
}

/// Carries out the primitive operations of a build. Paths are absolute.
///
/// ```swift
/// let output = try executor.run(executable: "/usr/bin/gzip", arguments: ["-9", "-c", file])
/// ```
public protocol Executor: Sendable {
  /// Runs a program and returns its standard output; a non-zero exit is a `BuildError` carrying
  /// standard error.
  func run(executable: String, arguments: [String]) throws(BuildError) -> [UInt8]
  /// Reads a whole file.
  func read(_ path: String) throws(BuildError) -> [UInt8]
  /// Writes a whole file, replacing it.
  func write(_ bytes: [UInt8], to path: String) throws(BuildError)
  /// Creates a directory and its parents.
  func makeDirectory(_ path: String) throws(BuildError)
  /// Copies a file, replacing the destination.
  func copy(_ source: String, to destination: String) throws(BuildError)
  /// The names in a directory (empty when it does not exist).
  func listDirectory(_ path: String) -> [String]
  /// Removes a file.
  func remove(_ path: String) throws(BuildError)
}

/// The real executor.
public struct SystemExecutor: Executor {
  /// Creates one.
  public init() {}

  public func run(executable: String, arguments: [String]) throws(BuildError) -> [UInt8] {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    let output = Pipe()
    let errors = Pipe()
    process.standardOutput = output
    process.standardError = errors
    process.standardInput = FileHandle.nullDevice
    do {
      try process.run()
    } catch {
      throw BuildError("cannot run \(executable): \(error.localizedDescription)")
    }
    // Drain both pipes concurrently so that a chatty tool cannot block on a full pipe.
    let errorData = LockedBox(Data())
    let drain = Thread { errorData.value = errors.fileHandleForReading.readDataToEndOfFile() }
    drain.start()
    let data = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    while !errorData.isSet { usleep(1000) }
    guard process.terminationStatus == 0 else {
      let text = String(decoding: errorData.value, as: UTF8.self)
      throw BuildError("\((executable as NSString).lastPathComponent) failed (exit \(process.terminationStatus)):\n\(text)")
    }
    return [UInt8](data)
  }

  public func read(_ path: String) throws(BuildError) -> [UInt8] {
    guard let data = FileManager.default.contents(atPath: path) else { throw BuildError("cannot read \(path)") }
    return [UInt8](data)
  }

  public func write(_ bytes: [UInt8], to path: String) throws(BuildError) {
    do {
      try Data(bytes).write(to: URL(fileURLWithPath: path))
    } catch {
      throw BuildError("cannot write \(path): \(error.localizedDescription)")
    }
  }

  public func makeDirectory(_ path: String) throws(BuildError) {
    do {
      try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    } catch {
      throw BuildError("cannot create \(path): \(error.localizedDescription)")
    }
  }

  public func copy(_ source: String, to destination: String) throws(BuildError) {
    try write(try read(source), to: destination)
  }

  public func listDirectory(_ path: String) -> [String] {
    ((try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []).sorted()
  }

  public func remove(_ path: String) throws(BuildError) {
    do {
      try FileManager.default.removeItem(atPath: path)
    } catch {
      throw BuildError("cannot remove \(path): \(error.localizedDescription)")
    }
  }
}

/// A value set once by another thread.
final class LockedBox<Value>: @unchecked Sendable {
  private let lock = NSLock()
  private var stored: Value
  private var set = false

  init(_ value: Value) { stored = value }

  var value: Value {
    get { lock.withLock { stored } }
    set {
      lock.withLock {
        stored = newValue
        set = true
      }
    }
  }

  var isSet: Bool { lock.withLock { set } }
}
