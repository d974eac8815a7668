/// What can go wrong when building or running a differentiable graph.
///
/// Every operation checks its inputs and reports a mismatch with one of these instead of trapping,
/// so shapes that come from data (a file, a user) never crash a program.
///
/// ```swift
/// let g = Graph()
/// let a = g.constant(Tensor(zeros: Shape(2, 3)))
/// let b = g.constant(Tensor(zeros: Shape(4, 5)))
/// do { _ = try g.matmul(a, b) } catch { /* error == .shapeMismatch(...) */ }
/// ```
public enum TensorError: Error, Equatable, Sendable {
  /// Two shapes that must agree do not.
  case shapeMismatch(Shape, Shape)
  /// An axis, range or index is outside the tensor.
  case outOfRange
  /// An argument is outside the values the operation accepts (rank, rate, count…).
  case invalidArgument
  /// A value is outside the domain of a function (a non-positive scale, a negative count…).
  case outOfDomain
  /// A variable belongs to another graph, or to an earlier step of this one.
  case staleVariable
}
