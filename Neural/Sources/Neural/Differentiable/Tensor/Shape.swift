/// The shape of a tensor: up to four dimensions, stored inline so that building a graph node
/// allocates nothing.
///
/// Rank 0 is a scalar (one element). Dimensions are listed outermost first, row-major.
///
/// ```swift
/// let s = Shape(2, 3)
/// s.count      // 6
/// s[1]         // 3
/// s.rank       // 2
/// ```
public struct Shape: Equatable, Sendable, CustomStringConvertible {
  /// How many dimensions (0...4).
  public let rank: Int
  @usableFromInline var d0 = 1, d1 = 1, d2 = 1, d3 = 1

  /// A shape from its dimensions (at most four, each >= 0).
  ///
  /// ```swift
  /// let s = Shape(32, 24, 64)
  /// ```
  public init(_ dims: Int...) {
    self.init(dims)
  }

  /// A shape from an array of dimensions (at most four, each >= 0).
  ///
  /// ```swift
  /// let s = Shape([4, 5])
  /// ```
  public init(_ dims: [Int]) {
    precondition(dims.count <= 4, "Shape holds at most four dimensions")
    rank = dims.count
    for (i, d) in dims.enumerated() {
      precondition(d >= 0, "negative dimension")
      self[i] = d
    }
  }

  /// A checked shape for dimensions that came from outside (files, users): `nil` when there are
  /// more than four dimensions or one is negative.
  ///
  /// ```swift
  /// Shape(checking: [1, 2, 3, 4, 5])   // nil
  /// ```
  public init?(checking dims: [Int]) {
    if dims.count > 4 { return nil }
    for d in dims where d < 0 { return nil }
    self.init(dims)
  }

  /// Dimension `i` (0 is outermost).
  public subscript(i: Int) -> Int {
    get {
      switch i {
      case 0: return d0
      case 1: return d1
      case 2: return d2
      default: return d3
      }
    }
    set {
      switch i {
      case 0: d0 = newValue
      case 1: d1 = newValue
      case 2: d2 = newValue
      default: d3 = newValue
      }
    }
  }

  /// The dimensions as an array.
  public var dims: [Int] { (0..<rank).map { self[$0] } }

  /// The number of elements (1 for a scalar).
  /// - Complexity: O(1).
  public var count: Int {
    var c = 1
    for i in 0..<rank { c *= self[i] }
    return c
  }

  /// The last dimension (1 for a scalar).
  public var last: Int { rank == 0 ? 1 : self[rank - 1] }

  /// The product of all dimensions but the last.
  public var rows: Int {
    var c = 1
    for i in 0..<Swift.max(rank - 1, 0) { c *= self[i] }
    return c
  }

  /// Row-major strides in elements, padded to four.
  var strides: (Int, Int, Int, Int) {
    var s = [0, 0, 0, 0]
    var acc = 1
    var i = rank - 1
    while i >= 0 {
      s[i] = acc
      acc *= self[i]
      i -= 1
    }
    return (s[0], s[1], s[2], s[3])
  }

  /// `[2, 3]` style text.
  public var description: String {
    var s = "["
    for i in 0..<rank {
      if i > 0 { s += ", " }
      s += "\(self[i])"
    }
    return s + "]"
  }

  public static func == (l: Shape, r: Shape) -> Bool {
    if l.rank != r.rank { return false }
    for i in 0..<l.rank where l[i] != r[i] { return false }
    return true
  }
}
