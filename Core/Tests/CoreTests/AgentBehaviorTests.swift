import Testing
@testable import Core

@Suite struct AgentBehaviorTests {
  final class Plain: AgentBehavior {
    func perform(_ input: TaskInput) throws(TaskFailure) -> TaskOutput { TaskOutput(.int(1)) }
  }

  @Test func jobsCaptureSuccessAndFailure() throws {
    let s = Swarm()
    try s.spawn(AgentSpec(type: .tester, behavior: failing(9)))
    try s.spawn(AgentSpec(type: .tester, behavior: Plain()))
    try s.submit(flat(2))
    let batch = s.nextBatch()
    #expect(batch.count == 2)
    let outcomes = batch.map { $0.run() }
    #expect(outcomes[0] == .failure(TaskFailure(code: 9, message: "boom")))
    #expect(outcomes[1] == .success(TaskOutput(.int(1))))
    // The default `receive` does nothing and does not trap.
    Plain().receive(Message(id: MessageID(0), from: AgentID(0), to: AgentID(1), payload: .null, sentAt: 0,
                            hops: 1, status: .delivered, deliveredAt: 1, isBroadcast: false))
    try s.complete(batch, with: outcomes)
  }
}
