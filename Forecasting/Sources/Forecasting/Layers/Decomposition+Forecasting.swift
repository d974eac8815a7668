// The decomposition Transformer blocks Autoformer and FEDformer share (NeuralForecast's
// `models.autoformer` / `models.fedformer`, after Wu et al. 2021 and Zhou et al. 2022), over Neural's ops:
//
// - `SeriesDecomposition` (SeriesDecomp(k)): trend = moving average of odd width k with the ends
//   replicated ((k − 1)/2 copies of the first and last value), seasonal = x − trend. The average is a
//   constant `[L, L]` matrix in the graph.
// - `SeasonalLayerNorm` (Autoformer's `LayerNorm`): LayerNorm over channels, minus its mean over time.
// - `MixingLayer` (AutoCorrelationLayer): Linear projections of queries, keys and values (D → D), an
//   inner `SequenceMixer`, and an output Linear(D → D).
// - `AutoCorrelation` (Wu et al. 2021): the period-based dependencies R(τ) = Σ_t q_{t+τ}·k_t (circular;
//   the reference computes it as irfft(rfft(q)·conj(rfft(k)))), averaged over heads and channels; the
//   k = ⌊factor · ln L⌋ largest delays (training: largest batch mean, shared by the batch; inference:
//   per window) are weighted by a softmax of their R and the values rolled by each delay are summed.
//   Keys and values are zero-padded or truncated to the query length first. R is computed as the
//   reference does, irfft(rfft(q)·conj(rfft(k))), with exact DFT matrices (O(D·L²) per window); the
//   rolls are slices and concatenations.
// - `DecompositionEncoderLayer` / `DecompositionDecoderLayer`: x + mixer, decompose, + kernel-1
//   convolutions without bias, decompose; the decoder sums its three trends and maps them by a circular
//   Conv1d(D → c_out, k = 3, no bias).
// - `DecompositionStack`: embeddings without positions, encoder, decoder with the seasonal/trend
//   initialisation (seasonal: the last labelLength seasonal values then zeros; trend: the last
//   labelLength trend values then the window mean), output trend + seasonal projection.
// Invariants: delays are chosen from forward values and applied as constant matrices, so gradients
// flow through the weights and values exactly as in the reference.
import Neural

/// Moving-average trend and seasonal remainder (SeriesDecomp) with replicated ends.
struct SeriesDecomposition {
  let kernel: Int

  /// `[L, L]` matrix A with trend = Aᵀ·x: column t averages x[clamp(t + j)] for |j| ≤ (k − 1)/2.
  func averageMatrix(_ length: Int) -> [Float] {
    let p = (kernel - 1) / 2
    var m = [Float](repeating: 0, count: length * length)
    for t in 0..<length {
      for j in -p...p { m[min(max(t + j, 0), length - 1) * length + t] += 1 / Float(kernel) }
    }
    return m
  }

  /// (seasonal, trend) of `x` `[B, L, C]` along the time axis.
  func callAsFunction(_ x: Var, in g: Graph) throws(TensorError) -> (seasonal: Var, trend: Var) {
    let l = x.shape[1]
    let a = g.constant(Tensor(shape: Shape(l, l), scalars: averageMatrix(l)))
    let trend = try g.transpose(try g.matmul(try g.transpose(x, 1, 2), a), 1, 2)
    return (try g.sub(x, trend), trend)
  }
}

/// Autoformer's LayerNorm for the seasonal part: LayerNorm, then minus its mean over time.
final class SeasonalLayerNorm: Layer {
  let norm: LayerNorm

  init(_ size: Int) { norm = LayerNorm(size) }

  var parameters: [Parameter] { norm.parameters }

  func callAsFunction(_ x: Var, in g: Graph) throws(TensorError) -> Var {
    let h = try norm(x, in: g)
    let mean = try g.reshape(try g.mean(h, axis: 1), Shape(x.shape[0], 1, x.shape[2]))
    return try g.sub(h, mean)
  }
}

/// The inner mechanism of a ``MixingLayer``: projected queries `[B, L, D]`, keys and values
/// `[B, S, D]` → `[B, L, D]`.
protocol SequenceMixer: AnyObject {
  var parameters: [Parameter] { get }
  func mix(_ q: Var, _ k: Var, _ v: Var, in g: Graph) throws(TensorError) -> Var
}

/// AutoCorrelationLayer: projections around a ``SequenceMixer``.
final class MixingLayer: Layer {
  let query, key, value, output: Dense
  let mixer: any SequenceMixer

  init(dimension: Int, mixer: any SequenceMixer, using rng: inout NeuralRandom) {
    func linear(_ rng: inout NeuralRandom) -> Dense {
      Dense(inputSize: dimension, outputSize: dimension, initializer: .lecunUniform, using: &rng)
    }
    query = linear(&rng)
    key = linear(&rng)
    value = linear(&rng)
    output = linear(&rng)
    self.mixer = mixer
  }

  /// The projections' parameters (the mixer's are listed once by its owner: FEDformer shares a mixer
  /// between layers).
  var parameters: [Parameter] { query.parameters + key.parameters + value.parameters + output.parameters }

  func callAsFunction(_ q: Var, _ kv: Var, in g: Graph) throws(TensorError) -> Var {
    try output(try mixer.mix(try query(q, in: g), try key(kv, in: g), try value(kv, in: g), in: g), in: g)
  }
}

/// Keys or values `[B, S, D]` zero-padded or truncated to `length` positions.
func fitLength(_ x: Var, _ length: Int, in g: Graph) throws(TensorError) -> Var {
  let s = x.shape[1]
  if s == length { return x }
  if s < length { return try g.pad(x, axis: 1, before: 0, after: length - s) }
  return try g.slice(x, axis: 1, start: 0, count: length)
}

/// Autoformer's Auto-Correlation mechanism (see the file header).
final class AutoCorrelation: SequenceMixer {
  let factor: Int

  init(factor: Int) { self.factor = factor }

  var parameters: [Parameter] { [] }

  /// ⌊factor · ln L⌋ delays, clamped to 1...L.
  static func delayCount(factor: Int, length: Int) -> Int {
    min(max(Int(Double(factor) * mLog(Double(length))), 1), length)
  }

  /// `x` `[B', L, D]` rolled back by `tau` along time: out[t] = x[(t + τ) mod L] (`torch.roll(x, −τ)`).
  static func rolled(_ x: Var, _ tau: Int, in g: Graph) throws(TensorError) -> Var {
    let l = x.shape[1]
    guard tau % l != 0 else { return x }
    return try g.concat([try g.slice(x, axis: 1, start: tau, count: l - tau), try g.slice(x, axis: 1, start: 0, count: tau)],
                        axis: 1)
  }

  func mix(_ q: Var, _ k: Var, _ v: Var, in g: Graph) throws(TensorError) -> Var {
    let b = q.shape[0], l = q.shape[1]
    let keys = try fitLength(k, l, in: g), values = try fitLength(v, l, in: g)
    // R(τ) = irfft(mean over channels of rfft(q)·conj(rfft(k))) with exact DFT matrices, O(B·D·L²).
    let frequencies = Array(0...(l / 2)), nf = frequencies.count
    let f = DFT.forward(l, frequencies), inv = DFT.inverse(l, frequencies)
    let fr = g.constant(Tensor(shape: Shape(l, nf), scalars: f.re)), fi = g.constant(Tensor(shape: Shape(l, nf), scalars: f.im))
    let qt = try g.transpose(q, 1, 2), kt = try g.transpose(keys, 1, 2)                     // [B, D, L]
    let qr = try g.matmul(qt, fr), qi = try g.matmul(qt, fi), kr = try g.matmul(kt, fr), ki = try g.matmul(kt, fi)
    let pr = try g.mean(try g.add(try g.mul(qr, kr), try g.mul(qi, ki)), axis: 1)             // [B, F]
    let pi = try g.mean(try g.sub(try g.mul(qi, kr), try g.mul(qr, ki)), axis: 1)
    let corr = try g.add(try g.matmul(pr, g.constant(Tensor(shape: Shape(nf, l), scalars: inv.re))),
                         try g.matmul(pi, g.constant(Tensor(shape: Shape(nf, l), scalars: inv.im))))   // [B, L]
    let top = AutoCorrelation.delayCount(factor: factor, length: l)
    let r = try g.value(corr).scalars
    var delays = [[Int]]()
    if g.isTraining {
      var mean = [Float](repeating: 0, count: l)
      for bi in 0..<b { for tau in 0..<l { mean[tau] += r[bi * l + tau] / Float(b) } }
      delays = Array(repeating: ProbSparse.largestInOrder(mean, count: top), count: b)
    } else {
      delays = (0..<b).map { bi in ProbSparse.largestInOrder(Array(r[(bi * l)..<((bi + 1) * l)]), count: top) }
    }
    // The chosen correlations: [B, 1, L] · [B, L, k] → softmax weights [B, k].
    var pick = [Float](repeating: 0, count: b * l * top)
    for bi in 0..<b { for (i, tau) in delays[bi].enumerated() { pick[(bi * l + tau) * top + i] = 1 } }
    let chosen = try g.matmul(try g.reshape(corr, Shape(b, 1, l)), g.constant(Tensor(shape: Shape(b, l, top), scalars: pick)))
    let weights = try g.reshape(try g.softmax(chosen), Shape(b, top))
    // Σ_i w_i · roll(V, −τ_i): batch-shared delays at once, per-window delays row by row.
    func aggregate(_ v: Var, _ w: Var, _ taus: [Int]) throws(TensorError) -> Var {
      func term(_ i: Int) throws(TensorError) -> Var {
        let wi = try g.reshape(try g.slice(w, axis: 1, start: i, count: 1), Shape(v.shape[0], 1, 1))
        return try g.mul(try AutoCorrelation.rolled(v, taus[i], in: g), wi)
      }
      var sum = try term(0)
      for i in 1..<taus.count { sum = try g.add(sum, try term(i)) }
      return sum
    }
    if g.isTraining { return try aggregate(values, weights, delays[0]) }
    var rows: [Var] = []
    for bi in 0..<b {
      rows.append(try aggregate(try g.slice(values, axis: 0, start: bi, count: 1),
                                try g.slice(weights, axis: 0, start: bi, count: 1), delays[bi]))
    }
    return try g.concat(rows, axis: 0)
  }
}

extension ProbSparse {
  /// Indices of the `count` largest values, largest first (ties: the earlier index), as `torch.topk`.
  static func largestInOrder(_ values: [Float], count: Int) -> [Int] {
    let order = values.indices.sorted { values[$0] > values[$1] || (values[$0] == values[$1] && $0 < $1) }
    return Array(order.prefix(count))
  }
}

/// Autoformer / FEDformer encoder layer (progressive decomposition).
final class DecompositionEncoderLayer: Layer {
  let mixing: MixingLayer
  let expand, contract: Dense
  let decomposition: SeriesDecomposition
  let activation: Activation
  let dropout: Float

  init(dimension: Int, feedForward: Int, mixer: any SequenceMixer, movingAverage: Int, activation: Activation,
       dropout: Float, using rng: inout NeuralRandom) {
    mixing = MixingLayer(dimension: dimension, mixer: mixer, using: &rng)
    expand = Dense(inputSize: dimension, outputSize: feedForward, bias: false, initializer: .lecunUniform, using: &rng)
    contract = Dense(inputSize: feedForward, outputSize: dimension, bias: false, initializer: .lecunUniform, using: &rng)
    decomposition = SeriesDecomposition(kernel: movingAverage)
    self.activation = activation
    self.dropout = dropout
  }

  var parameters: [Parameter] { mixing.parameters + expand.parameters + contract.parameters }

  func callAsFunction(_ x: Var, in g: Graph) throws(TensorError) -> Var {
    let a = try decomposition(try g.add(x, try g.dropout(try mixing(x, x, in: g), p: dropout)), in: g).seasonal
    let y = try g.dropout(try g.apply(activation, try expand(a, in: g)), p: dropout)
    return try decomposition(try g.add(a, try g.dropout(try contract(y, in: g), p: dropout)), in: g).seasonal
  }
}

/// Autoformer / FEDformer decoder layer: returns the seasonal part and the projected residual trend.
final class DecompositionDecoderLayer: Layer {
  let selfMixing, crossMixing: MixingLayer
  let expand, contract: Dense
  let trendProjection: TokenEmbedding
  let decomposition: SeriesDecomposition
  let activation: Activation
  let dropout: Float

  init(dimension: Int, feedForward: Int, outputs: Int, selfMixer: any SequenceMixer, crossMixer: any SequenceMixer,
       movingAverage: Int, activation: Activation, dropout: Float, using rng: inout NeuralRandom) {
    selfMixing = MixingLayer(dimension: dimension, mixer: selfMixer, using: &rng)
    crossMixing = MixingLayer(dimension: dimension, mixer: crossMixer, using: &rng)
    expand = Dense(inputSize: dimension, outputSize: feedForward, bias: false, initializer: .lecunUniform, using: &rng)
    contract = Dense(inputSize: feedForward, outputSize: dimension, bias: false, initializer: .lecunUniform, using: &rng)
    trendProjection = TokenEmbedding(channels: dimension, dimension: outputs, initializer: .lecunUniform, using: &rng)
    decomposition = SeriesDecomposition(kernel: movingAverage)
    self.activation = activation
    self.dropout = dropout
  }

  var parameters: [Parameter] {
    selfMixing.parameters + crossMixing.parameters + expand.parameters + contract.parameters
      + trendProjection.parameters
  }

  func callAsFunction(_ x: Var, cross: Var, in g: Graph) throws(TensorError) -> (seasonal: Var, trend: Var) {
    let (a, trend1) = try decomposition(try g.add(x, try g.dropout(try selfMixing(x, x, in: g), p: dropout)), in: g)
    let (c, trend2) = try decomposition(try g.add(a, try g.dropout(try crossMixing(a, cross, in: g), p: dropout)),
                                        in: g)
    let y = try g.dropout(try g.apply(activation, try expand(c, in: g)), p: dropout)
    let (s, trend3) = try decomposition(try g.add(c, try g.dropout(try contract(y, in: g), p: dropout)), in: g)
    let residual = try g.add(try g.add(trend1, trend2), trend3)
    return (s, try trendProjection(residual, in: g))
  }
}

/// The Autoformer / FEDformer encoder–decoder with its decomposition initialisation.
final class DecompositionStack: Layer {
  let encoderEmbedding, decoderEmbedding: DataEmbedding
  let encoder: [DecompositionEncoderLayer]
  let encoderNorm: SeasonalLayerNorm
  let decoder: [DecompositionDecoderLayer]
  let decoderNorm: SeasonalLayerNorm
  let projection: Dense
  let decomposition: SeriesDecomposition
  /// Every distinct mixer, in order of first use (their parameters follow the layers').
  let mixers: [any SequenceMixer]

  /// `encoderMixer(rng)` / `decoderMixers(rng)` give each layer its mixers (self; self and cross); they may
  /// return the same instance for every layer to share it.
  init(hiddenSize: Int, convHiddenSize: Int, encoderLayers: Int, decoderLayers: Int, movingAverage: Int,
       dropout: Float, outputs: Int, using rng: inout NeuralRandom,
       encoderMixer: (inout NeuralRandom) -> any SequenceMixer,
       decoderMixers: (inout NeuralRandom) -> (any SequenceMixer, any SequenceMixer)) {
    decomposition = SeriesDecomposition(kernel: movingAverage)
    encoderEmbedding = DataEmbedding(channels: 1, dimension: hiddenSize, positions: false, dropout: dropout, using: &rng)
    decoderEmbedding = DataEmbedding(channels: 1, dimension: hiddenSize, positions: false, dropout: dropout, using: &rng)
    var enc: [DecompositionEncoderLayer] = []
    var distinct: [any SequenceMixer] = []
    func note(_ m: any SequenceMixer) { if !distinct.contains(where: { $0 === m }) { distinct.append(m) } }
    for _ in 0..<encoderLayers {
      let mixer = encoderMixer(&rng)
      note(mixer)
      enc.append(DecompositionEncoderLayer(dimension: hiddenSize, feedForward: convHiddenSize, mixer: mixer,
                                           movingAverage: movingAverage, activation: .gelu, dropout: dropout,
                                           using: &rng))
    }
    encoder = enc
    encoderNorm = SeasonalLayerNorm(hiddenSize)
    var dec: [DecompositionDecoderLayer] = []
    for _ in 0..<decoderLayers {
      let (selfMixer, crossMixer) = decoderMixers(&rng)
      note(selfMixer)
      note(crossMixer)
      dec.append(DecompositionDecoderLayer(dimension: hiddenSize, feedForward: convHiddenSize, outputs: outputs,
                                           selfMixer: selfMixer, crossMixer: crossMixer, movingAverage: movingAverage,
                                           activation: .gelu, dropout: dropout, using: &rng))
    }
    decoder = dec
    mixers = distinct
    decoderNorm = SeasonalLayerNorm(hiddenSize)
    projection = Dense(inputSize: hiddenSize, outputSize: outputs, initializer: .lecunUniform, using: &rng)
  }

  var parameters: [Parameter] {
    encoderEmbedding.parameters + decoderEmbedding.parameters + encoder.flatMap { $0.parameters }
      + encoderNorm.parameters + decoder.flatMap { $0.parameters } + decoderNorm.parameters + projection.parameters
      + mixers.flatMap { $0.parameters }
  }

  /// `x` `[B, L]` → `[B, horizon, outputs]`.
  func callAsFunction(_ x: Var, labelLength: Int, horizon: Int, in g: Graph) throws(TensorError) -> Var {
    let b = x.shape[0], l = x.shape[1]
    let series = try g.reshape(x, Shape(b, l, 1))
    let (seasonal, trend) = try decomposition(series, in: g)
    let mean = try g.add(try g.reshape(try g.mean(x, axis: 1), Shape(b, 1, 1)), g.constant(Tensor(zeros: Shape(horizon, 1))))
    var trendPart = try g.concat([try g.slice(trend, axis: 1, start: l - labelLength, count: labelLength), mean], axis: 1)
    let seasonalInit = try g.pad(try g.slice(seasonal, axis: 1, start: l - labelLength, count: labelLength), axis: 1,
                                 before: 0, after: horizon)
    var enc = try encoderEmbedding(series, in: g)
    for layer in encoder { enc = try layer(enc, in: g) }
    enc = try encoderNorm(enc, in: g)
    var dec = try decoderEmbedding(seasonalInit, in: g)
    for layer in decoder {
      let (s, residual) = try layer(dec, cross: enc, in: g)
      dec = s
      trendPart = try g.add(trendPart, residual)
    }
    let out = try g.add(trendPart, try projection(try decoderNorm(dec, in: g), in: g))
    return try g.slice(out, axis: 1, start: labelLength, count: horizon)
  }
}
