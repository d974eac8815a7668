// BiTCN: Sprangers, Schelter & de Rijke, "Parameter-efficient deep probabilistic forecasting"
// (International Journal of Forecasting 2023), as NeuralForecast implements it
// (`neuralforecast.models.bitcn`): a backward-looking TCN over the past and, when future covariates
// exist, a forward-looking TCN over the future covariates of window and horizon.
//
// Architecture, as NeuralForecast (channels last here, `[B, T, C]`):
// - past branch: [y | historical | statics repeated | future columns of the window] →
//   Linear(→ hidden) → dropout → ⌈log₂ L⌉ TCN cells with dilations 1, 2, 4, … (kernel 2);
// - future branch (only with future columns): future columns of window and horizon (L + H steps) →
//   Linear(F → hidden) → dropout → ⌈log₂(L + H)⌉ forward-looking cells (step t reads t and t + d:
//   the causal convolution on the time-reversed sequence);
// - a TCN cell (NeuralForecast's `TCNCell`): c = Conv1x1(hidden → 2·hidden)(dropout(GELU(conv(h)))),
//   h ← h + c[:hidden], out ← out + c[hidden:] (the branch's output is the sum of the `out` parts);
// - temporal dense layers along time: [past out | future out over the window] `[B, C, L]` →
//   Linear(L → hidden) + GELU → dropout → Linear(hidden → H);
// - per step: [that | future out over the horizon] → Linear(→ Q).
// Convolutions use Neural's causal `Conv1D` (PyTorch's U(±1/√(in·K)) initialisation, as
// NeuralForecast's `CustomConv1d`).
// Defaults as NeuralForecast: hidden 16, dropout 0.5, kernel 2, scaler identity.
// Differences from NeuralForecast, stated: Neural's GELU; no learning-rate decay / early stopping;
// every exogenous column of the frame is used unless `exogenous: false`.
import Neural

/// One TCN cell of BiTCN: a dilated convolution, GELU, dropout, and a 1×1 convolution split into a
/// residual and an output part.
final class BiTCNCell {
  let conv: Conv1D
  let mix: Conv1D
  let hidden: Int

  init(_ hidden: Int, dilation: Int, using rng: inout NeuralRandom) {
    conv = Conv1D(inChannels: hidden, outChannels: hidden, kernelSize: 2, dilation: dilation, activation: .gelu, using: &rng)
    mix = Conv1D(inChannels: hidden, outChannels: 2 * hidden, kernelSize: 1, using: &rng)
    self.hidden = hidden
  }

  var parameters: [Parameter] { conv.parameters + mix.parameters }

  /// (h + residual part, out + output part).
  func callAsFunction(_ h: Var, _ out: Var?, dropout p: Float, in g: Graph) throws(TensorError) -> (Var, Var) {
    let c = try mix(try g.dropout(try conv(h, in: g), p: p), in: g)
    let next = try g.add(h, try g.slice(c, axis: 2, start: 0, count: hidden))
    let o = try g.slice(c, axis: 2, start: hidden, count: hidden)
    guard let out else { return (next, o) }
    return (next, try g.add(out, o))
  }
}

/// BiTCN forecaster (Sprangers et al. 2023).
///
/// ```swift
/// let m = try BiTCN(inputSize: 24, horizon: 12, hiddenSize: 16, dropout: 0.1, maxSteps: 300)
/// try m.fit(train, progress: nil)
/// let f = try m.forecast(train, h: 12, levels: [])
/// ```
/// - Complexity: O((L + H) · log(L + H) · hidden²) per window.
public final class BiTCN: CovariateNetwork {
  public let hiddenSize: Int
  /// Dropout probability in [0, 1).
  public let dropout: Double
  var pastInput: Dense?
  var past: [BiTCNCell] = []
  var futureInput: Dense?
  var futureCells: [BiTCNCell] = []
  var temporal1: Dense?
  var temporal2: Dense?
  var output: Dense?

  /// - Throws: ``ForecastError/invalidArgument(_:)`` for a size out of range or dropout outside [0, 1).
  public init(inputSize: Int, horizon: Int, hiddenSize: Int = 16, dropout: Double = 0.5, exogenous: Bool = true,
              maxSteps: Int = 1000, batchSize: Int = 32, learningRate: Double = 1e-3, scaler: ScalerKind = .identity,
              levels: [Double] = [], alias: String = "BiTCN") throws(ForecastError) {
    guard (1...8192).contains(hiddenSize), dropout >= 0, dropout < 1 else {
      throw .invalidArgument("BiTCN needs hiddenSize 1...8192 and dropout in [0, 1)")
    }
    self.hiddenSize = hiddenSize
    self.dropout = dropout
    try super.init(kind: "BiTCN", inputSize: inputSize, horizon: horizon, seriesCount: nil, exogenous: exogenous,
                   maxSteps: maxSteps, batchSize: batchSize, learningRate: learningRate, scaler: scaler, levels: levels,
                   alias: alias)
  }

  override func modelConfiguration() -> [Double] { [Double(hiddenSize), dropout] }

  static func decodeConfig(_ c: WindowNetwork.Common, _ config: [Double], exogenous: Bool) throws(ForecastError) -> BiTCN? {
    guard config.count == 2, let h = Int(exactly: config[0]) else { return nil }
    return try BiTCN(inputSize: c.inputSize, horizon: c.horizon, hiddenSize: h, dropout: config[1], exogenous: exogenous,
                     maxSteps: c.maxSteps, batchSize: c.batchSize, learningRate: c.learningRate, scaler: c.scaler,
                     levels: c.levels, alias: c.alias)
  }

  /// ⌈log₂ n⌉ (NeuralForecast's layer count for kernel 2: ⌈log₂((n − 1)/(k − 1) + 1)⌉), at least 1.
  static func layers(_ n: Int) -> Int {
    var k = 0
    while 1 << k < n { k += 1 }
    return max(k, 1)
  }

  override func build(_ rng: inout NeuralRandom) -> [Parameter] {
    let hid = hiddenSize
    let pi = Dense(inputSize: 1 + historicalCount + staticCount + futureCount, outputSize: hid, using: &rng)
    past = (0..<BiTCN.layers(inputSize)).map { BiTCNCell(hid, dilation: 1 << $0, using: &rng) }
    var p = pi.parameters + past.flatMap { $0.parameters }
    pastInput = pi
    futureInput = nil
    futureCells = []
    if futureCount > 0 {
      let fi = Dense(inputSize: futureCount, outputSize: hid, using: &rng)
      futureCells = (0..<BiTCN.layers(inputSize + horizon)).map { BiTCNCell(hid, dilation: 1 << $0, using: &rng) }
      futureInput = fi
      p += fi.parameters + futureCells.flatMap { $0.parameters }
    }
    let t1 = Dense(inputSize: inputSize, outputSize: hid, activation: .gelu, using: &rng)
    let t2 = Dense(inputSize: hid, outputSize: horizon, using: &rng)
    let o = Dense(inputSize: (futureCount > 0 ? 3 : 1) * hid, outputSize: outputCount, using: &rng)
    temporal1 = t1
    temporal2 = t2
    output = o
    return p + t1.parameters + t2.parameters + o.parameters
  }

  /// `x` `[B, T, C]` reversed in time.
  static func reversed(_ x: Var, in g: Graph) throws(TensorError) -> Var {
    try g.transpose(try g.matmul(try g.transpose(x, 1, 2), g.constant(Basis.flip(x.shape[1]))), 1, 2)
  }

  override func forward(_ batch: CovariateBatch, in g: Graph) throws(TensorError) -> Var {
    guard let pastInput, let temporal1, let temporal2, let output else { throw .invalidArgument }
    let b = batch.y.shape[0], l = inputSize, p = Float(dropout)
    var parts = [try g.reshape(batch.y, Shape(b, l, 1))]
    if let hist = batch.historical { parts.append(hist) }
    if let s = batch.statics {
      parts.append(try g.mul(g.constant(Tensor(repeating: 1, shape: Shape(b, l, 1))), try g.reshape(s, Shape(b, 1, staticCount))))
    }
    if let f = batch.future { parts.append(try g.slice(f, axis: 1, start: 0, count: l)) }
    var h = try g.dropout(try pastInput(parts.count == 1 ? parts[0] : try g.concat(parts, axis: 2), in: g), p: p)
    var out: Var? = nil
    for cell in past { (h, out) = try cell(h, out, dropout: p, in: g) }
    guard var x = out else { throw .invalidArgument }                                    // [B, L, hidden]
    var ahead: Var? = nil
    if let f = batch.future, let futureInput {
      // Forward-looking: the causal cells on the reversed sequence, reversed back.
      var fh = try BiTCN.reversed(try g.dropout(try futureInput(f, in: g), p: p), in: g)
      var fo: Var? = nil
      for cell in futureCells { (fh, fo) = try cell(fh, fo, dropout: p, in: g) }
      guard let fo else { throw .invalidArgument }
      let fx = try BiTCN.reversed(fo, in: g)                                             // [B, L + H, hidden]
      x = try g.concat([x, try g.slice(fx, axis: 1, start: 0, count: l)], axis: 2)
      ahead = try g.slice(fx, axis: 1, start: l, count: horizon)
    }
    var y = try g.dropout(try temporal1(try g.transpose(x, 1, 2), in: g), p: p)           // [B, C, hidden]
    y = try g.transpose(try temporal2(y, in: g), 1, 2)                                    // [B, H, C]
    if let ahead { y = try g.concat([y, ahead], axis: 2) }
    return try output(y, in: g)                                                           // [B, H, Q]
  }
}
