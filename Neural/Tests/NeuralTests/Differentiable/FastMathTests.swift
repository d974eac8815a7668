import Glibc
@testable import Neural
import Testing

@Suite struct FastMathTests {
  @Test func expMatchesLibm() {
    var worst = 0.0
    var x: Float = -87
    while x < 88 {
      let r = Double(FastMath.exp(x)), e = Glibc.exp(Double(x))
      worst = Swift.max(worst, Swift.abs(r - e) / e)
      x += 0.0137
    }
    #expect(worst < 3e-7)
    #expect(FastMath.exp(-200) == 0 && FastMath.exp(100) == .infinity && FastMath.exp(.nan).isNaN)
  }

  @Test func sigmoidTanhSoftplus() {
    for x: Float in [-30, -5, -0.3, -0.0001, 0, 0.0003, 1, 25] {
      #expect(Swift.abs(Double(FastMath.tanh(x)) - Glibc.tanh(Double(x))) < 3e-7)
      #expect(Swift.abs(Double(FastMath.sigmoid(x)) - 1 / (1 + Glibc.exp(-Double(x)))) < 3e-7)
      #expect(Swift.abs(Double(FastMath.softplus(x)) - Glibc.log1p(Glibc.exp(Double(x)))) < 1e-6 * (1 + Double(Swift.abs(x))))
    }
  }

  @Test func gammaFunctions() {
    for x in [0.1, 0.5, 1, 2.5, 7, 30, 150.5] {
      #expect(Swift.abs(FastMath.lgamma(x) - Glibc.lgamma(x)) < 1e-9 * (1 + Swift.abs(Glibc.lgamma(x))))
      let h = 1e-5
      let numeric = (Glibc.lgamma(x + h) - Glibc.lgamma(x - h)) / (2 * h)
      #expect(Swift.abs(FastMath.digamma(x) - numeric) < 1e-5 * (1 + Swift.abs(numeric)))
    }
  }
}
