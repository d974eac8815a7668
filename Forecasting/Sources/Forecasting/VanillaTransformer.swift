// VanillaTransformer: the encoder–decoder Transformer of Vaswani et al., "Attention Is All You Need"
// (NeurIPS 2017), in the forecasting form of Zhou et al. (Informer, AAAI 2021) as NeuralForecast
// implements it (`neuralforecast.models.vanillatransformer`).
//
// Architecture: the window x `[B, L]` is one channel. The encoder embeds it (token convolution +
// sinusoidal positions + dropout, `DataEmbedding`) and runs `encoderLayers` post-norm layers of full
// self-attention (`heads` heads) and a kernel-1 convolution block (`convHiddenSize`, GELU), then a
// LayerNorm. The decoder input is the last `labelLength` = ⌈L · decoderInputSizeMultiplier⌉ values
// followed by `horizon` zeros; it is embedded the same way and runs `decoderLayers` layers of causal
// self-attention, cross-attention over the encoder output and the convolution block, a LayerNorm and
// a Linear(hidden → Q) projection; the last `horizon` positions are the forecast `[B, horizon, Q]`.
// Stated differences from NeuralForecast's defaults: no exogenous (calendar) inputs; GELU in Neural's
// tanh form; linear biases start at zero; the per-window scaler is this package's (`scaler`).
// Defaults as NeuralForecast: hidden 128, 4 heads, convolution 32, 2 encoder and 1 decoder layers,
// dropout 0.05, decoder multiplier 0.5, 5000 steps, learning rate 1e-4, batch 32, identity scaler.
import Neural

/// The encoder–decoder Transformer forecaster (Vaswani et al. 2017; NeuralForecast's VanillaTransformer).
///
/// ```swift
/// let m = try VanillaTransformer(inputSize: 24, horizon: 12, hiddenSize: 16, heads: 2, convHiddenSize: 32,
///                                maxSteps: 200, learningRate: 3e-3, scaler: .standard)
/// try m.fit(train, progress: nil)
/// let f = try m.forecast(train, h: 12, levels: [])
/// ```
/// - Complexity: O(layers · (L² · hidden + L · hidden · convHiddenSize)) per window, L = inputSize + horizon.
public final class VanillaTransformer: WindowNetwork {
  public let hiddenSize: Int
  public let heads: Int
  public let convHiddenSize: Int
  public let encoderLayers: Int
  public let decoderLayers: Int
  /// Dropout probability in [0, 1).
  public let dropout: Double
  /// The decoder reads ⌈inputSize · multiplier⌉ known values, multiplier in (0, 1).
  public let decoderInputSizeMultiplier: Double
  var stack: EncoderDecoderStack?

  /// - Throws: ``ForecastError/invalidArgument(_:)`` unless heads divides hiddenSize, the layer counts are
  ///   in 1...64, the multiplier gives a label length in 1..<inputSize and dropout is in [0, 1).
  public init(inputSize: Int, horizon: Int, hiddenSize: Int = 128, heads: Int = 4, convHiddenSize: Int = 32,
              encoderLayers: Int = 2, decoderLayers: Int = 1, dropout: Double = 0.05,
              decoderInputSizeMultiplier: Double = 0.5, maxSteps: Int = 5000, batchSize: Int = 32,
              learningRate: Double = 1e-4, scaler: ScalerKind = .identity, levels: [Double] = [],
              alias: String = "VanillaTransformer") throws(ForecastError) {
    try EncoderDecoderStack.validate("VanillaTransformer", inputSize: inputSize, hiddenSize: hiddenSize, heads: heads,
                                     convHiddenSize: convHiddenSize, encoderLayers: encoderLayers,
                                     decoderLayers: decoderLayers, dropout: dropout,
                                     multiplier: decoderInputSizeMultiplier)
    self.hiddenSize = hiddenSize
    self.heads = heads
    self.convHiddenSize = convHiddenSize
    self.encoderLayers = encoderLayers
    self.decoderLayers = decoderLayers
    self.dropout = dropout
    self.decoderInputSizeMultiplier = decoderInputSizeMultiplier
    try super.init(kind: "VanillaTransformer", inputSize: inputSize, horizon: horizon, maxSteps: maxSteps,
                   batchSize: batchSize, learningRate: learningRate, scaler: scaler, levels: levels, alias: alias)
  }

  /// Known values the decoder starts from.
  public var labelLength: Int { EncoderDecoderStack.labelLength(inputSize, decoderInputSizeMultiplier) }

  override func configuration() -> [Double] {
    [Double(hiddenSize), Double(heads), Double(convHiddenSize), Double(encoderLayers), Double(decoderLayers), dropout,
     decoderInputSizeMultiplier]
  }

  static func decodeConfig(_ c: WindowNetwork.Common, _ config: [Double]) throws(ForecastError) -> VanillaTransformer? {
    guard config.count == 7 else { return nil }
    let v = config.map { Int(exactly: $0) ?? -1 }
    return try VanillaTransformer(inputSize: c.inputSize, horizon: c.horizon, hiddenSize: v[0], heads: v[1],
                                  convHiddenSize: v[2], encoderLayers: v[3], decoderLayers: v[4], dropout: config[5],
                                  decoderInputSizeMultiplier: config[6], maxSteps: c.maxSteps, batchSize: c.batchSize,
                                  learningRate: c.learningRate, scaler: c.scaler, levels: c.levels, alias: c.alias)
  }

  override func build(_ rng: inout NeuralRandom) -> [Parameter] {
    let s = EncoderDecoderStack(hiddenSize: hiddenSize, heads: heads, convHiddenSize: convHiddenSize,
                                encoderLayers: encoderLayers, decoderLayers: decoderLayers, dropout: Float(dropout),
                                encoderMechanism: .full(causal: false), decoderMechanism: .full(causal: true),
                                crossMechanism: .full(causal: false), distil: false, outputs: outputCount, using: &rng)
    stack = s
    return s.parameters
  }

  override func network(_ x: Var, in g: Graph) throws(TensorError) -> Var {
    guard let stack else { throw .invalidArgument }
    return try stack(x, labelLength: labelLength, horizon: horizon, in: g)
  }
}

/// The encoder–decoder stack VanillaTransformer and Informer share (NeuralForecast's TransEncoder /
/// TransDecoder with their embeddings and projection).
final class EncoderDecoderStack: Layer {
  let encoderEmbedding, decoderEmbedding: DataEmbedding
  let encoder: [PostNormEncoderLayer]
  let distilling: [DistilLayer]
  let encoderNorm: LayerNorm
  let decoder: [PostNormDecoderLayer]
  let decoderNorm: LayerNorm
  let projection: Dense

  init(hiddenSize: Int, heads: Int, convHiddenSize: Int, encoderLayers: Int, decoderLayers: Int, dropout: Float,
       encoderMechanism: AttentionMechanism, decoderMechanism: AttentionMechanism, crossMechanism: AttentionMechanism,
       distil: Bool, outputs: Int, using rng: inout NeuralRandom) {
    encoderEmbedding = DataEmbedding(channels: 1, dimension: hiddenSize, positions: true, dropout: dropout, using: &rng)
    decoderEmbedding = DataEmbedding(channels: 1, dimension: hiddenSize, positions: true, dropout: dropout, using: &rng)
    encoder = (0..<encoderLayers).map { _ in
      PostNormEncoderLayer(dimension: hiddenSize, heads: heads, feedForward: convHiddenSize, mechanism: encoderMechanism,
                           activation: .gelu, dropout: dropout, using: &rng)
    }
    distilling = distil ? (0..<(encoderLayers - 1)).map { _ in DistilLayer(channels: hiddenSize, using: &rng) } : []
    encoderNorm = LayerNorm(hiddenSize)
    decoder = (0..<decoderLayers).map { _ in
      PostNormDecoderLayer(dimension: hiddenSize, heads: heads, feedForward: convHiddenSize,
                           selfMechanism: decoderMechanism, crossMechanism: crossMechanism, activation: .gelu,
                           dropout: dropout, using: &rng)
    }
    decoderNorm = LayerNorm(hiddenSize)
    projection = Dense(inputSize: hiddenSize, outputSize: outputs, initializer: .lecunUniform, using: &rng)
  }

  var parameters: [Parameter] {
    encoderEmbedding.parameters + decoderEmbedding.parameters + encoder.flatMap { $0.parameters }
      + distilling.flatMap { $0.parameters } + encoderNorm.parameters + decoder.flatMap { $0.parameters }
      + decoderNorm.parameters + projection.parameters
  }

  /// ⌈inputSize · multiplier⌉.
  static func labelLength(_ inputSize: Int, _ multiplier: Double) -> Int {
    let v = Double(inputSize) * multiplier
    let floor = Int(v)
    return Double(floor) < v ? floor + 1 : floor
  }

  /// The shared argument checks of the encoder–decoder models.
  static func validate(_ kind: String, inputSize: Int, hiddenSize: Int, heads: Int, convHiddenSize: Int,
                       encoderLayers: Int, decoderLayers: Int, dropout: Double,
                       multiplier: Double) throws(ForecastError) {
    guard (1...4096).contains(hiddenSize), (1...256).contains(heads), hiddenSize % heads == 0 else {
      throw .invalidArgument(kind + " needs 1 <= heads <= 256 dividing 1 <= hiddenSize <= 4096")
    }
    guard (1...65536).contains(convHiddenSize), (1...64).contains(encoderLayers), (1...64).contains(decoderLayers) else {
      throw .invalidArgument(kind + " needs convHiddenSize in 1...65536 and 1...64 encoder and decoder layers")
    }
    guard dropout >= 0, dropout < 1 else { throw .invalidArgument(kind + " dropout must be in [0, 1)") }
    guard multiplier > 0, multiplier < 1, inputSize >= 1, inputSize <= 1 << 16 else {
      throw .invalidArgument(kind + " decoderInputSizeMultiplier must be in (0, 1)")
    }
    let label = labelLength(inputSize, multiplier)
    guard label >= 1, label < inputSize else {
      throw .invalidArgument(kind + " decoder label length must be in 1..<inputSize")
    }
  }

  /// `x` `[B, L]` → `[B, horizon, outputs]`.
  func callAsFunction(_ x: Var, labelLength: Int, horizon: Int, in g: Graph) throws(TensorError) -> Var {
    let b = x.shape[0], l = x.shape[1]
    let series = try g.reshape(x, Shape(b, l, 1))
    var enc = try encoderEmbedding(series, in: g)
    for (i, layer) in encoder.enumerated() {
      enc = try layer(enc, in: g)
      if i < distilling.count { enc = try distilling[i](enc, in: g) }
    }
    enc = try encoderNorm(enc, in: g)
    let known = try g.slice(series, axis: 1, start: l - labelLength, count: labelLength)
    var dec = try decoderEmbedding(try g.pad(known, axis: 1, before: 0, after: horizon), in: g)
    for layer in decoder { dec = try layer(dec, cross: enc, in: g) }
    let y = try projection(try decoderNorm(dec, in: g), in: g)
    return try g.slice(y, axis: 1, start: labelLength, count: horizon)
  }
}
