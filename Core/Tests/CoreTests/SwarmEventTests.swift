import Testing
@testable import Core

@Suite struct SwarmEventTests {
  /// The codes are a storage format (Persistence stores them): they must never change.
  @Test func kindCodesAreStable() {
    let codes = SwarmEvent.Kind.allCases.map { Int($0.rawValue) }
    #expect(codes == [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29,
                      30, 31, 32, 40, 41, 42, 43, 44, 50])
  }

  @Test func defaultsAreMinusOne() {
    let e = SwarmEvent(sequence: 3, time: 4, kind: .taskReady)
    #expect(e.agent == -1 && e.task == -1 && e.peer == -1 && e.value == 0)
  }
}
