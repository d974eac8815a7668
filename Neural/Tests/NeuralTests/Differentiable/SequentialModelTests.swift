// SequentialModel: shape propagation and validation of every layer kind, equivalence with the same
// layers built by hand, training, and the typed errors that keep preconditions out of reach.
import Glibc
@testable import Neural
import Testing

@Suite struct SequentialModelTests {
  static func model(_ input: Shape, _ specs: [LayerSpec], seed: UInt64 = 3) throws -> SequentialModel {
    let m = try SequentialModel(inputShape: input, seed: seed)
    for s in specs { try m.add(s) }
    return m
  }

  static func ramp(_ n: Int, scale: Float = 0.1) -> [Float] { (0..<n).map { Float($0 % 17) * scale - 0.8 } }

  @Test(arguments: [
    (LayerSpec(.dense, size: 5, activation: .tanh), [6, 5], 4 * 5 + 5),
    (LayerSpec(.rnn, size: 3), [6, 3], 3 * (4 + 3) + 3),
    (LayerSpec(.lstm, size: 3, count: 2), [6, 3], 12 * (4 + 3) + 12 + 12 * 6 + 12),
    (LayerSpec(.gru, size: 2), [6, 2], 6 * (4 + 2) + 12),
    (LayerSpec(.attention, count: 2, causal: true), [6, 4], 4 * 16 + 16),
    (LayerSpec(.transformerEncoder, size: 8, count: 2, rate: 0.1, causal: true), [6, 4], 80 + 16 + 2 * 32 + 8 + 4),
    (LayerSpec(.layerNorm), [6, 4], 8),
    (LayerSpec(.dropout, rate: 0.2), [6, 4], 0),
    (LayerSpec(.conv1D, size: 3, count: 2, dilation: 2, activation: .relu), [6, 3], 2 * 4 * 3 + 3),
    (LayerSpec(.positionalEncoding), [6, 4], 0),
    (LayerSpec(.lastStep), [4], 0),
    (LayerSpec(.flatten), [24], 0),
    (LayerSpec(.activation, activation: .gelu), [6, 4], 0),
  ])
  func everyKindHasItsShapeAndParameters(spec: LayerSpec, output: [Int], parameters: Int) throws {
    let m = try Self.model(Shape(6, 4), [spec])
    #expect(m.outputShape == Shape(output))
    #expect(m.parameterCount == parameters)
    #expect(m.parameters.reduce(0) { $0 + $1.value.count } == parameters)
    let x = Self.ramp(3 * 24)
    let y = try x.withUnsafeBufferPointer { try m.predict(inputs: $0) }
    #expect(y.count == 3 * Shape(output).count)
    #expect(y.allSatisfy { $0.isFinite })
  }

  @Test func denseStackEqualsTheSameLayersByHand() throws {
    let m = try Self.model(Shape(3), [LayerSpec(.dense, size: 4, activation: .relu), LayerSpec(.dense, size: 2)], seed: 11)
    var rng = NeuralRandom(seed: 11)
    let d1 = Dense(inputSize: 3, outputSize: 4, activation: .relu, using: &rng)
    let d2 = Dense(inputSize: 4, outputSize: 2, using: &rng)
    let x: [Float] = [0.5, -1, 2, 1, 0.25, -0.5]
    let g = Graph()
    let expected = try g.value(try d2(try d1(g.constant(Tensor(shape: Shape(2, 3), scalars: x)), in: g), in: g))
    let got = try x.withUnsafeBufferPointer { try m.predict(inputs: $0) }
    #expect(got == expected.scalars)
  }

  @Test func trainStepEqualsAManualAdamStep() throws {
    let m = try Self.model(Shape(2), [LayerSpec(.dense, size: 1)], seed: 5)
    try m.setOptimizer(.adam(), learningRate: 0.05)
    var rng = NeuralRandom(seed: 5)
    let d = Dense(inputSize: 2, outputSize: 1, using: &rng)
    let opt = Optimizer(d.parameters, rule: .adam(), learningRate: 0.05)
    let x: [Float] = [1, 2, -1, 0.5, 0, 1]
    let y: [Float] = [1, -1, 0.5]
    for _ in 0..<5 {
      let ours = try x.withUnsafeBufferPointer { xp in try y.withUnsafeBufferPointer { try m.trainStep(inputs: xp, targets: $0) } }
      let g = Graph()
      let l = try g.mseLoss(try d(g.constant(Tensor(shape: Shape(3, 2), scalars: x)), in: g), g.constant(Tensor(shape: Shape(3, 1), scalars: y)))
      let theirs = try g.value(l).scalars[0]
      try g.backward(l)
      opt.step()
      #expect(ours == theirs)
    }
    #expect(m.parameters[0].value == d.weight.value)
  }

  static func series(batch: Int, length: Int) -> ([Float], [Float]) {
    var x: [Float] = [], y: [Float] = []
    for b in 0..<batch {
      for t in 0...length {
        let v = Float(sin(0.3 * Double(t + b)))
        if t < length { x.append(v) } else { y.append(v) }
      }
    }
    return (x, y)
  }

  @Test(arguments: [
    PointLoss.mse, .mae, .huber(delta: 0.5), .pinball(quantile: 0.7),
  ])
  func anLSTMLearnsTheNextValue(loss: PointLoss) throws {
    let m = try Self.model(Shape(8, 1), [LayerSpec(.lstm, size: 8), LayerSpec(.lastStep), LayerSpec(.dense, size: 1)])
    try m.setLoss(loss)
    try m.setOptimizer(.adam(), learningRate: 0.02, clipNorm: 1)
    #expect(m.loss == loss)
    let (x, y) = Self.series(batch: 16, length: 8)
    var first: Float = 0, last: Float = 0
    for s in 0..<40 {
      let l = try x.withUnsafeBufferPointer { xp in try y.withUnsafeBufferPointer { try m.trainStep(inputs: xp, targets: $0) } }
      if s == 0 { first = l }
      last = l
    }
    let evaluated = try x.withUnsafeBufferPointer { xp in try y.withUnsafeBufferPointer { try m.evaluate(inputs: xp, targets: $0) } }
    #expect(last < first * 0.5)
    #expect(evaluated < first * 0.5)
  }

  @Test(arguments: [
    OptimizerRule.sgd(momentum: 0.9, nesterov: true, weightDecay: 0.001), .adamW(), .rmsProp(momentum: 0.5),
  ])
  func everyOptimizerTrains(rule: OptimizerRule) throws {
    let m = try Self.model(Shape(8, 1), [LayerSpec(.gru, size: 6), LayerSpec(.flatten), LayerSpec(.dense, size: 1)])
    try m.setOptimizer(rule, learningRate: 0.01)
    let (x, y) = Self.series(batch: 8, length: 8)
    var losses: [Float] = []
    for _ in 0..<30 {
      losses.append(try x.withUnsafeBufferPointer { xp in try y.withUnsafeBufferPointer { try m.trainStep(inputs: xp, targets: $0) } })
    }
    #expect(losses.last! < losses.first!)
  }

  @Test func invalidLayersAreTypedErrors() throws {
    #expect(throws: TensorError.invalidArgument) { try SequentialModel(inputShape: Shape(2, 3, 4)) }
    #expect(throws: TensorError.invalidArgument) { try SequentialModel(inputShape: Shape()) }
    #expect(throws: TensorError.invalidArgument) { try SequentialModel(inputShape: Shape(0)) }
    #expect(throws: TensorError.invalidArgument) { try SequentialModel(inputShape: Shape(SequentialModel.maxSize + 1)) }
    let flat = try SequentialModel(inputShape: Shape(4))
    for kind in [LayerKind.rnn, .lstm, .gru, .attention, .transformerEncoder, .conv1D, .positionalEncoding, .lastStep, .flatten] {
      #expect(throws: TensorError.shapeMismatch(Shape(4), Shape(1, 4))) {
        try flat.add(LayerSpec(kind, size: 2, count: 1))
      }
    }
    let seq = try SequentialModel(inputShape: Shape(5, 6))
    let bad: [LayerSpec] = [
      LayerSpec(.dense, size: 0), LayerSpec(.dense, size: SequentialModel.maxSize + 1),
      LayerSpec(.lstm, size: 4, count: 0), LayerSpec(.lstm, size: 4, count: SequentialModel.maxRecurrentLayers + 1),
      LayerSpec(.attention, count: 4), LayerSpec(.attention, count: 0),
      LayerSpec(.transformerEncoder, size: 0, count: 2), LayerSpec(.transformerEncoder, size: 4, count: 2, rate: 1),
      LayerSpec(.dropout, rate: -0.1), LayerSpec(.dropout, rate: .nan),
      LayerSpec(.conv1D, size: 2, count: 0), LayerSpec(.conv1D, size: 2, count: 2, dilation: 0),
      LayerSpec(.dense, size: SequentialModel.maxSize),  // fits maxSize, but 6·16384 + … is fine; next is not
    ]
    for s in bad.dropLast() { #expect(throws: TensorError.invalidArgument) { try seq.add(s) } }
    #expect(seq.specs.isEmpty && seq.parameterCount == 0)
    let huge = try SequentialModel(inputShape: Shape(SequentialModel.maxSize))
    try huge.add(LayerSpec(.dense, size: 1000))
    #expect(throws: TensorError.invalidArgument) { try huge.add(LayerSpec(.dense, size: SequentialModel.maxSize)) }
    #expect(huge.specs.count == 1)
    let many = try SequentialModel(inputShape: Shape(1))
    for _ in 0..<SequentialModel.maxLayers { try many.add(LayerSpec(.activation, activation: .tanh)) }
    #expect(throws: TensorError.invalidArgument) { try many.add(LayerSpec(.activation)) }
  }

  @Test func sizesSaturateInsteadOfOverflowing() {
    #expect(SequentialModel.product(Int.max / 2, 3) == .max)
    #expect(SequentialModel.product(1 << 20, 1 << 20, 1 << 20, 1 << 20) == .max)
    #expect(SequentialModel.product(3, 4, 5) == 60 && SequentialModel.product() == 1)
    #expect(SequentialModel.sum(Int.max, 1) == .max)
    #expect(SequentialModel.sum(1, 2, 3) == 6)
  }

  @Test func aStepsMemoryIsBoundedBeforeItRuns() throws {
    // Attention scores over 4096 steps would record 4 · 4096² floats per sample: refused when added.
    let long = try SequentialModel(inputShape: Shape(4096, 8))
    #expect(throws: TensorError.invalidArgument) { try long.add(LayerSpec(.attention, count: 1)) }
    #expect(long.specs.isEmpty)
    // An LSTM over 512 steps fits a few dozen samples per step; a bigger batch is refused.
    let m = try Self.model(Shape(512, 8), [LayerSpec(.lstm, size: 64), LayerSpec(.lastStep), LayerSpec(.dense, size: 1)])
    #expect(m.maxBatch >= 16 && m.maxBatch < 64)
    #expect(m.workPerSample * m.maxBatch <= SequentialModel.maxWorkingSet)
    let tooMany = [Float](repeating: 0.5, count: (m.maxBatch + 1) * 512 * 8)
    #expect(throws: TensorError.outOfRange) { try m.predict(tooMany) }
    let fits = try m.predict([Float](repeating: 0.5, count: m.maxBatch * 512 * 8))
    #expect(fits.count == m.maxBatch)
  }

  @Test func lossesAndOptimizersAreValidated() throws {
    let m = try SequentialModel(inputShape: Shape(2))
    for l in [PointLoss.huber(delta: 0), .huber(delta: .infinity), .pinball(quantile: 0), .pinball(quantile: 1)] {
      #expect(throws: TensorError.invalidArgument) { try m.setLoss(l) }
    }
    let bad: [(OptimizerRule, Float, Float)] = [
      (.adam(), 0, 0), (.adam(), .nan, 0), (.adam(), 1e-3, -1), (.adam(), 1e-3, .infinity),
      (.sgd(momentum: -1), 1e-3, 0), (.adam(beta1: 1), 1e-3, 0), (.adamW(epsilon: .nan), 1e-3, 0),
      (.rmsProp(alpha: 1), 1e-3, 0), (.rmsProp(weightDecay: -1), 1e-3, 0),
    ]
    for (rule, lr, clip) in bad {
      #expect(throws: TensorError.invalidArgument) { try m.setOptimizer(rule, learningRate: lr, clipNorm: clip) }
    }
    #expect(m.loss == .mse && m.learningRate == 1e-3 && m.clipNorm == 0)
  }

  @Test func badBatchesAreTypedErrors() throws {
    let empty = try SequentialModel(inputShape: Shape(2))
    let x: [Float] = [1, 2, 3, 4]
    #expect(throws: TensorError.invalidArgument) {
      try x.withUnsafeBufferPointer { xp in try x.withUnsafeBufferPointer { try empty.trainStep(inputs: xp, targets: $0) } }
    }
    let m = try Self.model(Shape(2), [LayerSpec(.dense, size: 1)])
    #expect(throws: TensorError.shapeMismatch(Shape(2), Shape(3))) {
      try [Float](repeating: 0, count: 3).withUnsafeBufferPointer { try m.predict(inputs: $0) }
    }
    #expect(throws: TensorError.shapeMismatch(Shape(2), Shape(0))) {
      try [Float]().withUnsafeBufferPointer { try m.predict(inputs: $0) }
    }
    #expect(throws: TensorError.shapeMismatch(Shape(2, 1), Shape(4))) {
      try x.withUnsafeBufferPointer { xp in try x.withUnsafeBufferPointer { try m.evaluate(inputs: xp, targets: $0) } }
    }
    #expect(try m.batchSize(ofInputCount: 4) == 2)
    #expect(throws: TensorError.shapeMismatch(Shape(2, 1), Shape(1))) { try m.trainStep(x, targets: [1]) }
    let before = try m.predict(x)
    #expect(try m.trainStep(x, targets: [1, 2]) > 0)
    #expect(try m.predict(x) != before)
  }
}
