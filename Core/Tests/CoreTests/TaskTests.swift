import Testing
@testable import Core

@Suite struct TaskTests {
  @Test func backoffGrowsAndIsCapped() {
    let p = RetryPolicy(maxRetries: 5, base: 2, multiplier: 3, maxDelay: 40)
    #expect((1...5).map { p.delay(beforeRetry: $0) } == [2, 6, 18, 40, 40])
    #expect(RetryPolicy(maxRetries: 1, base: 0).delay(beforeRetry: 3) == 0)
    #expect(RetryPolicy(base: 5, multiplier: 0).delay(beforeRetry: 4) == 5)
    #expect(RetryPolicy(base: Tick.max / 2, multiplier: 4, maxDelay: Tick.max).delay(beforeRetry: 3) == Tick.max)
    #expect(RetryPolicy.none.maxRetries == 0)
  }

  @Test func statusesAndPriorities() {
    #expect(TaskStatus.allFinal == [.completed, .failed, .cancelled, .timedOut])
    #expect(TaskPriority.critical > .high && TaskPriority.normal > .low)
  }
}

extension TaskStatus {
  static var allFinal: [TaskStatus] {
    [TaskStatus.pending, .assigned, .running, .completed, .failed, .cancelled, .timedOut].filter { $0.isFinal }
  }
}
