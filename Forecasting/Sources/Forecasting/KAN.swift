// KAN: Liu, Wang, Vaidya, Ruehle, Halverson, Soljačić, Hou & Tegmark, "KAN: Kolmogorov-Arnold
// Networks" (2024), as NeuralForecast builds its forecaster (`neuralforecast.models.kan`): the MLP
// forecaster with every Linear + activation replaced by a Kolmogorov–Arnold layer
// (`Layers/KANLinear.swift`: SiLU base plus learned cubic B-splines on every edge).
//
// Architecture, as NeuralForecast: the flattened [y window (L) | historical (L·X) | future over
// window and horizon ((L+H)·F) | statics (S)] → `hiddenLayers` KAN layers of `hiddenSize` → a KAN
// layer to H·Q outputs.
// Defaults as NeuralForecast: 1 hidden layer of 512, grid size 5, spline order 3, grid [−1, 1], noise
// scale 0.1, scaler identity.
// Differences from NeuralForecast, stated: spline coefficients start as the noise itself instead of
// its least-squares fit (KANLinear.swift); scale_base / scale_spline are 1 and every edge has its own
// spline scaler (NeuralForecast's defaults, not configurable here); no grid updates (NeuralForecast's
// default `update_grid=False`) and no spline regularisation term (NeuralForecast defines it but does
// not add it to the loss); no learning-rate decay / early stopping; every exogenous column of the
// frame is used unless `exogenous: false`. With the identity scaler, inputs far outside the grid
// only reach the SiLU base: the `.standard` scaler keeps windows on the grid.
import Neural

/// KAN forecaster (Liu et al. 2024; NeuralForecast's `KAN`).
///
/// ```swift
/// let m = try KAN(inputSize: 24, horizon: 12, hiddenSize: 32, maxSteps: 300, scaler: .standard)
/// try m.fit(train, progress: nil)
/// let f = try m.forecast(train, h: 12, levels: [])
/// ```
/// - Complexity: O(Σ_layers in·out·(G + K + 1)) per window.
public final class KAN: CovariateNetwork {
  public let hiddenSize: Int
  public let hiddenLayers: Int
  public let gridSize: Int
  public let splineOrder: Int
  var layers: [KANLinear] = []

  /// - Throws: ``ForecastError/invalidArgument(_:)`` for sizes out of range.
  public init(inputSize: Int, horizon: Int, hiddenSize: Int = 512, hiddenLayers: Int = 1, gridSize: Int = 5,
              splineOrder: Int = 3, exogenous: Bool = true, maxSteps: Int = 1000, batchSize: Int = 32,
              learningRate: Double = 1e-3, scaler: ScalerKind = .identity, levels: [Double] = [],
              alias: String = "KAN") throws(ForecastError) {
    guard (1...8192).contains(hiddenSize), (0...64).contains(hiddenLayers), (1...64).contains(gridSize),
          (0...8).contains(splineOrder) else {
      throw .invalidArgument("KAN needs hiddenSize 1...8192, hiddenLayers 0...64, gridSize 1...64, splineOrder 0...8")
    }
    self.hiddenSize = hiddenSize
    self.hiddenLayers = hiddenLayers
    self.gridSize = gridSize
    self.splineOrder = splineOrder
    try super.init(kind: "KAN", inputSize: inputSize, horizon: horizon, seriesCount: nil, exogenous: exogenous,
                   maxSteps: maxSteps, batchSize: batchSize, learningRate: learningRate, scaler: scaler, levels: levels,
                   alias: alias)
  }

  override func modelConfiguration() -> [Double] {
    [Double(hiddenSize), Double(hiddenLayers), Double(gridSize), Double(splineOrder)]
  }

  static func decodeConfig(_ c: WindowNetwork.Common, _ config: [Double], exogenous: Bool) throws(ForecastError) -> KAN? {
    guard config.count == 4 else { return nil }
    let v = config.map { Int(exactly: $0) ?? -1 }
    return try KAN(inputSize: c.inputSize, horizon: c.horizon, hiddenSize: v[0], hiddenLayers: v[1], gridSize: v[2],
                   splineOrder: v[3], exogenous: exogenous, maxSteps: c.maxSteps, batchSize: c.batchSize,
                   learningRate: c.learningRate, scaler: c.scaler, levels: c.levels, alias: c.alias)
  }

  override func build(_ rng: inout NeuralRandom) -> [Parameter] {
    let first = inputSize * (1 + historicalCount) + (inputSize + horizon) * futureCount + staticCount
    let widths = [first] + [Int](repeating: hiddenSize, count: hiddenLayers) + [horizon * outputCount]
    layers = (1..<widths.count).map {
      KANLinear(inputSize: widths[$0 - 1], outputSize: widths[$0], gridSize: gridSize, splineOrder: splineOrder, using: &rng)
    }
    return layers.flatMap { $0.parameters }
  }

  override func forward(_ batch: CovariateBatch, in g: Graph) throws(TensorError) -> Var {
    let b = batch.y.shape[0]
    var parts = [batch.y]
    for v in [batch.historical, batch.future, batch.statics] {
      if let v { parts.append(try g.reshape(v, Shape(b, v.shape.count / b))) }
    }
    var x = parts.count == 1 ? parts[0] : try g.concat(parts, axis: 1)
    for layer in layers { x = try layer(x, in: g) }
    return try g.reshape(x, Shape(b, horizon, outputCount))
  }
}
