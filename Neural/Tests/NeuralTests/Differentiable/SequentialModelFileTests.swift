// SequentialModel+File: a model round-trips through its file with every layer kind, loss and
// optimizer; a file with a bad architecture, setting or tensor list is a typed error.
import Neural
import Testing

@Suite struct SequentialModelFileTests {
  static func everyKind() throws -> SequentialModel {
    let m = try SequentialModel(inputShape: Shape(6, 4), seed: 99)
    for s in [
      LayerSpec(.positionalEncoding), LayerSpec(.conv1D, size: 4, count: 2, dilation: 2, activation: .tanh),
      LayerSpec(.attention, count: 2, causal: true), LayerSpec(.transformerEncoder, size: 8, count: 2, rate: 0.25),
      LayerSpec(.layerNorm), LayerSpec(.dropout, rate: 0.1), LayerSpec(.rnn, size: 3),
      LayerSpec(.gru, size: 3), LayerSpec(.lstm, size: 4, count: 2), LayerSpec(.activation, activation: .gelu),
      LayerSpec(.lastStep), LayerSpec(.dense, size: 2, activation: .leakyRelu),
    ] { try m.add(s) }
    return m
  }

  static func predict(_ m: SequentialModel) throws -> [Float] {
    try (0..<48).map { Float($0) / 48 }.withUnsafeBufferPointer { try m.predict(inputs: $0) }
  }

  @Test func everyLayerKindRoundTrips() throws {
    let m = try Self.everyKind()
    let copy = try SequentialModel(decoding: m.encoded())
    #expect(copy.specs == m.specs)
    #expect(copy.inputShape == m.inputShape && copy.outputShape == m.outputShape && copy.seed == 99)
    #expect(copy.parameterCount == m.parameterCount)
    #expect(try Self.predict(copy) == Self.predict(m))
    #expect(copy.encoded() == m.encoded())
  }

  @Test(arguments: [
    (PointLoss.mse, OptimizerRule.sgd(momentum: 0.5, nesterov: true, weightDecay: 0.01)),
    (.mae, .adam(beta1: 0.8, beta2: 0.99, epsilon: 1e-6, weightDecay: 0.1)),
    (.huber(delta: 0.5), .adamW(weightDecay: 0.05)),
    (.pinball(quantile: 0.25), .rmsProp(alpha: 0.9, epsilon: 1e-7, momentum: 0.1, weightDecay: 0)),
  ])
  func settingsRoundTrip(loss: PointLoss, rule: OptimizerRule) throws {
    let m = try SequentialModel(inputShape: Shape(3), seed: 1)
    try m.add(LayerSpec(.dense, size: 1))
    try m.setLoss(loss)
    try m.setOptimizer(rule, learningRate: 0.125, clipNorm: 2)
    let copy = try SequentialModel(decoding: m.encoded())
    #expect(copy.loss == loss && copy.learningRate == 0.125 && copy.clipNorm == 2)
    #expect(copy.encoded() == m.encoded())
  }

  /// `m`'s file with the configuration entry `key` replaced by `value` (or removed when nil).
  static func edited(_ key: String, _ value: ModelFile.Value?) throws -> ModelFile {
    let m = try SequentialModel(inputShape: Shape(4, 2), seed: 1)
    try m.add(LayerSpec(.lstm, size: 2))
    try m.add(LayerSpec(.lastStep))
    try m.add(LayerSpec(.dense, size: 1))
    var f = m.file()
    f.config = f.config.compactMap { e in e.key != key ? e : value.map { ModelFile.Entry(key: key, value: $0) } }
    return f
  }

  @Test(arguments: [
    ("model.sequential", ModelFile.Value.int(2)), ("model.sequential", nil), ("model.sequential", .double(1)),
    ("input.rank", .int(3)), ("input.0", .int(0)), ("input.1", .int(Int64(SequentialModel.maxSize) + 1)),
    ("input.0", .int(Int64.max)), ("layers", .int(-1)), ("layers", .int(4)),
    ("layer.0.kind", .int(99)), ("layer.0.activation", .int(200)), ("layer.0.activation", .int(-1)),
    ("layer.0.size", .int(0)), ("layer.1.kind", .int(8)), ("layer.0.rate", .int(0)),
    ("loss", .int(4)), ("loss", .int(2)), ("optimizer", .int(7)), ("optimizer.0", .double(1.5)),
    ("learningRate", .double(0)), ("clipNorm", nil), ("optimizer.3", nil),
  ] as [(String, ModelFile.Value?)])
  func badConfigurationIsMalformed(key: String, value: ModelFile.Value?) throws {
    let f = try Self.edited(key, value)
    #expect(throws: ModelFileError.malformed) { try SequentialModel(file: f) }
  }

  @Test func tensorsMustMatchTheArchitecture() throws {
    var f = try Self.edited("", nil)
    let intact = f
    f.tensors.removeLast()
    #expect(throws: ModelFileError.malformed) { try SequentialModel(file: f) }
    f = intact
    f.tensors[1].name = "q"
    #expect(throws: ModelFileError.missingTensor("p1")) { try SequentialModel(file: f) }
    f = intact
    f.tensors[0].tensor = Tensor(zeros: Shape(3))
    #expect(throws: ModelFileError.shapeMismatch("p0")) { try SequentialModel(file: f) }
    #expect(try SequentialModel(file: intact).parameterCount == 8 * 2 + 8 * 2 + 8 + 3)
  }

  @Test func corruptBytesAreTypedErrors() throws {
    let bytes = try Self.everyKind().encoded()
    #expect(throws: ModelFileError.truncated) { try SequentialModel(decoding: Array(bytes.prefix(bytes.count / 2))) }
    var flipped = bytes
    flipped[bytes.count / 2] ^= 0x40
    #expect(throws: ModelFileError.checksumMismatch) { try SequentialModel(decoding: flipped) }
    #expect(throws: ModelFileError.badMagic) { try SequentialModel(decoding: [0, 1, 2, 3, 4]) }
  }
}
