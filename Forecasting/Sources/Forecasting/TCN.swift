// TCN: the temporal convolutional network of Bai, Kolter & Koltun, "An Empirical Evaluation of Generic
// Convolutional and Recurrent Networks for Sequence Modeling" (2018), as NeuralForecast 2.x builds its
// `TCN` forecaster (`neuralforecast.models.tcn`, `TemporalConvolutionEncoder`):
// - encoder: one causal convolution per dilation (`dilations`, default [1, 2, 4, 8, 16]; kernel
//   `kernelSize`, default 2), each followed by ReLU, `encoderHiddenSize` channels (default 128);
//   causal = left padding (kernel − 1)·dilation, so step t sees only steps ≤ t;
// - context adapter: Linear(inputSize → horizon) along time, as in the recurrent models
//   (RecurrentModels.swift);
// - decoder: NeuralForecast's MLP (`decoderLayers` hidden ReLU layers of `decoderHiddenSize`, default
//   2 × 128) from each step's context to the Q outputs.
import Neural

/// TCN forecaster (Bai et al. 2018; NeuralForecast's `TCN`).
///
/// ```swift
/// let m = TCN(inputSize: 24, horizon: 12, encoderHiddenSize: 16, maxSteps: 300)
/// try m.fit(train, progress: nil)
/// let f = try m.forecast(train, h: 12, levels: [])
/// ```
/// - Complexity: O(inputSize · dilations · kernelSize · hidden²) per window.
public final class TCN: WindowNetwork {
  public let kernelSize: Int
  public let dilations: [Int]
  public let encoderHiddenSize: Int
  public let decoderHiddenSize: Int
  public let decoderLayers: Int
  var convolutions: [Conv1D] = []
  var contextAdapter: Dense?
  var decoder: [Dense] = []

  /// - Throws: ``ForecastError/invalidArgument(_:)`` unless sizes and dilations ≥ 1, at least one dilation.
  public init(inputSize: Int, horizon: Int, kernelSize: Int = 2, dilations: [Int] = [1, 2, 4, 8, 16],
              encoderHiddenSize: Int = 128, decoderHiddenSize: Int = 128, decoderLayers: Int = 2, maxSteps: Int = 1000,
              batchSize: Int = 32, learningRate: Double = 1e-3, scaler: ScalerKind = .robust, levels: [Double] = [],
              alias: String = "TCN") throws(ForecastError) {
    guard kernelSize >= 1 && !dilations.isEmpty && dilations.allSatisfy({ $0 >= 1 }) && encoderHiddenSize >= 1
                   && decoderHiddenSize >= 1 && decoderLayers >= 1 else { throw .invalidArgument("TCN sizes must be >= 1") }
    self.kernelSize = kernelSize
    self.dilations = dilations
    self.encoderHiddenSize = encoderHiddenSize
    self.decoderHiddenSize = decoderHiddenSize
    self.decoderLayers = decoderLayers
    try super.init(kind: "TCN", inputSize: inputSize, horizon: horizon, maxSteps: maxSteps, batchSize: batchSize,
               learningRate: learningRate, scaler: scaler, levels: levels, alias: alias)
  }

  override func configuration() -> [Double] {
    [Double(kernelSize), Double(encoderHiddenSize), Double(decoderHiddenSize), Double(decoderLayers)]
      + dilations.map { Double($0) }
  }

  static func decodeConfig(_ c: WindowNetwork.Common, _ config: [Double]) throws(ForecastError) -> TCN? {
    guard config.count >= 5, config.count <= 68 else { return nil }
    let v = config.map { Int(exactly: $0) ?? -1 }
    guard (1...64).contains(v[0]), (1...8192).contains(v[1]), (1...8192).contains(v[2]), (1...64).contains(v[3]),
          v[4...].allSatisfy({ (1...65536).contains($0) }) else { return nil }
    return try TCN(inputSize: c.inputSize, horizon: c.horizon, kernelSize: v[0], dilations: Array(v[4...]),
               encoderHiddenSize: v[1], decoderHiddenSize: v[2], decoderLayers: v[3], maxSteps: c.maxSteps,
               batchSize: c.batchSize, learningRate: c.learningRate, scaler: c.scaler, levels: c.levels, alias: c.alias)
  }

  override func build(_ rng: inout NeuralRandom) -> [Parameter] {
    convolutions = []
    var channels = 1
    for d in dilations {
      convolutions.append(Conv1D(inChannels: channels, outChannels: encoderHiddenSize, kernelSize: kernelSize,
                                 dilation: d, activation: .relu, using: &rng))
      channels = encoderHiddenSize
    }
    let c = Dense(inputSize: inputSize, outputSize: horizon, using: &rng)
    var dec = [Dense(inputSize: encoderHiddenSize, outputSize: decoderHiddenSize, activation: .relu, using: &rng)]
    for _ in 1..<decoderLayers {
      dec.append(Dense(inputSize: decoderHiddenSize, outputSize: decoderHiddenSize, activation: .relu, using: &rng))
    }
    dec.append(Dense(inputSize: decoderHiddenSize, outputSize: outputCount, using: &rng))
    contextAdapter = c
    decoder = dec
    return convolutions.flatMap { $0.parameters } + c.parameters + dec.flatMap { $0.parameters }
  }

  override func network(_ x: Var, in g: Graph) throws(TensorError) -> Var {
    guard let contextAdapter else { throw .invalidArgument }
    let b = x.shape[0]
    var h = try g.reshape(x, Shape(b, inputSize, 1))
    for conv in convolutions { h = try conv(h, in: g) }                             // [B, L, H]
    var y = try g.transpose(try contextAdapter(try g.transpose(h, 1, 2), in: g), 1, 2)  // [B, h, H]
    for d in decoder { y = try d(y, in: g) }
    return y
  }
}
