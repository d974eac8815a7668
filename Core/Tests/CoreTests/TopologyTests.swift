import Testing
@testable import Core

@Suite struct TopologyTests {
  func swarm(_ kind: TopologyKind, _ n: Int) throws -> Swarm {
    try makeSwarm(n, SwarmConfiguration(topology: kind))
  }

  func ids(_ xs: [Int]) -> [AgentID] { xs.map { AgentID($0) } }

  @Test func mesh() throws {
    let s = try swarm(.mesh, 4)
    #expect(try s.neighbors(of: AgentID(2)) == ids([0, 1, 3]))
    #expect(try s.path(from: AgentID(0), to: AgentID(3)) == ids([0, 3]))
    try s.apply(.terminate(AgentID(0)))
    #expect(s.members == ids([3, 1, 2]))  // swap-remove
    #expect(try s.neighbors(of: AgentID(0)) == [])
  }

  @Test func starReElectsItsHub() throws {
    let s = try swarm(.star, 4)
    #expect(s.hub == AgentID(0))
    #expect(try s.neighbors(of: AgentID(0)) == ids([1, 2, 3]))
    #expect(try s.neighbors(of: AgentID(2)) == ids([0]))
    #expect(try s.path(from: AgentID(1), to: AgentID(3)) == ids([1, 0, 3]))
    try s.apply(.offline(AgentID(0)))
    #expect(s.hub == AgentID(1))
    #expect(try s.path(from: AgentID(2), to: AgentID(3)) == ids([2, 1, 3]))
    try s.apply(.terminate(AgentID(1)))
    #expect(s.hub == AgentID(2))
    try s.apply(.online(AgentID(0)))
    #expect(s.hub == AgentID(2))
    let elections = s.events.filter { $0.kind == .hubElected }.map { ($0.agent, $0.peer) }
    #expect(elections.map { $0.0 } == [0, 1, 2] && elections.map { $0.1 } == [-1, 0, 1])
    let lone = try swarm(.star, 1)
    try lone.apply(.terminate(AgentID(0)))
    #expect(lone.hub == nil)
  }

  @Test func starHubOfflineThenBackIsReplacedOnlyWhenNeeded() throws {
    let s = try swarm(.star, 2)
    try s.apply(.offline(AgentID(0)))
    #expect(s.hub == AgentID(1))
    try s.apply(.offline(AgentID(1)))  // nobody is up: the earliest member holds the post
    #expect(s.hub == AgentID(0))
    try s.apply(.online(AgentID(1)))  // hub 0 is offline: re-elect the earliest member that is up
    #expect(s.hub == AgentID(1))
  }

  @Test func ringClosesTheGap() throws {
    let s = try swarm(.ring, 5)
    #expect(try s.neighbors(of: AgentID(0)) == ids([1, 4]))
    #expect(try s.path(from: AgentID(0), to: AgentID(3)) == ids([0, 4, 3]))
    try s.apply(.terminate(AgentID(4)))
    #expect(try s.neighbors(of: AgentID(0)) == ids([1, 3]))
    try s.apply(.offline(AgentID(3)))
    #expect(try s.path(from: AgentID(0), to: AgentID(2)) == ids([0, 1, 2]))
    let two = try swarm(.ring, 2)
    #expect(try two.neighbors(of: AgentID(1)) == ids([0]))
    let one = try swarm(.ring, 1)
    #expect(try one.neighbors(of: AgentID(0)) == [])
  }

  @Test func pipeline() throws {
    let s = try swarm(.pipeline, 4)
    #expect(try s.neighbors(of: AgentID(0)) == ids([1]))
    #expect(try s.neighbors(of: AgentID(2)) == ids([1, 3]))
    #expect(try s.path(from: AgentID(0), to: AgentID(3)) == ids([0, 1, 2, 3]))
    try s.apply(.offline(AgentID(1)))
    #expect(try s.path(from: AgentID(0), to: AgentID(3)) == nil)
    try s.apply(.terminate(AgentID(1)))
    #expect(try s.path(from: AgentID(0), to: AgentID(3)) == ids([0, 2, 3]))
  }

  @Test func hierarchicalFanOut() throws {
    let s = try swarm(.hierarchical(fanOut: 2), 7)
    #expect(try s.neighbors(of: AgentID(0)) == ids([1, 2]))
    #expect(try s.neighbors(of: AgentID(1)) == ids([0, 3, 4]))
    #expect(try s.neighbors(of: AgentID(6)) == ids([2]))
    #expect(try s.path(from: AgentID(3), to: AgentID(6)) == ids([3, 1, 0, 2, 6]))
    try s.apply(.terminate(AgentID(1)))  // agent 6 moves into position 1
    #expect(try s.neighbors(of: AgentID(6)) == ids([0, 3, 4]))
    #expect(try s.neighbors(of: AgentID(2)) == ids([0, 5]))
  }

  @Test func clustered() throws {
    let s = try swarm(.clustered(size: 3), 7)  // clusters {0,1,2} {3,4,5} {6}; heads 0, 3, 6
    #expect(try s.neighbors(of: AgentID(1)) == ids([0, 2]))
    #expect(try s.neighbors(of: AgentID(3)) == ids([0, 4, 5, 6]))
    #expect(try s.neighbors(of: AgentID(6)) == ids([0, 3]))
    #expect(try s.path(from: AgentID(1), to: AgentID(5)) == ids([1, 0, 3, 5]))
  }

  @Test func customLinksAndRewiring() throws {
    let s = Swarm(SwarmConfiguration(topology: .custom))
    let a = try s.spawn(AgentSpec(type: .coder, behavior: echo()))
    let b = try s.spawn(AgentSpec(type: .coder, behavior: echo()), links: [a])
    let c = try s.spawn(AgentSpec(type: .coder, behavior: echo()), links: [b])
    #expect(try s.neighbors(of: b) == [a, c])
    #expect(try s.path(from: a, to: c) == [a, b, c])
    try s.connect(a, c)
    try s.connect(c, a)  // already linked: no event
    #expect(try s.path(from: a, to: c) == [a, c])
    try s.disconnect(a, c)
    try s.disconnect(a, c)  // not linked: no event
    #expect(s.events.filter { $0.kind == .linkAdded }.count == 3)
    #expect(s.events.filter { $0.kind == .linkRemoved }.count == 1)
    try s.apply(.terminate(b))
    #expect(try s.neighbors(of: a) == [])
    #expect(try s.path(from: a, to: c) == nil)
    #expect(s.events.filter { $0.kind == .linkRemoved }.count == 3)
    #expect(throws: SwarmError.invalidLink(a, a)) { try s.connect(a, a) }
    #expect(throws: SwarmError.agentTerminated(b)) { try s.connect(a, b) }
    #expect(throws: SwarmError.unknownAgent(AgentID(9))) { try s.connect(a, AgentID(9)) }
    let mesh = try swarm(.mesh, 2)
    #expect(throws: SwarmError.invalidTopology) { try mesh.connect(AgentID(0), AgentID(1)) }
    #expect(throws: SwarmError.invalidTopology) { try mesh.disconnect(AgentID(0), AgentID(1)) }
  }

  @Test func pathEdgeCases() throws {
    let s = try swarm(.ring, 3)
    #expect(try s.path(from: AgentID(1), to: AgentID(1)) == ids([1]))
    try s.apply(.offline(AgentID(2)))
    #expect(try s.path(from: AgentID(0), to: AgentID(2)) == nil)
    #expect(throws: SwarmError.unknownAgent(AgentID(3))) { try s.path(from: AgentID(0), to: AgentID(3)) }
    #expect(throws: SwarmError.unknownAgent(AgentID(3))) { try s.neighbors(of: AgentID(3)) }
  }
}
