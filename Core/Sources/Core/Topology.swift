// Topologies: who is linked to whom, kept as an ordered member list plus rules, not as an edge list.
//
// A mesh of 100,000 agents has ~5·10⁹ edges; storing them is out of the question. Each kind except
// `custom` is therefore a rule over member positions (join order), and neighbours are computed on
// demand. Joining appends a member. Leaving rewires by the kind's rule:
//
// | kind                  | edges of the member at position p (n members)                       | leave      |
// |-----------------------|----------------------------------------------------------------------|------------|
// | mesh                  | every other member                                                   | swap-remove|
// | star                  | the hub ↔ every other member                                         | re-elect   |
// | ring                  | p-1 and p+1 modulo n                                                 | close gap  |
// | pipeline              | p-1 and p+1 when they exist                                          | close gap  |
// | hierarchical(fanOut k)| parent (p-1)/k, children k·p+1 ... k·p+k                             | swap-remove|
// | clustered(size c)     | its cluster p/c as a mesh; cluster heads (p % c == 0) as a mesh      | swap-remove|
// | custom                | the links given at join time and with `connect`                      | drop links |
//
// "Swap-remove" moves the last member into the leaver's position: one node changes place, so a tree
// or a cluster keeps its shape. "Close gap" keeps the order: the leaver's neighbours become linked.
// The star's hub is the earliest-joined member that is not offline; it is re-elected when it leaves or
// goes offline.

/// The shape of the swarm's communication graph.
///
/// ```swift
/// let config = SwarmConfiguration(topology: .hierarchical(fanOut: 3))
/// ```
public enum TopologyKind: Equatable, Sendable {
  case mesh
  case star
  case ring
  case pipeline
  case hierarchical(fanOut: Int)
  case clustered(size: Int)
  case custom
}

/// Members, positions and custom links.
struct TopologyState {
  var kind: TopologyKind
  /// Members in position order.
  var members: [Int32] = []
  /// Position of each agent id, -1 when not a member.
  var position: [Int32] = []
  /// The star's hub, -1 when none.
  var hub: Int32 = -1
  /// Custom links, by agent id (sorted ascending).
  var links: [[Int32]] = []

  init(kind: TopologyKind) { self.kind = kind }

  mutating func reserveAgent() {
    position.append(-1)
    if kind == .custom { links.append([]) }
  }

  mutating func join(_ a: Int32) {
    position[Int(a)] = Int32(members.count)
    members.append(a)
  }

  /// Removes `a`; returns true when the order was kept (positions after it shifted).
  mutating func leave(_ a: Int32) {
    let p = Int(position[Int(a)])
    position[Int(a)] = -1
    switch kind {
    case .ring, .pipeline, .star:
      members.remove(at: p)
      for q in p..<members.count { position[Int(members[q])] = Int32(q) }
    default:
      let last = members.removeLast()
      if last != a {
        members[p] = last
        position[Int(last)] = Int32(p)
      }
    }
    if kind == .custom {
      for b in links[Int(a)] { links[Int(b)].removeAll { $0 == a } }
      links[Int(a)] = []
    }
  }

  mutating func link(_ a: Int32, _ b: Int32) -> Bool {
    if links[Int(a)].contains(b) { return false }
    insertSorted(&links[Int(a)], b)
    insertSorted(&links[Int(b)], a)
    return true
  }

  mutating func unlink(_ a: Int32, _ b: Int32) -> Bool {
    guard links[Int(a)].contains(b) else { return false }
    links[Int(a)].removeAll { $0 == b }
    links[Int(b)].removeAll { $0 == a }
    return true
  }

  private func insertSorted(_ xs: inout [Int32], _ v: Int32) {
    var i = xs.count
    while i > 0 && xs[i - 1] > v { i -= 1 }
    xs.insert(v, at: i)
  }

  func isMember(_ a: Int32) -> Bool { Int(a) < position.count && position[Int(a)] >= 0 }

  /// Calls `body` for each neighbour of member `a`.
  /// - Complexity: O(degree).
  func forEachNeighbor(of a: Int32, _ body: (Int32) -> Void) {
    let n = members.count
    let p = Int(position[Int(a)])
    switch kind {
    case .mesh:
      for b in members where b != a { body(b) }
    case .star:
      if a == hub {
        for b in members where b != a { body(b) }
      } else if hub >= 0 {
        body(hub)
      }
    case .ring:
      if n == 2 {
        body(members[1 - p])
      } else if n > 2 {
        body(members[(p + n - 1) % n])
        body(members[(p + 1) % n])
      }
    case .pipeline:
      if p > 0 { body(members[p - 1]) }
      if p + 1 < n { body(members[p + 1]) }
    case .hierarchical(let k):
      if p > 0 { body(members[(p - 1) / k]) }
      var c = k * p + 1
      while c <= k * p + k && c < n {
        body(members[c])
        c += 1
      }
    case .clustered(let c):
      let start = (p / c) * c
      for q in start..<min(start + c, n) where q != p { body(members[q]) }
      if p == start {
        var h = 0
        while h < n {
          if h != p { body(members[h]) }
          h += c
        }
      }
    case .custom:
      for b in links[Int(a)] { body(b) }
    }
  }
}
