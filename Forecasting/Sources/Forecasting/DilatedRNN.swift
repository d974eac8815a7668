// DilatedRNN: Chang, Zhang, Han, Yu, Guo, Tan, Cui, Witbrock, Hasegawa-Johnson & Huang, "Dilated
// Recurrent Neural Networks" (NeurIPS 2017), as NeuralForecast builds its forecaster
// (`neuralforecast.models.dilated_rnn`, after Smyl's ES-RNN stacks).
//
// Architecture, as NeuralForecast:
// - encoder input per step: [y | historical columns | statics repeated | future columns of the
//   window] (`1 + X + S + F` features);
// - `dilations` groups of dilated layers (default [[1, 2], [4, 8]]); a layer of dilation d is a
//   one-layer RNN whose step t reads its own state from step t − d. It is computed as NeuralForecast
//   does: pad the sequence with zeros to a multiple of d, fold the d interleaved sub-sequences into
//   the batch, run the cell, unfold, drop the padding. Groups after the first add their input
//   (residual connections);
// - context adapter: Linear(L → H) along time on the last group's states `[B, hidden, L]`;
// - the horizon's future columns are appended to each step's context (`[B, H, hidden + F]`);
// - MLP decoder: Linear(hidden + F → decoderHidden) + ReLU, `decoderLayers − 1` × (Linear + ReLU),
//   Linear → Q (the decoder of RecurrentModels.swift).
// Defaults as NeuralForecast: LSTM cells, 128 hidden units, decoder 2 × 128, scaler robust.
// Differences from NeuralForecast, stated: cells RNN, LSTM or GRU (NeuralForecast also offers its
// ResLSTM and AttentiveLSTM cells); `inputSize` is required (NeuralForecast's −1 means 3·horizon);
// no learning-rate decay / early stopping; every exogenous column of the frame is used unless
// `exogenous: false`.
import Neural

/// DilatedRNN forecaster (Chang et al. 2017; NeuralForecast's `DilatedRNN`).
///
/// ```swift
/// let m = try DilatedRNN(inputSize: 24, horizon: 12, dilations: [[1, 2], [4, 8]], encoderHiddenSize: 32, maxSteps: 300)
/// try m.fit(train, progress: nil)
/// let f = try m.forecast(train, h: 12, levels: [])
/// ```
/// - Complexity: O(L · layers · G·hidden²) per window (G = 4 for the LSTM, 3 for the GRU, 1 for the RNN).
public final class DilatedRNN: CovariateNetwork {
  public let cell: RecurrentKind
  /// Dilations per group of layers.
  public let dilations: [[Int]]
  public let encoderHiddenSize: Int
  public let decoderHiddenSize: Int
  public let decoderLayers: Int
  var groups: [[Recurrent]] = []
  var contextAdapter: Dense?
  var decoder: [Dense] = []

  /// - Throws: ``ForecastError/invalidArgument(_:)`` for no dilations, a dilation < 1 or sizes out of range.
  public init(inputSize: Int, horizon: Int, cell: RecurrentKind = .lstm, dilations: [[Int]] = [[1, 2], [4, 8]],
              encoderHiddenSize: Int = 128, decoderHiddenSize: Int = 128, decoderLayers: Int = 2, exogenous: Bool = true,
              maxSteps: Int = 1000, batchSize: Int = 32, learningRate: Double = 1e-3, scaler: ScalerKind = .robust,
              levels: [Double] = [], alias: String = "DilatedRNN") throws(ForecastError) {
    guard !dilations.isEmpty, dilations.count <= 16, dilations.allSatisfy({ !$0.isEmpty && $0.count <= 16 }),
          dilations.joined().allSatisfy({ (1...4096).contains($0) }), (1...8192).contains(encoderHiddenSize),
          (1...8192).contains(decoderHiddenSize), (1...64).contains(decoderLayers) else {
      throw .invalidArgument("DilatedRNN needs 1...16 groups of 1...16 dilations in 1...4096, sizes 1...8192, 1...64 decoder layers")
    }
    self.cell = cell
    self.dilations = dilations
    self.encoderHiddenSize = encoderHiddenSize
    self.decoderHiddenSize = decoderHiddenSize
    self.decoderLayers = decoderLayers
    try super.init(kind: "DilatedRNN", inputSize: inputSize, horizon: horizon, seriesCount: nil, exogenous: exogenous,
                   maxSteps: maxSteps, batchSize: batchSize, learningRate: learningRate, scaler: scaler, levels: levels,
                   alias: alias)
  }

  /// [cell, hidden, decoder hidden, decoder layers, groups, group sizes…, dilations…].
  override func modelConfiguration() -> [Double] {
    [Double(cell.rawValue), Double(encoderHiddenSize), Double(decoderHiddenSize), Double(decoderLayers),
     Double(dilations.count)] + dilations.map { Double($0.count) } + dilations.joined().map { Double($0) }
  }

  static func decodeConfig(_ c: WindowNetwork.Common, _ config: [Double], exogenous: Bool) throws(ForecastError) -> DilatedRNN? {
    let v = config.map { Int(exactly: $0) ?? -1 }
    guard v.count >= 5, let cell = RecurrentKind(rawValue: UInt8(clamping: max(0, v[0]))), v[0] <= 2,
          (1...16).contains(v[4]), v.count >= 5 + v[4] else { return nil }
    let sizes = Array(v[5..<(5 + v[4])])
    guard sizes.allSatisfy({ (1...16).contains($0) }), v.count == 5 + v[4] + sizes.reduce(0, +) else { return nil }
    var groups: [[Int]] = [], at = 5 + v[4]
    for s in sizes {
      groups.append(Array(v[at..<(at + s)]))
      at += s
    }
    return try DilatedRNN(inputSize: c.inputSize, horizon: c.horizon, cell: cell, dilations: groups, encoderHiddenSize: v[1],
                          decoderHiddenSize: v[2], decoderLayers: v[3], exogenous: exogenous, maxSteps: c.maxSteps,
                          batchSize: c.batchSize, learningRate: c.learningRate, scaler: c.scaler, levels: c.levels,
                          alias: c.alias)
  }

  override func build(_ rng: inout NeuralRandom) -> [Parameter] {
    var features = 1 + historicalCount + staticCount + futureCount
    groups = []
    for group in dilations {
      var layers: [Recurrent] = []
      for _ in group {
        layers.append(Recurrent(cell, inputSize: features, hiddenSize: encoderHiddenSize, layers: 1, using: &rng))
        features = encoderHiddenSize
      }
      groups.append(layers)
    }
    let c = Dense(inputSize: inputSize, outputSize: horizon, using: &rng)
    var d = [Dense(inputSize: encoderHiddenSize + futureCount, outputSize: decoderHiddenSize, activation: .relu, using: &rng)]
    for _ in 1..<decoderLayers {
      d.append(Dense(inputSize: decoderHiddenSize, outputSize: decoderHiddenSize, activation: .relu, using: &rng))
    }
    d.append(Dense(inputSize: decoderHiddenSize, outputSize: outputCount, using: &rng))
    contextAdapter = c
    decoder = d
    return groups.joined().flatMap { $0.parameters } + c.parameters + d.flatMap { $0.parameters }
  }

  /// One dilated layer over `x` `[B, T, C]`: the d interleaved sub-sequences run as one batch.
  static func dilated(_ rnn: Recurrent, _ x: Var, dilation d: Int, in g: Graph) throws(TensorError) -> Var {
    let b = x.shape[0], t = x.shape[1], c = x.shape[2], hidden = rnn.hiddenSize
    if d == 1 { return try rnn(x, in: g).output }
    let steps = (t + d - 1) / d
    let padded = steps * d == t ? x : try g.pad(x, axis: 1, before: 0, after: steps * d - t)
    // [B, steps·d, C] → [B, steps, d, C] → [B, d, steps, C] → [B·d, steps, C]
    let folded = try g.reshape(try g.transpose(try g.reshape(padded, Shape(b, steps, d, c)), 1, 2), Shape(b * d, steps, c))
    let out = try rnn(folded, in: g).output                                                 // [B·d, steps, H]
    let unfolded = try g.reshape(try g.transpose(try g.reshape(out, Shape(b, d, steps, hidden)), 1, 2),
                                 Shape(b, steps * d, hidden))
    return steps * d == t ? unfolded : try g.slice(unfolded, axis: 1, start: 0, count: t)
  }

  override func forward(_ batch: CovariateBatch, in g: Graph) throws(TensorError) -> Var {
    guard let contextAdapter else { throw .invalidArgument }
    let b = batch.y.shape[0], l = inputSize
    var parts = [try g.reshape(batch.y, Shape(b, l, 1))]
    if let hist = batch.historical { parts.append(hist) }
    if let s = batch.statics {
      parts.append(try g.mul(g.constant(Tensor(repeating: 1, shape: Shape(b, l, 1))), try g.reshape(s, Shape(b, 1, staticCount))))
    }
    if let f = batch.future { parts.append(try g.slice(f, axis: 1, start: 0, count: l)) }
    var x = parts.count == 1 ? parts[0] : try g.concat(parts, axis: 2)                     // [B, L, 1 + X + S + F]
    for (k, (layers, group)) in zip(groups, dilations).enumerated() {
      let residual = x
      for (rnn, d) in zip(layers, group) { x = try DilatedRNN.dilated(rnn, x, dilation: d, in: g) }
      if k > 0 { x = try g.add(x, residual) }
    }
    var y = try g.transpose(try contextAdapter(try g.transpose(x, 1, 2), in: g), 1, 2)    // [B, H, hidden]
    if let f = batch.future { y = try g.concat([y, try g.slice(f, axis: 1, start: l, count: horizon)], axis: 2) }
    for d in decoder { y = try d(y, in: g) }
    return y                                                                               // [B, H, Q]
  }
}
