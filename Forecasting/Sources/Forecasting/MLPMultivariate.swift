// MLPMultivariate: NeuralForecast's multivariate multilayer perceptron
// (`neuralforecast.models.mlpmultivariate`; the network is Rumelhart, Hinton & Williams 1986): one
// network reads the windows of all N series of a panel at once, with their exogenous columns, and
// outputs every series' horizon.
//
// Architecture, as NeuralForecast: the input is the flattened [y `[L, N]` | historical `[X, L, N]` |
// future `[F, L+H, N]` | statics `[N, S]`] (NeuralForecast's concatenation order), then `numLayers`
// Linear + ReLU layers of `hiddenSize`, then Linear(hidden → H·N·Q), read as `[H, N, Q]`.
// Defaults as NeuralForecast: 2 layers of 1024 units, scaler identity.
// Differences from NeuralForecast, stated: no learning-rate decay / early stopping; a batch is
// `batchSize` time windows of the whole panel drawn with replacement (NeuralForecast's
// `windows_batch_size`, default 32); every exogenous column of the frame is used unless
// `exogenous: false`.
import Neural

/// NeuralForecast's MLPMultivariate: a multilayer perceptron over the windows of all series of an
/// aligned panel.
///
/// ```swift
/// let m = try MLPMultivariate(inputSize: 24, horizon: 12, nSeries: 2, hiddenSize: 64, maxSteps: 300)
/// try m.fit(panel, progress: nil)                       // two aligned series
/// let f = try m.forecast(panel, h: 12, levels: [])      // one forecast per series
/// ```
/// - Complexity: O(in·hidden + numLayers·hidden² + hidden·H·N·Q) per window,
///   in = N·(L·(1 + X) + (L+H)·F + S).
public final class MLPMultivariate: CovariateNetwork {
  public let hiddenSize: Int
  public let numLayers: Int
  var layers: [Dense] = []

  /// - Throws: ``ForecastError/invalidArgument(_:)`` for sizes out of range.
  public init(inputSize: Int, horizon: Int, nSeries: Int, hiddenSize: Int = 1024, numLayers: Int = 2,
              exogenous: Bool = true, maxSteps: Int = 1000, batchSize: Int = 32, learningRate: Double = 1e-3,
              scaler: ScalerKind = .identity, levels: [Double] = [], alias: String = "MLPMultivariate") throws(ForecastError) {
    guard (1...8192).contains(hiddenSize), (1...64).contains(numLayers) else {
      throw .invalidArgument("MLPMultivariate needs hiddenSize 1...8192 and numLayers 1...64")
    }
    self.hiddenSize = hiddenSize
    self.numLayers = numLayers
    try super.init(kind: "MLPMultivariate", inputSize: inputSize, horizon: horizon, seriesCount: nSeries,
                   exogenous: exogenous, maxSteps: maxSteps, batchSize: batchSize, learningRate: learningRate,
                   scaler: scaler, levels: levels, alias: alias)
  }

  override func modelConfiguration() -> [Double] { [Double(seriesCount), Double(hiddenSize), Double(numLayers)] }

  static func decodeConfig(_ c: WindowNetwork.Common, _ config: [Double], exogenous: Bool) throws(ForecastError) -> MLPMultivariate? {
    guard config.count == 3 else { return nil }
    let v = config.map { Int(exactly: $0) ?? -1 }
    return try MLPMultivariate(inputSize: c.inputSize, horizon: c.horizon, nSeries: v[0], hiddenSize: v[1], numLayers: v[2],
                               exogenous: exogenous, maxSteps: c.maxSteps, batchSize: c.batchSize,
                               learningRate: c.learningRate, scaler: c.scaler, levels: c.levels, alias: c.alias)
  }

  override func build(_ rng: inout NeuralRandom) -> [Parameter] {
    let n = seriesCount
    let width = n * (inputSize * (1 + historicalCount) + (inputSize + horizon) * futureCount + staticCount)
    layers = [Dense(inputSize: width, outputSize: hiddenSize, activation: .relu, using: &rng)]
    for _ in 1..<numLayers {
      layers.append(Dense(inputSize: hiddenSize, outputSize: hiddenSize, activation: .relu, using: &rng))
    }
    layers.append(Dense(inputSize: hiddenSize, outputSize: horizon * n * outputCount, using: &rng))
    return layers.flatMap { $0.parameters }
  }

  override func forward(_ batch: CovariateBatch, in g: Graph) throws(TensorError) -> Var {
    let b = batch.y.shape[0]
    var parts = [try g.reshape(batch.y, Shape(b, batch.y.shape.count / b))]
    for v in [batch.historical, batch.future] {
      if let v { parts.append(try g.reshape(v, Shape(b, v.shape.count / b))) }
    }
    if let s = batch.statics {
      let flat = try g.reshape(s, Shape(1, s.shape.count))
      parts.append(try g.mul(g.constant(Tensor(repeating: 1, shape: Shape(b, 1))), flat))
    }
    var x = parts.count == 1 ? parts[0] : try g.concat(parts, axis: 1)
    for d in layers { x = try d(x, in: g) }
    return try g.reshape(x, Shape(b, horizon, seriesCount, outputCount))
  }
}
