import Glibc
@testable import Neural
import Testing

@Suite("printf/scanf conversions")
struct FANNTextTests {
  func c(_ format: String, _ x: Double) -> String {
    var buf = [CChar](repeating: 0, count: 128)
    _ = withVaList([x]) { vsnprintf(&buf, 128, format, $0) }
    return String(cString: buf)
  }

  @Test func formatsLikeGlibc() {
    var rng = NeuralRandom(seed: 1)
    var samples: [Float] = [0, -0, 1, -1, 0.7, 0.1, 1e-3, 1500, 0.35, 1e-45, 3.4e38, 9.9999995, 0.5, 2.5, 1e-7, 0.0000005, -0.0000005, 0.0000015, 123.4567891, 99999.99]
    for _ in 0..<2000 {
      let e = Float(Int(rng.below(80)) - 40)
      samples.append(rng.uniform(-1, 1) * Float(Glibc.pow(10.0, Double(e))))
    }
    samples += [.infinity, -.infinity, .nan]
    for f in samples {
      let x = Double(f)
      #expect(FANNText.exponential(x) == c("%.20e", x))
      #expect(FANNText.fixed(x) == c("%f", x))
    }
  }

  @Test func parsesStrtofSyntax() {
    func p(_ s: String) -> Float? { FANNText.parseFloat(Array(s.utf8)[...]) }
    var rng = NeuralRandom(seed: 2)
    for _ in 0..<2000 {
      let f = rng.uniform(-1, 1) * Float(Glibc.pow(10.0, Double(rng.below(60)) - 30))
      #expect(p(c("%.20e", Double(f))) == f)
      #expect(p(c("%.9g", Double(f))) == f)
    }
    #expect(p("1") == 1)
    #expect(p("-2.5E+1") == -25)
    #expect(p(".5") == 0.5)
    #expect(p("+3.") == 3)
    #expect(p("0x1p-2") == 0.25)
    #expect(p("0x1.8P1") == 3)
    #expect(p("-0X.8") == -0.5)
    #expect(p("inf") == .infinity)
    #expect(p("-Infinity") == -.infinity)
    #expect(p("NaN")!.isNaN)
    #expect(p("1e999") == .infinity)
    #expect(p("1e-999") == 0)
    #expect(p("0.000") == 0)
    #expect(p("12345678901234567890123") == 12345678901234567890123)
    for bad in ["", "-", "e5", "1e", "1x", "0x", "0xg", "0x1p", "1.2.3", "--1", "in"] {
      #expect(p(bad) == nil, "\(bad)")
    }
  }
}
