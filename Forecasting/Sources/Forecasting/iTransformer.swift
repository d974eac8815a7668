// iTransformer: Liu, Hu, Zhang, Wu, Wang, Ma & Long, "iTransformer: Inverted Transformers Are Effective
// for Time Series Forecasting" (ICLR 2024), as NeuralForecast implements it
// (`neuralforecast.models.itransformer`, a multivariate model over `n_series` aligned series).
//
// Architecture (inverted): every series of the panel is one token. Its whole window is embedded by
// Linear(inputSize → hidden) plus dropout (`DataEmbedding_inverted`); `encoderLayers` post-norm
// Transformer layers (full attention across the series, `heads` heads, feed-forward `feedForwardSize`,
// GELU, dropout) and a LayerNorm mix the series; Linear(hidden → horizon · Q) projects each token to
// its series' forecast. Windows and batches come from `CovariateNetwork`'s multivariate layout
// (`[B, L, N]` in, `[B, H, N, Q]` out): one example is one time offset of the whole panel.
// Stated differences from NeuralForecast's defaults: `use_norm` (each series' window standardised by its
// mean and standard deviation, outputs mapped back) is this package's per-window scaler, `.standard` by
// default here; no exogenous inputs (NeuralForecast's iTransformer takes none either); the projection's
// outputs are read horizon-major per quantile (a fixed permutation of its weights); GELU in Neural's tanh
// form; linear biases start at zero.
// Defaults as NeuralForecast: hidden 512, 8 heads, 2 encoder layers, feed-forward 2048, dropout 0.1,
// 1000 steps, learning rate 1e-3, batch 32.
import Neural

/// The iTransformer forecaster (Liu et al. 2024): attention across the series of an aligned panel.
///
/// ```swift
/// let m = try iTransformer(inputSize: 24, horizon: 12, nSeries: 2, hiddenSize: 32, heads: 4,
///                          feedForwardSize: 64, maxSteps: 200)
/// try m.fit(panel, progress: nil)                       // two aligned series
/// let f = try m.forecast(panel, h: 12, levels: [])      // one forecast per series
/// ```
/// - Complexity: O(encoderLayers · (N² · hidden + N · hidden · feedForwardSize) + N · L · hidden) per example.
public final class iTransformer: CovariateNetwork {
  public let hiddenSize: Int
  public let heads: Int
  public let encoderLayers: Int
  public let feedForwardSize: Int
  /// Dropout probability in [0, 1).
  public let dropout: Double
  var embedding: Dense?
  var encoder: [PostNormEncoderLayer] = []
  var norm: LayerNorm?
  var projector: Dense?

  /// - Throws: ``ForecastError/invalidArgument(_:)`` unless heads divides hiddenSize (≤ 4096), the layer
  ///   count is in 1...64, feedForwardSize in 1...65536, nSeries in 1...16384 and dropout in [0, 1).
  public init(inputSize: Int, horizon: Int, nSeries: Int, hiddenSize: Int = 512, heads: Int = 8,
              encoderLayers: Int = 2, feedForwardSize: Int = 2048, dropout: Double = 0.1, maxSteps: Int = 1000,
              batchSize: Int = 32, learningRate: Double = 1e-3, scaler: ScalerKind = .standard,
              levels: [Double] = [], alias: String = "iTransformer") throws(ForecastError) {
    guard (1...4096).contains(hiddenSize), (1...256).contains(heads), hiddenSize % heads == 0 else {
      throw .invalidArgument("iTransformer needs 1 <= heads <= 256 dividing 1 <= hiddenSize <= 4096")
    }
    guard (1...64).contains(encoderLayers), (1...65536).contains(feedForwardSize) else {
      throw .invalidArgument("iTransformer needs 1...64 encoder layers and feedForwardSize in 1...65536")
    }
    guard dropout >= 0, dropout < 1 else { throw .invalidArgument("iTransformer dropout must be in [0, 1)") }
    self.hiddenSize = hiddenSize
    self.heads = heads
    self.encoderLayers = encoderLayers
    self.feedForwardSize = feedForwardSize
    self.dropout = dropout
    try super.init(kind: "iTransformer", inputSize: inputSize, horizon: horizon, seriesCount: nSeries,
                   exogenous: false, maxSteps: maxSteps, batchSize: batchSize, learningRate: learningRate,
                   scaler: scaler, levels: levels, alias: alias)
  }

  override func modelConfiguration() -> [Double] {
    [Double(seriesCount), Double(hiddenSize), Double(heads), Double(encoderLayers), Double(feedForwardSize), dropout]
  }

  /// Decodes an archived configuration (the model's six fields, then `CovariateNetwork`'s four
  /// exogenous fields, which are all zero for this model).
  static func decodeConfig(_ c: WindowNetwork.Common, _ config: [Double]) throws(ForecastError) -> iTransformer? {
    guard config.count == 10, config.suffix(4).allSatisfy({ $0 == 0 }) else { return nil }
    let v = config.map { Int(exactly: $0) ?? -1 }
    return try iTransformer(inputSize: c.inputSize, horizon: c.horizon, nSeries: v[0], hiddenSize: v[1], heads: v[2],
                            encoderLayers: v[3], feedForwardSize: v[4], dropout: config[5], maxSteps: c.maxSteps,
                            batchSize: c.batchSize, learningRate: c.learningRate, scaler: c.scaler, levels: c.levels,
                            alias: c.alias)
  }

  override func build(_ rng: inout NeuralRandom) -> [Parameter] {
    let e = Dense(inputSize: inputSize, outputSize: hiddenSize, initializer: .lecunUniform, using: &rng)
    encoder = (0..<encoderLayers).map { _ in
      PostNormEncoderLayer(dimension: hiddenSize, heads: heads, feedForward: feedForwardSize,
                           mechanism: .full(causal: false), activation: .gelu, dropout: Float(dropout), using: &rng)
    }
    let n = LayerNorm(hiddenSize)
    let p = Dense(inputSize: hiddenSize, outputSize: horizon * outputCount, initializer: .lecunUniform, using: &rng)
    embedding = e
    norm = n
    projector = p
    return e.parameters + encoder.flatMap { $0.parameters } + n.parameters + p.parameters
  }

  override func forward(_ batch: CovariateBatch, in g: Graph) throws(TensorError) -> Var {
    guard let embedding, let norm, let projector else { throw .invalidArgument }
    let b = batch.y.shape[0], n = seriesCount
    var tokens = try g.dropout(try embedding(try g.transpose(batch.y, 1, 2), in: g), p: Float(dropout))   // [B, N, D]
    for layer in encoder { tokens = try layer(tokens, in: g) }
    let y = try projector(try norm(tokens, in: g), in: g)                                                // [B, N, H·Q]
    return try g.transpose(try g.reshape(y, Shape(b, n, horizon, outputCount)), 1, 2)                  // [B, H, N, Q]
  }
}
