import CFloatFANN
import Glibc
import Neural
import NeuralIO
import Testing

@Suite("Weights and scaling")
struct NetworkWeightsTests {
  @Test func randomizeStaysInRange() throws {
    var net = try Network.standard(layers: [3, 4, 2])
    var rng = NeuralRandom(seed: 1)
    try net.randomizeWeights(-0.5, 0.25, using: &rng)
    #expect(net.weights.allSatisfy { $0 >= -0.5 && $0 < 0.25 })
    #expect(throws: NeuralError.invalidArgument(.range)) { try net.randomizeWeights(1, 0, using: &rng) }
  }

  @Test func widrowNguyenFollowsFann() throws {
    let data = try NeuralFiles.loadData(path: Fixture.fann("diabetes.train"))
    for make in [{ try Network.standard(layers: [8, 6, 2]) }, { try Network.shortcut(layers: [8, 3, 2]) }] {
      var net = try make()
      var rng = NeuralRandom(seed: 2)
      _ = try net.trainEpoch(on: data)  // training state is cleared by init
      try net.initWeights(from: data, using: &rng)
      let lo = data.inputs.min()!, hi = data.inputs.max()!
      let hidden = net.totalNeurons - (8 + 2 + net.numLayers)
      let scale = Float(pow(Double(Float(0.7) * Float(hidden)), Double(Float(1) / 8)) / Double(hi - lo))
      let bias = net.layerStart[1] - 1
      for c in net.connections {
        let isBias = net.networkType == .layer ? net.layerStart.contains(c.from + 1) : c.from == bias
        if isBias {
          #expect(c.weight >= -scale && c.weight < scale)
        } else {
          #expect(c.weight >= 0 && c.weight < scale)
        }
      }
    }
    var net = try Network.standard(layers: [2, 1])
    var rng = NeuralRandom(seed: 2)
    #expect(throws: NeuralError.shapeMismatch(expected: 2, actual: 8)) { try net.initWeights(from: data, using: &rng) }
  }

  @Test func setWeightAndConnections() throws {
    var net = try Network.standard(layers: [1, 1])
    try net.setWeight(from: 0, to: 2, 0.5)
    #expect(net.connections[0].weight == 0.5)
    #expect(throws: NeuralError.invalidArgument(.index)) { try net.setWeight(from: 2, to: 2, 1) }
    #expect(throws: NeuralError.invalidArgument(.index)) { try net.setWeight(from: 0, to: 9, 1) }
  }

  @Test func scalingMatchesLibfannAndSavesTheScaleBlock() throws {
    let path = Fixture.fann("scaling.data")
    var data = try NeuralFiles.loadData(path: path)
    var net = try Network.standard(layers: [3, 5, 1], seed: 3)
    #expect(throws: NeuralError.invalidArgument(.range)) { try net.scaleInput([1, 2, 3]) }
    try net.setScalingParameters(from: data, inputMin: -1, inputMax: 1, outputMin: -0.5, outputMax: 0.5)
    let dir = Fixture.tempDirectory()
    try NeuralFiles.save(net, path: dir + "/scaled.net")
    let peer = try #require(PeerNet(file: dir + "/scaled.net"))
    let peerData = try #require(PeerData(file: path))
    fann_set_scaling_params(peer.ann, peerData.data, -1, 1, -0.5, 0.5)
    peer.save(dir + "/peer.net")
    #expect(try NeuralFiles.read(path: dir + "/peer.net") == net.netFile())
    let s = try #require(net.scaling)
    for i in 0..<3 {
      #expect(s.meanIn[i] == peer.ann.pointee.scale_mean_in[i])
      #expect(s.deviationIn[i] == peer.ann.pointee.scale_deviation_in[i])
    }
    #expect(s.meanOut[0] == peer.ann.pointee.scale_mean_out[0])
    var x = data.input(5), y = data.output(5)
    let sx = try net.scaleInput(x), sy = try net.scaleOutput(y)
    fann_scale_input(peer.ann, &x)
    fann_scale_output(peer.ann, &y)
    #expect(sx == x && sy == y)
    let back = try net.descaleInput(sx)
    for (a, b) in zip(back, data.input(5)) { #expect(close(a, b, rel: 1e-5)) }
    #expect(close(try net.descaleOutput(sy)[0], data.output(5)[0], rel: 1e-5))
    try net.scale(&data)
    #expect(data.input(5) == sx)
    #expect(throws: NeuralError.shapeMismatch(expected: 3, actual: 1)) { try net.scaleInput([1]) }
    #expect(throws: NeuralError.shapeMismatch(expected: 1, actual: 2)) { try net.scaleOutput([1, 2]) }
    #expect(throws: NeuralError.shapeMismatch(expected: 3, actual: 1)) { try net.descaleInput([1]) }
    #expect(throws: NeuralError.shapeMismatch(expected: 1, actual: 2)) { try net.descaleOutput([1, 2]) }
    net.clearScaling()
    #expect(net.scaling == nil)
    #expect(throws: NeuralError.invalidArgument(.range)) { try net.scaleOutput([1]) }
    #expect(throws: NeuralError.invalidArgument(.range)) { try net.descaleInput([1, 2, 3]) }
    #expect(throws: NeuralError.invalidArgument(.range)) { try net.descaleOutput([1]) }
  }
}
