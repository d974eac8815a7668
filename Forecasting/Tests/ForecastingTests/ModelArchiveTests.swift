import Testing
@testable import Forecasting

@Suite struct ModelArchiveTests {
  @Test func everyModelRoundTripsAndForecastsIdentically() throws {
    let air = try airPassengers()
    let train = try air.droppingLast(12)
    let mlp = try MLP(inputSize: 12, horizon: 12, hiddenSize: 8, numLayers: 1, maxSteps: 20, batchSize: 4, scaler: .robust,
                  loss: .mse, levels: [80], alias: "net")
    mlp.seed = 77
    let models: [any ForecastModel] = [
      Naive(), try SeasonalNaive(seasonLength: 12, alias: "sn"), RandomWalkWithDrift(), HistoricAverage(),
      try WindowAverage(windowSize: 4), mlp,
      try ConformalModel(base: RandomWalkWithDrift(), h: 12, nWindows: 3, alias: "conf"),
      try Ensemble(members: [Naive(), try SeasonalNaive(seasonLength: 12)], method: .stacking, validationHorizon: 12, alias: "stack"),
    ]
    for m in models {
      try m.fit(train, progress: nil)
      let text = ModelArchive.save(m)
      #expect(text.hasPrefix("RUVSWARM-FORECAST 1\nmodel "))
      let back = try ModelArchive.load(text)
      #expect(back.alias == m.alias && back.seed == m.seed)
      #expect(try back.forecast(train, h: 12, levels: [80]) == (try m.forecast(train, h: 12, levels: [80])))
      #expect(ModelArchive.save(back) == text)
    }
    // An unfitted MLP round-trips as unfitted.
    let raw = try ModelArchive.load(ModelArchive.save(MLP(inputSize: 3, horizon: 2)))
    #expect(throws: ForecastError.notFitted("MLP")) { try raw.forecast(train, h: 2, levels: []) }
  }

  @Test func textFieldsLoseNewlines() throws {
    let m = Naive(alias: "a\nb")
    #expect(try ModelArchive.load(ModelArchive.save(m)).alias == "a b")
  }

  @Test(arguments: [
    ("", "line 1: not a RUVSWARM-FORECAST version 1 archive"),
    ("RUVSWARM-FORECAST 2\n", "line 1: not a RUVSWARM-FORECAST version 1 archive"),
    ("RUVSWARM-FORECAST 1\n", "line 2: unexpected end of archive"),
    ("RUVSWARM-FORECAST 1\nmodel\n", "line 2: malformed model line"),
    ("RUVSWARM-FORECAST 1\nint x 1\n", "line 2: expected model"),
    ("RUVSWARM-FORECAST 1\nmodel Naive\ntext name x\n", "line 3: expected field alias"),
    ("RUVSWARM-FORECAST 1\nmodel Naive\ntext alias\n", "line 3: malformed text field"),
    ("RUVSWARM-FORECAST 1\nmodel Naive\ntext alias N\nreal seed 12\n", "line 4: malformed real field"),
    ("RUVSWARM-FORECAST 1\nmodel Naive\ntext alias N\nreal seed 000000000000000g\n", "line 4: malformed real field"),
    ("RUVSWARM-FORECAST 1\nmodel Nope\ntext alias N\nreal seed 0000000000000000\n", "line 4: unknown model kind Nope"),
    ("RUVSWARM-FORECAST 1\nmodel Naive\ntext alias N\nreal seed 0000000000000000\nend\nend\n", "line 6: trailing content"),
    ("RUVSWARM-FORECAST 1\nmodel SeasonalNaive\ntext alias N\nreal seed 0000000000000000\nint seasonLength x\n", "line 5: malformed int field"),
    ("RUVSWARM-FORECAST 1\nmodel SeasonalNaive\ntext alias N\nreal seed 0000000000000000\nint seasonLength 0\n", "line 5: season length must be >= 1"),
    ("RUVSWARM-FORECAST 1\nmodel WindowAverage\ntext alias N\nreal seed 0000000000000000\nint windowSize -1\n", "line 5: window size must be >= 1"),
    ("RUVSWARM-FORECAST 1\nmodel Ensemble\ntext alias E\nreal seed 0000000000000000\nint method 9\n", "line 5: unknown ensemble method"),
    ("RUVSWARM-FORECAST 1\nmodel Ensemble\ntext alias E\nreal seed 0000000000000000\nint method 0\nint validationHorizon 0\nreals weights 1 3ff0000000000000\nint members 2\n", "line 8: ensemble weights do not match its members"),
    ("RUVSWARM-FORECAST 1\nmodel Ensemble\ntext alias E\nreal seed 0000000000000000\nint method 2\nint validationHorizon 0\nreals weights 1 3ff0000000000000\nint members 1\n", "line 8: missing validation horizon"),
    ("RUVSWARM-FORECAST 1\nmodel Ensemble\ntext alias E\nreal seed 0000000000000000\nint method 0\nint validationHorizon 0\nreals weights 2 3ff0000000000000\n", "line 7: malformed reals field"),
    ("RUVSWARM-FORECAST 1\nmodel Ensemble\ntext alias E\nreal seed 0000000000000000\nint method 0\nint validationHorizon 0\nreals weights 1 3ff00000000000z0\n", "line 7: malformed reals field"),
    ("RUVSWARM-FORECAST 1\nmodel Conformal\ntext alias C\nreal seed 0000000000000000\nint h 0\nint nWindows 2\nint series 0\n", "line 7: invalid conformal settings"),
    ("RUVSWARM-FORECAST 1\nmodel Conformal\ntext alias C\nreal seed 0000000000000000\nint h 2\nint nWindows 2\nint series 1\ntext id a\nreals scores 1 3ff0000000000000\n", "line 9: conformal scores do not fill h steps"),
    ("RUVSWARM-FORECAST 1\nmodel MLP\ntext alias M\nreal seed 0000000000000000\nint inputSize 0\nint horizon 1\nint hiddenSize 1\nint numLayers 1\nint maxSteps 1\nint batchSize 1\nreal learningRate 0000000000000000\nint scaler 0\n", "line 12: invalid MLP sizes"),
    ("RUVSWARM-FORECAST 1\nmodel MLP\ntext alias M\nreal seed 0000000000000000\nint inputSize 1\nint horizon 1\nint hiddenSize 1\nint numLayers 1\nint maxSteps 1\nint batchSize 1\nreal learningRate 0000000000000000\nint scaler 7\n", "line 12: invalid MLP scaler"),
    ("RUVSWARM-FORECAST 1\nmodel MLP\ntext alias M\nreal seed 0000000000000000\nint inputSize 1\nint horizon 1\nint hiddenSize 1\nint numLayers 1\nint maxSteps 1\nint batchSize 1\nreal learningRate 0000000000000000\nint scaler 0\nint loss 5\n", "line 13: invalid MLP loss"),
    ("RUVSWARM-FORECAST 1\nmodel MLP\ntext alias M\nreal seed 0000000000000000\nint inputSize 1\nint horizon 1\nint hiddenSize 1\nint numLayers 1\nint maxSteps 1\nint batchSize 1\nreal learningRate 0000000000000000\nint scaler 0\nint loss 0\nreals levels 0\nint exogenous 1\nint historical 0\nint statics 0\nint fitted 1\nreals w 0\nreals b 0\n", "line 20: MLP layer 1 has the wrong size"),
    ("RUVSWARM-FORECAST 1\nmodel MLP\ntext alias M\nreal seed 0000000000000000\nint inputSize 1\nint horizon 1\nint hiddenSize 1\nint numLayers 1\nint maxSteps 1\nint batchSize 1\nreal learningRate 0000000000000000\nint scaler 0\nint loss 0\nreals levels 0\nint exogenous 2\nint historical 0\nint statics 0\n", "line 17: invalid MLP inputs"),
    ("RUVSWARM-FORECAST 1\nmodel MLP\ntext alias M\nreal seed 0000000000000000\nint inputSize 1\nint horizon 1\nint hiddenSize 1\nint numLayers 1\nint maxSteps 1\nint batchSize 1\nreal learningRate 0000000000000000\nint scaler 0\nint loss 0\nreals levels 1 4059000000000000\n", "line 14: invalid MLP levels"),
  ])
  func corruptArchivesThrow(_ text: String, _ message: String) {
    #expect(throws: ForecastError.corruptArchive(message)) { try ModelArchive.load(text) }
  }

  @Test func integersAndHex() {
    #expect(parseInt(Array("-42".utf8)) == -42 && parseInt(Array("-".utf8)) == nil && parseInt([]) == nil)
    #expect(parseHex(Array("00000000000000ff".utf8)) == 255 && hex(255) == "00000000000000ff")
    var w = ArchiveWriter()
    w.int("x", -3)
    var r = try! ArchiveReader(w.text + "\r\n")
    #expect(try! r.int("x") == -3 && r.isAtEnd)
  }
}
