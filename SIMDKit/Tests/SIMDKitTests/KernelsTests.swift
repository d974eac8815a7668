import Testing
@testable import SIMDKit

@Suite("Kernels and KernelPath")
struct KernelsTests {
  @Test("a native build without -D SIMDKIT_SCALAR dispatches to the SIMD path")
  func activePath() {
    #if SIMDKIT_SCALAR
    #expect(KernelPath.active == .reference)
    #else
    #expect(KernelPath.active == .simd)
    #endif
    #expect(KernelPath.reference != KernelPath.simd)
    #expect(Transpose.none != Transpose.transpose)
  }

  @Test("the fast paths are as wide as the platform's vector registers")
  func widths() {
    #if arch(wasm32)
    #expect(FloatVector.scalarCount == 4 && DoubleVector.scalarCount == 2)
    #else
    #expect(FloatVector.scalarCount == 8 && DoubleVector.scalarCount == 4)
    #endif
  }
}
