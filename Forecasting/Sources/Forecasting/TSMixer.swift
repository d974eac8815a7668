// TSMixer: Chen, Li, Yoder, Arik & Pfister, "TSMixer: An All-MLP Architecture for Time Series
// Forecasting" (TMLR 2023), as NeuralForecast implements it (`neuralforecast.models.tsmixer`): a
// multivariate model over the windows `[B, L, N]` of an aligned panel of N series.
//
// Architecture, as NeuralForecast:
// - reversible instance normalisation (`RevINMultivariate`, affine): each series' window is
//   standardised by its own mean and standard deviation (√(var + 1e-5), statistics not
//   differentiated), then scaled and shifted by learned per-series weights; outputs are mapped back
//   ((x − bias)/(weight + 1e-10) · std + mean);
// - `nBlock` mixing layers, each a temporal mixer then a feature mixer, both residual:
//   temporal: BatchNorm over the N·L values (ε 1e-3, momentum 0.01), Linear(L → L) + ReLU along
//   time, dropout; feature: BatchNorm over the L·N values, Linear(N → ffDim) + ReLU, dropout,
//   Linear(ffDim → N), dropout;
// - a linear head along time, Linear(L → H·Q) per series.
// BatchNorm is `Layers/BatchNorm.swift` (running statistics at forecast time, as PyTorch's eval mode).
// Defaults as NeuralForecast: 2 blocks, ffDim 64, dropout 0.9, RevIN on, scaler identity.
// Differences from NeuralForecast, stated: no learning-rate decay / early stopping; a batch is
// `batchSize` time windows of the whole panel drawn with replacement (NeuralForecast's
// `windows_batch_size`, default 32). Exogenous columns are ignored, as NeuralForecast's TSMixer
// ignores them (``TSMixerx`` reads them).
import Neural

/// Reversible instance normalisation over the time axis of `[B, L, N]` with learned per-series
/// affine maps (NeuralForecast's `RevINMultivariate`).
final class ReversibleInstanceNorm {
  let weight: Parameter
  let bias: Parameter
  let epsilon: Float = 1e-5

  init(_ series: Int) {
    weight = Parameter(Tensor(repeating: 1, shape: Shape(series)))
    bias = Parameter(Tensor(zeros: Shape(series)))
  }

  var parameters: [Parameter] { [weight, bias] }

  /// The normalised `x` and the statistics (`[B, 1, N]` constants) that `reverse` needs.
  func normalise(_ x: Var, in g: Graph) throws(TensorError) -> (Var, mean: Var, std: Var) {
    let v = try g.value(x)
    let b = x.shape[0], l = x.shape[1], n = x.shape[2]
    var mean = [Float](repeating: 0, count: b * n), std = [Float](repeating: 0, count: b * n)
    for i in 0..<b {
      for k in 0..<n {
        var s: Float = 0
        for t in 0..<l { s += v.scalars[(i * l + t) * n + k] }
        let m = s / Float(l)
        var q: Float = 0
        for t in 0..<l {
          let d = v.scalars[(i * l + t) * n + k] - m
          q += d * d
        }
        mean[i * n + k] = m
        std[i * n + k] = (q / Float(l) + epsilon).squareRoot()
      }
    }
    let mv = g.constant(Tensor(shape: Shape(b, 1, n), scalars: mean))
    let sv = g.constant(Tensor(shape: Shape(b, 1, n), scalars: std))
    let z = try g.div(try g.sub(x, mv), sv)
    return (try g.add(try g.mul(z, g.param(weight)), g.param(bias)), mv, sv)
  }

  /// Maps `y` `[B, T, N]` back with the statistics of `normalise`.
  func reverse(_ y: Var, mean: Var, std: Var, in g: Graph) throws(TensorError) -> Var {
    let z = try g.div(try g.sub(y, g.param(bias)), try g.add(g.param(weight), scalar: epsilon * epsilon))
    return try g.add(try g.mul(z, std), mean)
  }
}

/// TSMixer forecaster (Chen et al. 2023): time- and feature-mixing MLPs over an aligned panel.
///
/// ```swift
/// let m = try TSMixer(inputSize: 24, horizon: 12, nSeries: 2, ffDim: 32, dropout: 0.1, maxSteps: 300)
/// try m.fit(panel, progress: nil)                  // two aligned series
/// let f = try m.forecast(panel, h: 12, levels: [])
/// ```
/// - Complexity: O(nBlock · (N·L² + L·N·ffDim) + N·L·H·Q) per window.
public final class TSMixer: CovariateNetwork {
  /// Mixing layers.
  public let nBlock: Int
  /// Width of the feature mixer's hidden layer.
  public let ffDim: Int
  /// Dropout probability in [0, 1).
  public let dropout: Double
  /// Whether reversible instance normalisation wraps the network.
  public let revin: Bool
  var norm: ReversibleInstanceNorm?
  var temporalNorms: [BatchNorm] = [], temporalLinears: [Dense] = []
  var featureNorms: [BatchNorm] = [], featureIn: [Dense] = [], featureOut: [Dense] = []
  var head: Dense?

  /// - Throws: ``ForecastError/invalidArgument(_:)`` for sizes out of range or dropout outside [0, 1).
  public init(inputSize: Int, horizon: Int, nSeries: Int, nBlock: Int = 2, ffDim: Int = 64, dropout: Double = 0.9,
              revin: Bool = true, maxSteps: Int = 1000, batchSize: Int = 32, learningRate: Double = 1e-3,
              scaler: ScalerKind = .identity, levels: [Double] = [], alias: String = "TSMixer") throws(ForecastError) {
    guard (1...64).contains(nBlock), (1...8192).contains(ffDim), dropout >= 0, dropout < 1 else {
      throw .invalidArgument("TSMixer needs nBlock 1...64, ffDim 1...8192 and dropout in [0, 1)")
    }
    self.nBlock = nBlock
    self.ffDim = ffDim
    self.dropout = dropout
    self.revin = revin
    try super.init(kind: "TSMixer", inputSize: inputSize, horizon: horizon, seriesCount: nSeries, exogenous: false,
                   maxSteps: maxSteps, batchSize: batchSize, learningRate: learningRate, scaler: scaler, levels: levels,
                   alias: alias)
  }

  override func modelConfiguration() -> [Double] {
    [Double(seriesCount), Double(nBlock), Double(ffDim), dropout, revin ? 1 : 0]
  }

  static func decodeConfig(_ c: WindowNetwork.Common, _ config: [Double], exogenous: Bool) throws(ForecastError) -> TSMixer? {
    guard config.count == 5, !exogenous else { return nil }
    let v = config.map { Int(exactly: $0) ?? -1 }
    guard v[4] == 0 || v[4] == 1 else { return nil }
    return try TSMixer(inputSize: c.inputSize, horizon: c.horizon, nSeries: v[0], nBlock: v[1], ffDim: v[2],
                       dropout: config[3], revin: v[4] == 1, maxSteps: c.maxSteps, batchSize: c.batchSize,
                       learningRate: c.learningRate, scaler: c.scaler, levels: c.levels, alias: c.alias)
  }

  override func build(_ rng: inout NeuralRandom) -> [Parameter] {
    let l = inputSize, n = seriesCount
    norm = revin ? ReversibleInstanceNorm(n) : nil
    temporalNorms = []; temporalLinears = []; featureNorms = []; featureIn = []; featureOut = []
    for _ in 0..<nBlock {
      temporalNorms.append(BatchNorm(n * l, epsilon: 1e-3, momentum: 0.01))
      temporalLinears.append(Dense(inputSize: l, outputSize: l, activation: .relu, using: &rng))
      featureNorms.append(BatchNorm(l * n, epsilon: 1e-3, momentum: 0.01))
      featureIn.append(Dense(inputSize: n, outputSize: ffDim, activation: .relu, using: &rng))
      featureOut.append(Dense(inputSize: ffDim, outputSize: n, using: &rng))
    }
    let h = Dense(inputSize: l, outputSize: horizon * outputCount, using: &rng)
    head = h
    var p = norm?.parameters ?? []
    for i in 0..<nBlock {
      p += temporalNorms[i].parameters + temporalLinears[i].parameters + featureNorms[i].parameters
        + featureIn[i].parameters + featureOut[i].parameters
    }
    return p + h.parameters
  }

  override func forward(_ batch: CovariateBatch, in g: Graph) throws(TensorError) -> Var {
    guard let head else { throw .invalidArgument }
    let b = batch.y.shape[0], l = inputSize, n = seriesCount, q = outputCount, p = Float(dropout)
    var x = batch.y                                                                        // [B, L, N]
    var stats: (Var, Var)? = nil
    if let norm {
      let (z, mean, std) = try norm.normalise(x, in: g)
      x = z
      stats = (mean, std)
    }
    for i in 0..<nBlock {
      // Temporal mixing.
      var t = try g.reshape(try g.transpose(x, 1, 2), Shape(b, n * l))
      t = try g.reshape(try temporalNorms[i](t, in: g), Shape(b, n, l))
      t = try g.dropout(try g.transpose(try temporalLinears[i](t, in: g), 1, 2), p: p)
      x = try g.add(t, x)
      // Feature mixing.
      var f = try g.reshape(try featureNorms[i](try g.reshape(x, Shape(b, l * n)), in: g), Shape(b, l, n))
      f = try g.dropout(try featureIn[i](f, in: g), p: p)
      f = try g.dropout(try featureOut[i](f, in: g), p: p)
      x = try g.add(f, x)
    }
    var y = try g.transpose(try head(try g.transpose(x, 1, 2), in: g), 1, 2)             // [B, H·Q, N]
    if let norm, let s = stats { y = try norm.reverse(y, mean: s.0, std: s.1, in: g) }
    return try g.transpose(try g.reshape(y, Shape(b, horizon, q, n)), 2, 3)               // [B, H, N, Q]
  }
}
