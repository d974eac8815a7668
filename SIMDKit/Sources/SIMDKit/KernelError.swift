/// What a kernel reports when its arguments do not describe a valid operation.
///
/// Kernels never trap on bad shapes: a caller (including JavaScript, through the wasm chunk)
/// gets one of these instead.
///
/// ```swift
/// do {
///   _ = try Kernels.dot([1, 2, 3], [1, 2])
/// } catch {
///   // error == .lengthMismatch(expected: 3, actual: 2)
/// }
/// ```
public enum KernelError: Error, Equatable, Sendable {
  /// Two operands that must have the same number of elements do not.
  case lengthMismatch(expected: Int, actual: Int)
  /// A dimension or leading dimension is negative or inconsistent (`lda < k`, say).
  case invalidDimension(name: StaticString, value: Int)
  /// A buffer is shorter than its dimensions require.
  case bufferTooSmall(name: StaticString, required: Int, actual: Int)
  /// An operation that needs at least one element got none (argmax of an empty vector).
  case empty

  public static func == (lhs: KernelError, rhs: KernelError) -> Bool {
    switch (lhs, rhs) {
    case let (.lengthMismatch(a, b), .lengthMismatch(c, d)): return a == c && b == d
    case let (.invalidDimension(n1, v1), .invalidDimension(n2, v2)):
      return sameText(n1, n2) && v1 == v2
    case let (.bufferTooSmall(n1, r1, a1), .bufferTooSmall(n2, r2, a2)):
      return sameText(n1, n2) && r1 == r2 && a1 == a2
    case (.empty, .empty): return true
    default: return false
    }
  }

  /// Compares two argument names byte for byte. (`StaticString.description` would pull the Unicode
  /// tables, ~93 KB, into every wasm chunk that uses SIMDKit.)
  private static func sameText(_ a: StaticString, _ b: StaticString) -> Bool {
    a.withUTF8Buffer { x in b.withUTF8Buffer { y in x.elementsEqual(y) } }
  }
}
