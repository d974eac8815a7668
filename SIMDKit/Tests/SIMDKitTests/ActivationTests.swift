import Testing
@testable import SIMDKit

@Suite("Activations, entry points")
struct ActivationTests {
  @Test("FANN numbering")
  func numbering() {
    #expect(ActivationFunction(rawValue: 3) == .sigmoid)
    #expect(ActivationFunction(rawValue: 5) == .sigmoidSymmetric)
    #expect(ActivationFunction(rawValue: 19) == .leakyReLU)
    #expect(ActivationFunction(rawValue: 4) == .sigmoidStepwise)
    #expect(ActivationFunction(rawValue: 9) == nil)  // GAUSSIAN_STEPWISE is not provided
    #expect(ActivationFunction.allCases.count == 19)
  }

  @Test("array and buffer forms agree with the active path", arguments: ActivationFunction.allCases)
  func forms(f: ActivationFunction) throws {
    let x = Fixtures.uniform(21, in: -3...3, seed: 101)
    let y = try Kernels.activate(f, steepness: 0.7, x)
    var yb = [Float](repeating: 0, count: 21)
    try x.withUnsafeBufferPointer { px in try yb.withUnsafeMutableBufferPointer { try Kernels.activate(f, steepness: 0.7, px, into: $0) } }
    #expect(y == yb)
    let d = try Kernels.derivative(f, steepness: 0.7, x: x, y: y)
    var db = [Float](repeating: 0, count: 21)
    try x.withUnsafeBufferPointer { px in try y.withUnsafeBufferPointer { py in
      try db.withUnsafeMutableBufferPointer { try Kernels.derivative(f, steepness: 0.7, x: px, y: py, into: $0) }
    } }
    #expect(d == db)
  }

  @Test("documentation examples")
  func examples() throws {
    #expect(try Kernels.activate(.sigmoid, steepness: 0.5, [0]) == [0.5])
    #expect(try Kernels.activate(.sigmoidSymmetric, steepness: 1, [0, 100]) == [0, 1])
    #expect(try Kernels.activate(.relu, steepness: 1, [-1, 2]) == [0, 2])
    #expect(try Kernels.derivative(.sigmoid, steepness: 0.5, x: [0], y: [0.5]) == [0.25])
    #expect(try Kernels.derivative(.sigmoidSymmetric, steepness: 1, x: [0], y: [0]) == [1])
  }

  @Test("length mismatches throw")
  func mismatches() {
    let x: [Float] = [1, 2, 3]
    var two: [Float] = [0, 0]
    #expect(throws: KernelError.lengthMismatch(expected: 3, actual: 2)) { try Kernels.derivative(.relu, steepness: 1, x: x, y: [1, 2]) }
    #expect(throws: KernelError.lengthMismatch(expected: 3, actual: 2)) {
      try x.withUnsafeBufferPointer { px in try two.withUnsafeMutableBufferPointer { try Kernels.activate(.relu, steepness: 1, px, into: $0) } }
    }
    #expect(throws: KernelError.lengthMismatch(expected: 3, actual: 2)) {
      try x.withUnsafeBufferPointer { px in try two.withUnsafeMutableBufferPointer { d in
        try Kernels.derivative(.relu, steepness: 1, x: px, y: px, into: d)
      } }
    }
    #expect(throws: KernelError.lengthMismatch(expected: 3, actual: 2)) {
      try x.withUnsafeBufferPointer { px in try two.withUnsafeMutableBufferPointer { d in
        try Kernels.derivative(.relu, steepness: 1, x: px, y: UnsafeBufferPointer(d), into: d)
      } }
    }
  }
}
