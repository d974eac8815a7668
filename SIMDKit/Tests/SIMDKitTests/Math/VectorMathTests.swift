#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Testing
@testable import SIMDKit

/// Applies a vector function to a whole array, width by width (the array is padded with zeros).
func applyVector(_ x: [Float], _ f: (FloatVector) -> FloatVector) -> [Float] {
  let w = FloatVector.scalarCount
  var out: [Float] = []
  var i = 0
  while i < x.count {
    var v = FloatVector()
    for j in 0..<w where i + j < x.count { v[j] = x[i + j] }
    let r = f(v)
    for j in 0..<w where i + j < x.count { out.append(r[j]) }
    i += w
  }
  return out
}

@Suite("VectorMath accuracy against libm")
struct VectorMathTests {
  static func maxUlp(_ got: [Float], _ want: [Float]) -> Int {
    zip(got, want).map { ulpDistance($0, $1) }.max() ?? 0
  }

  @Test("exp: <= 2 ulp on normal results, over [-87, 88.7]")
  func expNormal() {
    let x = Fixtures.uniform(20_000, in: -87...88.7, seed: 61) + Fixtures.uniform(2_000, in: -1...1, seed: 62)
    let got = applyVector(x, VectorMath.exp)
    let want = x.map { Float(Glibc.exp(Double($0))) }
    let worst = Self.maxUlp(got, want)
    #expect(worst <= 2, "max ulp \(worst)")
  }

  @Test("exp: subnormal results, overflow, underflow and special values")
  func expEdges() {
    let x = Fixtures.uniform(5_000, in: -103.9...(-87.4), seed: 63)
    let got = applyVector(x, VectorMath.exp)
    for (g, v) in zip(got, x) {
      let want = Glibc.exp(Double(v))
      #expect((Double(g) - want).magnitude <= 1.5 * Double(Float.leastNonzeroMagnitude) + 2.4e-7 * want)
    }
    let special: [Float] = [.infinity, -.infinity, .nan, 89, 88.8, -104, -200, 0, -0.0, 0x1p-133, .greatestFiniteMagnitude]
    let r = applyVector(special, VectorMath.exp)
    #expect(r[0] == .infinity && r[1] == 0 && r[2].isNaN && r[3] == .infinity && r[4] == .infinity)
    #expect(r[5] == 0 && r[6] == 0 && r[7] == 1 && r[8] == 1 && r[9] == 1 && r[10] == .infinity)
  }

  @Test("tanh: <= 3 ulp, special values exact")
  func tanh() {
    let x = Fixtures.uniform(20_000, in: -10...10, seed: 64) + Fixtures.logUniform(5_000, exponents: -40...3, seed: 65)
    let got = applyVector(x, VectorMath.tanh)
    let want = x.map { Float(Glibc.tanh(Double($0))) }
    let worst = Self.maxUlp(got, want)
    #expect(worst <= 3, "max ulp \(worst)")
    let r = applyVector([.infinity, -.infinity, .nan, 0, -0.0, 0x1p-133, 50, -50], VectorMath.tanh)
    #expect(r[0] == 1 && r[1] == -1 && r[2].isNaN && r[3] == 0 && r[4].sign == .minus && r[5] == 0x1p-133)
    #expect(r[6] == 1 && r[7] == -1)
  }

  @Test("sin and cos: absolute error < 1.2e-7 over [-8192, 8192], <= 3 ulp where |result| >= 2^-7")
  func sinCos() {
    let x = Fixtures.uniform(20_000, in: -8192...8192, seed: 66) + Fixtures.uniform(20_000, in: -10...10, seed: 67)
      + Fixtures.logUniform(2_000, exponents: -30...(-1), seed: 68)
    let s = applyVector(x) { VectorMath.sinCos($0).sin }
    let c = applyVector(x) { VectorMath.sinCos($0).cos }
    var worstAbs = 0.0, worstUlp = 0
    for i in x.indices {
      let ws = Glibc.sin(Double(x[i])), wc = Glibc.cos(Double(x[i]))
      worstAbs = Swift.max(worstAbs, (Double(s[i]) - ws).magnitude, (Double(c[i]) - wc).magnitude)
      if ws.magnitude >= 0x1p-7 { worstUlp = Swift.max(worstUlp, ulpDistance(s[i], Float(ws))) }
      if wc.magnitude >= 0x1p-7 { worstUlp = Swift.max(worstUlp, ulpDistance(c[i], Float(wc))) }
    }
    #expect(worstAbs < 1.2e-7, "max abs \(worstAbs)")
    #expect(worstUlp <= 3, "max ulp \(worstUlp)")
  }

  @Test("sin and cos: lanes past 8192 take the scalar path; special values")
  func sinCosLarge() {
    let x = Fixtures.uniform(4_000, in: 8192...1e7, seed: 69) + [1e8, -3e8, 8193, 8191]
    let s = applyVector(x) { VectorMath.sinCos($0).sin }
    let c = applyVector(x) { VectorMath.sinCos($0).cos }
    for i in x.indices {
      #expect((Double(s[i]) - Glibc.sin(Double(x[i]))).magnitude < 1.2e-7)
      #expect((Double(c[i]) - Glibc.cos(Double(x[i]))).magnitude < 1.2e-7)
    }
    let special: [Float] = [.infinity, -.infinity, .nan, 0, -0.0, 0x1p-133]
    let ss = applyVector(special) { VectorMath.sinCos($0).sin }
    let cc = applyVector(special) { VectorMath.sinCos($0).cos }
    #expect(ss[0].isNaN && ss[1].isNaN && ss[2].isNaN && cc[0].isNaN && cc[1].isNaN && cc[2].isNaN)
    #expect(ss[3] == 0 && ss[4].sign == .minus && ss[5] == 0x1p-133 && cc[3] == 1 && cc[4] == 1 && cc[5] == 1)
  }
}
