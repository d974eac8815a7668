// FEDformer: Zhou, Ma, Wen, Wang, Sun & Jin, "FEDformer: Frequency Enhanced Decomposed Transformer for
// Long-term Series Forecasting" (ICML 2022), as NeuralForecast implements it
// (`neuralforecast.models.fedformer`, version "Fourier", mode_select "random").
//
// Architecture: Autoformer's decomposition encoder–decoder (`DecompositionStack`: moving-average
// decomposition, token-convolution embeddings without positions, seasonal LayerNorm, trend accumulation
// through circular convolutions) with the Auto-Correlation replaced by frequency-enhanced blocks
// (`Layers/Fourier.swift`): encoder and decoder self-attention are `FourierBlock`s (a learned complex
// linear map on `modes` fixed random Fourier modes per head), the decoder's cross-attention is a
// `FourierCrossAttention` (attention between the query and key spectra). The modes are drawn once from
// the model's seed (the reference draws them from NumPy's global generator at construction): encoder
// from 0..<⌊L/2⌋, decoder from 0..<⌊(⌊L/2⌋ + horizon)/2⌋, as the reference's `seq_len` arguments.
// As in the reference, one block of each kind is built and shared by all encoder (decoder) layers.
// The Fourier transforms are exact DFTs as constant matrices in the graph.
// Stated differences from NeuralForecast's defaults: the cross attention uses FEDformer's softmax
// activation (its tanh default is a complex tanh, which needs sine and cosine of graph values: Neural
// has no such op); no exogenous (calendar) inputs; GELU in Neural's tanh form; linear biases start at
// zero; the per-window scaler is this package's (`scaler`).
// Defaults as NeuralForecast: 8 heads (fixed, as the reference requires), 64 modes, hidden 128,
// convolution 32, 2 encoder and 1 decoder layers, moving average 25, dropout 0.05, decoder multiplier
// 0.5, 5000 steps, learning rate 1e-4, batch 32.
import Neural

/// The FEDformer forecaster (Zhou et al. 2022): decomposition with frequency-enhanced blocks.
///
/// ```swift
/// let m = try FEDformer(inputSize: 24, horizon: 12, modes: 8, hiddenSize: 16, movingAverageWindow: 7,
///                       maxSteps: 200, learningRate: 3e-3, scaler: .standard)
/// try m.fit(train, progress: nil)
/// let f = try m.forecast(train, h: 12, levels: [])
/// ```
/// - Complexity: O(layers · (L · modes · hidden + modes · hidden² / 8 + L · hidden · convHiddenSize)) per window.
public final class FEDformer: WindowNetwork {
  /// Heads of the frequency blocks (fixed at 8, as NeuralForecast requires).
  public static let heads = 8
  /// Fourier modes per block (at most ⌊L/2⌋ are used).
  public let modes: Int
  public let hiddenSize: Int
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

  /// - Throws: ``ForecastError/invalidArgument(_:)`` unless hiddenSize is a multiple of 8, modes is in
  ///   1...4096, the layer counts are in 1...64, movingAverageWindow is odd in 1...4095, the multiplier
  ///   gives a label length in 1..<inputSize and dropout is in [0, 1).
  public init(inputSize: Int, horizon: Int, modes: Int = 64, hiddenSize: Int = 128, convHiddenSize: Int = 32,
              encoderLayers: Int = 2, decoderLayers: Int = 1, movingAverageWindow: Int = 25, dropout: Double = 0.05,
              decoderInputSizeMultiplier: Double = 0.5, maxSteps: Int = 5000, batchSize: Int = 32,
              learningRate: Double = 1e-4, scaler: ScalerKind = .identity, levels: [Double] = [],
              alias: String = "FEDformer") throws(ForecastError) {
    try EncoderDecoderStack.validate("FEDformer", inputSize: inputSize, hiddenSize: hiddenSize, heads: FEDformer.heads,
                                     convHiddenSize: convHiddenSize, encoderLayers: encoderLayers,
                                     decoderLayers: decoderLayers, dropout: dropout,
                                     multiplier: decoderInputSizeMultiplier)
    guard (1...4096).contains(modes) else { throw .invalidArgument("FEDformer modes must be in 1...4096") }
    guard (1...4095).contains(movingAverageWindow), movingAverageWindow % 2 == 1 else {
      throw .invalidArgument("FEDformer movingAverageWindow must be odd, in 1...4095")
    }
    self.modes = modes
    self.hiddenSize = hiddenSize
    self.convHiddenSize = convHiddenSize
    self.encoderLayers = encoderLayers
    self.decoderLayers = decoderLayers
    self.movingAverageWindow = movingAverageWindow
    self.dropout = dropout
    self.decoderInputSizeMultiplier = decoderInputSizeMultiplier
    try super.init(kind: "FEDformer", inputSize: inputSize, horizon: horizon, maxSteps: maxSteps,
                   batchSize: batchSize, learningRate: learningRate, scaler: scaler, levels: levels, alias: alias)
  }

  /// Known values the decoder starts from.
  public var labelLength: Int { EncoderDecoderStack.labelLength(inputSize, decoderInputSizeMultiplier) }

  override func configuration() -> [Double] {
    [Double(modes), Double(hiddenSize), Double(convHiddenSize), Double(encoderLayers), Double(decoderLayers),
     Double(movingAverageWindow), dropout, decoderInputSizeMultiplier]
  }

  static func decodeConfig(_ c: WindowNetwork.Common, _ config: [Double]) throws(ForecastError) -> FEDformer? {
    guard config.count == 8 else { return nil }
    let v = config.map { Int(exactly: $0) ?? -1 }
    return try FEDformer(inputSize: c.inputSize, horizon: c.horizon, modes: v[0], hiddenSize: v[1],
                         convHiddenSize: v[2], encoderLayers: v[3], decoderLayers: v[4], movingAverageWindow: v[5],
                         dropout: config[6], decoderInputSizeMultiplier: config[7], maxSteps: c.maxSteps,
                         batchSize: c.batchSize, learningRate: c.learningRate, scaler: c.scaler, levels: c.levels,
                         alias: c.alias)
  }

  override func build(_ rng: inout NeuralRandom) -> [Parameter] {
    let d = hiddenSize, h = FEDformer.heads, m = modes
    let encoderLength = inputSize, decoderLength = inputSize / 2 + horizon
    // One block of each kind, shared by every layer (the reference builds each once).
    var encoderBlock: FourierBlock?, decoderBlocks: (FourierBlock, FourierCrossAttention)?
    let s = DecompositionStack(hiddenSize: hiddenSize, convHiddenSize: convHiddenSize, encoderLayers: encoderLayers,
                               decoderLayers: decoderLayers, movingAverage: movingAverageWindow,
                               dropout: Float(dropout), outputs: outputCount, using: &rng,
                               encoderMixer: { rng in
                                 if let encoderBlock { return encoderBlock }
                                 let b = FourierBlock(dimension: d, heads: h, length: encoderLength, modes: m, using: &rng)
                                 encoderBlock = b
                                 return b
                               },
                               decoderMixers: { rng in
                                 if let decoderBlocks { return (decoderBlocks.0, decoderBlocks.1) }
                                 let b = (FourierBlock(dimension: d, heads: h, length: decoderLength, modes: m, using: &rng),
                                          FourierCrossAttention(dimension: d, heads: h, queryLength: decoderLength,
                                                                keyLength: encoderLength, modes: m, using: &rng))
                                 decoderBlocks = b
                                 return (b.0, b.1)
                               })
    stack = s
    return s.parameters
  }

  override func network(_ x: Var, in g: Graph) throws(TensorError) -> Var {
    guard let stack else { throw .invalidArgument }
    return try stack(x, labelLength: labelLength, horizon: horizon, in: g)
  }
}
