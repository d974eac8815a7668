import Testing
@testable import Core

@Suite struct EventQueueTests {
  @Test(arguments: 0...33) func popsInTimeThenSchedulingOrder(n: Int) {
    var rng = Xoshiro256(seed: UInt64(n))
    var agenda = Agenda()
    var reference: [(Tick, Int32)] = []
    for i in 0..<n {
      let t = Tick(rng.next(below: 5))
      agenda.schedule(.healthCheck, at: t, Int32(i))
      reference.append((t, Int32(i)))
    }
    // Stable sort by time = (time, scheduling order).
    let expected = reference.enumerated().sorted { ($0.element.0, $0.offset) < ($1.element.0, $1.offset) }
      .map { $0.element.1 }
    #expect(agenda.count == n)
    var got: [Int32] = []
    while let e = agenda.pop() { got.append(e.a) }
    #expect(got == expected)
    #expect(agenda.isEmpty && agenda.first == nil && agenda.pop() == nil)
  }

  @Test func interleavedPushesAndPops() {
    var agenda = Agenda()
    agenda.schedule(.retryReady, at: 5, 1, 9)
    agenda.schedule(.attemptEnds, at: 3, 2)
    #expect(agenda.pop()?.a == 2)
    agenda.schedule(.fault, at: 4, 3)
    agenda.schedule(.messageArrives, at: 5, 4)
    let e = agenda.pop()
    #expect(e?.a == 3 && e?.kind == .fault)
    let f = agenda.pop()
    #expect(f?.a == 1 && f?.b == 9)
    #expect(agenda.pop()?.a == 4)
  }
}
