import Testing
@testable import Core

@Suite struct AgentTests {
  @Test func complementIsAnInvolution() {
    for p in CognitivePattern.allCases { #expect(p.complement.complement == p) }
    #expect(CognitivePattern.convergent.complement == .divergent)
    #expect(CognitivePattern.lateral.complement == .systems)
    #expect(CognitivePattern.critical.complement == .abstract)
    #expect(CognitivePattern.adaptive.complement == .adaptive)
    #expect(AgentType.allCases.count == 8)
  }

  @Test func capabilitySets() {
    let s: CapabilitySet = [Capability(0), Capability(63), Capability(64), Capability(-1)]
    #expect(s.count == 2)
    #expect(s.contains(Capability(63)) && !s.contains(Capability(64)) && !s.contains(Capability(1)))
    #expect(CapabilitySet.none.isSubset(of: s))
    #expect(CapabilitySet([Capability(0)]).isSubset(of: s))
    #expect(!s.isSubset(of: [Capability(0)]))
    #expect(CapabilitySet(bits: 5).count == 2)
  }
}
