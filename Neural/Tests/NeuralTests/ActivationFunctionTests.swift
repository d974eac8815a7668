import CFloatFANN
import Neural
import Testing

@Suite("Activation functions against libfann")
struct ActivationFunctionTests {
  /// A 1-1 layered net with input weight w and bias weight b, output function f, steepness s.
  func pair(_ f: ActivationFunction, steepness s: Float, w: Float, b: Float) throws -> (Network, PeerNet) {
    var net = try Network.standard(layers: [1, 1])
    net.weights = [w, b]
    net.setOutputActivation(f)
    net.setOutputSteepness(s)
    let peer = PeerNet(standard: [1, 1])
    peer.ann.pointee.weights[0] = w
    peer.ann.pointee.weights[1] = b
    fann_set_activation_function_output(peer.ann, fann_activationfunc_enum(f.rawValue))
    fann_set_activation_steepness_output(peer.ann, s)
    return (net, peer)
  }

  static let libfannFunctions = ActivationFunction.allCases.filter { $0.rawValue <= 17 }

  @Test("forward values are bit-identical to fann_run", arguments: libfannFunctions)
  func forwardMatchesPeer(f: ActivationFunction) throws {
    for s: Float in [0.25, 0.5, 1, 2.5] {
      var (net, peer) = try pair(f, steepness: s, w: 1, b: 0)
      var x: Float = -8
      while x <= 8 {
        #expect(try net.run([x]) == peer.run([x]), "\(f) s=\(s) x=\(x)")
        x += 0.0625
      }
      // Clamp at ±150/steepness.
      #expect(try net.run([1e6]) == peer.run([1e6]))
    }
  }

  @Test("derivatives match libfann through one incremental step", arguments: libfannFunctions.filter(\.isTrainable))
  func derivativesMatchPeer(f: ActivationFunction) throws {
    for x: Float in [-2, -0.3, 0.1, 0.7, 3] {
      var (net, peer) = try pair(f, steepness: 0.7, w: 0.4, b: -0.2)
      net.trainingAlgorithm = .incremental
      let target: Float = f.isSymmetric ? -0.5 : 0.25
      try net.train(input: [x], desired: [target])
      var xi = [x], yi = [target]
      fann_train(peer.ann, &xi, &yi)
      #expect(net.weights == [peer.ann.pointee.weights[0], peer.ann.pointee.weights[1]], "\(f) x=\(x)")
    }
  }

  @Test func rectifiersFollowFannMaster() {
    #expect(ActivationFunction.linearPieceRect.value(-2) == 0)
    #expect(ActivationFunction.linearPieceRect.value(3) == 3)
    #expect(ActivationFunction.linearPieceRectLeaky.value(-2) == Float(-2.0 * 0.01))
    #expect(ActivationFunction.linearPieceRectLeaky.value(3) == 3)
    #expect(ActivationFunction.linearPieceRect.derivative(steepness: 0.5, value: -1, sum: -1) == 0)
    #expect(ActivationFunction.linearPieceRect.derivative(steepness: 0.5, value: 1, sum: 1) == 0.5)
    #expect(ActivationFunction.linearPieceRectLeaky.derivative(steepness: 0.5, value: -1, sum: -1) == Float(0.5 * 0.01))
    #expect(ActivationFunction.linearPieceRectLeaky.derivative(steepness: 0.5, value: 1, sum: 1) == 0.5)
    #expect(ActivationFunction.gaussianStepwise.value(1) == 0)
    #expect(ActivationFunction.threshold.derivative(steepness: 1, value: 1, sum: 1) == 0)
    #expect(!ActivationFunction.thresholdSymmetric.isTrainable)
    #expect(ActivationFunction.allCases.count == 20)
    #expect(ActivationFunction.allCases.filter(\.isSymmetric).count == 8)
  }

  @Test func layerAccessors() throws {
    var net = try Network.standard(layers: [2, 3, 1])
    #expect(net.activation(layer: 1, neuron: 0) == .sigmoidStepwise)
    #expect(net.activation(layer: 0, neuron: 0) == nil)
    #expect(net.activation(layer: 1, neuron: 9) == nil)
    try net.setActivation(.cos, steepness: 0.3, layer: 2, neuron: 0)
    #expect(net.activation(layer: 2, neuron: 0) == .cos)
    #expect(net.steepness[net.firstOutput] == 0.3)
    #expect(throws: NeuralError.invalidArgument(.index)) {
      try net.setActivation(.cos, layer: 3, neuron: 0)
    }
    #expect(throws: NeuralError.invalidArgument(.index)) {
      try net.setActivation(.cos, layer: 1, neuron: 4)
    }
    var two = try Network.standard(layers: [2, 1])
    two.setHiddenActivation(.linear)
    two.setHiddenSteepness(2)
    #expect(two.activation(layer: 1, neuron: 0) == .sigmoidStepwise)
  }
}
