import CFloatFANN
import Neural
import NeuralIO
import Testing

/// Training traces against libfann, started from the same libfann-saved net.
@Suite("Training against libfann")
struct NetworkTrainTests {
  static let algorithms: [Network.TrainingAlgorithm] = [.incremental, .batch, .rprop, .quickprop]

  /// Trains ours (reference path) and libfann's copy of `netPath` on `dataPath` for `epochs`
  /// epochs and returns both MSE traces.
  func traces(
    net netPath: String, data dataPath: String, algorithm: Network.TrainingAlgorithm,
    epochs: Int, configure: (inout Network, UnsafeMutablePointer<fann>) -> Void = { _, _ in }
  ) throws -> (ours: [Float], peer: [Float]) {
    var net = try NeuralFiles.loadNetwork(path: netPath)
    let data = try NeuralFiles.loadData(path: dataPath)
    let peer = try #require(PeerNet(file: netPath))
    let peerData = try #require(PeerData(file: dataPath))
    net.trainingAlgorithm = algorithm
    fann_set_training_algorithm(peer.ann, fann_train_enum(algorithm.rawValue))
    configure(&net, peer.ann)
    var ours = [Float](), theirs = [Float]()
    for _ in 0..<epochs {
      ours.append(try net.trainEpochReference(on: data))
      theirs.append(fann_train_epoch(peer.ann, peerData.data))
    }
    return (ours, theirs)
  }

  @Test("xor traces are bit-identical to libfann's", arguments: algorithms)
  func xorTrace(algorithm: Network.TrainingAlgorithm) throws {
    let (ours, peer) = try traces(
      net: Fixture.net("xor_init.net"), data: Fixture.fann("xor.data"), algorithm: algorithm,
      epochs: 10)
    #expect(ours == peer)
  }

  @Test("momentum and the LINEAR error function", arguments: [Network.ErrorFunction.linear, .tanh])
  func momentumAndErrorFunction(errorFunction: Network.ErrorFunction) throws {
    let (ours, peer) = try traces(
      net: Fixture.net("xor_init.net"), data: Fixture.fann("xor.data"), algorithm: .incremental,
      epochs: 10
    ) { net, ann in
      net.learningMomentum = 0.4
      net.errorFunction = errorFunction
      fann_set_learning_momentum(ann, 0.4)
      fann_set_train_error_function(ann, fann_errorfunc_enum(errorFunction.rawValue))
    }
    #expect(ours == peer)
  }

  /// A libfann-created diabetes net (8-10-2), saved and trained by both sides.
  @Test("diabetes RPROP/quickprop traces track libfann", arguments: [Network.TrainingAlgorithm.rprop, .quickprop, .batch])
  func diabetesTrace(algorithm: Network.TrainingAlgorithm) throws {
    let dir = Fixture.tempDirectory()
    let path = dir + "/diabetes-init.net"
    let creator = PeerNet(standard: [8, 10, 2])
    fann_set_activation_function_hidden(creator.ann, FANN_SIGMOID_SYMMETRIC)
    fann_set_activation_function_output(creator.ann, FANN_SIGMOID)
    creator.save(path)
    let (ours, peer) = try traces(
      net: path, data: Fixture.fann("diabetes.train"), algorithm: algorithm, epochs: 12)
    // FANN-SEMANTICS.md: float traces stay within 1e-6 for ≥ 12 epochs; ours uses FANN's
    // arithmetic order, so they agree far more closely.
    for (a, b) in zip(ours, peer) { #expect(close(a, b, rel: 1e-6)) }
  }

  @Test func driverStopsAtDesiredErrorAndOnCallback() throws {
    var net = try NeuralFiles.loadNetwork(path: Fixture.net("xor_init.net"))
    let data = try NeuralFiles.loadData(path: Fixture.fann("xor.data"))
    net.stopFunction = .mse
    let r = try net.train(on: data, maxEpochs: 1000, desiredError: 0.001)
    #expect(r.mse <= 0.001)
    #expect(r.epoch < 1000)
    var reports = [Int]()
    var net2 = try NeuralFiles.loadNetwork(path: Fixture.net("xor_init.net"))
    let r2 = try net2.train(on: data, maxEpochs: 1000, reportEvery: 5, desiredError: 0) { rep in
      reports.append(rep.epoch)
      return rep.epoch < 10
    }
    #expect(reports == [1, 5, 10])
    #expect(r2.epoch == 10)
    // Bit-fail stop function: the epoch's bit fails against the desired count.
    var net3 = try NeuralFiles.loadNetwork(path: Fixture.net("xor_init.net"))
    net3.stopFunction = .bit
    net3.bitFailLimit = 0.01
    let r3 = try net3.train(on: data, maxEpochs: 5000, desiredError: 0)
    #expect(r3.bitFail == 0)
    #expect(throws: NeuralError.invalidArgument(.range)) {
      try net3.train(on: data, maxEpochs: 0, desiredError: 0)
    }
  }

  @Test func singleSampleTrainingAndTest() throws {
    var net = try NeuralFiles.loadNetwork(path: Fixture.net("xor_init.net"))
    let peer = try #require(PeerNet(file: Fixture.net("xor_init.net")))
    fann_set_training_algorithm(peer.ann, FANN_TRAIN_INCREMENTAL)
    for x: [Float] in [[-1, 1], [1, 1], [1, -1]] {
      try net.train(input: x, desired: [x[0] == x[1] ? -1 : 1])
      var xi = x
      var yi: [Float] = [x[0] == x[1] ? -1 : 1]
      fann_train(peer.ann, &xi, &yi)
    }
    #expect(net.weights == (0..<net.totalConnections).map { peer.ann.pointee.weights[$0] })
    net.resetMSE()
    _ = try net.test([1, 1], desired: [-1])
    fann_reset_MSE(peer.ann)
    var xi: [Float] = [1, 1], yi: [Float] = [-1]
    _ = fann_test(peer.ann, &xi, &yi)
    #expect(net.meanSquaredError == fann_get_MSE(peer.ann))
    #expect(throws: NeuralError.shapeMismatch(expected: 1, actual: 2)) {
      try net.train(input: [1, 1], desired: [1, 1])
    }
    #expect(throws: NeuralError.shapeMismatch(expected: 2, actual: 1)) {
      try net.train(input: [1], desired: [1])
    }
    #expect(throws: NeuralError.shapeMismatch(expected: 1, actual: 0)) {
      try net.test([1, 1], desired: [])
    }
  }

  @Test func thresholdNetsAreNotTrainable() throws {
    var net = try Network.standard(layers: [2, 2, 1], seed: 1)
    net.setOutputActivation(.threshold)
    let data = try TrainingData(inputs: [[0, 1]], outputs: [[1]])
    #expect(throws: NeuralError.invalidArgument(.notTrainable)) { try net.trainEpoch(on: data) }
    let wide = try TrainingData(inputs: [[0, 1, 1]], outputs: [[1]])
    var ok = try Network.standard(layers: [2, 2, 1], seed: 1)
    #expect(throws: NeuralError.shapeMismatch(expected: 2, actual: 3)) { try ok.trainEpoch(on: wide) }
    let wideOut = try TrainingData(inputs: [[0, 1]], outputs: [[1, 1]])
    #expect(throws: NeuralError.shapeMismatch(expected: 1, actual: 2)) { try ok.trainEpoch(on: wideOut) }
  }

  @Test func sarpropIsReproducibleAndLearns() throws {
    let data = try NeuralFiles.loadData(path: Fixture.fann("xor.data"))
    func run() throws -> [Float] {
      var net = try NeuralFiles.loadNetwork(path: Fixture.net("xor_init.net"))
      net.trainingAlgorithm = .sarprop
      net.random = NeuralRandom(seed: 11)
      var trace = [Float]()
      for _ in 0..<300 { trace.append(try net.trainEpoch(on: data)) }
      #expect(net.sarpropEpoch == 300)
      return trace
    }
    let a = try run(), b = try run()
    #expect(a == b)
    #expect(a.last! < a.first!)
    // The first SARPROP epoch is deterministic and equals libfann's (no noise yet).
    let (ours, peer) = try traces(
      net: Fixture.net("xor_init.net"), data: Fixture.fann("xor.data"), algorithm: .sarprop,
      epochs: 2)
    #expect(ours == peer)
  }
}
