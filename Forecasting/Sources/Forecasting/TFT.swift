// TFT: Lim, Arık, Loeff & Pfister, "Temporal Fusion Transformers for Interpretable Multi-horizon Time
// Series Forecasting" (International Journal of Forecasting 37(4), 2021), as NeuralForecast implements
// it (`neuralforecast.models.tft`), on `CovariateNetwork`'s univariate layout with static, historical
// and future exogenous columns.
//
// Architecture (`Layers/TemporalFusion+Forecasting.swift`): every input variable is embedded as
// x·v_f + b_f (the target, the historical and future columns, the statics). With statics, a static
// variable selection network (VSN) and four GRNs give the contexts c_s (selection), c_e (enrichment)
// and the recurrent initial states c_h, c_c (one per recurrent layer); without statics they are zeros.
// Past inputs [historical | future (past part) | target] go through a VSN with context c_s and an LSTM
// (or GRU) encoder started from (c_h, c_c); future inputs through their own VSN and a decoder LSTM
// continuing the encoder's state. A gated skip (GLU + LayerNorm) adds the selected embeddings back.
// The temporal fusion decoder enriches every position with c_e (GRN), applies causal interpretable
// multi-head attention (shared values, averaged heads), keeps the horizon positions, and applies gated
// skips, a position-wise GRN and a final gated skip to the LSTM features; Linear(hidden → Q) outputs the
// quantiles (`[B, horizon, Q]`). Without future columns the future input is the window's last value
// repeated (as NeuralForecast does).
// Stated differences from NeuralForecast's defaults: GRNs use ELU only (its `grn_activation` default;
// the other activations are not offered) and `one_rnn_initial_state` is not offered (each recurrent
// layer has its own static initial state, its default); linear biases start at zero; the per-window
// scaler is this package's (`scaler`, robust by default as NeuralForecast's).
// Defaults as NeuralForecast: hidden 128, 4 heads, attention dropout 0, 1 LSTM layer, dropout 0.1,
// 1000 steps, learning rate 1e-3, batch 32, robust scaler.
import Neural

/// The Temporal Fusion Transformer forecaster (Lim et al. 2021).
///
/// ```swift
/// let m = try TFT(inputSize: 24, horizon: 12, hiddenSize: 16, heads: 2, maxSteps: 200, learningRate: 3e-3)
/// try m.fit(train, progress: nil)                      // statics, historical and future columns are read
/// let f = try m.forecast(train, future: nextYear, h: 12, levels: [])
/// ```
/// - Complexity: O((L + H) · (V · hidden² + hidden²) + (L + H)² · hidden) per window, V variables.
public final class TFT: CovariateNetwork {
  public let hiddenSize: Int
  public let heads: Int
  /// Dropout on the attention weights, in [0, 1).
  public let attentionDropout: Double
  /// Recurrent layers of the encoder and decoder.
  public let rnnLayers: Int
  /// `.lstm` (NeuralForecast's default) or `.gru`.
  public let rnnKind: RecurrentKind
  /// Dropout of the GRNs and the attention output, in [0, 1).
  public let dropout: Double
  var net: Network?

  /// - Throws: ``ForecastError/invalidArgument(_:)`` unless heads divides hiddenSize (≤ 4096), rnnLayers is
  ///   in 1...16, rnnKind is `.lstm` or `.gru` and both dropouts are in [0, 1).
  public init(inputSize: Int, horizon: Int, hiddenSize: Int = 128, heads: Int = 4, attentionDropout: Double = 0,
              rnnLayers: Int = 1, rnnKind: RecurrentKind = .lstm, dropout: Double = 0.1, exogenous: Bool = true,
              maxSteps: Int = 1000, batchSize: Int = 32, learningRate: Double = 1e-3, scaler: ScalerKind = .robust,
              levels: [Double] = [], alias: String = "TFT") throws(ForecastError) {
    guard (1...4096).contains(hiddenSize), (1...256).contains(heads), hiddenSize % heads == 0 else {
      throw .invalidArgument("TFT needs 1 <= heads <= 256 dividing 1 <= hiddenSize <= 4096")
    }
    guard (1...16).contains(rnnLayers), rnnKind == .lstm || rnnKind == .gru else {
      throw .invalidArgument("TFT needs 1...16 LSTM or GRU layers")
    }
    guard dropout >= 0, dropout < 1, attentionDropout >= 0, attentionDropout < 1 else {
      throw .invalidArgument("TFT dropouts must be in [0, 1)")
    }
    self.hiddenSize = hiddenSize
    self.heads = heads
    self.attentionDropout = attentionDropout
    self.rnnLayers = rnnLayers
    self.rnnKind = rnnKind
    self.dropout = dropout
    try super.init(kind: "TFT", inputSize: inputSize, horizon: horizon, seriesCount: nil, exogenous: exogenous,
                   maxSteps: maxSteps, batchSize: batchSize, learningRate: learningRate, scaler: scaler,
                   levels: levels, alias: alias)
  }

  override func modelConfiguration() -> [Double] {
    [Double(hiddenSize), Double(heads), attentionDropout, Double(rnnLayers), rnnKind == .lstm ? 0 : 1, dropout]
  }

  /// Decodes an archived configuration: the model's six fields, then `CovariateNetwork`'s exogenous
  /// flag and column counts.
  static func decodeConfig(_ c: WindowNetwork.Common, _ config: [Double]) throws(ForecastError) -> TFT? {
    guard config.count == 10 else { return nil }
    let v = config.map { Int(exactly: $0) ?? -1 }
    guard v[4] == 0 || v[4] == 1, v[6] == 0 || v[6] == 1, v[7...].allSatisfy({ (0...4096).contains($0) }),
          v[6] == 1 || v[7...].allSatisfy({ $0 == 0 }) else { return nil }
    let m = try TFT(inputSize: c.inputSize, horizon: c.horizon, hiddenSize: v[0], heads: v[1],
                    attentionDropout: config[2], rnnLayers: v[3], rnnKind: v[4] == 0 ? .lstm : .gru, dropout: config[5],
                    exogenous: v[6] == 1, maxSteps: c.maxSteps, batchSize: c.batchSize, learningRate: c.learningRate,
                    scaler: c.scaler, levels: c.levels, alias: c.alias)
    m.historicalCount = v[7]
    m.futureCount = v[8]
    m.staticCount = v[9]
    return m
  }

  override func build(_ rng: inout NeuralRandom) -> [Parameter] {
    let n = Network(hiddenSize: hiddenSize, heads: heads, historical: historicalCount, future: futureCount,
                    statics: staticCount, rnnLayers: rnnLayers, rnnKind: rnnKind, dropout: Float(dropout),
                    attentionDropout: Float(attentionDropout), outputs: outputCount, using: &rng)
    net = n
    return n.parameters
  }

  override func forward(_ batch: CovariateBatch, in g: Graph) throws(TensorError) -> Var {
    guard let net else { throw .invalidArgument }
    return try net(batch, inputSize: inputSize, horizon: horizon, in: g)
  }

  /// The TFT's layers and forward pass.
  final class Network: Layer {
    let hiddenSize: Int, rnnLayers: Int, rnnKind: RecurrentKind
    let target, future: ContinuousEmbedding
    let historical, statics: ContinuousEmbedding?
    let staticSelection: VariableSelection?
    let contexts: [GatedResidualNetwork]
    let historySelection, futureSelection: VariableSelection
    let historyEncoder, futureEncoder: Recurrent
    let inputGate: GatedLinearUnit
    let inputNorm: LayerNorm
    let enrichment: GatedResidualNetwork
    let attention: InterpretableAttention
    let attentionGate: GatedLinearUnit
    let attentionNorm: LayerNorm
    let positionwise: GatedResidualNetwork
    let decoderGate: GatedLinearUnit
    let decoderNorm: LayerNorm
    let adapter: Dense

    init(hiddenSize d: Int, heads: Int, historical x: Int, future f: Int, statics s: Int, rnnLayers: Int,
         rnnKind: RecurrentKind, dropout: Float, attentionDropout: Float, outputs: Int, using rng: inout NeuralRandom) {
      hiddenSize = d
      self.rnnLayers = rnnLayers
      self.rnnKind = rnnKind
      let fe = max(f, 1)
      statics = s > 0 ? ContinuousEmbedding(variables: s, hiddenSize: d, using: &rng) : nil
      future = ContinuousEmbedding(variables: fe, hiddenSize: d, using: &rng)
      historical = x > 0 ? ContinuousEmbedding(variables: x, hiddenSize: d, using: &rng) : nil
      target = ContinuousEmbedding(variables: 1, hiddenSize: d, using: &rng)
      if s > 0 {
        staticSelection = VariableSelection(hiddenSize: d, variables: s, dropout: dropout, using: &rng)
        let count = 2 + (rnnKind == .lstm ? 2 : 1) * rnnLayers
        contexts = (0..<count).map { _ in GatedResidualNetwork(inputSize: d, hiddenSize: d, dropout: dropout, using: &rng) }
      } else {
        staticSelection = nil
        contexts = []
      }
      historySelection = VariableSelection(hiddenSize: d, variables: fe + x + 1, dropout: dropout, using: &rng)
      historyEncoder = Recurrent(rnnKind, inputSize: d, hiddenSize: d, layers: rnnLayers, using: &rng)
      futureEncoder = Recurrent(rnnKind, inputSize: d, hiddenSize: d, layers: rnnLayers, using: &rng)
      futureSelection = VariableSelection(hiddenSize: d, variables: fe, dropout: dropout, using: &rng)
      inputGate = GatedLinearUnit(inputSize: d, outputSize: d, using: &rng)
      inputNorm = LayerNorm(d, epsilon: 1e-3)
      enrichment = GatedResidualNetwork(inputSize: d, hiddenSize: d, contextSize: d, dropout: dropout, using: &rng)
      attention = InterpretableAttention(hiddenSize: d, heads: heads, attentionDropout: attentionDropout,
                                         dropout: dropout, using: &rng)
      attentionGate = GatedLinearUnit(inputSize: d, outputSize: d, using: &rng)
      attentionNorm = LayerNorm(d, epsilon: 1e-3)
      positionwise = GatedResidualNetwork(inputSize: d, hiddenSize: d, dropout: dropout, using: &rng)
      decoderGate = GatedLinearUnit(inputSize: d, outputSize: d, using: &rng)
      decoderNorm = LayerNorm(d, epsilon: 1e-3)
      adapter = Dense(inputSize: d, outputSize: outputs, initializer: .lecunUniform, using: &rng)
    }

    var parameters: [Parameter] {
      var p = (statics?.parameters ?? []) + future.parameters + (historical?.parameters ?? []) + target.parameters
      p += (staticSelection?.parameters ?? []) + contexts.flatMap { $0.parameters }
      p += historySelection.parameters + historyEncoder.parameters + futureEncoder.parameters
      p += futureSelection.parameters + inputGate.parameters + inputNorm.parameters + enrichment.parameters
      p += attention.parameters + attentionGate.parameters + attentionNorm.parameters + positionwise.parameters
      return p + decoderGate.parameters + decoderNorm.parameters + adapter.parameters
    }

    func callAsFunction(_ batch: CovariateBatch, inputSize l: Int, horizon h: Int, in g: Graph) throws(TensorError) -> Var {
      let b = batch.y.shape[0], d = hiddenSize
      var known: Var
      if let f = batch.future {
        known = f
      } else {
        let last = try g.reshape(try g.slice(batch.y, axis: 1, start: l - 1, count: 1), Shape(b, 1, 1))
        known = try g.add(last, g.constant(Tensor(zeros: Shape(l + h, 1))))
      }
      let knownEmbedded = try future(known, in: g)                                         // [B, L+H, F, d]
      var past: [Var] = []
      if let historical, let x = batch.historical { past.append(try historical(x, in: g)) }
      past.append(try g.slice(knownEmbedded, axis: 1, start: 0, count: l))
      past.append(try target(try g.reshape(batch.y, Shape(b, l, 1)), in: g))
      // Static contexts (zeros without statics).
      var cs = g.constant(Tensor(zeros: Shape(b, d))), ce = cs
      var ch = [Var](repeating: cs, count: rnnLayers), cc = ch
      if let statics, let staticSelection, let s = batch.statics {
        let (selected, _) = try staticSelection(try statics(s, in: g), context: nil, in: g)
        cs = try contexts[0](selected, in: g)
        ce = try contexts[1](selected, in: g)
        for i in 0..<rnnLayers { ch[i] = try contexts[2 + i](selected, in: g) }
        for i in 0..<rnnLayers where rnnKind == .lstm { cc[i] = try contexts[2 + rnnLayers + i](selected, in: g) }
      }
      let (historyFeatures, _) = try historySelection(try g.concat(past, axis: 2), context: cs, in: g)
      let start = RecurrentState(hidden: ch, cell: rnnKind == .lstm ? cc : [])
      let (history, state) = try historyEncoder(historyFeatures, in: g, state: start)
      let (futureFeatures, _) = try futureSelection(try g.slice(knownEmbedded, axis: 1, start: l, count: h),
                                                    context: cs, in: g)
      let (ahead, _) = try futureEncoder(futureFeatures, in: g, state: state)
      let embedded = try g.concat([historyFeatures, futureFeatures], axis: 1)
      let temporal = try inputNorm(try g.add(try inputGate(try g.concat([history, ahead], axis: 1), in: g), embedded),
                                   in: g)
      let enriched = try enrichment(temporal, context: ce, in: g)
      let attended = try g.slice(try attention(enriched, in: g), axis: 1, start: l, count: h)
      let enrichedAhead = try g.slice(enriched, axis: 1, start: l, count: h)
      let temporalAhead = try g.slice(temporal, axis: 1, start: l, count: h)
      var y = try attentionNorm(try g.add(try attentionGate(attended, in: g), enrichedAhead), in: g)
      y = try positionwise(y, in: g)
      y = try decoderNorm(try g.add(try decoderGate(y, in: g), temporalAhead), in: g)
      return try adapter(y, in: g)                                                        // [B, H, Q]
    }
  }
}
