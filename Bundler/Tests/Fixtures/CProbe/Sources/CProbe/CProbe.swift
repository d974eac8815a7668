// The CProbe fixture's Swift: calls the chunk's C through the CProbeC module map, with buffers that
// came from JS.
import CProbeC

/// What the CProbe domain reports.
public enum CProbeError: Error {
  case outOfRange(index: Int, count: Int)
  case outOfMemory(bytes: Int)
}

/// Thin Swift over the fixture's C functions.
public enum CProbe {
  /// `a`, a comma and `b`, joined by C.
  public static func join(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) throws(CProbeError) -> [UInt8] {
    var length = 0
    let joined = a.withMemoryRebound(to: CChar.self) { a in
      b.withMemoryRebound(to: CChar.self) { b in cp_join(a.baseAddress, a.count, b.baseAddress, b.count, &length) }
    }
    guard let joined else { throw .outOfMemory(bytes: a.count + b.count + 1) }
    defer { cp_free(joined) }
    return joined.withMemoryRebound(to: UInt8.self, capacity: length) { Array(UnsafeBufferPointer(start: $0, count: length)) }
  }

  /// C's strlen of a NUL-terminated copy of `text`.
  public static func cLength(_ text: UnsafeBufferPointer<UInt8>) throws(CProbeError) -> Int {
    let length = text.withMemoryRebound(to: CChar.self) { cp_length($0.baseAddress, $0.count) }
    guard length >= 0 else { throw .outOfMemory(bytes: text.count + 1) }
    return length
  }

  /// The `index`-th prime of the generated table.
  public static func prime(_ index: Int) throws(CProbeError) -> Int {
    let count = Int(cp_prime_count())
    guard index >= 0 && index < count else { throw .outOfRange(index: index, count: count) }
    return Int(cp_prime(Int32(index)))
  }

  /// `x`, sorted ascending by the runtime's qsort.
  public static func sorted(_ x: UnsafeBufferPointer<Double>, into result: UnsafeMutableBufferPointer<Double>) {
    let count = min(x.count, result.count)
    for i in 0..<count { result[i] = x[i] }
    cp_sort(result.baseAddress, count)
  }

  /// `factor · x`, by C.
  public static func scale(_ factor: Float, _ x: UnsafeBufferPointer<Float>, into result: UnsafeMutableBufferPointer<Float>) {
    cp_scale(factor, x.baseAddress, result.baseAddress, min(x.count, result.count))
  }
}
