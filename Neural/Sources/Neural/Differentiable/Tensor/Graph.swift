// Graph: the tape of reverse-mode automatic differentiation, and the arena its values live in.
//
// Purpose: record a forward computation as a list of nodes, then run every node's hand-written
// backward in reverse order. Built for small models, where the cost per operation matters more
// than the cost per flop: recording a node allocates nothing in the steady state.
//
// Invariants
// - Nodes are appended in execution order, so inputs always have smaller ids than their users and
//   one reverse sweep is a valid topological order.
// - Every value lives in one Float arena at `node.offset`; its gradient lives in a second arena at
//   the same offset. A view (reshape, leading-axis slice) aliases its input's region, so gradients
//   written into a view land in the input's gradient with no copy and no backward of its own.
// - `reset()` forgets the nodes but keeps both arenas and every array's capacity: a training loop
//   that records the same computation each step reaches a high-water mark after the first step and
//   then allocates nothing (`arenaCapacity` stops changing; the tests check it).
// - A `Var` carries the step (`epoch`) it was recorded in; using it after `reset()` is a typed
//   error (`.staleVariable`), never a read of recycled memory.
//
// Goals, in priority order: correct gradients (every backward is checked against finite
// differences), no per-step allocation, low per-op overhead, then kernel speed (matmuls go to
// OpenBLAS natively through `Kernel.gemm`, the scalar reference on wasm32).
//
// References: A. Griewank & A. Walther, "Evaluating Derivatives" (2008), ch. 3 (reverse mode);
// A. Karpathy, micrograd; PyTorch's autograd semantics (gradients accumulate into leaves).

/// A handle to a value recorded on a ``Graph``: its node id and shape.
///
/// ```swift
/// let g = Graph()
/// let x = g.constant(Tensor(shape: Shape(2), scalars: [1, 2]))
/// x.shape        // [2]
/// ```
public struct Var: Sendable {
  let id: Int
  let epoch: Int
  /// The shape of the value.
  public let shape: Shape
}

enum Op: UInt8 {
  case constant, parameter, view
  case add, sub, mul, div, addScalar, mulScalar
  case relu, leakyRelu, sigmoid, tanh, exp, log, softplus, gelu, square, sqrt, abs
  case sum, mean, sumAxis, meanAxis
  case matmul, transpose, slice, concat, pad
  case conv1d, softmax, logSoftmax, layerNorm, dropout, embedding, lstmCell, gruCell
  case mse, mae, huber, pinball, multiQuantile, normalNLL, studentTNLL, poissonNLL, negBinNLL
}

struct Node {
  var op: Op
  var shape: Shape
  var offset: Int
  var needsGrad: Bool
  var a = -1, b = -1, c = -1, d = -1
  /// Op-specific integers (axis, dilation, offsets of saved buffers...).
  var i0 = 0, i1 = 0, i2 = 0
  var f0: Float = 0
}

/// A differentiable computation: record operations on ``Var``s, then call ``backward(_:)``.
///
/// Parameters (``Parameter``) enter with ``param(_:)``; their gradients accumulate into
/// `Parameter.grad` when the graph runs backward. Call ``reset()`` between training steps: the
/// memory of the previous step is reused.
///
/// ```swift
/// let w = Parameter(Tensor(shape: Shape(2, 1), scalars: [0.5, -0.5]))
/// let g = Graph()
/// let x = g.constant(Tensor(shape: Shape(1, 2), scalars: [1, 2]))
/// let y = try g.matmul(x, g.param(w))
/// try g.backward(try g.sum(y))
/// w.grad.scalars      // [1, 2]
/// g.reset()
/// ```
public final class Graph {
  var nodes: [Node] = []
  var values: UnsafeMutablePointer<Float>
  var grads: UnsafeMutablePointer<Float>
  var capacity: Int
  var gradCapacity = 0
  var used = 0
  var ints: [Int32] = []
  var bound: [Parameter] = []
  var boundNodes: [Int] = []
  var epoch = 0

  /// True while training: dropout is active. False for inference (dropout is the identity).
  public var isTraining = true
  /// The generator behind dropout masks.
  public var random: NeuralRandom

  /// An empty graph whose arena starts with room for `capacity` floats (it grows as needed).
  ///
  /// ```swift
  /// let g = Graph(seed: 42)
  /// ```
  public init(capacity: Int = 1 << 12, seed: UInt64 = 0) {
    self.capacity = Swift.max(capacity, 16)
    values = .allocate(capacity: self.capacity)
    grads = .allocate(capacity: 1)
    gradCapacity = 1
    random = NeuralRandom(seed: seed)
  }

  deinit {
    values.deallocate()
    grads.deallocate()
  }

  /// Floats held by the value arena (its high-water mark once a step has been recorded).
  public var arenaCapacity: Int { capacity }

  /// Number of nodes recorded since the last reset.
  public var nodeCount: Int { nodes.count }

  /// Forgets the recorded nodes and keeps every buffer for the next step.
  ///
  /// ```swift
  /// let g = Graph(); _ = g.constant(Tensor(scalar: 1)); g.reset()   // g.nodeCount == 0
  /// ```
  /// - Complexity: O(1) (amortised: parameter references are released).
  public func reset() {
    nodes.removeAll(keepingCapacity: true)
    ints.removeAll(keepingCapacity: true)
    bound.removeAll(keepingCapacity: true)
    boundNodes.removeAll(keepingCapacity: true)
    used = 0
    epoch &+= 1
  }

  // MARK: Arena

  /// Reserves `count` floats in the arena and returns their offset. May move the arena: take
  /// pointers only after every allocation of an operation.
  func allocate(_ count: Int) -> Int {
    let start = (used + 7) & ~7
    let end = start + count
    if end > capacity {
      var newCapacity = capacity * 2
      while newCapacity < end { newCapacity *= 2 }
      let bigger = UnsafeMutablePointer<Float>.allocate(capacity: newCapacity)
      bigger.update(from: values, count: used)
      values.deallocate()
      values = bigger
      capacity = newCapacity
    }
    used = end
    return start
  }

  func check(_ v: Var) throws(TensorError) {
    guard v.epoch == epoch, v.id >= 0, v.id < nodes.count else { throw .staleVariable }
  }

  @discardableResult
  func record(_ node: Node) -> Var {
    nodes.append(node)
    return Var(id: nodes.count - 1, epoch: epoch, shape: node.shape)
  }

  /// Appends a node whose value gets a fresh arena region; `needsGrad` is true when any input
  /// needs a gradient.
  func make(
    _ op: Op, _ shape: Shape, _ a: Int = -1, _ b: Int = -1, _ c: Int = -1, _ d: Int = -1
  ) -> Int {
    let needs =
      (a >= 0 && nodes[a].needsGrad) || (b >= 0 && nodes[b].needsGrad)
      || (c >= 0 && nodes[c].needsGrad) || (d >= 0 && nodes[d].needsGrad)
    let offset = allocate(shape.count)
    var node = Node(op: op, shape: shape, offset: offset, needsGrad: needs)
    node.a = a
    node.b = b
    node.c = c
    node.d = d
    nodes.append(node)
    return nodes.count - 1
  }

  func v(_ id: Int) -> Var { Var(id: id, epoch: epoch, shape: nodes[id].shape) }

  @inline(__always) func val(_ id: Int) -> UnsafeMutablePointer<Float> { values + nodes[id].offset }
  @inline(__always) func grad(_ id: Int) -> UnsafeMutablePointer<Float> { grads + nodes[id].offset }

  // MARK: Leaves

  /// A value that needs no gradient (an input, a target, a mask).
  ///
  /// ```swift
  /// let g = Graph(); let x = g.constant(Tensor(zeros: Shape(3)))
  /// ```
  /// - Complexity: O(count) (one copy into the arena).
  public func constant(_ t: Tensor) -> Var {
    let id = make(.constant, t.shape)
    t.scalars.withUnsafeBufferPointer { val(id).update(from: $0.baseAddress!, count: t.count) }
    return v(id)
  }

  /// A trainable value: its gradient accumulates into `p.grad` on ``backward(_:)``.
  ///
  /// ```swift
  /// let p = Parameter(Tensor(zeros: Shape(3)))
  /// let g = Graph(); let w = g.param(p)
  /// ```
  /// - Complexity: O(count).
  public func param(_ p: Parameter) -> Var {
    let id = make(.parameter, p.value.shape)
    nodes[id].needsGrad = true
    p.value.scalars.withUnsafeBufferPointer {
      val(id).update(from: $0.baseAddress!, count: p.value.count)
    }
    bound.append(p)
    boundNodes.append(id)
    return v(id)
  }

  /// The current value of `x` as a tensor.
  ///
  /// ```swift
  /// let g = Graph(); let x = g.constant(Tensor(scalar: 2))
  /// try g.value(x).scalars     // [2]
  /// ```
  /// - Complexity: O(count).
  public func value(_ x: Var) throws(TensorError) -> Tensor {
    try check(x)
    let p = val(x.id)
    return Tensor(shape: x.shape, scalars: [Float](UnsafeBufferPointer(start: p, count: x.shape.count)))
  }

  /// The gradient of the last ``backward(_:)`` with respect to `x`.
  ///
  /// ```swift
  /// let g = Graph(); let x = g.constant(Tensor(scalar: 2))
  /// try g.backward(try g.mul(x, x), requiringGradients: true)
  /// try g.gradient(x).scalars    // [4]
  /// ```
  public func gradient(_ x: Var) throws(TensorError) -> Tensor {
    try check(x)
    guard gradCapacity >= used else { return Tensor(zeros: x.shape) }
    let p = grad(x.id)
    return Tensor(shape: x.shape, scalars: [Float](UnsafeBufferPointer(start: p, count: x.shape.count)))
  }

  /// A copy of `x` that stops gradients: the value flows on, the gradient does not flow back
  /// (truncated backpropagation through time cuts a recurrent state this way).
  ///
  /// ```swift
  /// let g = Graph(); let x = g.constant(Tensor(scalar: 1)); let y = try g.detach(x)
  /// ```
  /// - Complexity: O(count).
  public func detach(_ x: Var) throws(TensorError) -> Var {
    try check(x)
    let id = make(.constant, x.shape)
    val(id).update(from: val(x.id), count: x.shape.count)
    return v(id)
  }

  /// A view of `x` under another shape with the same element count: no copy, gradients alias.
  ///
  /// ```swift
  /// let g = Graph(); let x = g.constant(Tensor(zeros: Shape(6)))
  /// let m = try g.reshape(x, Shape(2, 3))
  /// ```
  /// - Complexity: O(1).
  public func reshape(_ x: Var, _ shape: Shape) throws(TensorError) -> Var {
    try check(x)
    guard shape.count == x.shape.count else { throw .shapeMismatch(x.shape, shape) }
    return view(x, offset: 0, shape: shape)
  }

  func view(_ x: Var, offset: Int, shape: Shape) -> Var {
    let src = nodes[x.id]
    var node = Node(op: .view, shape: shape, offset: src.offset + offset, needsGrad: src.needsGrad)
    node.a = x.id
    return record(node)
  }

  // MARK: Backward

  /// Runs reverse mode from the scalar `loss` (seed gradient 1) and accumulates the gradients of
  /// every parameter into `Parameter.grad`.
  ///
  /// With `requiringGradients: true` every node gets a gradient (``gradient(_:)`` then works for
  /// constants too, as gradchecks need); otherwise only paths to parameters are computed.
  ///
  /// ```swift
  /// let p = Parameter(Tensor(scalar: 3)); let g = Graph()
  /// let w = g.param(p); try g.backward(try g.mul(w, w))
  /// p.grad.scalars   // [6]
  /// ```
  /// - Complexity: about twice the forward cost.
  public func backward(_ loss: Var, requiringGradients all: Bool = false) throws(TensorError) {
    try check(loss)
    guard loss.shape.count == 1 else { throw .shapeMismatch(loss.shape, Shape()) }
    if all { for i in nodes.indices { nodes[i].needsGrad = true } }
    if gradCapacity < capacity {
      grads.deallocate()
      grads = .allocate(capacity: capacity)
      gradCapacity = capacity
    }
    grads.update(repeating: 0, count: used)
    grad(loss.id).pointee = 1
    var i = loss.id
    while i >= 0 {
      if nodes[i].needsGrad { backwardNode(i) }
      i -= 1
    }
    for (k, p) in bound.enumerated() {
      let g = grad(boundNodes[k])
      p.grad.scalars.withUnsafeMutableBufferPointer { dst in
        for j in 0..<dst.count { dst[j] += g[j] }
      }
    }
  }

  func backwardNode(_ i: Int) {
    let n = nodes[i]
    switch n.op {
    case .constant, .parameter, .view: return
    case .add, .sub, .mul, .div: backwardBinary(n, i)
    case .addScalar, .mulScalar: backwardScalar(n, i)
    case .relu, .leakyRelu, .sigmoid, .tanh, .exp, .log, .softplus, .gelu, .square, .sqrt, .abs:
      backwardUnary(n, i)
    case .sum, .mean, .sumAxis, .meanAxis: backwardReduction(n, i)
    case .matmul: backwardMatmul(n, i)
    case .transpose: backwardTranspose(n, i)
    case .slice: backwardSlice(n, i)
    case .concat: backwardConcat(n, i)
    case .pad: backwardPad(n, i)
    case .conv1d: backwardConv1D(n, i)
    case .softmax, .logSoftmax: backwardSoftmax(n, i)
    case .layerNorm: backwardLayerNorm(n, i)
    case .dropout: backwardDropout(n, i)
    case .embedding: backwardEmbedding(n, i)
    case .lstmCell: backwardLSTMCell(n, i)
    case .gruCell: backwardGRUCell(n, i)
    case .mse, .mae, .huber, .pinball, .multiQuantile: backwardPointLoss(n, i)
    case .normalNLL, .studentTNLL, .poissonNLL, .negBinNLL: backwardLikelihood(n, i)
    }
  }
}

/// A trainable tensor and its accumulated gradient.
///
/// Layers own their parameters; optimizers update `value` from `grad` and zero `grad`.
///
/// ```swift
/// let p = Parameter(Tensor(zeros: Shape(4, 4)))
/// p.grad.scalars.count   // 16
/// ```
public final class Parameter {
  /// The current value.
  public var value: Tensor
  /// The gradient accumulated since the last optimizer step (same shape as `value`).
  public var grad: Tensor

  /// A parameter with initial value `value` and a zero gradient.
  public init(_ value: Tensor) {
    self.value = value
    grad = Tensor(zeros: value.shape)
  }

  /// Sets the gradient to zero.
  ///
  /// ```swift
  /// let p = Parameter(Tensor(scalar: 1)); p.zeroGrad()
  /// ```
  /// - Complexity: O(count).
  public func zeroGrad() {
    grad.scalars.withUnsafeMutableBufferPointer { $0.update(repeating: 0) }
  }
}
