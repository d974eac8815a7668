// NBEATS: Oreshkin, Carpov, Chapados & Bengio, "N-BEATS: Neural basis expansion analysis for
// interpretable time series forecasting" (ICLR 2020), as NeuralForecast implements it
// (`neuralforecast.models.nbeats`).
//
// Architecture: the input window, reversed (NeuralForecast flips it), passes through stacks of
// blocks. A block is a fully connected network — Linear(inputSize → hidden), then `numLayers` times
// Linear(hidden → hidden) + ReLU, then Linear(hidden → θ) — whose θ is expanded on a basis into a
// backcast (subtracted from the block's input: doubly residual stacking) and a forecast (added to the
// output). The output starts from the window's last value (NeuralForecast's "level with Naive1").
// Bases, as NeuralForecast defines them:
// - identity (the generic model): θ = [backcast (inputSize), forecast (horizon·Q)];
// - trend: polynomials (t/T)^i, i = 0…`polynomials`, for the backcast (T = inputSize) and for each
//   output of the forecast (T = horizon);
// - seasonality: cos and sin of −2π·(t/horizon)·f for frequencies f = 0 and
//   `harmonics`…(harmonics/2·horizon)/harmonics in steps of 1/harmonics.
// Every basis expansion is a constant matrix, so a block is `θ · B` in the graph.
// Generic N-BEATS is `stacks: [.identity, .identity, .identity]`, interpretable N-BEATS is
// `[.trend, .seasonality]` (NeuralForecast's default mixes the three: identity, trend, seasonality).
import Neural

/// One N-BEATS / N-HiTS block: an optional constant input map (pooling), a fully connected network to
/// θ, and constant backcast and forecast expansions of θ.
final class BasisBlock {
  let layers: [Dense]
  /// `[inputSize, pooledSize]` or nil.
  let pooling: Tensor?
  /// `[θ, inputSize]` and `[θ, horizon·Q]`.
  let backcastBasis: Tensor
  let forecastBasis: Tensor

  init(pooling: Tensor?, inputSize: Int, hiddenSize: Int, numLayers: Int, backcastBasis: Tensor, forecastBasis: Tensor,
       using rng: inout NeuralRandom) {
    let pooled = pooling.map { $0.shape[1] } ?? inputSize
    let theta = backcastBasis.shape[0]
    var l = [Dense(inputSize: pooled, outputSize: hiddenSize, using: &rng)]
    for _ in 0..<numLayers { l.append(Dense(inputSize: hiddenSize, outputSize: hiddenSize, activation: .relu, using: &rng)) }
    l.append(Dense(inputSize: hiddenSize, outputSize: theta, using: &rng))
    layers = l
    self.pooling = pooling
    self.backcastBasis = backcastBasis
    self.forecastBasis = forecastBasis
  }

  var parameters: [Parameter] { layers.flatMap { $0.parameters } }

  /// (backcast `[B, inputSize]`, forecast `[B, horizon·Q]`).
  func callAsFunction(_ x: Var, in g: Graph) throws(TensorError) -> (Var, Var) {
    var h = x
    if let pooling { h = try g.matmul(h, g.constant(pooling)) }
    for d in layers { h = try d(h, in: g) }
    return (try g.matmul(h, g.constant(backcastBasis)), try g.matmul(h, g.constant(forecastBasis)))
  }
}

/// Constant matrices for the bases.
enum Basis {
  /// `[rows, cols]` from a row-major Double array.
  static func tensor(_ rows: Int, _ cols: Int, _ v: [Double]) -> Tensor {
    Tensor(shape: Shape(rows, cols), scalars: v.map { Float($0) })
  }

  /// Identity basis: θ = [backcast, forecast]; returns (`[θ, L]`, `[θ, H·Q]`).
  static func identity(inputSize l: Int, outputs n: Int) -> (Tensor, Tensor) {
    let theta = l + n
    var b = [Double](repeating: 0, count: theta * l), f = [Double](repeating: 0, count: theta * n)
    for i in 0..<l { b[i * l + i] = 1 }
    for j in 0..<n { f[(l + j) * n + j] = 1 }
    return (tensor(theta, l, b), tensor(theta, n, f))
  }

  /// θ = [backcast coefficients (P), forecast coefficients (P·Q, index p·Q + q)] on templates
  /// `back[p][t]` (t < L) and `fore[p][t]` (t < H).
  static func expansion(_ back: [[Double]], _ fore: [[Double]], inputSize l: Int, horizon h: Int, outputs q: Int)
    -> (Tensor, Tensor)
  {
    let p = back.count, theta = p + p * q
    var b = [Double](repeating: 0, count: theta * l), f = [Double](repeating: 0, count: theta * h * q)
    for i in 0..<p {
      for t in 0..<l { b[i * l + t] = back[i][t] }
      for k in 0..<q {
        for t in 0..<h { f[(p + i * q + k) * (h * q) + t * q + k] = fore[i][t] }
      }
    }
    return (tensor(theta, l, b), tensor(theta, h * q, f))
  }

  /// NeuralForecast's `TrendBasis`: (t/T)^i for i = 0…degree.
  static func trend(degree: Int, inputSize l: Int, horizon h: Int, outputs q: Int) -> (Tensor, Tensor) {
    func template(_ n: Int) -> [[Double]] {
      (0...degree).map { i in (0..<n).map { t in mPow(Double(t) / Double(n), Double(i)) } }
    }
    return expansion(template(l), template(h), inputSize: l, horizon: h, outputs: q)
  }

  /// NeuralForecast's `SeasonalityBasis`: cos then sin rows of −2π·(t/H)·f.
  static func seasonality(harmonics: Int, inputSize l: Int, horizon h: Int, outputs q: Int) -> (Tensor, Tensor) {
    var freq: [Double] = [0]
    var a = Double(harmonics)
    while a < Double(harmonics) / 2 * Double(h) {
      freq.append(a / Double(harmonics))
      a += 1
    }
    func template(_ n: Int) -> [[Double]] {
      let grid = freq.map { f in (0..<n).map { t in -2 * Double.pi * Double(t) / Double(h) * f } }
      return grid.map { $0.map { mCos($0) } } + grid.map { $0.map { mSin($0) } }
    }
    return expansion(template(l), template(h), inputSize: l, horizon: h, outputs: q)
  }

  /// The `[L, L]` matrix that reverses a window (`x · J` = x flipped).
  static func flip(_ l: Int) -> Tensor {
    var v = [Double](repeating: 0, count: l * l)
    for i in 0..<l { v[i * l + (l - 1 - i)] = 1 }
    return tensor(l, l, v)
  }

  /// Runs blocks with doubly residual stacking from the flipped window and a Naive1 level; `[B, H, Q]`.
  static func stacked(_ blocks: [BasisBlock], _ x: Var, inputSize l: Int, horizon h: Int, outputs q: Int,
                      in g: Graph) throws(TensorError) -> Var {
    let b = x.shape[0]
    var residual = try g.matmul(x, g.constant(flip(l)))
    var forecast: Var? = nil
    for block in blocks {
      let (back, fore) = try block(residual, in: g)
      residual = try g.sub(residual, back)
      if let f = forecast { forecast = try g.add(f, fore) } else { forecast = fore }
    }
    guard let forecast else { throw .invalidArgument }
    let level = try g.reshape(try g.slice(x, axis: 1, start: l - 1, count: 1), Shape(b, 1, 1))
    return try g.add(try g.reshape(forecast, Shape(b, h, q)), level)
  }
}

/// N-BEATS (Oreshkin et al. 2020), generic or interpretable.
///
/// ```swift
/// let generic = NBEATS(inputSize: 24, horizon: 12, stacks: [.identity, .identity, .identity], hiddenSize: 64)
/// let interpretable = NBEATS(inputSize: 24, horizon: 12, stacks: [.trend, .seasonality])
/// try generic.fit(train, progress: nil)
/// ```
/// - Complexity: O(blocks · (inputSize·hidden + numLayers·hidden² + hidden·θ)) per window.
public final class NBEATS: WindowNetwork {
  /// A stack's basis.
  public enum Stack: Int, Sendable { case identity = 0, trend = 1, seasonality = 2 }

  public let stacks: [Stack]
  /// Blocks per stack (NeuralForecast's default 1).
  public let blocksPerStack: Int
  /// Width of every hidden layer (NeuralForecast's default 512).
  public let hiddenSize: Int
  /// Hidden Linear + ReLU layers per block after the first Linear (NeuralForecast's default 2).
  public let numLayers: Int
  /// Seasonality harmonics (default 2) and trend degree (default 2).
  public let harmonics: Int
  public let polynomials: Int
  var blocks: [BasisBlock] = []

  /// - Throws: ``ForecastError/invalidArgument(_:)`` unless at least one stack; sizes ≥ 1.
  public init(inputSize: Int, horizon: Int, stacks: [Stack] = [.identity, .trend, .seasonality], blocksPerStack: Int = 1,
              hiddenSize: Int = 512, numLayers: Int = 2, harmonics: Int = 2, polynomials: Int = 2, maxSteps: Int = 1000,
              batchSize: Int = 32, learningRate: Double = 1e-3, scaler: ScalerKind = .identity, levels: [Double] = [],
              alias: String = "NBEATS") throws(ForecastError) {
    guard !stacks.isEmpty && blocksPerStack >= 1 && hiddenSize >= 1 && numLayers >= 0
                   && harmonics >= 1 && polynomials >= 0 else { throw .invalidArgument("NBEATS sizes") }
    self.stacks = stacks
    self.blocksPerStack = blocksPerStack
    self.hiddenSize = hiddenSize
    self.numLayers = numLayers
    self.harmonics = harmonics
    self.polynomials = polynomials
    try super.init(kind: "NBEATS", inputSize: inputSize, horizon: horizon, maxSteps: maxSteps, batchSize: batchSize,
               learningRate: learningRate, scaler: scaler, levels: levels, alias: alias)
  }

  override func configuration() -> [Double] {
    [Double(blocksPerStack), Double(hiddenSize), Double(numLayers), Double(harmonics), Double(polynomials)]
      + stacks.map { Double($0.rawValue) }
  }

  static func decodeConfig(_ c: WindowNetwork.Common, _ config: [Double]) throws(ForecastError) -> NBEATS? {
    guard config.count >= 6 else { return nil }
    let v = config.map { Int(exactly: $0) ?? -1 }
    guard (1...64).contains(v[0]), (1...8192).contains(v[1]), (0...64).contains(v[2]), (1...64).contains(v[3]),
          (0...16).contains(v[4]), config.count <= 70 else { return nil }
    var stacks: [Stack] = []
    for s in v[5...] {
      guard let st = Stack(rawValue: s) else { return nil }
      stacks.append(st)
    }
    return try NBEATS(inputSize: c.inputSize, horizon: c.horizon, stacks: stacks, blocksPerStack: v[0], hiddenSize: v[1],
                  numLayers: v[2], harmonics: v[3], polynomials: v[4], maxSteps: c.maxSteps, batchSize: c.batchSize,
                  learningRate: c.learningRate, scaler: c.scaler, levels: c.levels, alias: c.alias)
  }

  override func build(_ rng: inout NeuralRandom) -> [Parameter] {
    blocks = []
    let q = outputCount
    for stack in stacks {
      for _ in 0..<blocksPerStack {
        let (b, f): (Tensor, Tensor)
        switch stack {
        case .identity: (b, f) = Basis.identity(inputSize: inputSize, outputs: horizon * q)
        case .trend: (b, f) = Basis.trend(degree: polynomials, inputSize: inputSize, horizon: horizon, outputs: q)
        case .seasonality:
          (b, f) = Basis.seasonality(harmonics: harmonics, inputSize: inputSize, horizon: horizon, outputs: q)
        }
        blocks.append(BasisBlock(pooling: nil, inputSize: inputSize, hiddenSize: hiddenSize, numLayers: numLayers,
                                 backcastBasis: b, forecastBasis: f, using: &rng))
      }
    }
    return blocks.flatMap { $0.parameters }
  }

  override func network(_ x: Var, in g: Graph) throws(TensorError) -> Var {
    try Basis.stacked(blocks, x, inputSize: inputSize, horizon: horizon, outputs: outputCount, in: g)
  }
}
