// TimesNet: Wu, Hu, Liu, Zhou, Wang & Long, "TimesNet: Temporal 2D-Variation Modeling for General Time
// Series Analysis" (ICLR 2023), as NeuralForecast implements it (`neuralforecast.models.timesnet`).
//
// Architecture: the window is embedded (token convolution + sinusoidal positions + dropout,
// `DataEmbedding`), stretched over time to inputSize + horizon positions by Linear(L → L + H)
// (`predict_linear`), and passed through `encoderLayers` TimesBlocks, each followed by one shared
// LayerNorm; Linear(hidden → Q) projects every position and the last `horizon` are the forecast.
// A TimesBlock finds the `topK` dominant periods from the batch-mean Fourier amplitudes (frequency 0
// excluded, period = ⌊T/f⌋), folds the sequence (zero-padded to a multiple of the period) into a
// 2-D grid of rows × period, applies Inception → GELU → Inception (means of `numKernels` same-size 2-D
// convolutions of widths 1, 3, 5, …; `Layers/Conv2D+Forecasting.swift`), unfolds, weights the k
// results by a softmax of their amplitudes (per window) and adds the input back.
// The Fourier amplitudes are exact DFTs (constant matrices) in the graph; the period choice is read
// from forward values, as the reference's `topk(...).detach()`.
// Stated differences from NeuralForecast's defaults: no exogenous (calendar) inputs; GELU in Neural's
// tanh form; the amplitude has 1e-12 under its root so that its gradient stays finite; linear biases
// start at zero; the per-window scaler is this package's (`scaler`, standard by default as NeuralForecast's).
// Defaults as NeuralForecast: hidden 64, convolution 64, top-5 periods, 6 kernels, 2 layers, dropout
// 0.1, 1000 steps, learning rate 1e-4, batch 32.
import Neural

/// The TimesNet forecaster (Wu et al. 2023): periods found by FFT, 2-D Inception blocks.
///
/// ```swift
/// let m = try TimesNet(inputSize: 24, horizon: 12, hiddenSize: 8, convHiddenSize: 8, topK: 2, numKernels: 2,
///                      maxSteps: 200, learningRate: 3e-3)
/// try m.fit(train, progress: nil)
/// let f = try m.forecast(train, h: 12, levels: [])
/// ```
/// - Complexity: O(layers · topK · numKernels · T² · k² · hidden) per window with the im2col gathers,
///   T = inputSize + horizon, k ≤ 2·numKernels − 1.
public final class TimesNet: WindowNetwork {
  public let hiddenSize: Int
  public let convHiddenSize: Int
  /// Periods per block (≤ ⌊(inputSize + horizon)/2⌋).
  public let topK: Int
  /// Convolutions per Inception block (widths 1, 3, …, 2·numKernels − 1).
  public let numKernels: Int
  public let encoderLayers: Int
  /// Dropout of the embedding, in [0, 1).
  public let dropout: Double
  var embedding: DataEmbedding?
  var predictLinear: Dense?
  var blocks: [TimesBlock] = []
  var norm: LayerNorm?
  var projection: Dense?

  /// - Throws: ``ForecastError/invalidArgument(_:)`` unless the sizes are in 1...4096, topK in
  ///   1...⌊(inputSize + horizon)/2⌋, numKernels in 1...16, encoderLayers in 1...64, dropout in [0, 1).
  public init(inputSize: Int, horizon: Int, hiddenSize: Int = 64, convHiddenSize: Int = 64, topK: Int = 5,
              numKernels: Int = 6, encoderLayers: Int = 2, dropout: Double = 0.1, maxSteps: Int = 1000,
              batchSize: Int = 32, learningRate: Double = 1e-4, scaler: ScalerKind = .standard, levels: [Double] = [],
              alias: String = "TimesNet") throws(ForecastError) {
    guard (1...4096).contains(hiddenSize), (1...4096).contains(convHiddenSize), (1...16).contains(numKernels),
          (1...64).contains(encoderLayers) else {
      throw .invalidArgument("TimesNet needs sizes in 1...4096, 1...16 kernels and 1...64 layers")
    }
    guard topK >= 1, inputSize >= 1, horizon >= 1, topK <= (inputSize + horizon) / 2 else {
      throw .invalidArgument("TimesNet topK must be in 1...(inputSize + horizon)/2")
    }
    guard dropout >= 0, dropout < 1 else { throw .invalidArgument("TimesNet dropout must be in [0, 1)") }
    self.hiddenSize = hiddenSize
    self.convHiddenSize = convHiddenSize
    self.topK = topK
    self.numKernels = numKernels
    self.encoderLayers = encoderLayers
    self.dropout = dropout
    try super.init(kind: "TimesNet", inputSize: inputSize, horizon: horizon, maxSteps: maxSteps, batchSize: batchSize,
                   learningRate: learningRate, scaler: scaler, levels: levels, alias: alias)
  }

  override func configuration() -> [Double] {
    [Double(hiddenSize), Double(convHiddenSize), Double(topK), Double(numKernels), Double(encoderLayers), dropout]
  }

  static func decodeConfig(_ c: WindowNetwork.Common, _ config: [Double]) throws(ForecastError) -> TimesNet? {
    guard config.count == 6 else { return nil }
    let v = config.map { Int(exactly: $0) ?? -1 }
    return try TimesNet(inputSize: c.inputSize, horizon: c.horizon, hiddenSize: v[0], convHiddenSize: v[1], topK: v[2],
                        numKernels: v[3], encoderLayers: v[4], dropout: config[5], maxSteps: c.maxSteps,
                        batchSize: c.batchSize, learningRate: c.learningRate, scaler: c.scaler, levels: c.levels,
                        alias: c.alias)
  }

  override func build(_ rng: inout NeuralRandom) -> [Parameter] {
    let e = DataEmbedding(channels: 1, dimension: hiddenSize, positions: true, dropout: Float(dropout), using: &rng)
    blocks = (0..<encoderLayers).map { _ in
      TimesBlock(hiddenSize: hiddenSize, convHiddenSize: convHiddenSize, topK: topK, kernels: numKernels, using: &rng)
    }
    let n = LayerNorm(hiddenSize)
    let p = Dense(inputSize: inputSize, outputSize: inputSize + horizon, initializer: .lecunUniform, using: &rng)
    let out = Dense(inputSize: hiddenSize, outputSize: outputCount, initializer: .lecunUniform, using: &rng)
    embedding = e
    norm = n
    predictLinear = p
    projection = out
    return e.parameters + blocks.flatMap { $0.parameters } + n.parameters + p.parameters + out.parameters
  }

  override func network(_ x: Var, in g: Graph) throws(TensorError) -> Var {
    guard let embedding, let norm, let predictLinear, let projection else { throw .invalidArgument }
    let b = x.shape[0], l = inputSize
    let e = try embedding(try g.reshape(x, Shape(b, l, 1)), in: g)                              // [B, L, D]
    var z = try g.transpose(try predictLinear(try g.transpose(e, 1, 2), in: g), 1, 2)            // [B, T, D]
    for block in blocks { z = try norm(try block(z, in: g), in: g) }
    return try g.slice(try projection(z, in: g), axis: 1, start: l, count: horizon)
  }
}

/// TimesBlock: FFT periods, 2-D Inception on each folding, amplitude-weighted sum, residual.
final class TimesBlock: Layer {
  let first, second: InceptionBlock
  let topK: Int

  init(hiddenSize: Int, convHiddenSize: Int, topK: Int, kernels: Int, using rng: inout NeuralRandom) {
    first = InceptionBlock(inChannels: hiddenSize, outChannels: convHiddenSize, kernels: kernels, using: &rng)
    second = InceptionBlock(inChannels: convHiddenSize, outChannels: hiddenSize, kernels: kernels, using: &rng)
    self.topK = topK
  }

  var parameters: [Parameter] { first.parameters + second.parameters }

  /// The `topK` frequencies (≥ 1) of largest mean amplitude `amplitude[f]`, largest first.
  static func topFrequencies(_ amplitude: [Float], count: Int) -> [Int] {
    var a = amplitude
    a[0] = 0
    return ProbSparse.largestInOrder(a, count: count)
  }

  func callAsFunction(_ x: Var, in g: Graph) throws(TensorError) -> Var {
    let b = x.shape[0], t = x.shape[1], nf = t / 2 + 1
    let dft = DFT.forward(t, Array(0..<nf))
    let xt = try g.transpose(x, 1, 2)                                                          // [B, D, T]
    let re = try g.matmul(xt, g.constant(Tensor(shape: Shape(t, nf), scalars: dft.re)))
    let im = try g.matmul(xt, g.constant(Tensor(shape: Shape(t, nf), scalars: dft.im)))
    let amplitude = try g.apply(.sqrt, try g.add(try g.add(try g.apply(.square, re), try g.apply(.square, im)),
                                                 scalar: 1e-12))
    let perWindow = try g.mean(amplitude, axis: 1)                                             // [B, F]
    let values = try g.value(perWindow).scalars
    var batchMean = [Float](repeating: 0, count: nf)
    for bi in 0..<b { for f in 0..<nf { batchMean[f] += values[bi * nf + f] / Float(b) } }
    let top = TimesBlock.topFrequencies(batchMean, count: topK)
    var pick = [Float](repeating: 0, count: nf * topK)
    for (i, f) in top.enumerated() { pick[f * topK + i] = 1 }
    let weights = try g.softmax(try g.matmul(perWindow, g.constant(Tensor(shape: Shape(nf, topK), scalars: pick))))
    var sum = x
    for (i, f) in top.enumerated() {
      let period = t / f, rows = (t + period - 1) / period
      let folded = try g.pad(x, axis: 1, before: 0, after: rows * period - t)
      let inner = try g.apply(.gelu, try first(folded, rows: rows, columns: period, in: g))
      let out = try g.slice(try second(inner, rows: rows, columns: period, in: g), axis: 1, start: 0, count: t)
      let w = try g.reshape(try g.slice(weights, axis: 1, start: i, count: 1), Shape(b, 1, 1))
      sum = try g.add(sum, try g.mul(out, w))
    }
    return sum
  }
}
