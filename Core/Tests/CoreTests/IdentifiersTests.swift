import Testing
@testable import Core

@Suite struct IdentifiersTests {
  @Test func idsOrderByIndex() {
    #expect(AgentID(1) < AgentID(2))
    #expect(TaskID(3) > TaskID(2))
    #expect(MessageID(0) < MessageID(5))
    #expect([AgentID(2), AgentID(0)].sorted() == [AgentID(0), AgentID(2)])
  }
}
