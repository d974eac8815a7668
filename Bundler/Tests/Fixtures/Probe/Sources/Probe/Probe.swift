// A fixture domain for the loader's tests: objects that live in the shared memory, a registry global
// that other chunks reach through the GOT, a call that traps on demand, and a call that prints.

/// What the probe domain reports.
public enum ProbeError: Error {
  case unknownHandle(handle: Int)
}

/// A running sum, created by any chunk and read by any other.
public final class Accumulator {
  public var total: Float = 0
  public var count = 0

  public init() {}

  @export(interface)
  public func add(_ values: UnsafeBufferPointer<Float>) {
    for value in values { total += value }
    count += values.count
  }
}

/// Live accumulators by integer handle.
public enum Registry {
  nonisolated(unsafe) public static var objects: [Int: Accumulator] = [:]
  nonisolated(unsafe) public static var nextHandle = 1

  @export(interface)
  public static func insert(_ object: Accumulator) -> Int {
    let handle = nextHandle
    nextHandle += 1
    objects[handle] = object
    return handle
  }

  @export(interface)
  public static func lookup(_ handle: Int) throws(ProbeError) -> Accumulator {
    guard let object = objects[handle] else { throw .unknownHandle(handle: handle) }
    return object
  }
}

/// Traps (a Swift runtime failure: a negative value converted to UInt) when `value` is negative.
public func identityTrappingOnNegative(_ value: Int) -> Int {
  Int(UInt(value))
}

/// Prints one line through the runtime's putchar shim.
public func greet(_ value: Int) -> Int {
  print("probe says hello \(value)")
  return value
}
