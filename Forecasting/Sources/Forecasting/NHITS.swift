// NHITS: Challu, Olivares, Oreshkin, Garza, Mergenthaler-Canseco & Dubrawski, "N-HiTS: Neural
// Hierarchical Interpolation for Time Series Forecasting" (AAAI 2023), as NeuralForecast implements it
// (`neuralforecast.models.nhits`).
//
// Architecture: N-BEATS's doubly residual stacks (reversed window, Naive1 level; see NBEATS.swift)
// with two changes per stack s: the block's input is pooled with kernel `poolKernels[s]` (stride =
// kernel, ceil mode: the last window may be partial), and its forecast θ holds only
// max(horizon / `downsampling[s]`, 1) knots per output, linearly interpolated to the horizon
// (PyTorch's `F.interpolate(mode="linear", align_corners=False)`), so early stacks model slow
// components. Defaults as NeuralForecast: 3 identity stacks of 1 block, 2 hidden layers of 512, pool
// kernels [2, 2, 1], downsampling [4, 2, 1].
// Stated difference: pooling is the average (NeuralForecast's `pooling_mode="AvgPool1d"` option), not
// its default max pooling — Neural's graph has no max-pool operation yet; the average is a constant
// matrix here, like the interpolation.
import Neural

/// N-HiTS (Challu et al. 2023): multi-rate pooling and hierarchical interpolation of N-BEATS blocks.
///
/// ```swift
/// let m = NHITS(inputSize: 24, horizon: 12, hiddenSize: 64, maxSteps: 300)
/// try m.fit(train, progress: nil)
/// let f = try m.forecast(train, h: 12, levels: [])
/// ```
/// - Complexity: O(stacks · (inputSize/k·hidden + numLayers·hidden² + hidden·θ)) per window.
public final class NHITS: WindowNetwork {
  /// Pooling kernel per stack (≥ 1).
  public let poolKernels: [Int]
  /// Forecast downsampling per stack (≥ 1).
  public let downsampling: [Int]
  public let blocksPerStack: Int
  public let hiddenSize: Int
  public let numLayers: Int
  var blocks: [BasisBlock] = []

  /// - Throws: ``ForecastError/invalidArgument(_:)`` unless `poolKernels` and `downsampling` of one non-zero length, entries ≥ 1.
  public init(inputSize: Int, horizon: Int, poolKernels: [Int] = [2, 2, 1], downsampling: [Int] = [4, 2, 1],
              blocksPerStack: Int = 1, hiddenSize: Int = 512, numLayers: Int = 2, maxSteps: Int = 1000,
              batchSize: Int = 32, learningRate: Double = 1e-3, scaler: ScalerKind = .identity, levels: [Double] = [],
              alias: String = "NHITS") throws(ForecastError) {
    guard !poolKernels.isEmpty && poolKernels.count == downsampling.count
                   && (poolKernels + downsampling).allSatisfy({ $0 >= 1 }) && blocksPerStack >= 1 && hiddenSize >= 1
                   && numLayers >= 0 else { throw .invalidArgument("NHITS sizes") }
    self.poolKernels = poolKernels
    self.downsampling = downsampling
    self.blocksPerStack = blocksPerStack
    self.hiddenSize = hiddenSize
    self.numLayers = numLayers
    try super.init(kind: "NHITS", inputSize: inputSize, horizon: horizon, maxSteps: maxSteps, batchSize: batchSize,
               learningRate: learningRate, scaler: scaler, levels: levels, alias: alias)
  }

  override func configuration() -> [Double] {
    [Double(blocksPerStack), Double(hiddenSize), Double(numLayers)] + poolKernels.map { Double($0) }
      + downsampling.map { Double($0) }
  }

  static func decodeConfig(_ c: WindowNetwork.Common, _ config: [Double]) throws(ForecastError) -> NHITS? {
    guard config.count >= 5, config.count % 2 == 1, config.count <= 131 else { return nil }
    let v = config.map { Int(exactly: $0) ?? -1 }
    guard (1...64).contains(v[0]), (1...8192).contains(v[1]), (0...64).contains(v[2]),
          v[3...].allSatisfy({ (1...65536).contains($0) }) else { return nil }
    let n = (config.count - 3) / 2
    return try NHITS(inputSize: c.inputSize, horizon: c.horizon, poolKernels: Array(v[3..<(3 + n)]),
                 downsampling: Array(v[(3 + n)...]), blocksPerStack: v[0], hiddenSize: v[1], numLayers: v[2],
                 maxSteps: c.maxSteps, batchSize: c.batchSize, learningRate: c.learningRate, scaler: c.scaler,
                 levels: c.levels, alias: c.alias)
  }

  /// The `[inputSize, ceil(inputSize / k)]` average-pooling matrix (stride k, ceil mode, each window
  /// averaged over the values it covers).
  public static func poolingMatrix(inputSize l: Int, kernel k: Int) -> [Double] {
    let n = (l + k - 1) / k
    var m = [Double](repeating: 0, count: l * n)
    for j in 0..<n {
      let lo = j * k, hi = min(lo + k, l)
      for i in lo..<hi { m[i * n + j] = 1 / Double(hi - lo) }
    }
    return m
  }

  /// The `[knots, horizon]` linear-interpolation matrix of PyTorch's `F.interpolate(mode="linear",
  /// align_corners=False)`.
  public static func interpolationMatrix(knots k: Int, horizon h: Int) -> [Double] {
    var m = [Double](repeating: 0, count: k * h)
    let ratio = Double(k) / Double(h)
    for t in 0..<h {
      let src = max((Double(t) + 0.5) * ratio - 0.5, 0)
      let i0 = min(Int(src), k - 1), i1 = min(i0 + 1, k - 1)
      let lambda = src - Double(i0)
      m[i0 * h + t] += 1 - lambda
      m[i1 * h + t] += lambda
    }
    return m
  }

  override func build(_ rng: inout NeuralRandom) -> [Parameter] {
    blocks = []
    let q = outputCount, l = inputSize
    for (s, kernel) in poolKernels.enumerated() {
      let knots = max(horizon / downsampling[s], 1)
      let pooled = (l + kernel - 1) / kernel
      let interp = NHITS.interpolationMatrix(knots: knots, horizon: horizon)
      // θ = [backcast (L), knots (Q·K, index q·K + k)]; forecast index t·Q + q.
      let theta = l + q * knots
      var b = [Double](repeating: 0, count: theta * l), f = [Double](repeating: 0, count: theta * horizon * q)
      for i in 0..<l { b[i * l + i] = 1 }
      for qi in 0..<q {
        for k in 0..<knots {
          for t in 0..<horizon { f[(l + qi * knots + k) * (horizon * q) + t * q + qi] = interp[k * horizon + t] }
        }
      }
      for _ in 0..<blocksPerStack {
        let pooling = kernel == 1 ? nil : Basis.tensor(l, pooled, NHITS.poolingMatrix(inputSize: l, kernel: kernel))
        blocks.append(BasisBlock(pooling: pooling, inputSize: l, hiddenSize: hiddenSize, numLayers: numLayers,
                                 backcastBasis: Basis.tensor(theta, l, b),
                                 forecastBasis: Basis.tensor(theta, horizon * q, f), using: &rng))
      }
    }
    return blocks.flatMap { $0.parameters }
  }

  override func network(_ x: Var, in g: Graph) throws(TensorError) -> Var {
    try Basis.stacked(blocks, x, inputSize: inputSize, horizon: horizon, outputs: outputCount, in: g)
  }
}
