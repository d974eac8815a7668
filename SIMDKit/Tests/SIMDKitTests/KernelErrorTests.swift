import Testing
@testable import SIMDKit

@Suite("KernelError")
struct KernelErrorTests {
  @Test("equality compares case and payload")
  func equality() {
    #expect(KernelError.lengthMismatch(expected: 1, actual: 2) == .lengthMismatch(expected: 1, actual: 2))
    #expect(KernelError.lengthMismatch(expected: 1, actual: 2) != .lengthMismatch(expected: 2, actual: 1))
    #expect(KernelError.invalidDimension(name: "m", value: -1) == .invalidDimension(name: "m", value: -1))
    #expect(KernelError.invalidDimension(name: "m", value: -1) != .invalidDimension(name: "n", value: -1))
    #expect(KernelError.bufferTooSmall(name: "a", required: 4, actual: 3) == .bufferTooSmall(name: "a", required: 4, actual: 3))
    #expect(KernelError.bufferTooSmall(name: "a", required: 4, actual: 3) != .bufferTooSmall(name: "a", required: 5, actual: 3))
    #expect(KernelError.empty == .empty)
    #expect(KernelError.empty != .lengthMismatch(expected: 0, actual: 0))
  }

  @Test("argument names compare by their UTF-8 bytes")
  func nameComparison() {
    #expect(KernelError.invalidDimension(name: "lda", value: 1) != .invalidDimension(name: "ld", value: 1))
    #expect(KernelError.invalidDimension(name: "ldb", value: 1) != .invalidDimension(name: "lda", value: 1))
    let scalarA = StaticString(unicodeScalarLiteral: "a")
    let scalarB = StaticString(unicodeScalarLiteral: "b")
    #expect(KernelError.bufferTooSmall(name: scalarA, required: 1, actual: 0) == .bufferTooSmall(name: scalarA, required: 1, actual: 0))
    #expect(KernelError.bufferTooSmall(name: scalarA, required: 1, actual: 0) != .bufferTooSmall(name: scalarB, required: 1, actual: 0))
    #expect(KernelError.bufferTooSmall(name: scalarA, required: 1, actual: 0) == .bufferTooSmall(name: "a", required: 1, actual: 0))
  }
}
