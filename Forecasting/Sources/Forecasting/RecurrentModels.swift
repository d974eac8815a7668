// RNN, LSTM and GRU forecasters as NeuralForecast 2.x builds them (`neuralforecast.models.rnn`,
// `.lstm`, `.gru`, non-recurrent mode): an encoder reads the window, a linear "context adapter" maps
// its hidden states over time to the horizon, and an MLP decoder maps each step's context to the
// outputs.
// - Cells: Elman RNN with tanh (Elman 1990), LSTM (Hochreiter & Schmidhuber 1997), GRU (Cho et al.
//   2014), from Neural's `Recurrent` (PyTorch's weight layout), `encoderLayers` stacked.
// - Context adapter: Linear(inputSize → horizon) along the time axis of the hidden states
//   `[B, hidden, inputSize] → [B, hidden, horizon]`, transposed to `[B, horizon, hidden]`.
// - Decoder: NeuralForecast's `MLP`: Linear(hidden → decoderHidden) + ReLU, then
//   `decoderLayers − 1` times Linear(decoderHidden → decoderHidden) + ReLU, then Linear → Q outputs.
// Defaults as NeuralForecast 2.x: encoder 128 units × 2 layers, decoder 128 units × 2 layers.
import Neural

/// The shared encoder – context adapter – MLP decoder of ``RNN``, ``LSTM`` and ``GRU``.
public class RecurrentNetwork: WindowNetwork {
  /// The encoder's cell.
  public let cell: RecurrentKind
  public let encoderHiddenSize: Int
  public let encoderLayers: Int
  public let decoderHiddenSize: Int
  public let decoderLayers: Int
  var encoder: Recurrent?
  var contextAdapter: Dense?
  var decoder: [Dense] = []

  init(kind: String, cell: RecurrentKind, inputSize: Int, horizon: Int, encoderHiddenSize: Int, encoderLayers: Int,
       decoderHiddenSize: Int, decoderLayers: Int, maxSteps: Int, batchSize: Int, learningRate: Double,
       scaler: ScalerKind, levels: [Double], alias: String) throws(ForecastError) {
    guard encoderHiddenSize >= 1 && encoderLayers >= 1 && decoderHiddenSize >= 1 && decoderLayers >= 1 else { throw .invalidArgument("recurrent network sizes must be >= 1") }
    self.cell = cell
    self.encoderHiddenSize = encoderHiddenSize
    self.encoderLayers = encoderLayers
    self.decoderHiddenSize = decoderHiddenSize
    self.decoderLayers = decoderLayers
    try super.init(kind: kind, inputSize: inputSize, horizon: horizon, maxSteps: maxSteps, batchSize: batchSize,
               learningRate: learningRate, scaler: scaler, levels: levels, alias: alias)
  }

  override func configuration() -> [Double] {
    [Double(encoderHiddenSize), Double(encoderLayers), Double(decoderHiddenSize), Double(decoderLayers)]
  }

  /// The sizes of a configuration read from an archive, or nil.
  static func sizes(_ config: [Double]) -> [Int]? {
    guard config.count == 4 else { return nil }
    let v = config.map { Int(exactly: $0) ?? -1 }
    guard (1...8192).contains(v[0]), (1...64).contains(v[1]), (1...8192).contains(v[2]), (1...64).contains(v[3])
    else { return nil }
    return v
  }

  override func build(_ rng: inout NeuralRandom) -> [Parameter] {
    let e = Recurrent(cell, inputSize: 1, hiddenSize: encoderHiddenSize, layers: encoderLayers, using: &rng)
    let c = Dense(inputSize: inputSize, outputSize: horizon, using: &rng)
    var d = [Dense(inputSize: encoderHiddenSize, outputSize: decoderHiddenSize, activation: .relu, using: &rng)]
    for _ in 1..<decoderLayers {
      d.append(Dense(inputSize: decoderHiddenSize, outputSize: decoderHiddenSize, activation: .relu, using: &rng))
    }
    d.append(Dense(inputSize: decoderHiddenSize, outputSize: outputCount, using: &rng))
    encoder = e
    contextAdapter = c
    decoder = d
    return e.parameters + c.parameters + d.flatMap { $0.parameters }
  }

  override func network(_ x: Var, in g: Graph) throws(TensorError) -> Var {
    guard let encoder, let contextAdapter else { throw .invalidArgument }
    let b = x.shape[0]
    let (hidden, _) = try encoder(try g.reshape(x, Shape(b, inputSize, 1)), in: g)   // [B, L, H]
    let context = try contextAdapter(try g.transpose(hidden, 1, 2), in: g)          // [B, H, h]
    var y = try g.transpose(context, 1, 2)                                          // [B, h, H]
    for d in decoder { y = try d(y, in: g) }
    return y                                                                        // [B, h, Q]
  }
}

/// Elman RNN forecaster (Elman 1990; NeuralForecast's `RNN`).
///
/// ```swift
/// let m = RNN(inputSize: 24, horizon: 12, encoderHiddenSize: 32, maxSteps: 300)
/// try m.fit(train, progress: nil)
/// ```
/// - Complexity: O(inputSize · encoderLayers · hidden²) per window.
public final class RNN: RecurrentNetwork {
  public init(inputSize: Int, horizon: Int, encoderHiddenSize: Int = 128, encoderLayers: Int = 2,
              decoderHiddenSize: Int = 128, decoderLayers: Int = 2, maxSteps: Int = 1000, batchSize: Int = 32,
              learningRate: Double = 1e-3, scaler: ScalerKind = .robust, levels: [Double] = [], alias: String = "RNN") throws(ForecastError) {
    try super.init(kind: "RNN", cell: .rnn, inputSize: inputSize, horizon: horizon, encoderHiddenSize: encoderHiddenSize,
               encoderLayers: encoderLayers, decoderHiddenSize: decoderHiddenSize, decoderLayers: decoderLayers,
               maxSteps: maxSteps, batchSize: batchSize, learningRate: learningRate, scaler: scaler, levels: levels,
               alias: alias)
  }
}

/// LSTM forecaster (Hochreiter & Schmidhuber 1997; NeuralForecast's `LSTM`).
///
/// ```swift
/// let m = LSTM(inputSize: 24, horizon: 12, encoderHiddenSize: 32, maxSteps: 300)
/// try m.fit(train, progress: nil)
/// ```
/// - Complexity: O(inputSize · encoderLayers · 4·hidden²) per window.
public final class LSTM: RecurrentNetwork {
  public init(inputSize: Int, horizon: Int, encoderHiddenSize: Int = 128, encoderLayers: Int = 2,
              decoderHiddenSize: Int = 128, decoderLayers: Int = 2, maxSteps: Int = 1000, batchSize: Int = 32,
              learningRate: Double = 1e-3, scaler: ScalerKind = .robust, levels: [Double] = [], alias: String = "LSTM") throws(ForecastError) {
    try super.init(kind: "LSTM", cell: .lstm, inputSize: inputSize, horizon: horizon, encoderHiddenSize: encoderHiddenSize,
               encoderLayers: encoderLayers, decoderHiddenSize: decoderHiddenSize, decoderLayers: decoderLayers,
               maxSteps: maxSteps, batchSize: batchSize, learningRate: learningRate, scaler: scaler, levels: levels,
               alias: alias)
  }
}

/// GRU forecaster (Cho et al. 2014; NeuralForecast's `GRU`).
///
/// ```swift
/// let m = GRU(inputSize: 24, horizon: 12, encoderHiddenSize: 32, maxSteps: 300)
/// try m.fit(train, progress: nil)
/// ```
/// - Complexity: O(inputSize · encoderLayers · 3·hidden²) per window.
public final class GRU: RecurrentNetwork {
  public init(inputSize: Int, horizon: Int, encoderHiddenSize: Int = 128, encoderLayers: Int = 2,
              decoderHiddenSize: Int = 128, decoderLayers: Int = 2, maxSteps: Int = 1000, batchSize: Int = 32,
              learningRate: Double = 1e-3, scaler: ScalerKind = .robust, levels: [Double] = [], alias: String = "GRU") throws(ForecastError) {
    try super.init(kind: "GRU", cell: .gru, inputSize: inputSize, horizon: horizon, encoderHiddenSize: encoderHiddenSize,
               encoderLayers: encoderLayers, decoderHiddenSize: decoderHiddenSize, decoderLayers: decoderLayers,
               maxSteps: maxSteps, batchSize: batchSize, learningRate: learningRate, scaler: scaler, levels: levels,
               alias: alias)
  }
}
