// TSMixerx: TSMixer with exogenous inputs — Chen, Li, Yoder, Arik & Pfister, "TSMixer: An All-MLP
// Architecture for Time Series Forecasting" (TMLR 2023, section 4.3, "TSMixer with auxiliary
// information"), as NeuralForecast implements it (`neuralforecast.models.tsmixerx`): a multivariate
// model over an aligned panel of N series with historical, future and static columns.
//
// Architecture, as NeuralForecast:
// - reversible instance normalisation of the target windows (as TSMixer.swift);
// - the past: [y | historical | future columns of the window] `[B, 1+X+F, L, N]` → Linear(L → H)
//   along time → `[B, H, (1+X+F)·N]` → feature mixing to ffDim;
// - the future: future columns of the horizon `[B, H, F·N]` → feature mixing to ffDim (with F > 0);
// - statics: `[N, S]` flattened and repeated over batch and horizon → feature mixing to ffDim (S > 0);
// - the three concatenated → a mixing layer to ffDim → `nBlock` mixing layers (with statics, each
//   first mixes the statics again and concatenates them: NeuralForecast's
//   `MixingLayerWithStaticExogenous`) → Linear(ffDim → Q·N), reversed instance normalisation.
// A temporal mixer is LayerNorm over (H, C) of x + dropout(ReLU(Linear(H → H) along time)); a feature
// mixer is LayerNorm over (H, out) of proj(x) + dropout(Linear(ff → out)(dropout(ReLU(Linear(in →
// ff))))), proj a Linear when in ≠ out and the identity otherwise.
// Defaults as NeuralForecast: 2 blocks, ffDim 64, dropout 0, RevIN on, scaler identity.
// Differences from NeuralForecast, stated: no learning-rate decay / early stopping; a batch is
// `batchSize` time windows of the whole panel drawn with replacement (NeuralForecast's
// `windows_batch_size`, default 32); every exogenous column of the frame is used unless
// `exogenous: false`.
import Neural

/// TSMixerx's temporal mixer on `[B, H, C]`.
final class TemporalMixer {
  let linear: Dense
  let norm: LayerNorm
  let steps: Int, features: Int

  init(steps: Int, features: Int, using rng: inout NeuralRandom) {
    linear = Dense(inputSize: steps, outputSize: steps, activation: .relu, using: &rng)
    norm = LayerNorm(steps * features)
    self.steps = steps
    self.features = features
  }

  var parameters: [Parameter] { linear.parameters + norm.parameters }

  func callAsFunction(_ x: Var, dropout p: Float, in g: Graph) throws(TensorError) -> Var {
    let b = x.shape[0]
    let y = try g.dropout(try g.transpose(try linear(try g.transpose(x, 1, 2), in: g), 1, 2), p: p)
    return try g.reshape(try norm(try g.reshape(try g.add(y, x), Shape(b, steps * features)), in: g), x.shape)
  }
}

/// TSMixerx's feature mixer `[B, H, in]` → `[B, H, out]`.
final class FeatureMixer {
  let first: Dense, second: Dense
  let projection: Dense?
  let norm: LayerNorm
  let steps: Int, output: Int

  init(steps: Int, input: Int, output: Int, ffDim: Int, using rng: inout NeuralRandom) {
    first = Dense(inputSize: input, outputSize: ffDim, activation: .relu, using: &rng)
    second = Dense(inputSize: ffDim, outputSize: output, using: &rng)
    projection = input == output ? nil : Dense(inputSize: input, outputSize: output, using: &rng)
    norm = LayerNorm(steps * output)
    self.steps = steps
    self.output = output
  }

  var parameters: [Parameter] { first.parameters + second.parameters + (projection?.parameters ?? []) + norm.parameters }

  func callAsFunction(_ x: Var, dropout p: Float, in g: Graph) throws(TensorError) -> Var {
    let b = x.shape[0]
    let y = try g.dropout(try second(try g.dropout(try first(x, in: g), p: p), in: g), p: p)
    var skip = x
    if let projection { skip = try projection(x, in: g) }
    return try g.reshape(try norm(try g.reshape(try g.add(y, skip), Shape(b, steps * output)), in: g),
                         Shape(b, steps, output))
  }
}

/// TSMixerx forecaster (Chen et al. 2023): TSMixer over an aligned panel with historical, future
/// and static exogenous columns.
///
/// ```swift
/// let m = try TSMixerx(inputSize: 24, horizon: 12, nSeries: 2, ffDim: 32, maxSteps: 300)
/// try m.fit(panelWithCalendar, progress: nil)
/// let f = try m.forecast(panelWithCalendar, future: nextYear, h: 12, levels: [])
/// ```
/// - Complexity: O(C·N·L·H + nBlock·H·(H·ffDim + ffDim²)) per window, C = 1 + X + F.
public final class TSMixerx: CovariateNetwork {
  public let nBlock: Int
  public let ffDim: Int
  /// Dropout probability in [0, 1).
  public let dropout: Double
  public let revin: Bool
  var norm: ReversibleInstanceNorm?
  var projection: Dense?
  var pastMixer: FeatureMixer?, futureMixer: FeatureMixer?, staticMixer: FeatureMixer?
  var firstTemporal: TemporalMixer?, firstFeature: FeatureMixer?
  var blockStatic: [FeatureMixer] = [], blockTemporal: [TemporalMixer] = [], blockFeature: [FeatureMixer] = []
  var head: Dense?

  /// - Throws: ``ForecastError/invalidArgument(_:)`` for sizes out of range or dropout outside [0, 1).
  public init(inputSize: Int, horizon: Int, nSeries: Int, nBlock: Int = 2, ffDim: Int = 64, dropout: Double = 0,
              revin: Bool = true, exogenous: Bool = true, maxSteps: Int = 1000, batchSize: Int = 32,
              learningRate: Double = 1e-3, scaler: ScalerKind = .identity, levels: [Double] = [],
              alias: String = "TSMixerx") throws(ForecastError) {
    guard (1...64).contains(nBlock), (1...8192).contains(ffDim), dropout >= 0, dropout < 1 else {
      throw .invalidArgument("TSMixerx needs nBlock 1...64, ffDim 1...8192 and dropout in [0, 1)")
    }
    self.nBlock = nBlock
    self.ffDim = ffDim
    self.dropout = dropout
    self.revin = revin
    try super.init(kind: "TSMixerx", inputSize: inputSize, horizon: horizon, seriesCount: nSeries, exogenous: exogenous,
                   maxSteps: maxSteps, batchSize: batchSize, learningRate: learningRate, scaler: scaler, levels: levels,
                   alias: alias)
  }

  override func modelConfiguration() -> [Double] {
    [Double(seriesCount), Double(nBlock), Double(ffDim), dropout, revin ? 1 : 0]
  }

  static func decodeConfig(_ c: WindowNetwork.Common, _ config: [Double], exogenous: Bool) throws(ForecastError) -> TSMixerx? {
    guard config.count == 5 else { return nil }
    let v = config.map { Int(exactly: $0) ?? -1 }
    guard v[4] == 0 || v[4] == 1 else { return nil }
    return try TSMixerx(inputSize: c.inputSize, horizon: c.horizon, nSeries: v[0], nBlock: v[1], ffDim: v[2],
                        dropout: config[3], revin: v[4] == 1, exogenous: exogenous, maxSteps: c.maxSteps,
                        batchSize: c.batchSize, learningRate: c.learningRate, scaler: c.scaler, levels: c.levels,
                        alias: c.alias)
  }

  override func build(_ rng: inout NeuralRandom) -> [Parameter] {
    let n = seriesCount, h = horizon, ff = ffDim, s = staticCount * n
    norm = revin ? ReversibleInstanceNorm(n) : nil
    let proj = Dense(inputSize: inputSize, outputSize: h, using: &rng)
    let past = FeatureMixer(steps: h, input: n * (1 + historicalCount + futureCount), output: ff, ffDim: ff, using: &rng)
    futureMixer = futureCount > 0 ? FeatureMixer(steps: h, input: n * futureCount, output: ff, ffDim: ff, using: &rng) : nil
    staticMixer = s > 0 ? FeatureMixer(steps: h, input: s, output: ff, ffDim: ff, using: &rng) : nil
    let width = (1 + (futureCount > 0 ? 1 : 0) + (s > 0 ? 1 : 0)) * ff
    let ft = TemporalMixer(steps: h, features: width, using: &rng)
    let ffm = FeatureMixer(steps: h, input: width, output: ff, ffDim: ff, using: &rng)
    blockStatic = []; blockTemporal = []; blockFeature = []
    for _ in 0..<nBlock {
      if s > 0 { blockStatic.append(FeatureMixer(steps: h, input: s, output: ff, ffDim: ff, using: &rng)) }
      let c = s > 0 ? 2 * ff : ff
      blockTemporal.append(TemporalMixer(steps: h, features: c, using: &rng))
      blockFeature.append(FeatureMixer(steps: h, input: c, output: ff, ffDim: ff, using: &rng))
    }
    let o = Dense(inputSize: ff, outputSize: outputCount * n, using: &rng)
    projection = proj
    pastMixer = past
    firstTemporal = ft
    firstFeature = ffm
    head = o
    var p = (norm?.parameters ?? []) + proj.parameters + past.parameters + (futureMixer?.parameters ?? [])
      + (staticMixer?.parameters ?? []) + ft.parameters + ffm.parameters
    for i in 0..<nBlock {
      p += (blockStatic.isEmpty ? [] : blockStatic[i].parameters) + blockTemporal[i].parameters + blockFeature[i].parameters
    }
    return p + o.parameters
  }

  override func forward(_ batch: CovariateBatch, in g: Graph) throws(TensorError) -> Var {
    guard let projection, let pastMixer, let firstTemporal, let firstFeature, let head else { throw .invalidArgument }
    let b = batch.y.shape[0], l = inputSize, n = seriesCount, h = horizon, q = outputCount, p = Float(dropout)
    var y = batch.y                                                                       // [B, L, N]
    var stats: (Var, Var)? = nil
    if let norm {
      let (z, mean, std) = try norm.normalise(y, in: g)
      y = z
      stats = (mean, std)
    }
    var channels = [try g.reshape(y, Shape(b, 1, l, n))]
    if let hist = batch.historical { channels.append(hist) }
    if let f = batch.future { channels.append(try g.slice(f, axis: 2, start: 0, count: l)) }
    let c = channels.count == 1 ? channels[0] : try g.concat(channels, axis: 1)           // [B, C, L, N]
    let cc = c.shape[1]
    // Linear(L → H) along time: [B, C, N, L] → [B, C, N, H] → [B, H, C, N] → [B, H, C·N].
    var x = try projection(try g.transpose(c, 2, 3), in: g)
    x = try g.reshape(try g.transpose(try g.transpose(x, 2, 3), 1, 2), Shape(b, h, cc, n))  // [B, H, C, N]
    x = try pastMixer(try g.reshape(x, Shape(b, h, cc * n)), dropout: p, in: g)
    var parts = [x]
    if let f = batch.future, let futureMixer {
      let ahead = try g.transpose(try g.slice(f, axis: 2, start: l, count: h), 1, 2)       // [B, H, F, N]
      parts.append(try futureMixer(try g.reshape(ahead, Shape(b, h, futureCount * n)), dropout: p, in: g))
    }
    var statics: Var? = nil
    if let s = batch.statics, let staticMixer {
      let flat = try g.reshape(s, Shape(1, 1, n * staticCount))
      let repeated = try g.mul(g.constant(Tensor(repeating: 1, shape: Shape(b, h, 1))), flat)
      statics = repeated
      parts.append(try staticMixer(repeated, dropout: p, in: g))
    }
    x = parts.count == 1 ? parts[0] : try g.concat(parts, axis: 2)
    x = try firstFeature(try firstTemporal(x, dropout: p, in: g), dropout: p, in: g)      // [B, H, ff]
    for i in 0..<nBlock {
      if let statics, !blockStatic.isEmpty {
        x = try g.concat([x, try blockStatic[i](statics, dropout: p, in: g)], axis: 2)
      }
      x = try blockFeature[i](try blockTemporal[i](x, dropout: p, in: g), dropout: p, in: g)
    }
    var out = try g.reshape(try head(x, in: g), Shape(b, h * q, n))                      // units q·N + n
    if let norm, let st = stats { out = try norm.reverse(out, mean: st.0, std: st.1, in: g) }
    return try g.transpose(try g.reshape(out, Shape(b, h, q, n)), 2, 3)                   // [B, H, N, Q]
  }
}
