// Multi-head scaled dot-product attention (Vaswani et al. 2017), self or cross, with an optional
// causal mask; and a pre-norm Transformer encoder layer built from it.
//
//   Q = q·W_qᵀ + b_q,  K = kv·W_kᵀ + b_k,  V = kv·W_vᵀ + b_v      (each [B, T, D])
//   split into H heads of D/H: [B, H, T, D/H]
//   A = softmax(Q·Kᵀ / √(D/H) + M)    (M = −1e9 above the diagonal when causal)
//   out = concat_heads(A·V)·W_oᵀ + b_o
// The weights are PyTorch's `nn.MultiheadAttention` (`in_proj_weight` split in three,
// `out_proj`), so fixtures copy across unchanged. Every step is a Graph op with its own backward.

/// Multi-head attention over `[B, T, D]` sequences.
///
/// ```swift
/// var rng = NeuralRandom(seed: 1)
/// let mha = MultiHeadAttention(dimension: 16, heads: 4, using: &rng)
/// let g = Graph()
/// let x = g.constant(Tensor(zeros: Shape(2, 5, 16)))
/// let y = try mha(x, in: g)                         // self-attention, [2, 5, 16]
/// let z = try mha(x, attendingTo: x, causal: true, in: g)
/// ```
/// - Complexity: O(B · (T · D² + H · Tq · Tk · D/H)).
public final class MultiHeadAttention: UnaryLayer {
  /// Model width D.
  public let dimension: Int
  /// Number of heads H (divides D).
  public let heads: Int
  /// Projections `[D, D]` (PyTorch layout: out × in).
  public let queryWeight, keyWeight, valueWeight, outputWeight: Parameter
  /// Biases `[D]`.
  public let queryBias, keyBias, valueBias, outputBias: Parameter

  /// Attention of width `dimension` split into `heads` heads (Xavier weights, zero biases).
  public init(dimension: Int, heads: Int, using rng: inout NeuralRandom) {
    precondition(heads > 0 && dimension % heads == 0, "heads must divide the dimension")
    self.dimension = dimension
    self.heads = heads
    func w(_ rng: inout NeuralRandom) -> Parameter {
      Parameter(Initializer.xavierUniform.tensor(Shape(dimension, dimension), fanIn: dimension, fanOut: dimension, using: &rng))
    }
    queryWeight = w(&rng)
    keyWeight = w(&rng)
    valueWeight = w(&rng)
    outputWeight = w(&rng)
    queryBias = Parameter(Tensor(zeros: Shape(dimension)))
    keyBias = Parameter(Tensor(zeros: Shape(dimension)))
    valueBias = Parameter(Tensor(zeros: Shape(dimension)))
    outputBias = Parameter(Tensor(zeros: Shape(dimension)))
  }

  public var parameters: [Parameter] {
    [queryWeight, keyWeight, valueWeight, outputWeight, queryBias, keyBias, valueBias, outputBias]
  }

  /// Self-attention (no mask).
  public func callAsFunction(_ x: Var, in g: Graph) throws(TensorError) -> Var {
    try self(x, attendingTo: x, causal: false, in: g)
  }

  /// Attention of `query` `[B, Tq, D]` over `context` `[B, Tk, D]` (cross-attention; pass the
  /// same value twice for self-attention). `causal` masks keys later than the query position.
  public func callAsFunction(
    _ query: Var, attendingTo context: Var, causal: Bool = false, in g: Graph
  ) throws(TensorError) -> Var {
    guard query.shape.rank == 3, context.shape.rank == 3, query.shape[0] == context.shape[0],
      query.shape[2] == dimension, context.shape[2] == dimension
    else { throw .shapeMismatch(query.shape, context.shape) }
    let b = query.shape[0], tq = query.shape[1], tk = context.shape[1], dh = dimension / heads
    func project(_ x: Var, _ w: Parameter, _ bias: Parameter, _ t: Int) throws(TensorError) -> Var {
      let y = try g.add(try g.matmul(x, g.param(w), transposeB: true), g.param(bias))
      return try g.transpose(try g.reshape(y, Shape(b, t, heads, dh)), 1, 2)
    }
    let q = try project(query, queryWeight, queryBias, tq)
    let k = try project(context, keyWeight, keyBias, tk)
    let v = try project(context, valueWeight, valueBias, tk)
    var scores = try g.mul(try g.matmul(q, k, transposeB: true), scalar: 1 / Float(dh).squareRoot())
    if causal {
      var mask = Tensor(zeros: Shape(tq, tk))
      for i in 0..<tq {
        for j in 0..<tk where j > i { mask.scalars[i * tk + j] = -1e9 }
      }
      scores = try g.add(scores, g.constant(mask))
    }
    let ctx = try g.matmul(try g.softmax(scores), v)
    let merged = try g.reshape(try g.transpose(ctx, 1, 2), Shape(b, tq, dimension))
    return try g.add(try g.matmul(merged, g.param(outputWeight), transposeB: true), g.param(outputBias))
  }
}

/// A pre-norm Transformer encoder layer:
/// `x + MHA(LN(x))`, then `+ W₂·gelu(W₁·LN(·))`, with optional dropout on both branches.
///
/// ```swift
/// var rng = NeuralRandom(seed: 1)
/// let layer = TransformerEncoderLayer(dimension: 32, heads: 4, feedForward: 64, using: &rng)
/// let g = Graph()
/// let y = try layer(g.constant(Tensor(zeros: Shape(2, 24, 32))), in: g)
/// ```
public final class TransformerEncoderLayer: UnaryLayer {
  /// The attention block.
  public let attention: MultiHeadAttention
  /// Norms before attention and before the feed-forward block.
  public let norm1, norm2: LayerNorm
  /// The feed-forward block.
  public let expand, contract: Dense
  /// Dropout probability on both residual branches.
  public let dropout: Float
  /// True to mask future positions.
  public let causal: Bool

  /// An encoder layer of width `dimension`.
  public init(
    dimension: Int, heads: Int, feedForward: Int, dropout: Float = 0, causal: Bool = false,
    using rng: inout NeuralRandom
  ) {
    attention = MultiHeadAttention(dimension: dimension, heads: heads, using: &rng)
    norm1 = LayerNorm(dimension)
    norm2 = LayerNorm(dimension)
    expand = Dense(inputSize: dimension, outputSize: feedForward, activation: .gelu, using: &rng)
    contract = Dense(inputSize: feedForward, outputSize: dimension, using: &rng)
    self.dropout = dropout
    self.causal = causal
  }

  public var parameters: [Parameter] {
    attention.parameters + norm1.parameters + norm2.parameters + expand.parameters
      + contract.parameters
  }

  public func callAsFunction(_ x: Var, in g: Graph) throws(TensorError) -> Var {
    let n1 = try norm1(x, in: g)
    let a = try g.dropout(try attention(n1, attendingTo: n1, causal: causal, in: g), p: dropout)
    let h = try g.add(x, a)
    let f = try g.dropout(try contract(try expand(try norm2(h, in: g), in: g), in: g), p: dropout)
    return try g.add(h, f)
  }
}
