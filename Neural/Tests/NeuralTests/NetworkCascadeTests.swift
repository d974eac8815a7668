import CFloatFANN
import Neural
import NeuralIO
import Testing

@Suite("Cascade-correlation")
struct NetworkCascadeTests {
  @Test func growsAShortcutNetThatSolvesXor() throws {
    let xor = try NeuralFiles.loadData(path: Fixture.fann("xor.data"))
    var net = try Network.shortcut(layers: [2, 1], seed: 1)
    net.setOutputActivation(.sigmoidSymmetric)
    var reports = [TrainingReport]()
    let r = try net.cascadeTrain(on: xor, maxNeurons: 8, neuronsBetweenReports: 1, desiredError: 0.001) {
      reports.append($0)
      return true
    }
    #expect(r.mse <= 0.001 || net.numLayers == 2 + 8)
    #expect(net.numLayers > 2)
    #expect(net.networkType == .shortcut)
    #expect(!reports.isEmpty)
    // The grown net is a valid FANN file that libfann loads and evaluates identically.
    let dir = Fixture.tempDirectory()
    try NeuralFiles.save(net, path: dir + "/cascade.net")
    let peer = try #require(PeerNet(file: dir + "/cascade.net"))
    for x: [Float] in [[-1, -1], [-1, 1], [1, -1], [1, 1]] { #expect(try net.run(x) == peer.run(x)) }
    #expect(try net.test(on: xor) <= 0.01)
  }

  @Test("every candidate-training algorithm grows the net", arguments: [Network.TrainingAlgorithm.rprop, .quickprop, .sarprop])
  func algorithms(algorithm: Network.TrainingAlgorithm) throws {
    let data = try NeuralFiles.loadData(path: Fixture.fann("parity8.train"))
    var net = try Network.shortcut(layers: [8, 1], seed: 2)
    net.trainingAlgorithm = algorithm
    net.cascade.maxOutEpochs = 40
    net.cascade.maxCandEpochs = 40
    net.cascade.minOutEpochs = 5
    net.cascade.minCandEpochs = 5
    net.cascade.activationFunctions = [.sigmoidSymmetric, .gaussian]
    net.cascade.activationSteepnesses = [0.5, 1]
    net.cascade.candidateLimit = 1e9
    let before = try { var n = net; return try n.test(on: data) }()
    let r = try net.cascadeTrain(on: data, maxNeurons: 3, desiredError: 0)
    #expect(net.numLayers == 5)
    #expect(r.epoch > 0)
    #expect(try net.test(on: data) < before)
  }

  @Test func stopsOnCallbackAndRejectsBadSetups() throws {
    let xor = try NeuralFiles.loadData(path: Fixture.fann("xor.data"))
    var net = try Network.shortcut(layers: [2, 1], seed: 3)
    _ = try net.cascadeTrain(on: xor, maxNeurons: 5, neuronsBetweenReports: 1, desiredError: 0) { _ in false }
    #expect(net.numLayers == 2)
    var layered = try Network.standard(layers: [2, 1])
    #expect(throws: NeuralError.invalidArgument(.topology)) {
      try layered.cascadeTrain(on: xor, maxNeurons: 1, desiredError: 0)
    }
    var batch = try Network.shortcut(layers: [2, 1])
    batch.trainingAlgorithm = .batch
    #expect(throws: NeuralError.invalidArgument(.notTrainable)) {
      try batch.cascadeTrain(on: xor, maxNeurons: 1, desiredError: 0)
    }
    var threshold = try Network.shortcut(layers: [2, 1])
    threshold.cascade.activationFunctions = [.threshold]
    #expect(throws: NeuralError.invalidArgument(.notTrainable)) {
      try threshold.cascadeTrain(on: xor, maxNeurons: 1, desiredError: 0)
    }
    var empty = try Network.shortcut(layers: [2, 1])
    empty.cascade.activationSteepnesses = []
    #expect(throws: NeuralError.invalidArgument(.range)) {
      try empty.cascadeTrain(on: xor, maxNeurons: 1, desiredError: 0)
    }
  }
}
