// Recurrent layers: RNN (tanh), LSTM and GRU, as cells and as stacked sequence unrolls with
// truncated backpropagation through time.
//
// Layout and weights follow PyTorch (`batch_first=True`), so weights move between the two as is:
// W_ih `[G·H, in]`, W_hh `[G·H, H]` (G = 1, 4, 3 gates), products taken with `transposeB`. The LSTM
// and RNN keep one bias (PyTorch's b_ih + b_hh); the GRU keeps both, because b_hn sits inside
// r ⊙ (W_hn h + b_hn).
//
// The unroll works time-major: the input is transposed once to [T, B, in], the input projection
// of every step is ONE GEMM ([T·B, in] × W_ihᵀ), and each step's slice of it is a view. Only the
// hidden product h·W_hhᵀ and the fused pointwise cell run per step.
//
// Truncated BPTT: with `truncation: k > 0` the carried state is detached after every k steps, so
// gradients flow back at most k steps (the outputs themselves still carry their gradient into the
// step that produced them). For stateful training across batches, pass the returned state's
// values back in as constants: that truncates at the batch boundary.
//
// Initialisation: W_ih Xavier uniform, W_hh orthogonal, biases zero (LSTM forget gate bias 1).

/// Which recurrent cell a ``Recurrent`` layer uses.
///
/// ```swift
/// let kind = RecurrentKind.lstm
/// kind.gates      // 4
/// ```
public enum RecurrentKind: UInt8, Sendable {
  case rnn, lstm, gru

  /// Gate blocks in the weight matrices (1, 4, 3).
  public var gates: Int {
    switch self {
    case .rnn: return 1
    case .lstm: return 4
    case .gru: return 3
    }
  }
}

/// The weights of one recurrent layer, in PyTorch's layout.
///
/// ```swift
/// var rng = NeuralRandom(seed: 1)
/// let lstm = Recurrent(.lstm, inputSize: 1, hiddenSize: 4, using: &rng)
/// lstm.layers[0].inputWeight.value.shape     // [16, 1]
/// ```
public final class RecurrentWeights {
  /// `[G·H, in]`.
  public let inputWeight: Parameter
  /// `[G·H, H]`.
  public let hiddenWeight: Parameter
  /// `[G·H]`: the whole bias (RNN, LSTM) or the input-side bias b_ih (GRU).
  public let inputBias: Parameter
  /// `[G·H]` for the GRU (b_hh); nil otherwise.
  public let hiddenBias: Parameter?

  init(_ kind: RecurrentKind, input: Int, hidden: Int, using rng: inout NeuralRandom) {
    let rows = kind.gates * hidden
    inputWeight = Parameter(
      Initializer.xavierUniform.tensor(Shape(rows, input), fanIn: input, fanOut: rows, using: &rng))
    hiddenWeight = Parameter(
      Initializer.orthogonal.tensor(Shape(rows, hidden), fanIn: hidden, fanOut: rows, using: &rng))
    var b = Tensor(zeros: Shape(rows))
    if kind == .lstm { for j in hidden..<(2 * hidden) { b.scalars[j] = 1 } }
    inputBias = Parameter(b)
    hiddenBias = kind == .gru ? Parameter(Tensor(zeros: Shape(rows))) : nil
  }

  var parameters: [Parameter] {
    hiddenBias.map { [inputWeight, hiddenWeight, inputBias, $0] }
      ?? [inputWeight, hiddenWeight, inputBias]
  }
}

/// The state a recurrent layer carries: one hidden state per layer, plus the cell states of an
/// LSTM (empty otherwise). Each is `[B, H]`.
///
/// ```swift
/// // let (y, state) = try lstm(x, in: g); try g.value(state.hidden[0])
/// ```
public struct RecurrentState {
  /// Hidden state of each layer.
  public var hidden: [Var]
  /// Cell state of each layer (LSTM only).
  public var cell: [Var]

  /// A state from its parts.
  public init(hidden: [Var], cell: [Var] = []) {
    self.hidden = hidden
    self.cell = cell
  }
}

/// A stack of RNN, LSTM or GRU layers over `[B, T, in]` sequences.
///
/// ```swift
/// var rng = NeuralRandom(seed: 1)
/// let lstm = Recurrent(.lstm, inputSize: 1, hiddenSize: 16, layers: 2, using: &rng)
/// let g = Graph()
/// let (y, state) = try lstm(g.constant(Tensor(zeros: Shape(8, 24, 1))), in: g, truncation: 12)
/// // y: [8, 24, 16]; state.hidden[1] is the last hidden state of the top layer
/// ```
/// - Complexity: O(T · B · G·H · (in + H)) per layer.
public final class Recurrent: Layer {
  /// The cell type.
  public let kind: RecurrentKind
  /// Features per time step of the input.
  public let inputSize: Int
  /// Features of every hidden state.
  public let hiddenSize: Int
  /// The weights of each stacked layer (the first reads the input, the others the layer below).
  public let layers: [RecurrentWeights]

  /// A stack of `layers` recurrent layers.
  public init(
    _ kind: RecurrentKind, inputSize: Int, hiddenSize: Int, layers: Int = 1,
    using rng: inout NeuralRandom
  ) {
    self.kind = kind
    self.inputSize = inputSize
    self.hiddenSize = hiddenSize
    var ws: [RecurrentWeights] = []
    for l in 0..<Swift.max(layers, 1) {
      ws.append(RecurrentWeights(kind, input: l == 0 ? inputSize : hiddenSize, hidden: hiddenSize, using: &rng))
    }
    self.layers = ws
  }

  public var parameters: [Parameter] { layers.flatMap { $0.parameters } }

  /// Runs the stack over `x` `[B, T, inputSize]` from `state` (zeros when nil); returns every
  /// top-layer hidden state `[B, T, H]` and the final state. `truncation > 0` detaches the
  /// carried state every `truncation` steps.
  public func callAsFunction(
    _ x: Var, in g: Graph, state: RecurrentState? = nil, truncation: Int = 0
  ) throws(TensorError) -> (output: Var, state: RecurrentState) {
    guard x.shape.rank == 3, x.shape[2] == inputSize else {
      throw .shapeMismatch(x.shape, Shape(x.shape[0], x.shape[1], inputSize))
    }
    guard truncation >= 0 else { throw .invalidArgument }
    let b = x.shape[0]
    let start = try initialState(state, batch: b, in: g)
    var seq = try g.transpose(x, 0, 1)
    var final = RecurrentState(hidden: [], cell: [])
    for (l, w) in layers.enumerated() {
      let h0 = start.hidden[l]
      let c0: Var? = kind == .lstm ? start.cell[l] : nil
      let (out, h, c) = try unroll(seq, w, h0, c0, truncation, in: g)
      seq = out
      final.hidden.append(h)
      if let c { final.cell.append(c) }
    }
    return (try g.transpose(seq, 0, 1), final)
  }

  func initialState(_ s: RecurrentState?, batch: Int, in g: Graph) throws(TensorError) -> RecurrentState {
    let hs = Shape(batch, hiddenSize)
    guard let s else {
      let z = g.constant(Tensor(zeros: hs))
      return RecurrentState(
        hidden: [Var](repeating: z, count: layers.count),
        cell: kind == .lstm ? [Var](repeating: z, count: layers.count) : [])
    }
    guard s.hidden.count == layers.count, s.cell.count == (kind == .lstm ? layers.count : 0) else {
      throw .invalidArgument
    }
    for v in s.hidden + s.cell where v.shape != hs { throw .shapeMismatch(v.shape, hs) }
    return s
  }

  func unroll(
    _ xT: Var, _ w: RecurrentWeights, _ h0: Var, _ c0: Var?, _ truncation: Int, in g: Graph
  ) throws(TensorError) -> (Var, Var, Var?) {
    let t = xT.shape[0], b = xT.shape[1], gh = kind.gates * hiddenSize
    let wih = g.param(w.inputWeight), whh = g.param(w.hiddenWeight)
    let pre = try g.add(try g.matmul(xT, wih, transposeB: true), g.param(w.inputBias))
    let bhh: Var? = w.hiddenBias.map { g.param($0) }
    var h = h0
    var c = c0
    var outputs: [Var] = []
    outputs.reserveCapacity(t)
    for step in 0..<t {
      let p = try g.reshape(try g.slice(pre, axis: 0, start: step, count: 1), Shape(b, gh))
      let hp = try g.matmul(h, whh, transposeB: true)
      switch kind {
      case .rnn: h = try g.tanh(try g.add(p, hp))
      case .lstm:
        let (hn, cn) = try g.lstmCell(gates: try g.add(p, hp), cell: c!)
        h = hn
        c = cn
      case .gru: h = try g.gruCell(inputPart: p, hiddenPart: try g.add(hp, bhh!), hidden: h)
      }
      outputs.append(try g.reshape(h, Shape(1, b, hiddenSize)))
      if truncation > 0 && (step + 1) % truncation == 0 && step + 1 < t {
        h = try g.detach(h)
        if let cc = c { c = try g.detach(cc) }
      }
    }
    if t == 0 { return (try g.reshape(g.constant(Tensor(zeros: Shape(0))), Shape(0, b, hiddenSize)), h, c) }
    return (try g.concat(outputs, axis: 0), h, c)
  }

  /// One step of layer `layer`: input `x` `[B, in]` and state (`hidden`, `cell`; `cell` only for
  /// the LSTM) give the new hidden state and, for the LSTM, the new cell state.
  ///
  /// ```swift
  /// var rng = NeuralRandom(seed: 1)
  /// let gru = Recurrent(.gru, inputSize: 3, hiddenSize: 4, using: &rng)
  /// let g = Graph()
  /// let h = try gru.cell(g.constant(Tensor(zeros: Shape(2, 3))),
  ///                      hidden: g.constant(Tensor(zeros: Shape(2, 4))), in: g).hidden
  /// ```
  /// - Complexity: O(B · G·H · (in + H)).
  public func cell(
    _ x: Var, hidden: Var, cell: Var? = nil, layer: Int = 0, in g: Graph
  ) throws(TensorError) -> (hidden: Var, cell: Var?) {
    guard layer >= 0, layer < layers.count, (cell != nil) == (kind == .lstm) else {
      throw .invalidArgument
    }
    let x3 = try g.reshape(x, Shape(1, x.shape[0], x.shape.last))
    let (_, h, c) = try unroll(x3, layers[layer], hidden, cell, 0, in: g)
    return (h, c)
  }
}
