// The probe domain's second declaration file (ProbeData.jsapi): strings and bytes as UTF-8 buffers,
// Float64Array and Int32Array parameters, and results of a length only Swift knows. No String or
// Unicode code: bytes in, bytes out, so the chunk stays small.

/// What ProbeData's functions report. Its codes overlap ProbeError's on purpose.
public enum ProbeDataError: Error {
  case notADigit(offset: Int)
  case negativeSize(size: Int)
  case tooLarge(bytes: Int)
}

/// Buffer operations for the loader's conformance tests.
public enum ProbeData {
  /// The bytes of `text`, unchanged.
  public static func echo(_ text: UnsafeBufferPointer<UInt8>) -> [UInt8] { Array(text) }

  /// `text` with `a`…`z` upper-cased.
  public static func upperASCII(_ text: UnsafeBufferPointer<UInt8>) -> [UInt8] {
    text.map { $0 >= 97 && $0 <= 122 ? $0 - 32 : $0 }
  }

  /// The decimal number `text` spells (wrapping past Int32).
  public static func parse(_ text: UnsafeBufferPointer<UInt8>) throws(ProbeDataError) -> Int {
    var value: Int32 = 0
    for (offset, byte) in text.enumerated() {
      guard byte >= 48 && byte <= 57 else { throw .notADigit(offset: offset) }
      value = value &* 10 &+ Int32(byte - 48)
    }
    return Int(value)
  }

  /// `text` repeated `times` times, refusing results above 64 MiB.
  public static func repeated(_ text: UnsafeBufferPointer<UInt8>, _ times: Int) throws(ProbeDataError) -> [UInt8] {
    guard times >= 0 else { throw .negativeSize(size: times) }
    let (bytes, overflow) = text.count.multipliedReportingOverflow(by: times)
    guard !overflow, bytes <= 1 << 26 else { throw .tooLarge(bytes: overflow ? Int.max : bytes) }
    var out: [UInt8] = []
    out.reserveCapacity(bytes)
    for _ in 0..<times { out.append(contentsOf: text) }
    return out
  }

  /// `count` bytes 0xFF.
  public static func invalidUTF8(_ count: Int) throws(ProbeDataError) -> [UInt8] {
    guard count >= 0 else { throw .negativeSize(size: count) }
    guard count <= 1 << 26 else { throw .tooLarge(bytes: count) }
    return [UInt8](repeating: 0xFF, count: count)
  }

  /// `data`, last byte first.
  public static func reversed(_ data: UnsafeBufferPointer<UInt8>) -> [UInt8] { data.reversed() }

  /// `result[i] = factor · x[i]`.
  public static func scale(_ factor: Double, _ x: UnsafeBufferPointer<Double>, into result: UnsafeMutableBufferPointer<Double>) {
    for i in 0..<min(x.count, result.count) { result[i] = factor * x[i] }
  }

  /// `result[i] = i`; the loader allocated `count` elements (none when count is negative).
  public static func ramp(_ count: Int, into result: UnsafeMutableBufferPointer<Double>) throws(ProbeDataError) {
    guard count >= 0 else { throw .negativeSize(size: count) }
    for i in 0..<min(count, result.count) { result[i] = Double(i) }
  }

  /// `result[i] = x[i]²`, wrapping.
  public static func squares(_ x: UnsafeBufferPointer<Int32>, into result: UnsafeMutableBufferPointer<Int32>) {
    for i in 0..<min(x.count, result.count) { result[i] = x[i] &* x[i] }
  }

  /// The positive elements of `x`.
  public static func positives(_ x: UnsafeBufferPointer<Double>) -> [Double] { x.filter { $0 > 0 } }

  /// Running sums, wrapping.
  public static func cumulative(_ x: UnsafeBufferPointer<Int32>) -> [Int32] {
    var total: Int32 = 0
    return x.map { total = total &+ $0; return total }
  }

  /// `x ← −x`.
  public static func negate(_ x: UnsafeMutableBufferPointer<Double>) {
    for i in x.indices { x[i] = -x[i] }
  }

  /// `x ← x + 1`, wrapping.
  public static func increment(_ x: UnsafeMutableBufferPointer<Int32>) {
    for i in x.indices { x[i] = x[i] &+ 1 }
  }

  /// The exact sum of `x` (at most 2³¹ elements of magnitude < 2³¹ fit a double's 53 bits).
  public static func sum(_ x: UnsafeBufferPointer<Int32>) -> Double {
    var total: Int64 = 0
    for value in x { total += Int64(value) }
    return Double(total)
  }
}
