import Testing
@testable import SIMDKit

@Suite("Lanes")
struct LanesTests {
  @Test("load and store round-trip at any offset (no alignment needed)")
  func loadStore() {
    let w = FloatVector.scalarCount
    let x = (0..<(3 * w)).map(Float.init)
    var y = [Float](repeating: 0, count: 3 * w)
    x.withUnsafeBufferPointer { px in y.withUnsafeMutableBufferPointer { py in
      let v: FloatVector = Lanes.load(px.baseAddress!, 1)
      Lanes.store(v, py.baseAddress!, 3)
    } }
    #expect(Array(y[3..<(3 + w)]) == Array(x[1..<(1 + w)]))
  }

  @Test("rounding to integers ties to even, both as float and integer")
  func rounding() {
    var v = FloatVector()
    let inputs: [Float] = [0.5, 1.5, 2.5, -0.5, -1.5, 3.7, -3.7, 1000.2]
    for i in 0..<Swift.min(FloatVector.scalarCount, inputs.count) { v[i] = inputs[i] }
    let (f, n) = Lanes.roundedToIntegral(v)
    for i in 0..<Swift.min(FloatVector.scalarCount, inputs.count) {
      #expect(f[i] == inputs[i].rounded(.toNearestOrEven))
      #expect(Float(n[i]) == f[i])
    }
  }

  @Test("powers of two, abs, min and max")
  func bits() {
    let p = Lanes.powerOfTwo(IntVector(repeating: -126))
    #expect(p[0] == Float.leastNormalMagnitude)
    #expect(Lanes.powerOfTwo(IntVector(repeating: 127))[0] == 0x1p127)
    let a = Lanes.abs(FloatVector(repeating: -0.0))
    #expect(a[0].sign == .plus && a[0] == 0)
    let one = FloatVector(repeating: 1), nan = FloatVector(repeating: .nan)
    #expect(Lanes.min(one, nan) == one && Lanes.max(one, nan) == one)
    #expect(Lanes.min(one, -one) == -one && Lanes.max(-one, one) == one)
  }

  @Test("any: set exactly when one lane is", arguments: Array(0..<FloatVector.scalarCount))
  func anyLane(lane: Int) {
    var v = FloatVector(repeating: 1)
    #expect(!Lanes.any(v .!= v))
    v[lane] = .nan
    #expect(Lanes.any(v .!= v))
    #expect(Lanes.any(v .!= v) == any(v .!= v))
  }
}
