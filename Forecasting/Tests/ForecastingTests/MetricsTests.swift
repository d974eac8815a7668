import Testing
@testable import Forecasting

@Suite struct MetricsTests {
  @Test func pointMetricsMatchNumpy() throws {
    let c = try metricsCase()
    let y = c["y"]!, yh = c["yhat"]!, ins = c["insample"]!
    let lo = yh.map { $0 - 6 }, hi = yh.map { $0 + 6 }
    #expect(close(try Metrics.mae(y, yh), c["mae"]![0], rel: 1e-13))
    #expect(close(try Metrics.mse(y, yh), c["mse"]![0], rel: 1e-13))
    #expect(close(try Metrics.rmse(y, yh), c["rmse"]![0], rel: 1e-13))
    #expect(close(try Metrics.mape(y, yh), c["mape"]![0], rel: 1e-13))
    #expect(close(try Metrics.smape(y, yh), c["smape"]![0], rel: 1e-13))
    #expect(close(try Metrics.mase(y, yh, insample: ins, seasonLength: 1), c["mase1"]![0], rel: 1e-13))
    #expect(close(try Metrics.mase(y, yh, insample: ins, seasonLength: 12), c["mase12"]![0], rel: 1e-13))
    #expect(close(try Metrics.rmsse(y, yh, insample: ins, seasonLength: 12), c["rmsse12"]![0], rel: 1e-13))
    #expect(close(try Metrics.quantileLoss(y, lo, tau: 0.1), c["ql10"]![0], rel: 1e-13))
    #expect(close(try Metrics.quantileLoss(y, hi, tau: 0.9), c["ql90"]![0], rel: 1e-13))
    #expect(close(try Metrics.coverage(y, lo: lo, hi: hi), c["coverage"]![0]))
    #expect(close(try Metrics.intervalScore(y, lo: lo, hi: hi, level: 80), c["iscore80"]![0], rel: 1e-13))
  }

  @Test func crpsMatchesNumericalIntegrationAndBruteForce() throws {
    let c = try metricsCase()
    #expect(close(Metrics.crpsNormal(0, mean: 0, sd: 1), c["crps_normal_a"]![0], rel: 1e-9))
    #expect(close(Metrics.crpsNormal(3.7, mean: 1.2, sd: 2.5), c["crps_normal_b"]![0], rel: 1e-9))
    #expect(close(Metrics.crpsNormal(-50, mean: 1, sd: 0.5), c["crps_normal_c"]![0], rel: 1e-9))
    #expect(Metrics.crpsNormal(2, mean: 5, sd: 0) == 3)
    #expect(close(try Metrics.crpsNormal([0, 3.7], mean: [0, 1.2], sd: [1, 2.5]),
                  (c["crps_normal_a"]![0] + c["crps_normal_b"]![0]) / 2, rel: 1e-9))
    #expect(close(try Metrics.crpsSamples(2.5, samples: c["samples"]!), c["crps_samples"]![0], rel: 1e-12))
    let taus = [0.1, 0.25, 0.5, 0.75, 0.9]
    let q = taus.map { StandardNormal.quantile($0) }
    #expect(close(try Metrics.crpsQuantiles(0.3, quantiles: q, taus: taus), c["crps_quantiles"]![0], rel: 1e-12))
    // Many samples of N(0,1) approach the closed form; a point mass is the absolute error.
    let grid = (1..<2000).map { StandardNormal.quantile(Double($0) / 2000) }
    #expect(abs(try Metrics.crpsSamples(0.4, samples: grid) - Metrics.crpsNormal(0.4, mean: 0, sd: 1)) < 1e-3)
    #expect(try Metrics.crpsSamples(1, samples: [4]) == 3)
  }

  @Test func hand() throws {
    #expect(close(try Metrics.mae([1, 2, 3], [1, 2, 4]), 1.0 / 3))
    #expect(try Metrics.mase([3, 4], [3, 5], insample: [1, 2, 3], seasonLength: 1) == 0.5)
    #expect(try Metrics.smape([0, 1], [0, 1]) == 0)
  }

  @Test func badInputThrows() {
    #expect(throws: ForecastError.lengthMismatch(expected: 2, actual: 1)) { try Metrics.mae([1, 2], [1]) }
    #expect(throws: ForecastError.invalidArgument("metrics need at least one value")) { try Metrics.mse([], []) }
    #expect(throws: ForecastError.invalidArgument("MAPE is undefined for a zero actual")) { try Metrics.mape([0], [1]) }
    #expect(throws: ForecastError.invalidArgument("season length must be >= 1")) {
      try Metrics.mase([1], [1], insample: [1, 2], seasonLength: 0)
    }
    #expect(throws: ForecastError.seriesTooShort(id: "", needed: 3, actual: 2)) {
      try Metrics.rmsse([1], [1], insample: [1, 2], seasonLength: 2)
    }
    #expect(throws: ForecastError.invalidArgument("the in-sample naive error is 0: scaled errors are undefined")) {
      try Metrics.mase([1], [1], insample: [2, 2, 2], seasonLength: 1)
    }
    #expect(throws: ForecastError.invalidArgument("quantile level must be in (0, 1)")) {
      try Metrics.quantileLoss([1], [1], tau: 1)
    }
    #expect(throws: ForecastError.invalidArgument("quantile level must be in (0, 1)")) {
      try Metrics.crpsQuantiles(1, quantiles: [1], taus: [0])
    }
    #expect(throws: ForecastError.invalidArgument("level must be in (0, 100)")) {
      try Metrics.intervalScore([1], lo: [0], hi: [2], level: 0)
    }
    #expect(throws: ForecastError.invalidArgument("CRPS needs at least one sample")) { try Metrics.crpsSamples(1, samples: []) }
    #expect(throws: ForecastError.lengthMismatch(expected: 1, actual: 2)) { try Metrics.coverage([1], lo: [0], hi: [1, 2]) }
  }
}
