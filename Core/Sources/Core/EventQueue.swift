// The scheduler's agenda: a binary min-heap of timed events, ordered by (time, sequence).
//
// The sequence number is the order in which events were scheduled, so two events at the same tick
// are processed in the order they were created: the heap's order is total and platform independent.

/// What a scheduled event does.
enum AgendaKind: UInt8 {
  case attemptEnds  // a: task, b: attempt token
  case retryReady  // a: task, b: attempt token
  case messageArrives  // a: message
  case healthCheck
  case fault  // a: index into the swarm's scheduled faults
}

/// One scheduled event.
struct AgendaItem {
  var time: Tick
  var sequence: Int64
  var kind: AgendaKind
  var a: Int32
  var b: Int32

  @inline(__always) func precedes(_ o: AgendaItem) -> Bool {
    time < o.time || (time == o.time && sequence < o.sequence)
  }
}

/// A binary min-heap of ``AgendaItem``.
struct Agenda {
  private(set) var items: [AgendaItem] = []
  private var nextSequence: Int64 = 0

  var isEmpty: Bool { items.isEmpty }
  var count: Int { items.count }
  var first: AgendaItem? { items.first }

  /// - Complexity: O(log n).
  mutating func schedule(_ kind: AgendaKind, at time: Tick, _ a: Int32 = 0, _ b: Int32 = 0) {
    items.append(AgendaItem(time: time, sequence: nextSequence, kind: kind, a: a, b: b))
    nextSequence += 1
    var i = items.count - 1
    while i > 0 {
      let p = (i - 1) / 2
      guard items[i].precedes(items[p]) else { break }
      items.swapAt(i, p)
      i = p
    }
  }

  /// - Complexity: O(log n).
  mutating func pop() -> AgendaItem? {
    guard !items.isEmpty else { return nil }
    let top = items[0]
    let last = items.removeLast()
    if !items.isEmpty {
      items[0] = last
      var i = 0
      let n = items.count
      while true {
        let l = 2 * i + 1
        let r = l + 1
        var m = i
        if l < n && items[l].precedes(items[m]) { m = l }
        if r < n && items[r].precedes(items[m]) { m = r }
        if m == i { break }
        items.swapAt(i, m)
        i = m
      }
    }
    return top
  }
}
