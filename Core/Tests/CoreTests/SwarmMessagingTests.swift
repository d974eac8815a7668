import Testing
@testable import Core

@Suite struct SwarmMessagingTests {
  @Test func messagesFollowTheShortestPathAndCountLinks() throws {
    let recorder = Recorder()
    let s = try makeSwarm(5, SwarmConfiguration(topology: .ring, linkLatency: 2), behavior: recorder)
    let m = try s.send(.string("hi"), from: AgentID(0), to: AgentID(2))
    #expect(try s.message(m).status == .inFlight)
    s.run()
    let msg = try s.message(m)
    #expect(msg.status == .delivered && msg.hops == 2 && msg.deliveredAt == 4 && !msg.isBroadcast)
    #expect(try s.inbox(of: AgentID(2)).map { $0.id } == [m])
    #expect(recorder.received == [m])
    #expect(s.deliveries(between: AgentID(1), and: AgentID(0)) == 1)
    #expect(s.deliveries(between: AgentID(1), and: AgentID(2)) == 1)
    #expect(s.deliveries(between: AgentID(3), and: AgentID(2)) == 0)
    let links = s.linkDeliveries
    #expect(links.map { $0.0 } == [AgentID(0), AgentID(1)] && links.map { $0.1 } == [AgentID(1), AgentID(2)])
    #expect(try s.metrics(of: AgentID(1)).messagesRelayed == 1)
    #expect(try s.metrics(of: AgentID(0)).messagesSent == 1)
    #expect(try s.metrics(of: AgentID(2)).messagesReceived == 1)
    #expect(s.metrics.messageHops == 2 && s.metrics.messagesDelivered == 1)
    #expect(throws: SwarmError.unknownMessage(MessageID(5))) { try s.message(MessageID(5)) }
    #expect(throws: SwarmError.unknownAgent(AgentID(9))) { try s.inbox(of: AgentID(9)) }
  }

  @Test func broadcastFloodsTheTree() throws {
    let s = try makeSwarm(7, SwarmConfiguration(topology: .hierarchical(fanOut: 2)))
    let ids = try s.broadcast(.int(1), from: AgentID(1))
    #expect(ids.count == 6)
    s.run()
    for id in ids { #expect(try s.message(id).status == .delivered && s.message(id).isBroadcast) }
    // Tree from 1: 1-0, 1-3, 1-4, 0-2, 2-5, 2-6: one copy per tree link.
    #expect(s.linkDeliveries.count == 6 && s.linkDeliveries.allSatisfy { $0.2 == 1 })
    #expect(try s.message(ids[5]).hops == 3)
    #expect(try s.metrics(of: AgentID(0)).messagesRelayed == 1)
    #expect(try s.metrics(of: AgentID(2)).messagesRelayed == 2)
  }

  @Test func broadcastInAMeshAndWithOfflineMembers() throws {
    let s = try makeSwarm(4, SwarmConfiguration(topology: .mesh, offlinePolicy: .drop))
    try s.apply(.offline(AgentID(3)))
    let ids = try s.broadcast(.null, from: AgentID(0))
    s.run()
    #expect(try ids.map { try s.message($0).status } == [.delivered, .delivered, .dropped])
    #expect(s.metrics.messagesDropped == 1)
    try s.apply(.offline(AgentID(0)))
    let none = try s.broadcast(.null, from: AgentID(0))  // sender offline: every copy is undeliverable
    #expect(try none.map { try s.message($0).status } == [.dropped, .dropped, .dropped])
  }

  @Test func queuedMessagesWaitForTheRecipient() throws {
    let s = try makeSwarm(3, SwarmConfiguration(topology: .pipeline, offlinePolicy: .queue))
    try s.apply(.offline(AgentID(2)))
    let m = try s.send(.string("later"), from: AgentID(0), to: AgentID(2))
    #expect(try s.message(m).status == .queued)
    #expect(s.metrics.messagesQueued == 1)
    try s.schedule(.online(AgentID(2)), at: 10)
    s.run()
    #expect(try s.message(m).status == .delivered && s.message(m).deliveredAt == 12)
    #expect(kinds(s).contains(.messageQueued) && kinds(s).contains(.messageRerouted))
  }

  @Test func messagesToAnAgentThatGoesOfflineInFlight() throws {
    let s = try makeSwarm(3, SwarmConfiguration(topology: .pipeline, offlinePolicy: .queue, linkLatency: 5))
    let m = try s.send(.null, from: AgentID(0), to: AgentID(2))
    try s.schedule(.offline(AgentID(2)), at: 3)
    try s.schedule(.spawn(AgentSpec(type: .coder, behavior: echo()), links: []), at: 20)  // joining retries the queue
    try s.schedule(.online(AgentID(2)), at: 30)
    _ = s.run(until: 25)
    #expect(try s.message(m).status == .queued)
    s.run()
    #expect(try s.message(m).status == .delivered)
    // Dropping: the sender leaves while its message waits.
    let t = try makeSwarm(2, SwarmConfiguration(topology: .mesh, offlinePolicy: .queue))
    try t.apply(.offline(AgentID(1)))
    let q = try t.send(.null, from: AgentID(0), to: AgentID(1))
    let r = try t.send(.null, from: AgentID(1), to: AgentID(0))  // from an offline sender: queued too
    try t.apply(.terminate(AgentID(0)))
    #expect(try t.message(q).status == .dropped && t.message(r).status == .dropped)
    #expect(throws: SwarmError.agentTerminated(AgentID(0))) { try t.send(.null, from: AgentID(0), to: AgentID(1)) }
  }

  @Test func deliveryToADepartedAgentIsDropped() throws {
    let s = try makeSwarm(3, SwarmConfiguration(topology: .ring, offlinePolicy: .queue, linkLatency: 5))
    let m = try s.send(.null, from: AgentID(0), to: AgentID(1))
    let other = try s.send(.null, from: AgentID(0), to: AgentID(2))
    try s.schedule(.terminate(AgentID(1)), at: 2)
    s.run()
    #expect(try s.message(m).status == .dropped)
    #expect(try s.message(other).status == .delivered)
  }

  @Test func queuedMessagesStayQueuedWhileUnreachable() throws {
    let s = try makeSwarm(3, SwarmConfiguration(topology: .pipeline, offlinePolicy: .queue))
    try s.apply(.offline(AgentID(1)))
    let m = try s.send(.null, from: AgentID(0), to: AgentID(2))
    try s.apply(.offline(AgentID(2)))
    try s.apply(.online(AgentID(2)))  // relay 1 still down
    #expect(try s.message(m).status == .queued)
    try s.apply(.terminate(AgentID(0)))  // unrelated queued message of another pair stays
    #expect(try s.message(m).status == .dropped)
  }
}
