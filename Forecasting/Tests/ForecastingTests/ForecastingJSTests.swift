import Foundation
import Testing
@testable import Forecasting

/// The browser scenario (Forecasting/JS/tests/scenario.mjs runs the same calls on the wasm chunk):
/// AirPassengers' first 132 months, forecasts of 12 with 80 % intervals.
enum ForecastingJSScenario {
  static let h = 12
  /// (name, make) in the order the JS scenario creates them; `members` of the ensemble by index.
  static func models() throws(ForecastingJSError) -> [(String, Int)] {
    let none: [Double] = [], eighty: [Double] = [80]
    func call<T>(_ a: [T], _ body: (UnsafeBufferPointer<T>) throws(ForecastingJSError) -> Int) throws(ForecastingJSError) -> Int {
      var out: Result<Int, ForecastingJSError> = .failure(.corruptArchive)
      a.withUnsafeBufferPointer { p in
        do throws(ForecastingJSError) { out = .success(try body(p)) } catch { out = .failure(error) }
      }
      return try out.get()
    }
    let theta = try ForecastingJS.baseline(kind: 9, seasonLength: 12)
    let snaive = try ForecastingJS.baseline(kind: 1, seasonLength: 12)
    let ets = try ForecastingJS.baseline(kind: 8, seasonLength: 12)
    let mlp = try call(eighty) { (p) throws(ForecastingJSError) -> Int in
      try ForecastingJS.mlp(inputSize: 24, horizon: h, hiddenSize: 32, numLayers: 2, maxSteps: 150, learningRate: 3e-3,
                            seed: 1, levels: p)
    }
    let nlinear = try call(none) { (p) throws(ForecastingJSError) -> Int in
      try ForecastingJS.network(kind: 0, inputSize: 24, horizon: h, hiddenSize: 16, maxSteps: 150, learningRate: 1e-2,
                                seed: 2, levels: p)
    }
    let lstm = try call(none) { (p) throws(ForecastingJSError) -> Int in
      try ForecastingJS.network(kind: 5, inputSize: 24, horizon: h, hiddenSize: 16, maxSteps: 60, learningRate: 1e-2,
                                seed: 3, levels: p)
    }
    let members: [Int32] = [Int32(theta), Int32(mlp), Int32(snaive)]
    let ensemble = try call(members) { (p) throws(ForecastingJSError) -> Int in
      try ForecastingJS.ensemble(members: p, method: 1, validationHorizon: 0)
    }
    return [("Theta", theta), ("SeasonalNaive", snaive), ("ETS", ets), ("MLP", mlp), ("NLinear", nlinear),
            ("LSTM", lstm), ("Ensemble", ensemble)]
  }
}

@Suite(.serialized) struct ForecastingJSTests {
  func airTrain() throws -> [Double] { Array(try airPassengers().series[0].y.prefix(132)) }

  func bytes<R>(_ s: String, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
    try Array(s.utf8).withUnsafeBufferPointer { try body($0) }
  }

  /// Runs the scenario natively; with FORECASTING_JS_REFERENCE set, writes the forecasts there as JSON
  /// (scripts/checks/forecasting-browser.sh compares the wasm chunk's forecasts with them).
  @Test func browserScenarioMatchesTheDirectAPI() throws {
    let y = try airTrain()
    let s = try y.withUnsafeBufferPointer { v in
      try bytes("1949-01-01") { start in try bytes("M") { f in try ForecastingJS.series(values: v, start: start, frequency: f) } }
    }
    #expect(try ForecastingJS.seriesLength(s) == 132)
    var reference: [String: [Double]] = [:]
    for (name, m) in try ForecastingJSScenario.models() {
      try ForecastingJS.fit(m, series: s)
      let out = try ForecastingJS.forecast(m, series: s, h: 12, levels: [80])
      #expect(out.count == 36 || (name == "NLinear" || name == "LSTM" || name == "Ensemble") && out.count == 12)
      #expect(String(decoding: try ForecastingJS.alias(m), as: UTF8.self) == name)
      reference[name] = out
      // Saved and loaded, the model forecasts the same.
      let archive = try ForecastingJS.save(m)
      let back = try archive.withUnsafeBufferPointer { try ForecastingJS.load($0) }
      #expect(try ForecastingJS.forecast(back, series: s, h: 12, levels: [80]) == out)
      try ForecastingJS.destroyModel(back)
    }
    // The facade gives what the direct API gives.
    let frame = try SeriesFrame(id: "series", freq: .months, start: try Timestamp.parse("1949-01-01"), y: y)
    let theta = try Theta(seasonLength: 12).forecast(frame, h: 12, levels: [80])[0]
    #expect(reference["Theta"]! == theta.mean + theta.intervals[0].lo + theta.intervals[0].hi)
    #expect(try Metrics.mae(Array(try airPassengers().series[0].y.suffix(12)), Array(reference["MLP"]!.prefix(12))) < 60)
    if let path = ProcessInfo.processInfo.environment["FORECASTING_JS_REFERENCE"] {
      let data = try JSONSerialization.data(withJSONObject: ["h": 12, "train": y, "forecasts": reference], options: [.sortedKeys])
      try data.write(to: URL(fileURLWithPath: path))
    }
    try ForecastingJS.destroySeries(s)
  }

  @Test func lossHistoryAndHandles() throws {
    let s = try ForecastingJS.series(values: try airTrain(), start: "1949-01-01", frequency: "M")
    let models = try ForecastingJSScenario.models()
    let nl = models[4].1
    #expect(try ForecastingJS.lossHistory(nl).isEmpty)
    try ForecastingJS.fit(nl, series: s)
    let loss = try ForecastingJS.lossHistory(nl)
    #expect(loss.count == 150 && loss.last! < loss.first!)
    try ForecastingJS.fit(models[3].1, series: s)
    #expect(try ForecastingJS.lossHistory(models[3].1).count == 150)
    #expect(try ForecastingJS.lossHistory(models[0].1).isEmpty)
    for (_, m) in models { try ForecastingJS.destroyModel(m) }
    #expect(throws: ForecastingJSError.unknownModel(handle: models[0].1)) { try ForecastingJS.destroyModel(models[0].1) }
    try ForecastingJS.destroySeries(s)
    #expect(throws: ForecastingJSError.unknownSeries(handle: s)) { try ForecastingJS.seriesLength(s) }
    #expect(throws: ForecastingJSError.unknownSeries(handle: -1)) { try ForecastingJS.destroySeries(-1) }
  }

  @Test func everyKindBuilds() throws {
    for kind in 0...9 { _ = try ForecastingJS.baseline(kind: kind, seasonLength: 4) }
    let none: [Double] = []
    try none.withUnsafeBufferPointer { p in
      for kind in 0...8 {
        let m = try ForecastingJS.network(kind: kind, inputSize: 8, horizon: 2, hiddenSize: 4, maxSteps: 1,
                                          learningRate: 1e-3, seed: 0, levels: p)
        #expect(try ForecastingJS.alias(m).count > 0)
      }
    }
  }

  @Test func badInputIsATypedError() throws {
    let none: [Double] = [], bad: [Double] = [100]
    #expect(throws: ForecastingJSError.invalidArgument(name: "values", value: 0)) {
      try ForecastingJS.series(values: [], start: "2000-01-01", frequency: "M")
    }
    #expect(throws: ForecastingJSError.invalidArgument(name: "start date", value: 0)) {
      try ForecastingJS.series(values: [1], start: "2000-13-01", frequency: "M")
    }
    #expect(throws: ForecastingJSError.invalidArgument(name: "frequency", value: 0)) {
      try ForecastingJS.series(values: [1], start: "2000-01-01", frequency: "fortnight")
    }
    #expect(throws: ForecastingJSError.invalidArgument(name: "kind", value: 10)) {
      try ForecastingJS.baseline(kind: 10, seasonLength: 1)
    }
    #expect(throws: ForecastingJSError.invalidArgument(name: "seasonLength", value: 0)) {
      try ForecastingJS.baseline(kind: 1, seasonLength: 0)
    }
    try none.withUnsafeBufferPointer { p in
      #expect(throws: ForecastingJSError.invalidArgument(name: "kind", value: 99)) {
        try ForecastingJS.network(kind: 99, inputSize: 4, horizon: 1, hiddenSize: 4, maxSteps: 1, learningRate: 1e-3,
                                  seed: 0, levels: p)
      }
      #expect(throws: ForecastingJSError.invalidArgument(name: "hiddenSize", value: 0)) {
        try ForecastingJS.mlp(inputSize: 4, horizon: 1, hiddenSize: 0, numLayers: 1, maxSteps: 1, learningRate: 1e-3,
                              seed: 0, levels: p)
      }
      #expect(throws: ForecastingJSError.invalidArgument(name: "maxSteps", value: 0)) {
        try ForecastingJS.mlp(inputSize: 4, horizon: 1, hiddenSize: 2, numLayers: 1, maxSteps: 0, learningRate: 1e-3,
                              seed: 0, levels: p)
      }
      #expect(throws: ForecastingJSError.invalidArgument(name: "learningRate", value: -1)) {
        try ForecastingJS.mlp(inputSize: 4, horizon: 1, hiddenSize: 2, numLayers: 1, maxSteps: 1, learningRate: .nan,
                              seed: 0, levels: p)
      }
      #expect(throws: ForecastingJSError.invalidArgument(name: "seed", value: -1)) {
        try ForecastingJS.mlp(inputSize: 4, horizon: 1, hiddenSize: 2, numLayers: 1, maxSteps: 1, learningRate: 1e-3,
                              seed: 0.5, levels: p)
      }
      #expect(throws: ForecastingJSError.invalidArgument(name: "model setting or request", value: -1)) {
        try ForecastingJS.mlp(inputSize: 0, horizon: 1, hiddenSize: 2, numLayers: 1, maxSteps: 1, learningRate: 1e-3,
                              seed: 0, levels: p)
      }
    }
    try bad.withUnsafeBufferPointer { p in
      #expect(throws: ForecastingJSError.invalidArgument(name: "levels", value: -1)) {
        try ForecastingJS.network(kind: 0, inputSize: 4, horizon: 1, hiddenSize: 4, maxSteps: 1, learningRate: 1e-3,
                                  seed: 0, levels: p)
      }
    }
    let members: [Int32] = [12345]
    try members.withUnsafeBufferPointer { p in
      #expect(throws: ForecastingJSError.unknownModel(handle: 12345)) {
        try ForecastingJS.ensemble(members: p, method: 0, validationHorizon: 0)
      }
      #expect(throws: ForecastingJSError.invalidArgument(name: "method", value: 7)) {
        try ForecastingJS.ensemble(members: p, method: 7, validationHorizon: 0)
      }
    }
    let empty: [Int32] = []
    try empty.withUnsafeBufferPointer { p in
      #expect(throws: ForecastingJSError.invalidArgument(name: "model setting or request", value: -1)) {
        try ForecastingJS.ensemble(members: p, method: 0, validationHorizon: 0)
      }
    }
    // Fit and forecast failures carry the model's handle.
    let short = try ForecastingJS.series(values: [1, 2], start: "2000-01-01", frequency: "Q")
    let gap = try ForecastingJS.series(values: [1, .nan, 3, 4, 5], start: "2000-01-01", frequency: "Q")
    let theta = try ForecastingJS.baseline(kind: 9, seasonLength: 4)
    #expect(throws: ForecastingJSError.seriesTooShort(needed: 3, actual: 2)) { try ForecastingJS.fit(theta, series: short) }
    #expect(throws: ForecastingJSError.missingValue(index: 1)) { try ForecastingJS.fit(theta, series: gap) }
    #expect(throws: ForecastingJSError.invalidArgument(name: "h", value: 0)) {
      try ForecastingJS.forecast(theta, series: short, h: 0, levels: [])
    }
    let net = try none.withUnsafeBufferPointer { p in
      try ForecastingJS.network(kind: 0, inputSize: 2, horizon: 1, hiddenSize: 4, maxSteps: 1, learningRate: 1e-3,
                                seed: 0, levels: p)
    }
    #expect(throws: ForecastingJSError.notFitted(handle: net)) { try ForecastingJS.forecast(net, series: gap, h: 1, levels: []) }
    #expect(throws: ForecastingJSError.invalidArgument(name: "model setting or request", value: net)) {
      try ForecastingJS.forecast(net, series: gap, h: 1, levels: [120])
    }
    let junk = Array("not an archive".utf8)
    #expect(throws: ForecastingJSError.corruptArchive) { try junk.withUnsafeBufferPointer { try ForecastingJS.load($0) } }
    #expect(throws: ForecastingJSError.unknownModel(handle: 99999)) { try ForecastingJS.save(99999) }
  }

  @Test func domainErrorsMapToTheirJSForm() {
    #expect(ForecastingJSError(.lengthMismatch(expected: 3, actual: 2)) == .invalidArgument(name: "length", value: 2))
    #expect(ForecastingJSError(.irregularTimestamps(id: "a")) == .invalidArgument(name: "timestamps", value: 0))
    #expect(ForecastingJSError(.outOfDomain("x")) == .failed(reason: "data outside the transform's domain"))
    #expect(ForecastingJSError(.unknownColumn("x")) == .invalidArgument(name: "column", value: 0))
    #expect(ForecastingJSError(.csv(line: 1, reason: "x")) == .failed(reason: "input/output"))
    #expect(ForecastingJSError(.io("x")) == .failed(reason: "input/output"))
    #expect(ForecastingJSError(.notFitted("m"), model: 4) == .notFitted(handle: 4))
    #expect(ForecastingJSError.corruptArchive != .failed(reason: "input/output"))
    #expect(ForecastingJSError.seriesTooShort(needed: 1, actual: 0) == .seriesTooShort(needed: 1, actual: 0))
    #expect(ForecastingJSError.missingValue(index: 1) != .missingValue(index: 2))
  }
}
