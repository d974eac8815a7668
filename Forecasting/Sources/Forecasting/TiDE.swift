// TiDE: Das, Kong, Leach, Mathur, Sen & Yu, "Long-term Forecasting with TiDE: Time-series Dense
// Encoder" (TMLR 2023), as NeuralForecast implements it (`neuralforecast.models.tide`), without
// exogenous inputs (so no feature projection).
//
// Architecture, every block a residual MLP (`MLPResidual`: Linear(in → hidden) + ReLU → Linear(hidden →
// out) → dropout, plus a linear skip Linear(in → out), then LayerNorm):
// - dense encoder: `encoderLayers` blocks, the first from the window (inputSize) to `hiddenSize`;
// - dense decoder: `decoderLayers − 1` blocks hidden → hidden, then one to `decoderOutputSize · horizon`,
//   reshaped to `[B, horizon, decoderOutputSize]`;
// - temporal decoder: one block per step, decoderOutputSize → `temporalDecoderSize` → Q;
// - global skip: Linear(inputSize → horizon · Q) of the window, added.
// Defaults as NeuralForecast: hidden 512, decoder output 32, temporal decoder 128, 1 encoder and 1
// decoder layer, dropout 0.3, layer norm on. Dropout uses the training graph's generator, seeded by
// the model's seed.
import Neural

/// A TiDE residual block: `LayerNorm(Linear(ReLU(Linear(x))) + Linear(x))`, dropout before the sum.
final class ResidualMLP {
  let inner: Dense, outer: Dense, skip: Dense
  let dropout: Dropout
  let norm: LayerNorm?

  init(_ input: Int, _ hidden: Int, _ output: Int, dropout p: Float, layerNorm: Bool, using rng: inout NeuralRandom) {
    inner = Dense(inputSize: input, outputSize: hidden, activation: .relu, using: &rng)
    outer = Dense(inputSize: hidden, outputSize: output, using: &rng)
    skip = Dense(inputSize: input, outputSize: output, using: &rng)
    dropout = Dropout(p)
    norm = layerNorm ? LayerNorm(output) : nil
  }

  var parameters: [Parameter] { inner.parameters + outer.parameters + skip.parameters + (norm?.parameters ?? []) }

  func callAsFunction(_ x: Var, in g: Graph) throws(TensorError) -> Var {
    let y = try g.add(try dropout(try outer(try inner(x, in: g), in: g), in: g), try skip(x, in: g))
    guard let norm else { return y }
    return try norm(y, in: g)
  }
}

/// TiDE forecaster (Das et al. 2023).
///
/// ```swift
/// let m = TiDE(inputSize: 24, horizon: 12, hiddenSize: 64, dropout: 0, maxSteps: 300)
/// try m.fit(train, progress: nil)
/// let f = try m.forecast(train, h: 12, levels: [])
/// ```
/// - Complexity: O(inputSize·hidden + layers·hidden² + hidden·horizon·decoderOutputSize) per window.
public final class TiDE: WindowNetwork {
  public let hiddenSize: Int
  public let decoderOutputSize: Int
  public let temporalDecoderSize: Int
  public let encoderLayers: Int
  public let decoderLayers: Int
  /// Dropout probability in [0, 1).
  public let dropout: Double
  public let layerNorm: Bool
  var encoder: [ResidualMLP] = []
  var decoder: [ResidualMLP] = []
  var temporal: ResidualMLP?
  var globalSkip: Dense?

  /// - Throws: ``ForecastError/invalidArgument(_:)`` unless sizes ≥ 1, dropout in [0, 1).
  public init(inputSize: Int, horizon: Int, hiddenSize: Int = 512, decoderOutputSize: Int = 32,
              temporalDecoderSize: Int = 128, encoderLayers: Int = 1, decoderLayers: Int = 1, dropout: Double = 0.3,
              layerNorm: Bool = true, maxSteps: Int = 1000, batchSize: Int = 32, learningRate: Double = 1e-3,
              scaler: ScalerKind = .identity, levels: [Double] = [], alias: String = "TiDE") throws(ForecastError) {
    guard hiddenSize >= 1 && decoderOutputSize >= 1 && temporalDecoderSize >= 1 && encoderLayers >= 1
                   && decoderLayers >= 1 && dropout >= 0 && dropout < 1 else { throw .invalidArgument("TiDE sizes") }
    self.hiddenSize = hiddenSize
    self.decoderOutputSize = decoderOutputSize
    self.temporalDecoderSize = temporalDecoderSize
    self.encoderLayers = encoderLayers
    self.decoderLayers = decoderLayers
    self.dropout = dropout
    self.layerNorm = layerNorm
    try super.init(kind: "TiDE", inputSize: inputSize, horizon: horizon, maxSteps: maxSteps, batchSize: batchSize,
               learningRate: learningRate, scaler: scaler, levels: levels, alias: alias)
  }

  override func configuration() -> [Double] {
    [Double(hiddenSize), Double(decoderOutputSize), Double(temporalDecoderSize), Double(encoderLayers),
     Double(decoderLayers), dropout, layerNorm ? 1 : 0]
  }

  static func decodeConfig(_ c: WindowNetwork.Common, _ config: [Double]) throws(ForecastError) -> TiDE? {
    guard config.count == 7 else { return nil }
    let v = config.map { Int(exactly: $0) ?? -1 }
    guard (1...8192).contains(v[0]), (1...8192).contains(v[1]), (1...8192).contains(v[2]), (1...64).contains(v[3]),
          (1...64).contains(v[4]), config[5] >= 0, config[5] < 1, v[6] == 0 || v[6] == 1 else { return nil }
    return try TiDE(inputSize: c.inputSize, horizon: c.horizon, hiddenSize: v[0], decoderOutputSize: v[1],
                temporalDecoderSize: v[2], encoderLayers: v[3], decoderLayers: v[4], dropout: config[5],
                layerNorm: v[6] == 1, maxSteps: c.maxSteps, batchSize: c.batchSize, learningRate: c.learningRate,
                scaler: c.scaler, levels: c.levels, alias: c.alias)
  }

  override func build(_ rng: inout NeuralRandom) -> [Parameter] {
    let p = Float(dropout)
    encoder = [ResidualMLP(inputSize, hiddenSize, hiddenSize, dropout: p, layerNorm: layerNorm, using: &rng)]
    for _ in 1..<encoderLayers {
      encoder.append(ResidualMLP(hiddenSize, hiddenSize, hiddenSize, dropout: p, layerNorm: layerNorm, using: &rng))
    }
    decoder = []
    for _ in 1..<decoderLayers {
      decoder.append(ResidualMLP(hiddenSize, hiddenSize, hiddenSize, dropout: p, layerNorm: layerNorm, using: &rng))
    }
    decoder.append(ResidualMLP(hiddenSize, hiddenSize, decoderOutputSize * horizon, dropout: p, layerNorm: layerNorm,
                               using: &rng))
    let t = ResidualMLP(decoderOutputSize, temporalDecoderSize, outputCount, dropout: p, layerNorm: layerNorm,
                        using: &rng)
    let s = Dense(inputSize: inputSize, outputSize: horizon * outputCount, using: &rng)
    temporal = t
    globalSkip = s
    return (encoder + decoder + [t]).flatMap { $0.parameters } + s.parameters
  }

  override func network(_ x: Var, in g: Graph) throws(TensorError) -> Var {
    guard let temporal, let globalSkip else { throw .invalidArgument }
    let b = x.shape[0]
    var h = x
    for block in encoder + decoder { h = try block(h, in: g) }
    let steps = try temporal(try g.reshape(h, Shape(b, horizon, decoderOutputSize)), in: g)   // [B, h, Q]
    return try g.add(steps, try g.reshape(try globalSkip(x, in: g), Shape(b, horizon, outputCount)))
  }
}
