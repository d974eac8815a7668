import Testing
@testable import Forecasting

@Suite struct NormalTests {
  @Test func quantilesMatchScipy() throws {
    let c = try metricsCase()
    for (p, key) in [(0.975, "ppf_0.975"), (1e-10, "ppf_1e-10"), (0.3, "ppf_0.3"), (0.99999, "ppf_0.99999")] {
      #expect(close(StandardNormal.quantile(p), c[key]![0], rel: 1e-14))
    }
  }

  @Test func quantileInvertsCdfAcrossTheRange() {
    var p = 1e-300
    while p < 1 {
      let x = StandardNormal.quantile(p)
      let back = p < 0.5 ? StandardNormal.cdf(x) : 1 - StandardNormal.cdf(-x)
      #expect(close(back, p, rel: 1e-12))
      p = p < 1e-3 ? p * 1000 : p + 0.0173
    }
    #expect(StandardNormal.quantile(0) == -.infinity && StandardNormal.quantile(1) == .infinity)
    #expect(StandardNormal.quantile(-0.1).isNaN && StandardNormal.quantile(.nan).isNaN)
    #expect(close(StandardNormal.pdf(0), 0.3989422804014327) && StandardNormal.cdf(0) == 0.5)
  }
}
