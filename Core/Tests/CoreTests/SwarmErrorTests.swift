import Testing
@testable import Core

@Suite struct SwarmErrorTests {
  @Test func errorsCompareByPayload() {
    #expect(SwarmError.unknownAgent(AgentID(1)) != .unknownAgent(AgentID(2)))
    #expect(SwarmError.dependencyCycle([1, 2]) == .dependencyCycle([1, 2]))
    #expect(SwarmError.invalidLink(AgentID(0), AgentID(0)) != .invalidTopology)
  }
}
