/// A Float32 tensor: a shape plus contiguous row-major storage.
///
/// `Tensor` is a value: inputs, targets, parameters and results travel as tensors; the
/// differentiable work happens on a ``Graph``, which records operations on ``Var`` handles.
///
/// ```swift
/// let t = Tensor(shape: Shape(2, 2), scalars: [1, 2, 3, 4])
/// t[1, 0]              // 3
/// let z = Tensor(zeros: Shape(3))
/// ```
public struct Tensor: Equatable, Sendable {
  /// The dimensions.
  public var shape: Shape
  /// The elements, row-major; `scalars.count == shape.count`.
  public var scalars: [Float]

  /// A tensor from a shape and its elements (`scalars.count` must equal `shape.count`).
  ///
  /// ```swift
  /// let t = Tensor(shape: Shape(3), scalars: [1, 2, 3])
  /// ```
  public init(shape: Shape, scalars: [Float]) {
    precondition(shape.count == scalars.count, "scalar count does not match the shape")
    self.shape = shape
    self.scalars = scalars
  }

  /// A checked tensor for data from outside: a typed error when the counts disagree.
  ///
  /// ```swift
  /// let t = try Tensor(checking: Shape(2), scalars: [1, 2])
  /// ```
  public init(checking shape: Shape, scalars: [Float]) throws(TensorError) {
    guard shape.count == scalars.count else {
      throw .shapeMismatch(shape, Shape(scalars.count))
    }
    self.shape = shape
    self.scalars = scalars
  }

  /// A tensor filled with `value`.
  ///
  /// ```swift
  /// let ones = Tensor(repeating: 1, shape: Shape(2, 3))
  /// ```
  public init(repeating value: Float, shape: Shape) {
    self.shape = shape
    scalars = [Float](repeating: value, count: shape.count)
  }

  /// A tensor of zeros.
  ///
  /// ```swift
  /// let z = Tensor(zeros: Shape(4))
  /// ```
  public init(zeros shape: Shape) { self.init(repeating: 0, shape: shape) }

  /// A scalar (rank-0) tensor.
  ///
  /// ```swift
  /// let s = Tensor(scalar: 2.5)
  /// ```
  public init(scalar: Float) { self.init(shape: Shape(), scalars: [scalar]) }

  /// Uniformly random elements in `[low, high)` from a seeded generator.
  ///
  /// ```swift
  /// var rng = NeuralRandom(seed: 1)
  /// let t = Tensor(uniform: Shape(2, 2), low: -1, high: 1, using: &rng)
  /// ```
  /// - Complexity: O(count).
  public init(uniform shape: Shape, low: Float, high: Float, using rng: inout NeuralRandom) {
    self.shape = shape
    scalars = (0..<shape.count).map { _ in rng.uniform(low, high) }
  }

  /// Normally distributed elements (Box–Muller) with the given mean and standard deviation.
  ///
  /// ```swift
  /// var rng = NeuralRandom(seed: 1)
  /// let t = Tensor(normal: Shape(8), mean: 0, std: 1, using: &rng)
  /// ```
  /// - Complexity: O(count).
  public init(normal shape: Shape, mean: Float, std: Float, using rng: inout NeuralRandom) {
    self.shape = shape
    scalars = (0..<shape.count).map { _ in mean + std * rng.gaussian() }
  }

  /// The number of elements.
  public var count: Int { scalars.count }

  /// The element at a multi-index (one index per dimension).
  public subscript(indices: Int...) -> Float {
    get { scalars[flatIndex(indices)] }
    set { scalars[flatIndex(indices)] = newValue }
  }

  func flatIndex(_ indices: [Int]) -> Int {
    precondition(indices.count == shape.rank, "one index per dimension")
    var flat = 0
    for (i, x) in indices.enumerated() {
      precondition(x >= 0 && x < shape[i], "index out of range")
      flat = flat * shape[i] + x
    }
    return flat
  }

  /// The same elements under another shape with the same count.
  ///
  /// ```swift
  /// let m = try Tensor(shape: Shape(6), scalars: [1, 2, 3, 4, 5, 6]).reshaped(Shape(2, 3))
  /// ```
  public func reshaped(_ newShape: Shape) throws(TensorError) -> Tensor {
    guard newShape.count == shape.count else { throw .shapeMismatch(shape, newShape) }
    return Tensor(shape: newShape, scalars: scalars)
  }

  /// True when every element is within `tolerance` (absolute plus relative) of `other`'s.
  ///
  /// ```swift
  /// Tensor(scalar: 1).isApproximatelyEqual(to: Tensor(scalar: 1.000001))   // true
  /// ```
  /// - Complexity: O(count).
  public func isApproximatelyEqual(to other: Tensor, tolerance: Float = 1e-5) -> Bool {
    guard shape == other.shape else { return false }
    for i in 0..<scalars.count {
      let a = scalars[i], b = other.scalars[i]
      if !(abs(a - b) <= tolerance * (1 + max(abs(a), abs(b)))) { return false }
    }
    return true
  }
}

extension NeuralRandom {
  /// A standard normal sample (Box–Muller on two uniform draws).
  ///
  /// ```swift
  /// var rng = NeuralRandom(seed: 9); let z = rng.gaussian()
  /// ```
  public mutating func gaussian() -> Float {
    var u1 = unit()
    while u1 <= 1e-7 { u1 = unit() }
    let u2 = unit()
    let r = (-2 * cLog(Double(u1))).squareRoot()
    return Float(r * cCos(2 * Double.pi * Double(u2)))
  }
}
