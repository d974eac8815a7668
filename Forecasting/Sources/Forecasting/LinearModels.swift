// DLinear and NLinear: the linear forecasters of Zeng, Chen, Zhang & Xu, "Are Transformers Effective
// for Time Series Forecasting?" (AAAI 2023), as NeuralForecast implements them
// (`neuralforecast.models.dlinear`, `neuralforecast.models.nlinear`).
//
// - NLinear: subtract the window's last value, one linear layer inputSize → horizon·Q, add it back.
// - DLinear: decompose the window into a trend (a centred moving average of `movingAverageWindow`
//   values, the window's first and last values repeated (k−1)/2 times at either end, NeuralForecast's
//   `MovingAvg`) and a remainder, map each by its own linear layer and add the two.
// The moving average is a fixed linear map, so it is one constant `[inputSize, inputSize]` matrix in
// the graph. Weights use Neural's Xavier-uniform initialiser (PyTorch's `nn.Linear` draws
// U(±1/√fan_in)); biases start at zero.
import Neural

/// NLinear (Zeng et al. 2023): a linear map of the window relative to its last value.
///
/// ```swift
/// let m = NLinear(inputSize: 24, horizon: 12, maxSteps: 300, learningRate: 1e-2)
/// try m.fit(train, progress: nil)
/// let f = try m.forecast(train, h: 12, levels: [])
/// ```
/// - Complexity: O(inputSize · horizon · Q) per window.
public final class NLinear: WindowNetwork {
  var linear: Dense?

  public init(inputSize: Int, horizon: Int, maxSteps: Int = 1000, batchSize: Int = 32, learningRate: Double = 1e-3,
              scaler: ScalerKind = .identity, levels: [Double] = [], alias: String = "NLinear") throws(ForecastError) {
    try super.init(kind: "NLinear", inputSize: inputSize, horizon: horizon, maxSteps: maxSteps, batchSize: batchSize,
               learningRate: learningRate, scaler: scaler, levels: levels, alias: alias)
  }

  override func build(_ rng: inout NeuralRandom) -> [Parameter] {
    let d = Dense(inputSize: inputSize, outputSize: horizon * outputCount, using: &rng)
    linear = d
    return d.parameters
  }

  override func network(_ x: Var, in g: Graph) throws(TensorError) -> Var {
    guard let linear else { throw .invalidArgument }
    let b = x.shape[0]
    let last = try g.slice(x, axis: 1, start: inputSize - 1, count: 1)
    let y = try g.add(try linear(try g.sub(x, last), in: g), last)
    return try g.reshape(y, Shape(b, horizon, outputCount))
  }
}

/// DLinear (Zeng et al. 2023): linear maps of a moving-average trend and of the remainder, summed.
///
/// ```swift
/// let m = DLinear(inputSize: 24, horizon: 12, movingAverageWindow: 25, maxSteps: 300)
/// try m.fit(train, progress: nil)
/// let f = try m.forecast(train, h: 12, levels: [80])
/// ```
/// - Complexity: O(inputSize · (inputSize + horizon · Q)) per window.
public final class DLinear: WindowNetwork {
  /// The moving-average kernel (odd; NeuralForecast's default is 25).
  public let movingAverageWindow: Int
  var trendLinear: Dense?
  var seasonLinear: Dense?

  /// - Throws: ``ForecastError/invalidArgument(_:)`` unless `movingAverageWindow` odd and ≥ 1.
  public init(inputSize: Int, horizon: Int, movingAverageWindow: Int = 25, maxSteps: Int = 1000, batchSize: Int = 32,
              learningRate: Double = 1e-3, scaler: ScalerKind = .identity, levels: [Double] = [],
              alias: String = "DLinear") throws(ForecastError) {
    guard movingAverageWindow >= 1 && movingAverageWindow % 2 == 1 else { throw .invalidArgument("DLinear's moving average must be odd") }
    self.movingAverageWindow = movingAverageWindow
    try super.init(kind: "DLinear", inputSize: inputSize, horizon: horizon, maxSteps: maxSteps, batchSize: batchSize,
               learningRate: learningRate, scaler: scaler, levels: levels, alias: alias)
  }

  override func configuration() -> [Double] { [Double(movingAverageWindow)] }

  /// The moving-average matrix `A` (`trend = x · A`, `[inputSize, inputSize]` row-major) with the
  /// edge values repeated (NeuralForecast's `MovingAvg`).
  public var movingAverageMatrix: [Double] {
    let l = inputSize, p = (movingAverageWindow - 1) / 2
    var a = [Double](repeating: 0, count: l * l)
    for t in 0..<l {
      for j in (t - p)...(t + p) { a[min(max(j, 0), l - 1) * l + t] += 1 / Double(movingAverageWindow) }
    }
    return a
  }

  override func build(_ rng: inout NeuralRandom) -> [Parameter] {
    let s = Dense(inputSize: inputSize, outputSize: horizon * outputCount, using: &rng)
    let t = Dense(inputSize: inputSize, outputSize: horizon * outputCount, using: &rng)
    seasonLinear = s
    trendLinear = t
    return s.parameters + t.parameters
  }

  override func network(_ x: Var, in g: Graph) throws(TensorError) -> Var {
    guard let seasonLinear, let trendLinear else { throw .invalidArgument }
    let b = x.shape[0]
    let a = g.constant(Tensor(shape: Shape(inputSize, inputSize), scalars: movingAverageMatrix.map { Float($0) }))
    let trend = try g.matmul(x, a)
    let season = try g.sub(x, trend)
    let y = try g.add(try seasonLinear(season, in: g), try trendLinear(trend, in: g))
    return try g.reshape(y, Shape(b, horizon, outputCount))
  }
}
