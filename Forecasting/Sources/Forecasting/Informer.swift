// Informer: Zhou, Zhang, Peng, Zhang, Li, Xiong & Zhang, "Informer: Beyond Efficient Transformer for
// Long Sequence Time-Series Forecasting" (AAAI 2021), as NeuralForecast implements it
// (`neuralforecast.models.informer`).
//
// Architecture: VanillaTransformer's encoder–decoder (`EncoderDecoderStack`: token-convolution and
// sinusoidal embeddings, post-norm layers, a decoder fed the last ⌈L/2⌉ values and `horizon` zeros, a
// generative one-shot projection) with Informer's two changes:
// - ProbSparse self-attention everywhere (encoder self-attention, causal decoder self-attention and the
//   decoder's cross-attention, as NeuralForecast builds them): only the u = factor·⌈ln L_Q⌉ queries with
//   the largest max-minus-mean score over factor·⌈ln L_K⌉ sampled keys attend; the rest take the mean
//   (causal: the running sum) of the values (`ForecastAttention`, `ProbSparse`);
// - self-attention distilling (`distil`): between consecutive encoder layers a ConvLayer (circular
//   Conv1d k = 3, BatchNorm1d, ELU, MaxPool1d(3, 2, 1)) roughly halves the sequence (`DistilLayer`).
// Key sampling draws from the graph's seeded generator (training: the model's seed; forecasting: seed 0),
// so forecasts are reproducible (PyTorch draws from its global generator).
// Stated differences from NeuralForecast's defaults: no exogenous (calendar) inputs; GELU in Neural's
// tanh form; linear biases start at zero; the per-window scaler is this package's (`scaler`).
// Defaults as NeuralForecast: hidden 128, 4 heads, factor 3, convolution 32, 2 encoder and 1 decoder
// layers, distil on, dropout 0.05, decoder multiplier 0.5, 5000 steps, learning rate 1e-4, batch 32.
import Neural

/// The Informer forecaster (Zhou et al. 2021): ProbSparse attention and self-attention distilling.
///
/// ```swift
/// let m = try Informer(inputSize: 24, horizon: 12, hiddenSize: 16, heads: 2, factor: 3,
///                      maxSteps: 200, learningRate: 3e-3, scaler: .standard)
/// try m.fit(train, progress: nil)
/// let f = try m.forecast(train, h: 12, levels: [])
/// ```
/// - Complexity: O(layers · L · log L · hidden + L · hidden · convHiddenSize) per window, L = inputSize + horizon.
public final class Informer: WindowNetwork {
  public let hiddenSize: Int
  public let heads: Int
  /// ProbSparse sampling factor c (≥ 1).
  public let factor: Int
  public let convHiddenSize: Int
  public let encoderLayers: Int
  public let decoderLayers: Int
  /// True to distil (convolve and max-pool) between encoder layers.
  public let distil: Bool
  /// Dropout probability in [0, 1).
  public let dropout: Double
  /// The decoder reads ⌈inputSize · multiplier⌉ known values, multiplier in (0, 1).
  public let decoderInputSizeMultiplier: Double
  var stack: EncoderDecoderStack?

  /// - Throws: ``ForecastError/invalidArgument(_:)`` unless heads divides hiddenSize, factor is in 1...64,
  ///   the layer counts are in 1...64, the multiplier gives a label length in 1..<inputSize and dropout is in [0, 1).
  public init(inputSize: Int, horizon: Int, hiddenSize: Int = 128, heads: Int = 4, factor: Int = 3,
              convHiddenSize: Int = 32, encoderLayers: Int = 2, decoderLayers: Int = 1, distil: Bool = true,
              dropout: Double = 0.05, decoderInputSizeMultiplier: Double = 0.5, maxSteps: Int = 5000,
              batchSize: Int = 32, learningRate: Double = 1e-4, scaler: ScalerKind = .identity,
              levels: [Double] = [], alias: String = "Informer") throws(ForecastError) {
    try EncoderDecoderStack.validate("Informer", inputSize: inputSize, hiddenSize: hiddenSize, heads: heads,
                                     convHiddenSize: convHiddenSize, encoderLayers: encoderLayers,
                                     decoderLayers: decoderLayers, dropout: dropout,
                                     multiplier: decoderInputSizeMultiplier)
    guard (1...64).contains(factor) else { throw .invalidArgument("Informer factor must be in 1...64") }
    self.hiddenSize = hiddenSize
    self.heads = heads
    self.factor = factor
    self.convHiddenSize = convHiddenSize
    self.encoderLayers = encoderLayers
    self.decoderLayers = decoderLayers
    self.distil = distil
    self.dropout = dropout
    self.decoderInputSizeMultiplier = decoderInputSizeMultiplier
    try super.init(kind: "Informer", inputSize: inputSize, horizon: horizon, maxSteps: maxSteps, batchSize: batchSize,
                   learningRate: learningRate, scaler: scaler, levels: levels, alias: alias)
  }

  /// Known values the decoder starts from.
  public var labelLength: Int { EncoderDecoderStack.labelLength(inputSize, decoderInputSizeMultiplier) }

  override func configuration() -> [Double] {
    [Double(hiddenSize), Double(heads), Double(factor), Double(convHiddenSize), Double(encoderLayers),
     Double(decoderLayers), distil ? 1 : 0, dropout, decoderInputSizeMultiplier]
  }

  static func decodeConfig(_ c: WindowNetwork.Common, _ config: [Double]) throws(ForecastError) -> Informer? {
    guard config.count == 9, config[6] == 0 || config[6] == 1 else { return nil }
    let v = config.map { Int(exactly: $0) ?? -1 }
    return try Informer(inputSize: c.inputSize, horizon: c.horizon, hiddenSize: v[0], heads: v[1], factor: v[2],
                        convHiddenSize: v[3], encoderLayers: v[4], decoderLayers: v[5], distil: v[6] == 1,
                        dropout: config[7], decoderInputSizeMultiplier: config[8], maxSteps: c.maxSteps,
                        batchSize: c.batchSize, learningRate: c.learningRate, scaler: c.scaler, levels: c.levels,
                        alias: c.alias)
  }

  override func build(_ rng: inout NeuralRandom) -> [Parameter] {
    let s = EncoderDecoderStack(hiddenSize: hiddenSize, heads: heads, convHiddenSize: convHiddenSize,
                                encoderLayers: encoderLayers, decoderLayers: decoderLayers, dropout: Float(dropout),
                                encoderMechanism: .probSparse(factor: factor, causal: false),
                                decoderMechanism: .probSparse(factor: factor, causal: true),
                                crossMechanism: .probSparse(factor: factor, causal: false), distil: distil,
                                outputs: outputCount, using: &rng)
    stack = s
    return s.parameters
  }

  override func network(_ x: Var, in g: Graph) throws(TensorError) -> Var {
    guard let stack else { throw .invalidArgument }
    return try stack(x, labelLength: labelLength, horizon: horizon, in: g)
  }
}
