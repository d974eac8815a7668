import Neural
import Testing

@Suite struct TrainingBenchmarkTests {
  @Test(arguments: [TrainingBenchmark.Model.lstm, .transformer]) func lossFallsAndMemoryIsReused(_ model: TrainingBenchmark.Model) throws {
    let bench = try TrainingBenchmark(model)
    let first = try bench.step()
    var last = first
    for _ in 0..<5 { last = try bench.step() }
    #expect(last < first)
    #expect(!bench.parameters.isEmpty)
  }
}
