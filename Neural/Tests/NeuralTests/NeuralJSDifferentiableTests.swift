// DifferentiableJS: the handle facade behind the chunk's differentiable API. Every bad handle,
// number, shape or file is a typed error. The scenario test also writes its figures as JSON when
// NEURAL_DIFFERENTIABLE_REFERENCE names a file: scripts/checks/neural-differentiable-browser.sh runs
// the same scenario on the wasm chunk in headless Chromium and compares.
import Glibc
import Neural
import NeuralIO
import Testing

/// The scenario run natively here and in the chunk by Neural/JS/tests/differentiable-check.mjs.
enum DifferentiableScenario {
  static func json(_ xs: [Float]) -> String { "[" + xs.map { "\($0)" }.joined(separator: ",") + "]" }

  /// 16 windows of 12 steps of a noisy-free two-tone series and each window's next value.
  static func data() -> (x: [Float], y: [Float]) {
    var x: [Float] = [], y: [Float] = []
    for b in 0..<16 {
      for t in 0...12 {
        let v = Float(sin(0.35 * Double(b + t)) + 0.25 * cos(0.9 * Double(b + t)))
        if t < 12 { x.append(v) } else { y.append(v) }
      }
    }
    return (x, y)
  }

  static func train(_ h: Int, _ x: [Float], _ y: [Float], steps: Int) throws -> [Float] {
    try (0..<steps).map { _ in
      try x.withUnsafeBufferPointer { xp in
        try y.withUnsafeBufferPointer { try DifferentiableJS.trainStep(h, inputs: xp, targets: $0) }
      }
    }
  }

  static func run() throws -> String {
    let (x, y) = data()
    // An LSTM forecaster: [12, 1] → LSTM(8) → last step → Dense(1), Adam 0.01, MSE.
    let lstm = try DifferentiableJS.createModel(length: 12, features: 1, seed: 7)
    defer { try? DifferentiableJS.destroyModel(lstm) }
    try DifferentiableJS.addRecurrent(lstm, cell: 1, units: 8, layers: 1)
    try DifferentiableJS.addLastStep(lstm)
    try DifferentiableJS.addDense(lstm, units: 1, activation: 11)
    try DifferentiableJS.setOptimizer(lstm, optimizer: 1, learningRate: 0.01, weightDecay: 0, momentum: 0, clipNorm: 0)
    let lstmLosses = try train(lstm, x, y, steps: 30)
    let lstmPrediction = try x.withUnsafeBufferPointer { try DifferentiableJS.predict(lstm, inputs: $0) }
    let bytes = try DifferentiableJS.save(lstm)
    // A small attention model: Dense(1→8) → positions → encoder (2 heads, causal) → last → Dense(1),
    // AdamW, Huber.
    let tf = try DifferentiableJS.createModel(length: 12, features: 1, seed: 3)
    defer { try? DifferentiableJS.destroyModel(tf) }
    try DifferentiableJS.addDense(tf, units: 8, activation: 11)
    try DifferentiableJS.addPositionalEncoding(tf)
    try DifferentiableJS.addTransformerEncoder(tf, heads: 2, feedForward: 16, dropout: 0, causal: 1)
    try DifferentiableJS.addLastStep(tf)
    try DifferentiableJS.addDense(tf, units: 1, activation: 11)
    try DifferentiableJS.setLoss(tf, loss: 2, parameter: 0.5)
    try DifferentiableJS.setOptimizer(tf, optimizer: 2, learningRate: 0.005, weightDecay: 0.01, momentum: 0, clipNorm: 1)
    let tfLosses = try train(tf, x, y, steps: 15)
    return "{\"x\":\(json(x)),\"y\":\(json(y)),"
      + "\"lstm\":{\"losses\":\(json(lstmLosses)),\"prediction\":\(json(lstmPrediction)),"
      + "\"parameters\":\(try DifferentiableJS.parameterCount(lstm)),\"fileBytes\":\(bytes.count)},"
      + "\"transformer\":{\"losses\":\(json(tfLosses)),\"parameters\":\(try DifferentiableJS.parameterCount(tf))}}"
  }
}

@Suite(.serialized) struct NeuralJSDifferentiableTests {
  typealias E = DifferentiableJSError

  @Test func scenarioTrainsAndWritesTheReference() throws {
    let text = try DifferentiableScenario.run()
    #expect(text.hasPrefix("{\"x\":["))
    if let path = getenv("NEURAL_DIFFERENTIABLE_REFERENCE") {
      try NeuralFiles.write(Array(text.utf8), path: String(cString: path))
    }
  }

  @Test func lstmLossFallsAndTheModelRoundTrips() throws {
    let (x, y) = DifferentiableScenario.data()
    let h = try DifferentiableJS.createModel(length: 12, features: 1, seed: 7)
    defer { try? DifferentiableJS.destroyModel(h) }
    try DifferentiableJS.addRecurrent(h, cell: 2, units: 6, layers: 2)
    try DifferentiableJS.addLayerNorm(h)
    try DifferentiableJS.addDropout(h, rate: 0.1)
    try DifferentiableJS.addFlatten(h)
    try DifferentiableJS.addActivation(h, activation: 3)
    try DifferentiableJS.addDense(h, units: 1, activation: 11)
    try DifferentiableJS.setLoss(h, loss: 1, parameter: 0)
    try DifferentiableJS.setOptimizer(h, optimizer: 0, learningRate: 0.05, weightDecay: 0, momentum: 0.9, clipNorm: 5)
    let losses = try DifferentiableScenario.train(h, x, y, steps: 40)
    #expect(losses.last! < losses.first!)
    #expect(try DifferentiableJS.inputSize(h) == 12 && DifferentiableJS.outputSize(h) == 1)
    #expect(try DifferentiableJS.layerCount(h) == 6)
    let copy = try DifferentiableJS.save(h).withUnsafeBufferPointer { try DifferentiableJS.load($0) }
    defer { try? DifferentiableJS.destroyModel(copy) }
    let a = try x.withUnsafeBufferPointer { try DifferentiableJS.predict(h, inputs: $0) }
    let b = try x.withUnsafeBufferPointer { try DifferentiableJS.predict(copy, inputs: $0) }
    #expect(a == b && a.count == 16)
    let ea = try x.withUnsafeBufferPointer { xp in try y.withUnsafeBufferPointer { try DifferentiableJS.evaluate(h, inputs: xp, targets: $0) } }
    let eb = try x.withUnsafeBufferPointer { xp in try y.withUnsafeBufferPointer { try DifferentiableJS.evaluate(copy, inputs: xp, targets: $0) } }
    #expect(ea == eb)
  }

  @Test func everyOptimizerAndLossNumberIsAccepted() throws {
    let h = try DifferentiableJS.createModel(length: 0, features: 3, seed: 0)
    defer { try? DifferentiableJS.destroyModel(h) }
    try DifferentiableJS.addConv1DRejected(h)
    try DifferentiableJS.addDense(h, units: 2, activation: 0)
    for o in 0...3 { try DifferentiableJS.setOptimizer(h, optimizer: o, learningRate: 0.1, weightDecay: 0.01, momentum: 0.5, clipNorm: 0) }
    for (l, p) in [(0, Float(0)), (1, 0), (2, 1), (3, 0.5)] { try DifferentiableJS.setLoss(h, loss: l, parameter: p) }
    #expect(try DifferentiableJS.parameterCount(h) == 8)
  }

  @Test func attentionAndConvolutionLayersStack() throws {
    let h = try DifferentiableJS.createModel(length: 10, features: 4, seed: 2)
    defer { try? DifferentiableJS.destroyModel(h) }
    try DifferentiableJS.addConv1D(h, channels: 4, kernel: 3, dilation: 2, activation: 0)
    try DifferentiableJS.addAttention(h, heads: 2, causal: 0)
    try DifferentiableJS.addLastStep(h)
    #expect(try DifferentiableJS.outputSize(h) == 4)
    #expect(try DifferentiableJS.parameterCount(h) == 3 * 4 * 4 + 4 + 4 * 16 + 16)
  }

  @Test func badHandlesAreTypedErrors() throws {
    let x: [Float] = [1]
    for h in [-1, 1 << 20] {
      #expect(throws: E.unknownModel(handle: h)) { try DifferentiableJS.parameterCount(h) }
      #expect(throws: E.unknownModel(handle: h)) { try DifferentiableJS.addLastStep(h) }
      #expect(throws: E.unknownModel(handle: h)) { try DifferentiableJS.setLoss(h, loss: 0, parameter: 0) }
      #expect(throws: E.unknownModel(handle: h)) {
        try DifferentiableJS.setOptimizer(h, optimizer: 1, learningRate: 1, weightDecay: 0, momentum: 0, clipNorm: 0)
      }
      #expect(throws: E.unknownModel(handle: h)) {
        try x.withUnsafeBufferPointer { try DifferentiableJS.trainStep(h, inputs: $0, targets: $0) }
      }
      #expect(throws: E.unknownModel(handle: h)) {
        try x.withUnsafeBufferPointer { try DifferentiableJS.evaluate(h, inputs: $0, targets: $0) }
      }
      #expect(throws: E.unknownModel(handle: h)) { try x.withUnsafeBufferPointer { try DifferentiableJS.predict(h, inputs: $0) } }
      #expect(throws: E.unknownModel(handle: h)) { try DifferentiableJS.save(h) }
      #expect(throws: E.unknownModel(handle: h)) { try DifferentiableJS.destroyModel(h) }
      #expect(throws: E.unknownModel(handle: h)) { try DifferentiableJS.inputSize(h) }
      #expect(throws: E.unknownModel(handle: h)) { try DifferentiableJS.outputSize(h) }
      #expect(throws: E.unknownModel(handle: h)) { try DifferentiableJS.layerCount(h) }
    }
    let h = try DifferentiableJS.createModel(length: 0, features: 1, seed: 0)
    try DifferentiableJS.destroyModel(h)
    #expect(throws: E.unknownModel(handle: h)) { try DifferentiableJS.parameterCount(h) }
    let again = try DifferentiableJS.createModel(length: 0, features: 1, seed: 0)
    #expect(again == h)
    try DifferentiableJS.destroyModel(again)
  }

  @Test func badNumbersAreTypedErrors() throws {
    #expect(throws: E.invalidModelArgument(name: "features", value: 0)) { try DifferentiableJS.createModel(length: 1, features: 0, seed: 0) }
    #expect(throws: E.invalidModelArgument(name: "length", value: -1)) { try DifferentiableJS.createModel(length: -1, features: 1, seed: 0) }
    #expect(throws: E.invalidModelArgument(name: "seed", value: -1)) { try DifferentiableJS.createModel(length: 1, features: 1, seed: -1) }
    #expect(throws: E.invalidModelArgument(name: "seed", value: -1)) { try DifferentiableJS.createModel(length: 1, features: 1, seed: .nan) }
    #expect(throws: E.invalidModelArgument(name: "seed", value: 1)) { try DifferentiableJS.createModel(length: 1, features: 1, seed: 1.5) }
    let h = try DifferentiableJS.createModel(length: 4, features: 6, seed: 0)
    defer { try? DifferentiableJS.destroyModel(h) }
    #expect(throws: E.invalidModelArgument(name: "units", value: 0)) { try DifferentiableJS.addDense(h, units: 0, activation: 0) }
    #expect(throws: E.invalidModelArgument(name: "activation", value: 12)) { try DifferentiableJS.addDense(h, units: 1, activation: 12) }
    #expect(throws: E.invalidModelArgument(name: "activation", value: -1)) { try DifferentiableJS.addActivation(h, activation: -1) }
    #expect(throws: E.invalidModelArgument(name: "cell", value: 3)) { try DifferentiableJS.addRecurrent(h, cell: 3, units: 1, layers: 1) }
    #expect(throws: E.invalidModelArgument(name: "layers", value: 0)) { try DifferentiableJS.addRecurrent(h, cell: 0, units: 1, layers: 0) }
    #expect(throws: E.invalidModelArgument(name: "causal", value: 2)) { try DifferentiableJS.addAttention(h, heads: 2, causal: 2) }
    #expect(throws: E.invalidModelArgument(name: "dropout", value: 1)) {
      try DifferentiableJS.addTransformerEncoder(h, heads: 2, feedForward: 4, dropout: 1, causal: 0)
    }
    #expect(throws: E.invalidModelArgument(name: "rate", value: -1)) { try DifferentiableJS.addDropout(h, rate: .nan) }
    #expect(throws: E.invalidModelArgument(name: "kernel", value: 0)) { try DifferentiableJS.addConv1D(h, channels: 1, kernel: 0, dilation: 1, activation: 0) }
    // Numbers in range that do not fit the shape: 4 heads do not divide 6 features.
    #expect(throws: E.incompatibleLayer(layer: 0)) { try DifferentiableJS.addAttention(h, heads: 4, causal: 0) }
    try DifferentiableJS.addLastStep(h)
    #expect(throws: E.incompatibleLayer(layer: 1)) { try DifferentiableJS.addPositionalEncoding(h) }
    #expect(throws: E.incompatibleLayer(layer: 1)) { try DifferentiableJS.addFlatten(h) }
    #expect(throws: E.invalidModelArgument(name: "loss", value: 4)) { try DifferentiableJS.setLoss(h, loss: 4, parameter: 0) }
    #expect(throws: E.invalidModelArgument(name: "delta", value: 0)) { try DifferentiableJS.setLoss(h, loss: 2, parameter: 0) }
    #expect(throws: E.invalidModelArgument(name: "delta", value: -1)) { try DifferentiableJS.setLoss(h, loss: 2, parameter: .infinity) }
    #expect(throws: E.invalidModelArgument(name: "quantile", value: 0)) { try DifferentiableJS.setLoss(h, loss: 3, parameter: 1) }
    func opt(_ o: Int, _ lr: Float, _ wd: Float, _ mu: Float, _ clip: Float) throws(E) {
      try DifferentiableJS.setOptimizer(h, optimizer: o, learningRate: lr, weightDecay: wd, momentum: mu, clipNorm: clip)
    }
    #expect(throws: E.invalidModelArgument(name: "optimizer", value: 4)) { try opt(4, 1, 0, 0, 0) }
    #expect(throws: E.invalidModelArgument(name: "learning rate", value: 0)) { try opt(1, 0, 0, 0, 0) }
    #expect(throws: E.invalidModelArgument(name: "weight decay", value: -1)) { try opt(1, 1, -1, 0, 0) }
    #expect(throws: E.invalidModelArgument(name: "clip norm", value: -1)) { try opt(1, 1, 0, 0, .nan) }
    #expect(throws: E.invalidModelArgument(name: "momentum", value: 1)) { try opt(0, 1, 0, 1, 0) }
    #expect(throws: E.invalidModelArgument(name: "momentum", value: -1)) { try opt(0, 1, 0, .infinity, 0) }
  }

  @Test func badShapesAreTypedErrors() throws {
    let h = try DifferentiableJS.createModel(length: 3, features: 2, seed: 0)
    defer { try? DifferentiableJS.destroyModel(h) }
    let six: [Float] = [1, 2, 3, 4, 5, 6], five: [Float] = [1, 2, 3, 4, 5], one: [Float] = [1]
    #expect(throws: E.emptyModel) { try six.withUnsafeBufferPointer { try DifferentiableJS.trainStep(h, inputs: $0, targets: $0) } }
    try DifferentiableJS.addFlatten(h)
    #expect(throws: E.emptyModel) { try six.withUnsafeBufferPointer { try DifferentiableJS.trainStep(h, inputs: $0, targets: $0) } }
    try DifferentiableJS.addDense(h, units: 1, activation: 11)
    #expect(throws: E.modelShapeMismatch(expected: 6, actual: 5)) {
      try five.withUnsafeBufferPointer { try DifferentiableJS.predict(h, inputs: $0) }
    }
    #expect(throws: E.modelShapeMismatch(expected: 6, actual: 0)) {
      try [Float]().withUnsafeBufferPointer { try DifferentiableJS.predict(h, inputs: $0) }
    }
    #expect(throws: E.modelShapeMismatch(expected: 1, actual: 6)) {
      try six.withUnsafeBufferPointer { try DifferentiableJS.trainStep(h, inputs: $0, targets: $0) }
    }
    #expect(throws: E.modelShapeMismatch(expected: 1, actual: 5)) {
      try six.withUnsafeBufferPointer { x in try five.withUnsafeBufferPointer { try DifferentiableJS.evaluate(h, inputs: x, targets: $0) } }
    }
    let loss = try six.withUnsafeBufferPointer { x in try one.withUnsafeBufferPointer { try DifferentiableJS.trainStep(h, inputs: x, targets: $0) } }
    #expect(loss.isFinite)
    // A batch whose step would need more memory than one step may use: a typed error, not a trap.
    let long = try DifferentiableJS.createModel(length: 2048, features: 1, seed: 0)
    defer { try? DifferentiableJS.destroyModel(long) }
    try DifferentiableJS.addRecurrent(long, cell: 1, units: 128, layers: 1)
    let limit = try DifferentiableJS.maxBatch(long)
    #expect(limit >= 1 && limit < 64)
    let big = [Float](repeating: 0, count: 2048 * (limit + 1))
    #expect(throws: E.batchTooLarge(maxBatch: limit)) { try big.withUnsafeBufferPointer { try DifferentiableJS.predict(long, inputs: $0) } }
  }

  @Test func badFilesAreTypedErrors() throws {
    let h = try DifferentiableJS.createModel(length: 0, features: 2, seed: 0)
    defer { try? DifferentiableJS.destroyModel(h) }
    try DifferentiableJS.addDense(h, units: 1, activation: 11)
    let bytes = try DifferentiableJS.save(h)
    func load(_ b: [UInt8]) throws(E) -> Int { try b.withUnsafeBufferPointer { p throws(E) in try DifferentiableJS.load(p) } }
    #expect(throws: E.invalidModelFile(reason: 3)) { try load(Array(bytes.dropLast(5))) }
    #expect(throws: E.invalidModelFile(reason: 1)) { try load([1, 2, 3, 4, 5]) }
    var v = bytes
    v[4] = 9
    #expect(throws: E.invalidModelFile(reason: 2)) { try load(v) }
    var c = bytes
    c[bytes.count - 6] ^= 1
    #expect(throws: E.invalidModelFile(reason: 4)) { try load(c) }
    #expect(throws: E.invalidModelFile(reason: 6)) { try load(bytes + [0]) }
    #expect(throws: E.invalidModelFile(reason: 5)) { try load(ModelFile().encoded()) }
    #expect(DifferentiableJSError(ModelFileError.missingTensor("p0")) == .invalidModelFile(reason: 7))
    #expect(DifferentiableJSError(ModelFileError.shapeMismatch("p0")) == .invalidModelFile(reason: 8))
    #expect(DifferentiableJSError(TensorError.outOfRange) == .invalidModelArgument(name: "tensor", value: 0))
    #expect(DifferentiableJSError.emptyModel != .unknownModel(handle: 0))
    let copy = try load(bytes)
    #expect(try DifferentiableJS.parameterCount(copy) == 3)
    try DifferentiableJS.destroyModel(copy)
  }
}

extension DifferentiableJS {
  /// A convolution needs a sequence: on `[features]` samples it is an incompatible layer.
  static func addConv1DRejected(_ h: Int) throws {
    #expect(throws: DifferentiableJSError.incompatibleLayer(layer: 0)) {
      try DifferentiableJS.addConv1D(h, channels: 1, kernel: 1, dilation: 1, activation: 0)
    }
  }
}
