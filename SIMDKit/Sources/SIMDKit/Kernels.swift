/// The three faces of every SIMDKit kernel.
///
/// - ``Kernels``: the entry points users call. Each one validates its arguments (throwing
///   ``KernelError``) and then dispatches to one implementation, chosen by ``KernelPath/active``.
/// - ``ReferenceKernels``: plain scalar loops, always compiled, the oracle every test compares against.
/// - ``SIMDKernels``: the fast paths, written with Swift SIMD types so they lower to SSE/AVX natively
///   and to simd128 (`f32x4`) on wasm32.
///
/// ```swift
/// let x: [Float] = [1, 2, 3, 4]
/// let fast = try Kernels.dot(x, x)            // dispatched
/// let slow = try ReferenceKernels.dot(x, x)   // always the scalar loop
/// // fast == slow == 30
/// ```
public enum Kernels {}

/// Scalar reference implementations: the test oracle for every fast path. Always compiled.
public enum ReferenceKernels {}

/// Vectorised implementations over Swift SIMD types.
public enum SIMDKernels {}

/// Which implementation ``Kernels`` runs.
public enum KernelPath: Sendable, Equatable {
  /// ``ReferenceKernels``: scalar loops.
  case reference
  /// ``SIMDKernels``: Swift SIMD types.
  case simd

  /// The path this build dispatches to. Decided at compile time: building with
  /// `-D SIMDKIT_SCALAR` (the scalar wasm variant) selects ``reference``; every other build ``simd``.
  public static let active: KernelPath = {
    #if SIMDKIT_SCALAR
    return .reference
    #else
    return .simd
    #endif
  }()
}

/// Whether a matrix operand is used as stored or transposed.
public enum Transpose: Sendable, Equatable {
  case none
  case transpose
}
