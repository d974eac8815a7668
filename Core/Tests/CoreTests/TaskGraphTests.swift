import Testing
@testable import Core

@Suite struct TaskGraphTests {
  @Test func fanOutFanIn() throws {
    var g = TaskGraph()
    let a = g.add(TaskSpec())
    let b = g.add(TaskSpec(), after: [a])
    let c = g.add(TaskSpec(), after: [a])
    let d = g.add(TaskSpec(), after: [b, c])
    #expect(g.count == 4)
    #expect(g.prerequisites(of: d) == [b, c])
    let order = try g.topologicalOrder()
    #expect(order == [0, 1, 2, 3])
  }

  @Test func cycleIsNamed() {
    var g = TaskGraph()
    let a = g.add(TaskSpec())
    let b = g.add(TaskSpec(), after: [a])
    let c = g.add(TaskSpec(), after: [b])
    g.add(TaskSpec())
    g.addDependency(a, on: c)
    #expect(throws: SwarmError.dependencyCycle([0, 2, 1])) { try g.topologicalOrder() }
  }

  @Test func selfDependencyAndUnknownNode() {
    var g = TaskGraph()
    let a = g.add(TaskSpec())
    g.addDependency(a, on: a)
    #expect(throws: SwarmError.dependencyCycle([0])) { try g.topologicalOrder() }
    var h = TaskGraph()
    h.add(TaskSpec(), after: [5])
    #expect(throws: SwarmError.unknownNode(5)) { try h.topologicalOrder() }
    var k = TaskGraph()
    k.addDependency(3, on: 0)  // out of range: ignored
    #expect(k.count == 0)
  }

  /// Property: random DAGs sort topologically; adding a back edge along a path yields a cycle whose
  /// every node depends on the next.
  @Test(arguments: 0..<40) func randomGraphs(seed: Int) throws {
    var rng = Xoshiro256(seed: UInt64(seed))
    var g = randomDAG(1 + rng.next(below: 40), maxFanIn: 3, rng: &rng)
    let order = try g.topologicalOrder()
    var position = [Int](repeating: -1, count: g.count)
    for (i, v) in order.enumerated() { position[v] = i }
    for v in 0..<g.count { for p in g.prerequisites(of: v) { #expect(position[p] < position[v]) } }
    // Find some edge v -> p (v depends on p) and close a cycle p depends on v.
    guard let v = (0..<g.count).first(where: { !g.prerequisites(of: $0).isEmpty }) else { return }
    let p = g.prerequisites(of: v)[0]
    g.addDependency(p, on: v)
    do {
      _ = try g.topologicalOrder()
      Issue.record("cycle not detected")
    } catch {
      guard case .dependencyCycle(let cycle) = error else {
        Issue.record("wrong error \(error)")
        return
      }
      #expect(!cycle.isEmpty)
      for (i, x) in cycle.enumerated() {
        let next = cycle[(i + 1) % cycle.count]
        #expect(g.prerequisites(of: x).contains(next))
      }
    }
  }
}
