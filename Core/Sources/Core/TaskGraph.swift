// Task graphs: tasks and their dependencies, checked to be a DAG before anything runs.
//
// A graph is built locally (nodes are graph-local indices) and submitted whole: the swarm checks it
// (dangling references, self-dependencies, cycles) and only then creates tasks, so a rejected graph
// leaves no trace. A cycle is reported with the nodes on it, in order: each depends on the next, and
// the last depends on the first.

/// A set of tasks with dependencies, submitted at once with ``Swarm/submit(_:)``.
///
/// Fan-out: several nodes after one; fan-in: one node after several.
///
/// ```swift
/// var g = TaskGraph()
/// let split = g.add(TaskSpec(payload: .int(10)))
/// let left = g.add(TaskSpec(), after: [split])
/// let right = g.add(TaskSpec(), after: [split])
/// let join = g.add(TaskSpec(), after: [left, right])
/// #expect(g.prerequisites(of: join) == [left, right])
/// ```
public struct TaskGraph: Sendable {
  /// A graph-local node index.
  public typealias Node = Int

  /// The task specifications, by node.
  public private(set) var specs: [TaskSpec] = []
  /// Prerequisites, by node, in declaration order.
  public private(set) var edges: [[Node]] = []

  /// An empty graph.
  public init() {}

  /// Adds a task that runs after `prerequisites` (nodes of this graph) and returns its node.
  /// - Complexity: O(prerequisites).
  @discardableResult
  public mutating func add(_ spec: TaskSpec, after prerequisites: [Node] = []) -> Node {
    specs.append(spec)
    edges.append(prerequisites)
    return specs.count - 1
  }

  /// Makes `dependent` wait for `prerequisite` (may create a cycle, which ``Swarm/submit(_:)`` rejects).
  public mutating func addDependency(_ dependent: Node, on prerequisite: Node) {
    if dependent >= 0 && dependent < edges.count { edges[dependent].append(prerequisite) }
  }

  /// The number of nodes.
  public var count: Int { specs.count }

  /// The prerequisites of `node`.
  public func prerequisites(of node: Node) -> [Node] { edges[node] }

  /// Checks references and acyclicity; returns a topological order (prerequisites first).
  /// - Throws: ``SwarmError/unknownNode(_:)``, ``SwarmError/dependencyCycle(_:)``.
  /// - Complexity: O(nodes + edges).
  public func topologicalOrder() throws(SwarmError) -> [Node] {
    let n = specs.count
    var indegree = [Int](repeating: 0, count: n)
    var dependents = [[Node]](repeating: [], count: n)
    for v in 0..<n {
      for p in edges[v] {
        guard p >= 0 && p < n else { throw .unknownNode(p) }
        if p == v { throw .dependencyCycle([v]) }
        indegree[v] += 1
        dependents[p].append(v)
      }
    }
    var order: [Node] = []
    order.reserveCapacity(n)
    for v in 0..<n where indegree[v] == 0 { order.append(v) }
    var i = 0
    while i < order.count {
      let v = order[i]
      i += 1
      for d in dependents[v] {
        indegree[d] -= 1
        if indegree[d] == 0 { order.append(d) }
      }
    }
    if order.count == n { return order }
    throw .dependencyCycle(findCycle(remaining: indegree))
  }

  /// Walks prerequisite edges from a node left with a positive in-degree until a node repeats: every
  /// such node has an unprocessed prerequisite, so the walk cannot stop and must close a cycle.
  private func findCycle(remaining indegree: [Int]) -> [Node] {
    let n = specs.count
    var start = 0
    while indegree[start] == 0 { start += 1 }
    var seenAt = [Int](repeating: -1, count: n)
    var path: [Node] = []
    var v = start
    while seenAt[v] < 0 {
      seenAt[v] = path.count
      path.append(v)
      var next = -1
      for p in edges[v] where indegree[p] > 0 {
        next = p
        break
      }
      v = next
    }
    return Array(path[seenAt[v]...])
  }
}
