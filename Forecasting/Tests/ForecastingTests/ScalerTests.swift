import Testing
@testable import Forecasting

@Suite struct ScalerTests {
  static let data: [Double] = [3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5]

  @Test(arguments: [ScalerKind.identity, .standard, .minMax, .robust, .boxCox(lambda: 0, seasonLength: 1),
                    .boxCox(lambda: 0.5, seasonLength: 1), .boxCox(lambda: -0.7, seasonLength: 1),
                    .boxCox(lambda: nil, seasonLength: 2)])
  func inverseIsExact(_ kind: ScalerKind) throws {
    let s = try Scaler.fit(kind, to: Self.data)
    #expect(close(s.inverse(s.transform(Self.data)), Self.data, rel: 1e-13))
  }

  @Test func statistics() throws {
    let st = try Scaler.fit(.standard, to: [1, 2, 3])
    #expect(st.shift == 2 && close(st.scale, (2.0 / 3).squareRoot()))
    let mm = try Scaler.fit(.minMax, to: [2, 4, 10])
    #expect(mm.transform([2, 4, 10]) == [0, 0.25, 1])
    let rb = try Scaler.fit(.robust, to: [1, 2, 3, 4, 100])
    #expect(rb.shift == 3 && rb.scale == 1)
    let rbStd = try Scaler.fit(.robust, to: [5, 5, 5, 6, 7])
    #expect(rbStd.shift == 5 && close(rbStd.scale, meanStd([5, 5, 5, 6, 7]).1))
    let constant: [Double] = [4, 4, 4]
    for kind in [ScalerKind.standard, .minMax, .robust] {
      let s = try Scaler.fit(kind, to: constant)
      #expect(s.scale == 1 && s.transform(4) == 0 && s.inverse(0) == 4)
    }
    #expect(ScalerKind.boxCox(lambda: nil, seasonLength: 1).code == 4 && ScalerKind.identity.code == 0)
    #expect(median([]) == 0 && median([3, 1, 2]) == 2 && median([4, 1, 3, 2]) == 2.5)
  }

  @Test func boxCoxMatchesDefinitionAndGuerrero() throws {
    let s = try Scaler.fit(.boxCox(lambda: 0.5, seasonLength: 1), to: [4, 9])
    #expect(s.transform(9) == 4 && s.inverse(4) == 9)
    let lg = try Scaler.fit(.boxCox(lambda: 0, seasonLength: 1), to: [1, 2])
    #expect(close(lg.transform(2), 0.6931471805599453))
    // Outside the transform's range the inverse takes the limit instead of NaN.
    #expect(s.inverse(-3) == 0)
    let neg = try Scaler.fit(.boxCox(lambda: -0.5, seasonLength: 1), to: [1, 2])
    #expect(neg.inverse(3) == .infinity)
    let air = try airPassengers().series[0].y
    let c = try metricsCase()
    let lam = try Scaler.fit(.boxCox(lambda: nil, seasonLength: 12), to: Array(air.prefix(132))).lambda!
    // Both sides minimise a flat function: the minimiser is determined to ~√ε, so compare to 1e-6.
    #expect(abs(lam - c["guerrero_air"]![0]) < 1e-6)
    #expect(abs(try guerreroLambda(Array(air.prefix(132)), seasonLength: 1) - c["guerrero_air_ns"]![0]) < 1e-6)
  }

  @Test func rejectsBadInput() {
    #expect(throws: ForecastError.invalidArgument("scaler fitted to no values")) { try Scaler.fit(.standard, to: []) }
    #expect(throws: ForecastError.invalidArgument("scaler fitted to NaN")) { try Scaler.fit(.standard, to: [1, .nan]) }
    #expect(throws: ForecastError.outOfDomain("Box-Cox needs values > 0")) {
      try Scaler.fit(.boxCox(lambda: 1, seasonLength: 1), to: [1, 0])
    }
    #expect(throws: ForecastError.invalidArgument("Box-Cox lambda must be finite")) {
      try Scaler.fit(.boxCox(lambda: .infinity, seasonLength: 1), to: [1, 2])
    }
    #expect(throws: ForecastError.seriesTooShort(id: "", needed: 24, actual: 20)) {
      try guerreroLambda([Double](repeating: 1, count: 20), seasonLength: 12)
    }
  }

  @Test func frameScalerPerSeries() throws {
    let f = try twoSeries(12)
    let fs = try FrameScaler.fit(.standard, to: f)
    let z = fs.transform(f)
    for s in z.series { #expect(close(meanStd(s.y).0, 0, abs: 1e-12) && close(meanStd(s.y).1, 1)) }
    let back = fs.inverse(z)
    for k in 0..<2 { #expect(close(back.series[k].y, f.series[k].y, rel: 1e-14)) }
    var bad = f
    bad.series[1].y[0] = -1
    #expect(throws: ForecastError.outOfDomain("Box-Cox needs values > 0")) {
      try FrameScaler.fit(.boxCox(lambda: 0, seasonLength: 1), to: bad)
    }
  }
}
