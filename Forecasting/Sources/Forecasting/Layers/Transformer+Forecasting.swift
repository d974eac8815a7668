// The building blocks NeuralForecast's Transformer family shares (`neuralforecast.common._modules`,
// after the Informer authors' code), written over Neural's differentiable ops:
//
// - `TokenEmbedding`: Conv1d(c_in → D, kernel 3, circular padding 1, no bias), i.e. for position t
//   the taps x[t−1], x[t], x[t+1] (indices mod L) times a `[3·c_in, D]` weight. The taps are a constant
//   gather matrix in the graph; the weight is initialised N(0, 2/fan_in) (PyTorch's kaiming_normal).
// - `sinusoidalPositions`: the fixed table PE[p, 2i] = sin(p·ω_i), PE[p, 2i+1] = cos(p·ω_i),
//   ω_i = 10000^(−2i/D) (Vaswani et al. 2017).
// - `ForecastAttention`: AttentionLayer — projections D → D for queries, keys and values, H heads,
//   a mechanism, an output projection D → D. Mechanisms: full scaled dot-product attention
//   (optionally causal, `FullAttention`) and Informer's ProbSparse attention (`ProbAttention`,
//   Zhou et al. 2021): only the u = c·⌈ln L_Q⌉ queries with the largest sparsity measure
//   M(q) = max_j(q·k_j) − Σ_j(q·k_j)/L_K over U = c·⌈ln L_K⌉ sampled keys attend; the other rows get
//   the mean of the values (or their cumulative sum when causal). Dropout acts on the attention weights.
// - `PostNormEncoderLayer` / `PostNormDecoderLayer`: TransEncoderLayer / TransDecoderLayer,
//   `x = LN(x + drop(attn(x)))`, `LN(x + drop(W₂·drop(act(W₁·x))))` (kernel-1 convolutions = dense).
// - `DistilLayer`: Informer's ConvLayer — Conv1d(D → D, kernel 3, circular padding 2), BatchNorm1d,
//   ELU, MaxPool1d(3, stride 2, padding 1): halves the sequence between encoder layers.
//
// Invariants: every selection (ProbSparse's top queries, max pooling's arg-max) is read from the
// forward values and applied as a constant one-hot matrix, so the gradient flows exactly where
// PyTorch's indexing sends it. Random key sampling draws from the graph's seeded generator.
// Stated differences from PyTorch: GELU is Neural's tanh form; biases start at zero; linear weights are
// LeCun-uniform as PyTorch's but biases are not drawn.
import Neural

/// `[L, 3L]` gather matrix of the circular taps (t−1, t, t+1) of a length-`length` sequence
/// (column 3t + k reads position (t + k − 1) mod L).
func circularTapMatrix(_ length: Int, padding: Int = 1, kernel: Int = 3) -> [Float] {
  let out = length + 2 * padding - kernel + 1
  var m = [Float](repeating: 0, count: length * out * kernel)
  for t in 0..<out {
    for k in 0..<kernel {
      let src = ((t + k - padding) % length + length) % length
      m[src * out * kernel + t * kernel + k] += 1
    }
  }
  return m
}

/// The fixed sinusoidal position table `[length, dimension]` (Vaswani et al. 2017).
func sinusoidalPositions(_ length: Int, _ dimension: Int) -> Tensor {
  var t = Tensor(zeros: Shape(length, dimension))
  for p in 0..<length {
    var i = 0
    while i < dimension {
      let w = mExp(-Double(i) * mLog(10000) / Double(dimension))
      t.scalars[p * dimension + i] = Float(mSin(Double(p) * w))
      if i + 1 < dimension { t.scalars[p * dimension + i + 1] = Float(mCos(Double(p) * w)) }
      i += 2
    }
  }
  return t
}

/// `relu(x) + exp(min(x, 0)) − 1`: ELU with α = 1 from Neural's ops.
func elu(_ x: Var, in g: Graph) throws(TensorError) -> Var {
  let negative = try g.mul(try g.relu(try g.mul(x, scalar: -1)), scalar: -1)
  return try g.add(try g.add(try g.relu(x), try g.apply(.exp, negative)), scalar: -1)
}

/// Conv1d(c_in → D, kernel 3, circular padding 1, no bias) on `[B, L]` or `[B, L, c_in]` values.
final class TokenEmbedding: Layer {
  let channels: Int
  let weight: Parameter

  init(channels: Int, dimension: Int, initializer: Initializer = .heNormal, using rng: inout NeuralRandom) {
    self.channels = channels
    weight = Parameter(initializer.tensor(Shape(3 * channels, dimension), fanIn: 3 * channels,
                                                   fanOut: dimension, using: &rng))
  }

  var parameters: [Parameter] { [weight] }

  /// `x` `[B, L, channels]` → `[B, L, D]`.
  func callAsFunction(_ x: Var, in g: Graph) throws(TensorError) -> Var {
    let b = x.shape[0], l = x.shape[1]
    let taps = g.constant(Tensor(shape: Shape(l, 3 * l), scalars: circularTapMatrix(l)))
    // [B, L, C] → [B, C, L] · taps → [B, C, L, 3] → [B, L, C, 3] → [B, L, 3C] (index c·3 + k).
    let xt = try g.transpose(x, 1, 2)
    let tapped = try g.reshape(try g.matmul(xt, taps), Shape(b, channels, l, 3))
    let rows = try g.reshape(try g.transpose(tapped, 1, 2), Shape(b, l, channels * 3))
    return try g.matmul(rows, g.param(weight))
  }
}

/// DataEmbedding without exogenous columns: token embedding (+ positions) and dropout.
final class DataEmbedding: Layer {
  let token: TokenEmbedding
  let positions: Bool
  let dropout: Float

  init(channels: Int, dimension: Int, positions: Bool, dropout: Float, using rng: inout NeuralRandom) {
    token = TokenEmbedding(channels: channels, dimension: dimension, using: &rng)
    self.positions = positions
    self.dropout = dropout
  }

  var parameters: [Parameter] { token.parameters }

  func callAsFunction(_ x: Var, in g: Graph) throws(TensorError) -> Var {
    var y = try token(x, in: g)
    if positions { y = try g.add(y, g.constant(sinusoidalPositions(x.shape[1], y.shape[2]))) }
    return try g.dropout(y, p: dropout)
  }
}

/// How a ``ForecastAttention`` layer mixes values.
enum AttentionMechanism: Equatable {
  /// Scaled dot-product attention over every key (`causal` masks later keys).
  case full(causal: Bool)
  /// Informer's ProbSparse attention with sampling factor `factor`.
  case probSparse(factor: Int, causal: Bool)
}

/// AttentionLayer: query/key/value projections, `heads` heads, a mechanism, output projection.
final class ForecastAttention: Layer {
  let query, key, value, output: Dense
  let heads: Int
  let mechanism: AttentionMechanism
  let dropout: Float

  init(dimension: Int, heads: Int, mechanism: AttentionMechanism, dropout: Float, using rng: inout NeuralRandom) {
    func linear(_ rng: inout NeuralRandom) -> Dense {
      Dense(inputSize: dimension, outputSize: dimension, initializer: .lecunUniform, using: &rng)
    }
    query = linear(&rng)
    key = linear(&rng)
    value = linear(&rng)
    output = linear(&rng)
    self.heads = heads
    self.mechanism = mechanism
    self.dropout = dropout
  }

  var parameters: [Parameter] { query.parameters + key.parameters + value.parameters + output.parameters }

  /// Attention of `q` `[B, Tq, D]` over `kv` `[B, Tk, D]` → `[B, Tq, D]`.
  func callAsFunction(_ q: Var, _ kv: Var, in g: Graph) throws(TensorError) -> Var {
    let b = q.shape[0], tq = q.shape[1], tk = kv.shape[1], d = q.shape[2], dh = d / heads
    func split(_ x: Var, _ t: Int) throws(TensorError) -> Var {
      try g.transpose(try g.reshape(x, Shape(b, t, heads, dh)), 1, 2)
    }
    let qh = try split(try query(q, in: g), tq)
    let kh = try split(try key(kv, in: g), tk)
    let vh = try split(try value(kv, in: g), tk)
    let context: Var
    switch mechanism {
    case .full(let causal): context = try fullAttention(qh, kh, vh, causal: causal, in: g)
    case .probSparse(let factor, let causal):
      context = try probSparseAttention(qh, kh, vh, factor: factor, causal: causal, in: g)
    }
    let merged = try g.reshape(try g.transpose(context, 1, 2), Shape(b, tq, d))
    return try output(merged, in: g)
  }

  /// softmax(Q·Kᵀ/√E + M)·V on `[B, H, T, E]` heads.
  func fullAttention(_ q: Var, _ k: Var, _ v: Var, causal: Bool, in g: Graph) throws(TensorError) -> Var {
    let tq = q.shape[2], tk = k.shape[2]
    var scores = try g.mul(try g.matmul(q, k, transposeB: true), scalar: 1 / Float(q.shape[3]).squareRoot())
    if causal { scores = try g.add(scores, g.constant(causalMask(tq, tk))) }
    return try g.matmul(try g.dropout(try g.softmax(scores), p: dropout), v)
  }

  /// Informer's ProbSparse attention on `[B, H, T, E]` heads (see the file header).
  func probSparseAttention(_ q: Var, _ k: Var, _ v: Var, factor: Int, causal: Bool,
                           in g: Graph) throws(TensorError) -> Var {
    let b = q.shape[0], h = q.shape[1], lq = q.shape[2], lk = k.shape[2], e = q.shape[3]
    let samples = ProbSparse.topCount(factor: factor, length: lk)
    let top = ProbSparse.topCount(factor: factor, length: lq)
    // Sampled keys per query (shared over batch and heads, as the reference's `index_sample`).
    var sampled = [Int](repeating: 0, count: lq * samples)
    for i in sampled.indices { sampled[i] = g.random.below(lk) }
    let qv = try g.value(q).scalars, kv = try g.value(k).scalars
    var select = [Float](repeating: 0, count: b * h * top * lq)     // [B, H, u, L_Q] one-hot rows
    var keep = [Float](repeating: 1, count: b * h * lq)             // [B, H, L_Q, 1]: 0 where replaced
    var mask = [Float](repeating: 0, count: b * h * top * lk)       // [B, H, u, L_K]
    for bh in 0..<(b * h) {
      let qBase = bh * lq * e, kBase = bh * lk * e
      var measure = [Float](repeating: 0, count: lq)
      for i in 0..<lq {
        var mx = -Float.greatestFiniteMagnitude, sum: Float = 0
        for s in 0..<samples {
          let j = sampled[i * samples + s]
          var dot: Float = 0
          for c in 0..<e { dot += qv[qBase + i * e + c] * kv[kBase + j * e + c] }
          mx = max(mx, dot)
          sum += dot
        }
        measure[i] = mx - sum / Float(lk)
      }
      let chosen = ProbSparse.largest(measure, count: top)
      for (r, i) in chosen.enumerated() {
        select[(bh * top + r) * lq + i] = 1
        keep[bh * lq + i] = 0
        if causal { for j in 0..<lk where j > i { mask[(bh * top + r) * lk + j] = -1e9 } }
      }
    }
    let s = g.constant(Tensor(shape: Shape(b, h, top, lq), scalars: select))
    var scores = try g.mul(try g.matmul(try g.matmul(s, q), k, transposeB: true), scalar: 1 / Float(e).squareRoot())
    if causal { scores = try g.add(scores, g.constant(Tensor(shape: Shape(b, h, top, lk), scalars: mask))) }
    let updated = try g.matmul(try g.dropout(try g.softmax(scores), p: dropout), v)      // [B, H, u, E]
    let initial: Var
    if causal {
      // Cumulative sum over positions: (Vᵀ · U)ᵀ with U upper-triangular ones.
      var upper = [Float](repeating: 0, count: lk * lq)
      for j in 0..<lk { for i in j..<lq { upper[j * lq + i] = 1 } }
      let vt = try g.transpose(v, 2, 3)
      initial = try g.transpose(try g.matmul(vt, g.constant(Tensor(shape: Shape(lk, lq), scalars: upper))), 2, 3)
    } else {
      let mean = try g.reshape(try g.mean(v, axis: 2), Shape(b, h, 1, e))
      initial = try g.add(mean, g.constant(Tensor(zeros: Shape(lq, e))))
    }
    let kept = try g.mul(initial, g.constant(Tensor(shape: Shape(b, h, lq, 1), scalars: keep)))
    return try g.add(kept, try g.matmul(try g.transpose(s, 2, 3), updated))
  }
}

/// The additive causal mask `[tq, tk]` (−1e9 above the diagonal).
func causalMask(_ tq: Int, _ tk: Int) -> Tensor {
  var m = Tensor(zeros: Shape(tq, tk))
  for i in 0..<tq { for j in 0..<tk where j > i { m.scalars[i * tk + j] = -1e9 } }
  return m
}

/// ProbSparse's counting and selection rules.
enum ProbSparse {
  /// min(factor · ⌈ln length⌉, length), at least 1.
  static func topCount(factor: Int, length: Int) -> Int {
    var c = 0
    while mExp(Double(c)) < Double(length) { c += 1 }     // ⌈ln length⌉ without rounding error
    return max(1, min(factor * c, length))
  }

  /// Indices of the `count` largest values (ties: the earlier index), in ascending index order.
  static func largest(_ values: [Float], count: Int) -> [Int] {
    let order = values.indices.sorted { values[$0] > values[$1] || (values[$0] == values[$1] && $0 < $1) }
    return order.prefix(count).sorted()
  }
}

/// TransEncoderLayer: post-norm attention and kernel-1 convolution blocks.
final class PostNormEncoderLayer: Layer {
  let attention: ForecastAttention
  let norm1, norm2: LayerNorm
  let expand, contract: Dense
  let activation: Activation
  let dropout: Float

  init(dimension: Int, heads: Int, feedForward: Int, mechanism: AttentionMechanism, activation: Activation,
       dropout: Float, using rng: inout NeuralRandom) {
    attention = ForecastAttention(dimension: dimension, heads: heads, mechanism: mechanism, dropout: dropout, using: &rng)
    norm1 = LayerNorm(dimension)
    norm2 = LayerNorm(dimension)
    expand = Dense(inputSize: dimension, outputSize: feedForward, initializer: .lecunUniform, using: &rng)
    contract = Dense(inputSize: feedForward, outputSize: dimension, initializer: .lecunUniform, using: &rng)
    self.activation = activation
    self.dropout = dropout
  }

  var parameters: [Parameter] {
    attention.parameters + norm1.parameters + norm2.parameters + expand.parameters + contract.parameters
  }

  func callAsFunction(_ x: Var, in g: Graph) throws(TensorError) -> Var {
    let a = try norm1(try g.add(x, try g.dropout(try attention(x, x, in: g), p: dropout)), in: g)
    let y = try g.dropout(try g.apply(activation, try expand(a, in: g)), p: dropout)
    return try norm2(try g.add(a, try g.dropout(try contract(y, in: g), p: dropout)), in: g)
  }
}

/// TransDecoderLayer: post-norm self-attention, cross-attention and kernel-1 convolution blocks.
final class PostNormDecoderLayer: Layer {
  let selfAttention, crossAttention: ForecastAttention
  let norm1, norm2, norm3: LayerNorm
  let expand, contract: Dense
  let activation: Activation
  let dropout: Float

  init(dimension: Int, heads: Int, feedForward: Int, selfMechanism: AttentionMechanism,
       crossMechanism: AttentionMechanism, activation: Activation, dropout: Float, using rng: inout NeuralRandom) {
    selfAttention = ForecastAttention(dimension: dimension, heads: heads, mechanism: selfMechanism, dropout: dropout,
                                      using: &rng)
    crossAttention = ForecastAttention(dimension: dimension, heads: heads, mechanism: crossMechanism,
                                       dropout: dropout, using: &rng)
    norm1 = LayerNorm(dimension)
    norm2 = LayerNorm(dimension)
    norm3 = LayerNorm(dimension)
    expand = Dense(inputSize: dimension, outputSize: feedForward, initializer: .lecunUniform, using: &rng)
    contract = Dense(inputSize: feedForward, outputSize: dimension, initializer: .lecunUniform, using: &rng)
    self.activation = activation
    self.dropout = dropout
  }

  var parameters: [Parameter] {
    selfAttention.parameters + crossAttention.parameters + norm1.parameters + norm2.parameters + norm3.parameters
      + expand.parameters + contract.parameters
  }

  func callAsFunction(_ x: Var, cross: Var, in g: Graph) throws(TensorError) -> Var {
    let a = try norm1(try g.add(x, try g.dropout(try selfAttention(x, x, in: g), p: dropout)), in: g)
    let c = try norm2(try g.add(a, try g.dropout(try crossAttention(a, cross, in: g), p: dropout)), in: g)
    let y = try g.dropout(try g.apply(activation, try expand(c, in: g)), p: dropout)
    return try norm3(try g.add(c, try g.dropout(try contract(y, in: g), p: dropout)), in: g)
  }
}

/// Informer's distilling ConvLayer: circular Conv1d(k 3, padding 2), BatchNorm1d, ELU, MaxPool1d(3, 2, 1).
///
/// BatchNorm keeps PyTorch's running statistics (momentum 0.1, unbiased running variance) in two
/// parameters that receive no gradient, so they are archived with the weights.
final class DistilLayer: Layer {
  let weight, bias, gamma, beta, runningMean, runningVariance: Parameter
  let channels: Int

  init(channels: Int, using rng: inout NeuralRandom) {
    self.channels = channels
    weight = Parameter(Initializer.lecunUniform.tensor(Shape(3 * channels, channels), fanIn: 3 * channels,
                                                       fanOut: channels, using: &rng))
    bias = Parameter(Tensor(zeros: Shape(channels)))
    gamma = Parameter(Tensor(repeating: 1, shape: Shape(channels)))
    beta = Parameter(Tensor(zeros: Shape(channels)))
    runningMean = Parameter(Tensor(zeros: Shape(channels)))
    runningVariance = Parameter(Tensor(repeating: 1, shape: Shape(channels)))
  }

  var parameters: [Parameter] { [weight, bias, gamma, beta, runningMean, runningVariance] }

  /// The sequence length after the layer: L + 2 after the convolution, then ⌊(L + 2 − 1)/2⌋ + 1.
  static func outputLength(_ l: Int) -> Int { (l + 1) / 2 + 1 }

  func callAsFunction(_ x: Var, in g: Graph) throws(TensorError) -> Var {
    let b = x.shape[0], l = x.shape[1], c = channels, lc = l + 2
    let taps = g.constant(Tensor(shape: Shape(l, 3 * lc), scalars: circularTapMatrix(l, padding: 2)))
    let tapped = try g.reshape(try g.matmul(try g.transpose(x, 1, 2), taps), Shape(b, c, lc, 3))
    let rows = try g.reshape(try g.transpose(tapped, 1, 2), Shape(b * lc, c * 3))
    let conv = try g.add(try g.matmul(rows, g.param(weight)), g.param(bias))        // [B·Lc, C]
    let normed = try batchNorm(conv, in: g)
    let activated = try g.reshape(try elu(normed, in: g), Shape(b, lc, c))
    return try maxPool(activated, in: g)
  }

  /// BatchNorm1d over rows `[N, C]`: batch statistics while training (updating the running ones),
  /// running statistics otherwise.
  func batchNorm(_ x: Var, in g: Graph) throws(TensorError) -> Var {
    let n = x.shape[0], c = channels
    let centred: Var, scale: Var
    if g.isTraining {
      let mean = try g.mean(x, axis: 0)
      centred = try g.sub(x, mean)
      let variance = try g.mean(try g.apply(.square, centred), axis: 0)
      scale = try g.apply(.sqrt, try g.add(variance, scalar: 1e-5))
      let m = try g.value(mean).scalars, v = try g.value(variance).scalars
      let unbiased = n > 1 ? Float(n) / Float(n - 1) : 1
      for i in 0..<c {
        runningMean.value.scalars[i] = 0.9 * runningMean.value.scalars[i] + 0.1 * m[i]
        runningVariance.value.scalars[i] = 0.9 * runningVariance.value.scalars[i] + 0.1 * v[i] * unbiased
      }
    } else {
      centred = try g.sub(x, g.constant(runningMean.value))
      scale = g.constant(Tensor(shape: Shape(c), scalars: runningVariance.value.scalars.map { ($0 + 1e-5).squareRoot() }))
    }
    return try g.add(try g.mul(try g.div(centred, scale), g.param(gamma)), g.param(beta))
  }

  /// MaxPool1d(kernel 3, stride 2, padding 1) over the positions of `[B, L, C]`, as a one-hot
  /// selection of each window's arg-max (the first on ties).
  func maxPool(_ x: Var, in g: Graph) throws(TensorError) -> Var {
    let b = x.shape[0], l = x.shape[1], c = x.shape[2], lo = (l - 1) / 2 + 1
    let v = try g.value(x).scalars
    var select = [Float](repeating: 0, count: b * c * lo * l)      // [B, C, Lo, L]
    for bi in 0..<b {
      for ci in 0..<c {
        for o in 0..<lo {
          var best = -1
          for t in max(0, 2 * o - 1)...min(l - 1, 2 * o + 1)
          where best < 0 || v[(bi * l + t) * c + ci] > v[(bi * l + best) * c + ci] { best = t }
          select[((bi * c + ci) * lo + o) * l + best] = 1
        }
      }
    }
    let xt = try g.reshape(try g.transpose(x, 1, 2), Shape(b, c, l, 1))
    let pooled = try g.matmul(g.constant(Tensor(shape: Shape(b, c, lo, l), scalars: select)), xt)
    return try g.transpose(try g.reshape(pooled, Shape(b, c, lo)), 1, 2)
  }
}
