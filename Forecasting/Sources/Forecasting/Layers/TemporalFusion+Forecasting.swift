// The Temporal Fusion Transformer's blocks (Lim, Arık, Loeff & Pfister 2021), as NeuralForecast writes
// them (`neuralforecast.models.tft`), over Neural's ops:
//
// - `GatedLinearUnit` (GLU): Linear(in → 2·out), then a ⊙ σ(b) of the two halves (`F.glu`).
// - `GatedResidualNetwork` (GRN): x = ELU(W_a·a + W_c·c) → W_i → dropout → GLU; out = LN(x + skip),
//   skip = a or Linear(a) when the output width differs; the LayerNorm (ε = 1e-3) is skipped for an
//   output of width 1 (`MaybeLayerNorm`). A context c `[B, C]` is broadcast over time.
// - `VariableSelection` (VSN): softmax weights from a GRN over the flattened variable embeddings
//   (optionally with a context), one GRN per variable, the weighted sum of their outputs.
// - `InterpretableAttention`: H heads of queries and keys but one value projection shared by all heads;
//   causal softmax attention; the heads' outputs are averaged, then Linear(d_head → hidden); dropout.
// - `ContinuousEmbedding` (TFTEmbedding): variable f of value x becomes x·v_f + b_f (`[F, hidden]`
//   vectors, Xavier-normal, zero bias).
import Neural

/// GLU: Linear(in → 2·out), first half times the sigmoid of the second.
final class GatedLinearUnit: Layer {
  let linear: Dense
  let outputSize: Int

  init(inputSize: Int, outputSize: Int, using rng: inout NeuralRandom) {
    linear = Dense(inputSize: inputSize, outputSize: 2 * outputSize, initializer: .lecunUniform, using: &rng)
    self.outputSize = outputSize
  }

  var parameters: [Parameter] { linear.parameters }

  func callAsFunction(_ x: Var, in g: Graph) throws(TensorError) -> Var {
    let y = try linear(x, in: g), axis = x.shape.rank - 1
    let a = try g.slice(y, axis: axis, start: 0, count: outputSize)
    let b = try g.slice(y, axis: axis, start: outputSize, count: outputSize)
    return try g.mul(a, try g.sigmoid(b))
  }
}

/// GRN with an optional context and an optional output width.
final class GatedResidualNetwork: Layer {
  let inputLinear, hiddenLinear: Dense
  let contextLinear: Dense?
  let gate: GatedLinearUnit
  let skip: Dense?
  let norm: LayerNorm?
  let dropout: Float

  init(inputSize: Int, hiddenSize: Int, outputSize: Int? = nil, contextSize: Int? = nil, dropout: Float,
       using rng: inout NeuralRandom) {
    let out = outputSize ?? hiddenSize
    norm = outputSize == 1 ? nil : LayerNorm(out, epsilon: 1e-3)
    inputLinear = Dense(inputSize: inputSize, outputSize: hiddenSize, initializer: .lecunUniform, using: &rng)
    contextLinear = contextSize.map {
      Dense(inputSize: $0, outputSize: hiddenSize, bias: false, initializer: .lecunUniform, using: &rng)
    }
    hiddenLinear = Dense(inputSize: hiddenSize, outputSize: hiddenSize, initializer: .lecunUniform, using: &rng)
    gate = GatedLinearUnit(inputSize: hiddenSize, outputSize: out, using: &rng)
    skip = outputSize.map { Dense(inputSize: inputSize, outputSize: $0, initializer: .lecunUniform, using: &rng) }
    self.dropout = dropout
  }

  var parameters: [Parameter] {
    (norm?.parameters ?? []) + inputLinear.parameters + (contextLinear?.parameters ?? []) + hiddenLinear.parameters
      + gate.parameters + (skip?.parameters ?? [])
  }

  /// `a` `[B, in]` or `[B, T, in]`; `context` `[B, C]` (broadcast over T).
  func callAsFunction(_ a: Var, context: Var? = nil, in g: Graph) throws(TensorError) -> Var {
    var x = try inputLinear(a, in: g)
    if let context, let contextLinear {
      var c = try contextLinear(context, in: g)
      if a.shape.rank == 3 { c = try g.reshape(c, Shape(c.shape[0], 1, c.shape[1])) }
      x = try g.add(x, c)
    }
    x = try gate(try g.dropout(try hiddenLinear(try elu(x, in: g), in: g), p: dropout), in: g)
    var residual = a
    if let skip { residual = try skip(a, in: g) }
    let y = try g.add(x, residual)
    guard let norm else { return y }
    return try norm(y, in: g)
  }
}

/// VSN over `[B, V, hidden]` (static) or `[B, T, V, hidden]` (temporal) variable embeddings.
final class VariableSelection: Layer {
  let joint: GatedResidualNetwork
  let perVariable: [GatedResidualNetwork]
  let hiddenSize: Int

  init(hiddenSize: Int, variables: Int, dropout: Float, using rng: inout NeuralRandom) {
    self.hiddenSize = hiddenSize
    joint = GatedResidualNetwork(inputSize: hiddenSize * variables, hiddenSize: hiddenSize, outputSize: variables,
                                 contextSize: hiddenSize, dropout: 0, using: &rng)
    perVariable = (0..<variables).map { _ in
      GatedResidualNetwork(inputSize: hiddenSize, hiddenSize: hiddenSize, dropout: dropout, using: &rng)
    }
  }

  var parameters: [Parameter] { joint.parameters + perVariable.flatMap { $0.parameters } }

  /// The selected embedding (`x` without its variable axis) and the selection weights.
  func callAsFunction(_ x: Var, context: Var?, in g: Graph) throws(TensorError) -> (Var, Var) {
    let v = perVariable.count, axis = x.shape.rank - 2
    var lead = x.shape.dims
    lead.removeLast(2)
    let weights = try g.softmax(try joint(try g.reshape(x, Shape(lead + [v * hiddenSize])), context: context, in: g))
    var parts: [Var] = []
    for (i, grn) in perVariable.enumerated() {
      let xi = try g.reshape(try g.slice(x, axis: axis, start: i, count: 1), Shape(lead + [hiddenSize]))
      parts.append(try g.reshape(try grn(xi, in: g), Shape(lead + [1, hiddenSize])))
    }
    let stacked = try g.concat(parts, axis: axis)                                      // [..., V, hidden]
    let weighted = try g.mul(stacked, try g.reshape(weights, Shape(lead + [v, 1])))
    return (try g.sum(weighted, axis: axis), weights)
  }
}

/// TFT's interpretable multi-head attention (shared values, heads averaged), causal.
final class InterpretableAttention: Layer {
  let projection: Dense
  let output: Dense
  let heads: Int
  let headSize: Int
  let attentionDropout, dropout: Float

  init(hiddenSize: Int, heads: Int, attentionDropout: Float, dropout: Float, using rng: inout NeuralRandom) {
    self.heads = heads
    headSize = hiddenSize / heads
    projection = Dense(inputSize: hiddenSize, outputSize: (2 * heads + 1) * headSize, bias: false,
                       initializer: .lecunUniform, using: &rng)
    output = Dense(inputSize: headSize, outputSize: hiddenSize, bias: false, initializer: .lecunUniform, using: &rng)
    self.attentionDropout = attentionDropout
    self.dropout = dropout
  }

  var parameters: [Parameter] { projection.parameters + output.parameters }

  func callAsFunction(_ x: Var, in g: Graph) throws(TensorError) -> Var {
    let b = x.shape[0], t = x.shape[1], h = heads, d = headSize
    let qkv = try projection(x, in: g)
    func split(_ start: Int) throws(TensorError) -> Var {
      try g.transpose(try g.reshape(try g.slice(qkv, axis: 2, start: start, count: h * d), Shape(b, t, h, d)), 1, 2)
    }
    let q = try split(0), k = try split(h * d)
    let v = try g.slice(qkv, axis: 2, start: 2 * h * d, count: d)                        // [B, T, d]
    let scores = try g.add(try g.mul(try g.matmul(q, k, transposeB: true), scalar: 1 / Float(d).squareRoot()),
                           g.constant(causalMask(t, t)))
    let p = try g.dropout(try g.softmax(scores), p: attentionDropout)                   // [B, H, T, T]
    let vectors = try g.reshape(try g.matmul(try g.reshape(p, Shape(b, h * t, t)), v), Shape(b, h, t, d))
    return try g.dropout(try output(try g.mean(vectors, axis: 1), in: g), p: dropout)
  }
}

/// TFTEmbedding for one group of continuous variables: x `[..., F]` → `[..., F, hidden]`.
final class ContinuousEmbedding: Layer {
  let vectors, bias: Parameter

  init(variables: Int, hiddenSize: Int, using rng: inout NeuralRandom) {
    vectors = Parameter(Initializer.xavierNormal.tensor(Shape(variables, hiddenSize), fanIn: hiddenSize,
                                                        fanOut: variables, using: &rng))
    bias = Parameter(Tensor(zeros: Shape(variables, hiddenSize)))
  }

  var parameters: [Parameter] { [vectors, bias] }

  func callAsFunction(_ x: Var, in g: Graph) throws(TensorError) -> Var {
    let e = try g.mul(try g.reshape(x, Shape(x.shape.dims + [1])), g.param(vectors))
    return try g.add(e, g.param(bias))
  }
}
