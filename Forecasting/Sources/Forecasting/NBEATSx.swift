// NBEATSx: Olivares, Challu, Marcjasz, Weron & Dubrawski, "Neural basis expansion analysis with
// exogenous variables: Forecasting electricity prices with NBEATSx" (International Journal of
// Forecasting 2023), as NeuralForecast implements it (`neuralforecast.models.nbeatsx`).
//
// Architecture (N-BEATS, NBEATS.swift, plus exogenous inputs):
// - every block's fully connected network reads [flipped residual window (L) | historical exogenous
//   (L·X, time-major) | future exogenous over window and horizon ((L+H)·F) | statics (S)]:
//   Linear(in → hidden), then `numLayers` × (Linear(hidden → hidden) + ReLU), then Linear → θ;
// - identity, trend and seasonality stacks expand θ on NBEATS's constant bases (`Basis`);
// - the exogenous stack (NeuralForecast's `ExogenousBasis`) expands θ on the covariates themselves:
//   with C = [future columns | statics broadcast over time] (`[B, L+H, F+S]`), the forecast is
//   Σ_c θ_c · C[L + t, c] (θ's first F+S entries) and the backcast Σ_c θ'_c · C[t, c] (the last F+S),
//   one forecast for every output quantile (as NeuralForecast's `[B, H, 1]`);
// - doubly residual stacking from the flipped window, forecast level = the window's last value.
// NeuralForecast's quirk kept: the exogenous backcast is in calendar order while the residual it is
// subtracted from is flipped (NeuralForecast does the same; removing it would change the model).
// Defaults as NeuralForecast: stacks identity, trend, seasonality; 1 block each; hidden 512;
// mlp_units 3 × [512, 512] (numLayers 3); 2 harmonics, degree-2 polynomials; scaler identity.
// Differences from NeuralForecast, stated: no theta dropout (its default is 0), ReLU only (its
// default), no shared weights, no learning-rate decay / early stopping; every exogenous column of
// the frame is used (NeuralForecast takes explicit lists; `exogenous: false` ignores them all).
import Neural

/// NBEATSx forecaster (Olivares et al. 2023): N-BEATS with historical, future and static
/// exogenous inputs and an optional exogenous stack.
///
/// ```swift
/// let m = try NBEATSx(inputSize: 24, horizon: 12, stacks: [.identity, .exogenous], hiddenSize: 64, maxSteps: 300)
/// try m.fit(trainWithPromotions, progress: nil)
/// let f = try m.forecast(trainWithPromotions, future: nextYearsPromotions, h: 12, levels: [])
/// ```
/// - Complexity: O(blocks · (in·hidden + numLayers·hidden² + hidden·θ)) per window,
///   in = L·(1 + X) + (L+H)·F + S.
public final class NBEATSx: CovariateNetwork {
  /// A stack's basis.
  public enum Stack: Int, Sendable { case identity = 0, trend = 1, seasonality = 2, exogenous = 3 }

  public let stacks: [Stack]
  /// Blocks per stack (NeuralForecast's default 1).
  public let blocksPerStack: Int
  /// Width of every hidden layer (NeuralForecast's default 512).
  public let hiddenSize: Int
  /// Hidden Linear + ReLU layers per block after the first Linear (NeuralForecast's default 3).
  public let numLayers: Int
  /// Seasonality harmonics (default 2) and trend degree (default 2).
  public let harmonics: Int
  public let polynomials: Int
  var blocks: [BasisBlock] = []
  var exogenousBlock: [Bool] = []

  /// - Throws: ``ForecastError/invalidArgument(_:)`` for no stacks or sizes out of range.
  public init(inputSize: Int, horizon: Int, stacks: [Stack] = [.identity, .trend, .seasonality], blocksPerStack: Int = 1,
              hiddenSize: Int = 512, numLayers: Int = 3, harmonics: Int = 2, polynomials: Int = 2, exogenous: Bool = true,
              maxSteps: Int = 1000, batchSize: Int = 32, learningRate: Double = 1e-3, scaler: ScalerKind = .identity,
              levels: [Double] = [], alias: String = "NBEATSx") throws(ForecastError) {
    guard !stacks.isEmpty, stacks.count <= 64, (1...64).contains(blocksPerStack), (1...8192).contains(hiddenSize),
          (0...64).contains(numLayers), (1...64).contains(harmonics), (0...16).contains(polynomials) else {
      throw .invalidArgument("NBEATSx needs 1...64 stacks and blocks, hidden 1...8192, layers 0...64, harmonics 1...64, degree 0...16")
    }
    self.stacks = stacks
    self.blocksPerStack = blocksPerStack
    self.hiddenSize = hiddenSize
    self.numLayers = numLayers
    self.harmonics = harmonics
    self.polynomials = polynomials
    try super.init(kind: "NBEATSx", inputSize: inputSize, horizon: horizon, seriesCount: nil, exogenous: exogenous,
                   maxSteps: maxSteps, batchSize: batchSize, learningRate: learningRate, scaler: scaler, levels: levels,
                   alias: alias)
  }

  override func modelConfiguration() -> [Double] {
    [Double(blocksPerStack), Double(hiddenSize), Double(numLayers), Double(harmonics), Double(polynomials)]
      + stacks.map { Double($0.rawValue) }
  }

  static func decodeConfig(_ c: WindowNetwork.Common, _ config: [Double], exogenous: Bool) throws(ForecastError) -> NBEATSx? {
    guard config.count >= 6 else { return nil }
    let v = config.map { Int(exactly: $0) ?? -1 }
    var stacks: [Stack] = []
    for s in v[5...] {
      guard let st = Stack(rawValue: s) else { return nil }
      stacks.append(st)
    }
    return try NBEATSx(inputSize: c.inputSize, horizon: c.horizon, stacks: stacks, blocksPerStack: v[0], hiddenSize: v[1],
                       numLayers: v[2], harmonics: v[3], polynomials: v[4], exogenous: exogenous, maxSteps: c.maxSteps,
                       batchSize: c.batchSize, learningRate: c.learningRate, scaler: c.scaler, levels: c.levels,
                       alias: c.alias)
  }

  override func checkInputs() throws(ForecastError) {
    if stacks.contains(.exogenous) && futureCount + staticCount == 0 {
      throw .invalidArgument("NBEATSx: an exogenous stack needs future or static exogenous columns")
    }
  }

  /// Width of a block's input.
  var blockInputSize: Int {
    inputSize * (1 + historicalCount) + (inputSize + horizon) * futureCount + staticCount
  }

  override func build(_ rng: inout NeuralRandom) -> [Parameter] {
    blocks = []
    exogenousBlock = []
    let q = outputCount, covariates = futureCount + staticCount
    for stack in stacks {
      for _ in 0..<blocksPerStack {
        let (b, f): (Tensor, Tensor)
        switch stack {
        case .identity: (b, f) = Basis.identity(inputSize: inputSize, outputs: horizon * q)
        case .trend: (b, f) = Basis.trend(degree: polynomials, inputSize: inputSize, horizon: horizon, outputs: q)
        case .seasonality:
          (b, f) = Basis.seasonality(harmonics: harmonics, inputSize: inputSize, horizon: horizon, outputs: q)
        case .exogenous:
          // θ has 2·(F+S) entries; the covariates are the basis, so the constant maps are identities.
          (b, f) = (Basis.tensor(2 * covariates, 1, [Double](repeating: 0, count: 2 * covariates)),
                    Basis.tensor(2 * covariates, 1, [Double](repeating: 0, count: 2 * covariates)))
        }
        blocks.append(BasisBlock(pooling: nil, inputSize: blockInputSize, hiddenSize: hiddenSize, numLayers: numLayers,
                                 backcastBasis: b, forecastBasis: f, using: &rng))
        exogenousBlock.append(stack == .exogenous)
      }
    }
    return blocks.flatMap { $0.parameters }
  }

  /// `[B, L+H, F+S]`: future columns, then statics repeated over time (NeuralForecast's order).
  func covariates(_ batch: CovariateBatch, rows b: Int, in g: Graph) throws(TensorError) -> Var? {
    let t = inputSize + horizon
    var parts: [Var] = []
    if let f = batch.future { parts.append(f) }
    if let s = batch.statics {
      let ones = g.constant(Tensor(repeating: 1, shape: Shape(b, t, 1)))
      parts.append(try g.mul(ones, try g.reshape(s, Shape(b, 1, staticCount))))
    }
    if parts.isEmpty { return nil }
    return parts.count == 1 ? parts[0] : try g.concat(parts, axis: 2)
  }

  override func forward(_ batch: CovariateBatch, in g: Graph) throws(TensorError) -> Var {
    let x = batch.y, b = x.shape[0], l = inputSize, h = horizon, q = outputCount
    var exogenousInput: [Var] = []
    if let hist = batch.historical { exogenousInput.append(try g.reshape(hist, Shape(b, l * historicalCount))) }
    if let fut = batch.future { exogenousInput.append(try g.reshape(fut, Shape(b, (l + h) * futureCount))) }
    if let s = batch.statics { exogenousInput.append(s) }
    let cov = try covariates(batch, rows: b, in: g)
    let c = futureCount + staticCount
    var residual = try g.matmul(x, g.constant(Basis.flip(l)))
    var forecast = try g.mul(g.constant(Tensor(repeating: 1, shape: Shape(b, h, q))),
                             try g.reshape(try g.slice(x, axis: 1, start: l - 1, count: 1), Shape(b, 1, 1)))
    for (block, isExogenous) in zip(blocks, exogenousBlock) {
      let input = exogenousInput.isEmpty ? residual : try g.concat([residual] + exogenousInput, axis: 1)
      if isExogenous {
        guard let cov else { throw .invalidArgument }
        var theta = input
        for d in block.layers { theta = try d(theta, in: g) }                              // [B, 2C]
        let fore = try g.matmul(try g.slice(cov, axis: 1, start: l, count: h),
                                try g.reshape(try g.slice(theta, axis: 1, start: 0, count: c), Shape(b, c, 1)))
        let back = try g.matmul(try g.slice(cov, axis: 1, start: 0, count: l),
                                try g.reshape(try g.slice(theta, axis: 1, start: c, count: c), Shape(b, c, 1)))
        residual = try g.sub(residual, try g.reshape(back, Shape(b, l)))
        forecast = try g.add(forecast, fore)                                                // [B, H, 1] over Q
      } else {
        let (back, fore) = try block(input, in: g)
        residual = try g.sub(residual, back)
        forecast = try g.add(forecast, try g.reshape(fore, Shape(b, h, q)))
      }
    }
    return forecast
  }
}
