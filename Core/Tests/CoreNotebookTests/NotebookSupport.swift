// Shared by the Core notebooks (README.md and Sources/Core/Core.docc/NN-*.md), which the
// NotebookPlugin compiles into this test target.
import Core

/// The kinds of a swarm's logged events, in order.
func eventKinds(_ swarm: Swarm) -> [SwarmEvent.Kind] { swarm.events.map { $0.kind } }
