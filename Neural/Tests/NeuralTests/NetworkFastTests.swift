import Neural
import NeuralIO
import Testing

/// Fast paths (gemm/gemv) against the scalar reference.
@Suite("Fast paths against the reference")
struct NetworkFastTests {
  static func nets() throws -> [Network] {
    var a = try Network.standard(layers: [8, 7, 5, 2], seed: 1)
    a.setHiddenActivation(.sigmoidSymmetric)
    a.setOutputActivation(.sigmoid)
    var b = try Network.shortcut(layers: [8, 3, 2, 2], seed: 2)
    b.setHiddenActivation(.elliotSymmetric)
    b.setOutputActivation(.linearPiece)
    var c = try Network.standard(layers: [8, 4, 2], seed: 3)
    c.setHiddenActivation(.gaussian)
    c.setOutputActivation(.sigmoidSymmetricStepwise)
    return [a, b, c]
  }

  @Test func gemvForwardMatchesReference() throws {
    var rng = NeuralRandom(seed: 7)
    for var net in try Self.nets() {
      for _ in 0..<20 {
        let x = (0..<8).map { _ in rng.uniform(-2, 2) }
        let fast = try net.runFast(x), ref = try net.runReference(x)
        for (a, b) in zip(fast, ref) { #expect(close(a, b, rel: 1e-5, abs: 1e-6)) }
      }
      let xs = (0..<(8 * 1500)).map { _ in rng.uniform(-1, 1) }
      let batch = try net.runBatch(xs)
      for d in stride(from: 0, to: 1500, by: 97) {
        let ref = try net.run(Array(xs[(d * 8)..<(d * 8 + 8)]))
        for j in 0..<net.numOutputs { #expect(close(batch[d * net.numOutputs + j], ref[j], rel: 1e-5, abs: 1e-6)) }
      }
    }
  }

  @Test("whole-epoch matrix training matches the per-sample reference",
    arguments: [Network.TrainingAlgorithm.batch, .rprop, .quickprop, .sarprop])
  func epochMatchesReference(algorithm: Network.TrainingAlgorithm) throws {
    let data = try NeuralFiles.loadData(path: Fixture.fann("diabetes.train"))
    for net in try Self.nets() {
      var fast = net, ref = net
      fast.trainingAlgorithm = algorithm
      ref.trainingAlgorithm = algorithm
      for epoch in 0..<3 {
        let a = try fast.trainEpoch(on: data)
        let b = try ref.trainEpochReference(on: data)
        #expect(close(a, b, rel: 1e-4), "epoch \(epoch)")
        #expect(fast.bitFail == ref.bitFail)
        for (x, y) in zip(fast.weights, ref.weights) { #expect(close(x, y, rel: 1e-3, abs: 1e-5)) }
      }
    }
  }

  @Test func incrementalMatchesReferenceOnFirstSamples() throws {
    let all = try NeuralFiles.loadData(path: Fixture.fann("diabetes.train"))
    for n in [1, 2, 10] {
      let data = try all.subset(position: 0, length: n)
      for net in try Self.nets() {
        var fast = net, ref = net
        fast.trainingAlgorithm = .incremental
        ref.trainingAlgorithm = .incremental
        fast.learningMomentum = 0.3
        ref.learningMomentum = 0.3
        let a = try fast.trainEpoch(on: data)
        let b = try ref.trainEpochReference(on: data)
        #expect(close(a, b, rel: 1e-4), "n=\(n)")
        for (x, y) in zip(fast.weights, ref.weights) { #expect(close(x, y, rel: 1e-3, abs: 1e-5), "n=\(n)") }
      }
    }
  }

  @Test func sparseNetsUseTheReference() throws {
    let data = try NeuralFiles.loadData(path: Fixture.fann("diabetes.train"))
    var sparse = try Network.sparse(connectionRate: 0.5, layers: [8, 5, 2], seed: 4)
    var copy = sparse
    #expect(try sparse.trainEpoch(on: data) == (try copy.trainEpochReference(on: data)))
    #expect(try sparse.runFast(data.input(0)) == (try copy.run(data.input(0))))
    let outs = try sparse.runBatch(Array(data.inputs[0..<16]))
    #expect(Array(outs[0..<2]) == (try sparse.run(data.input(0))))
    var inc = try Network.sparse(connectionRate: 0.5, layers: [8, 5, 2], seed: 4)
    inc.trainingAlgorithm = .incremental
    var incCopy = inc
    #expect(try inc.trainEpoch(on: data) == (try incCopy.trainEpochReference(on: data)))
    var empty = try Network.standard(layers: [8, 5, 2], seed: 4)
    #expect(throws: NeuralError.invalidArgument(.notTrainable)) {
      empty.setOutputActivation(.thresholdSymmetric)
      _ = try empty.trainEpoch(on: data)
    }
  }
}
