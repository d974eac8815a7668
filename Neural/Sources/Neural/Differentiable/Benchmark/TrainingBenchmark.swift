// The two training steps the benchmarks time (natively, in wasm, and against PyTorch with
// Neural/tools/torch-fixtures/bench_torch.py, which builds the same models):
//   lstm:         2-layer LSTM, hidden 64, sequence 24, batch 32, one input feature, a Dense(64→1)
//                 head on every step, MSE against the next value, Adam (learning rate 3e-3).
//   transformer:  input projection Dense(1→64) plus sinusoidal positions, 2 pre-norm encoder layers
//                 (64 wide, 4 heads, feed-forward 128, causal), Dense(64→1) head, MSE, Adam (1e-3).
// The data are fixed sine mixtures, so a run is deterministic and the loss must fall (the
// benchmark harness checks that before it reports a time).

/// A model, its data and its optimizer, ready to run timed training steps.
///
/// ```swift
/// let bench = try TrainingBenchmark(.lstm)
/// let first = try bench.step()
/// for _ in 0..<20 { _ = try bench.step() }
/// // try bench.step() < first
/// ```
public final class TrainingBenchmark {
  /// Which model is trained.
  public enum Model: Sendable {
    case lstm, transformer
  }

  /// Batch size, sequence length and model width of both models.
  public static let batch = 32, length = 24, width = 64

  let model: Model
  let graph: Graph
  let optimizer: Optimizer
  let input: Tensor, target: Tensor, positions: Tensor
  var lstm: Recurrent?
  var encoder: [TransformerEncoderLayer] = []
  var projection: Dense?
  let head: Dense

  /// Builds `model` with seeded weights and its fixed data.
  public init(_ model: Model, seed: UInt64 = 1) throws(TensorError) {
    self.model = model
    var rng = NeuralRandom(seed: seed)
    let b = TrainingBenchmark.batch, t = TrainingBenchmark.length, w = TrainingBenchmark.width
    var x = Tensor(zeros: Shape(b, t, 1)), y = Tensor(zeros: Shape(b, t, 1))
    for i in 0..<b {
      let phase = Double(i) * 0.37, freq = 0.15 + 0.01 * Double(i % 7)
      for j in 0...t {
        let v = Float(cSin(freq * Double(j) + phase) + 0.3 * cSin(2.1 * freq * Double(j)))
        if j < t { x.scalars[i * t + j] = v }
        if j > 0 { y.scalars[i * t + j - 1] = v }
      }
    }
    input = x
    target = y
    var pos = Tensor(zeros: Shape(t, w))
    for p in 0..<t {
      for k in 0..<(w / 2) {
        let angle = Double(p) / Double(cExp(Double(2 * k) / Double(w) * cLog(10_000)))
        pos.scalars[p * w + 2 * k] = Float(cSin(angle))
        pos.scalars[p * w + 2 * k + 1] = Float(cCos(angle))
      }
    }
    positions = pos
    var params: [Parameter] = []
    switch model {
    case .lstm:
      let l = Recurrent(.lstm, inputSize: 1, hiddenSize: w, layers: 2, using: &rng)
      lstm = l
      params += l.parameters
    case .transformer:
      let p = Dense(inputSize: 1, outputSize: w, using: &rng)
      projection = p
      params += p.parameters
      for _ in 0..<2 {
        let e = TransformerEncoderLayer(dimension: w, heads: 4, feedForward: 2 * w, causal: true, using: &rng)
        encoder.append(e)
        params += e.parameters
      }
    }
    head = Dense(inputSize: w, outputSize: 1, using: &rng)
    params += head.parameters
    optimizer = Optimizer(params, rule: .adam(), learningRate: model == .lstm ? 3e-3 : 1e-3)
    graph = Graph(capacity: 1 << 20)
  }

  /// Every trainable parameter.
  public var parameters: [Parameter] { optimizer.parameters }

  /// One training step (forward, backward, Adam update); returns the loss before the update.
  /// - Complexity: one forward and one backward pass of the model.
  @discardableResult
  public func step() throws(TensorError) -> Float {
    let g = graph
    g.reset()
    let x = g.constant(input)
    var h: Var
    switch model {
    case .lstm:
      h = try lstm!(x, in: g).output
    case .transformer:
      h = try g.add(try projection!(x, in: g), g.constant(positions))
      for e in encoder { h = try e(h, in: g) }
    }
    let loss = try g.mseLoss(try head(h, in: g), g.constant(target))
    let value = try g.value(loss).scalars[0]
    try g.backward(loss)
    optimizer.step()
    return value
  }
}
