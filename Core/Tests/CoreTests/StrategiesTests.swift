import Testing
@testable import Core

@Suite struct StrategiesTests {
  @Test func orchestrationWindows() {
    #expect(Swarm(SwarmConfiguration(orchestration: .parallel)).inFlightLimit == Int.max)
    #expect(Swarm(SwarmConfiguration(orchestration: .sequential)).inFlightLimit == 1)
    #expect(Swarm(SwarmConfiguration(orchestration: .adaptive(initial: 3, maximum: 8))).inFlightLimit == 3)
    #expect(Swarm(SwarmConfiguration(orchestration: .adaptive(initial: 0, maximum: 8))).inFlightLimit == 1)
    #expect(Swarm(SwarmConfiguration(orchestration: .adaptive(initial: 20, maximum: 8))).inFlightLimit == 8)
  }

  @Test func defaults() {
    let c = SwarmConfiguration()
    #expect(c.distribution == .leastLoaded && c.topology == .mesh && c.offlinePolicy == .queue)
    #expect(c.heartbeatInterval == 5 && c.healthCheckInterval == 10)
  }
}
