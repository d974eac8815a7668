// Autoformer: Wu, Xu, Wang & Long, "Autoformer: Decomposition Transformers with Auto-Correlation for
// Long-Term Series Forecasting" (NeurIPS 2021), as NeuralForecast implements it
// (`neuralforecast.models.autoformer`).
//
// Architecture (`DecompositionStack`, `AutoCorrelation`): the window is decomposed by a moving average
// (`movingAverageWindow`) into trend and seasonal parts. The encoder embeds the window (token
// convolution, no positions) and runs `encoderLayers` layers of Auto-Correlation and kernel-1
// convolutions, each followed by a series decomposition that keeps the seasonal part, then the seasonal
// LayerNorm. The decoder starts from the last ⌈L/2⌉ seasonal values followed by zeros (embedded) and
// from the last ⌈L/2⌉ trend values followed by the window mean; each decoder layer applies
// Auto-Correlation, Auto-Correlation over the encoder output and the convolution block, decomposing
// after each, and adds its three extracted trends (through a circular Conv1d) to the trend. The
// forecast is trend + Linear(seasonal LayerNorm(seasonal)) over the last `horizon` positions.
// Auto-Correlation picks ⌊factor · ln L⌋ delays by their autocorrelation (batch-shared while training,
// per window at inference, as the reference) and aggregates the values rolled by them, softmax-weighted.
// Stated differences from NeuralForecast's defaults: no exogenous (calendar) inputs; GELU in Neural's
// tanh form; the autocorrelation's Fourier transforms are exact DFT matrices (the reference uses the
// FFT); linear biases start at zero; the per-window scaler is this package's (`scaler`).
// Defaults as NeuralForecast: hidden 128, 4 heads, factor 3, convolution 32, 2 encoder and 1 decoder
// layers, moving average 25, dropout 0.05, decoder multiplier 0.5, 5000 steps, learning rate 1e-4, batch 32.
import Neural

/// The Autoformer forecaster (Wu et al. 2021): series decomposition and Auto-Correlation.
///
/// ```swift
/// let m = try Autoformer(inputSize: 24, horizon: 12, hiddenSize: 16, heads: 2, movingAverageWindow: 7,
///                        maxSteps: 200, learningRate: 3e-3, scaler: .standard)
/// try m.fit(train, progress: nil)
/// let f = try m.forecast(train, h: 12, levels: [])
/// ```
/// - Complexity: O(layers · (L² · hidden + L · hidden · convHiddenSize)) per window,
///   L = max(inputSize, ⌈inputSize / 2⌉ + horizon).
public final class Autoformer: WindowNetwork {
  public let hiddenSize: Int
  /// Heads of the projections (Auto-Correlation averages over them); divides hiddenSize.
  public let heads: Int
  /// Delays kept: ⌊factor · ln L⌋.
  public let factor: Int
  public let convHiddenSize: Int
  public let encoderLayers: Int
  public let decoderLayers: Int
  /// Odd width of the decomposition's moving average.
  public let movingAverageWindow: Int
  /// Dropout probability in [0, 1).
  public let dropout: Double
  /// The decoder reads ⌈inputSize · multiplier⌉ known values, multiplier in (0, 1).
  public let decoderInputSizeMultiplier: Double
  var stack: DecompositionStack?

  /// - Throws: ``ForecastError/invalidArgument(_:)`` unless heads divides hiddenSize, factor is in 1...64,
  ///   the layer counts are in 1...64, movingAverageWindow is odd in 1...4095, the multiplier gives a label
  ///   length in 1..<inputSize and dropout is in [0, 1).
  public init(inputSize: Int, horizon: Int, hiddenSize: Int = 128, heads: Int = 4, factor: Int = 3,
              convHiddenSize: Int = 32, encoderLayers: Int = 2, decoderLayers: Int = 1, movingAverageWindow: Int = 25,
              dropout: Double = 0.05, decoderInputSizeMultiplier: Double = 0.5, maxSteps: Int = 5000,
              batchSize: Int = 32, learningRate: Double = 1e-4, scaler: ScalerKind = .identity,
              levels: [Double] = [], alias: String = "Autoformer") throws(ForecastError) {
    try EncoderDecoderStack.validate("Autoformer", inputSize: inputSize, hiddenSize: hiddenSize, heads: heads,
                                     convHiddenSize: convHiddenSize, encoderLayers: encoderLayers,
                                     decoderLayers: decoderLayers, dropout: dropout,
                                     multiplier: decoderInputSizeMultiplier)
    guard (1...64).contains(factor) else { throw .invalidArgument("Autoformer factor must be in 1...64") }
    guard (1...4095).contains(movingAverageWindow), movingAverageWindow % 2 == 1 else {
      throw .invalidArgument("Autoformer movingAverageWindow must be odd, in 1...4095")
    }
    self.hiddenSize = hiddenSize
    self.heads = heads
    self.factor = factor
    self.convHiddenSize = convHiddenSize
    self.encoderLayers = encoderLayers
    self.decoderLayers = decoderLayers
    self.movingAverageWindow = movingAverageWindow
    self.dropout = dropout
    self.decoderInputSizeMultiplier = decoderInputSizeMultiplier
    try super.init(kind: "Autoformer", inputSize: inputSize, horizon: horizon, maxSteps: maxSteps,
                   batchSize: batchSize, learningRate: learningRate, scaler: scaler, levels: levels, alias: alias)
  }

  /// Known values the decoder starts from.
  public var labelLength: Int { EncoderDecoderStack.labelLength(inputSize, decoderInputSizeMultiplier) }

  override func configuration() -> [Double] {
    [Double(hiddenSize), Double(heads), Double(factor), Double(convHiddenSize), Double(encoderLayers),
     Double(decoderLayers), Double(movingAverageWindow), dropout, decoderInputSizeMultiplier]
  }

  static func decodeConfig(_ c: WindowNetwork.Common, _ config: [Double]) throws(ForecastError) -> Autoformer? {
    guard config.count == 9 else { return nil }
    let v = config.map { Int(exactly: $0) ?? -1 }
    return try Autoformer(inputSize: c.inputSize, horizon: c.horizon, hiddenSize: v[0], heads: v[1], factor: v[2],
                          convHiddenSize: v[3], encoderLayers: v[4], decoderLayers: v[5], movingAverageWindow: v[6],
                          dropout: config[7], decoderInputSizeMultiplier: config[8], maxSteps: c.maxSteps,
                          batchSize: c.batchSize, learningRate: c.learningRate, scaler: c.scaler, levels: c.levels,
                          alias: c.alias)
  }

  override func build(_ rng: inout NeuralRandom) -> [Parameter] {
    let f = factor
    let s = DecompositionStack(hiddenSize: hiddenSize, convHiddenSize: convHiddenSize, encoderLayers: encoderLayers,
                               decoderLayers: decoderLayers, movingAverage: movingAverageWindow,
                               dropout: Float(dropout), outputs: outputCount, using: &rng,
                               encoderMixer: { _ in AutoCorrelation(factor: f) },
                               decoderMixers: { _ in (AutoCorrelation(factor: f), AutoCorrelation(factor: f)) })
    stack = s
    return s.parameters
  }

  override func network(_ x: Var, in g: Graph) throws(TensorError) -> Var {
    guard let stack else { throw .invalidArgument }
    return try stack(x, labelLength: labelLength, horizon: horizon, in: g)
  }
}
