import CFloatFANN
import Neural
import Testing

@Suite("Creating standard, sparse and shortcut networks")
struct NetworkCreateTests {
  @Test func standardLayoutMatchesLibfann() throws {
    let net = try Network.standard(layers: [2, 3, 1], seed: 1)
    let peer = PeerNet(standard: [2, 3, 1])
    #expect(net.totalConnections == Int(fann_get_total_connections(peer.ann)))
    #expect(net.totalNeurons == 9)
    #expect(net.layerSizes == [2, 3, 1])
    #expect(net.numInputs == 2 && net.numOutputs == 1 && net.numLayers == 3)
    // Connection sources in libfann's order.
    let c = net.connections
    #expect(c.map(\.from) == (0..<13).map { Int(peer.ann.pointee.connections[$0]! - peer.ann.pointee.first_layer.pointee.first_neuron) })
    #expect(c.allSatisfy { abs($0.weight) <= 0.1 })
  }

  @Test("sparse nets keep FANN's connection guarantee", arguments: [0.05, 0.2, 0.5, 0.8] as [Float])
  func sparseGuarantee(rate: Float) throws {
    for seed in 0..<20 {
      let layers = [5, 7, 3, 2]
      let net = try Network.sparse(connectionRate: rate, layers: layers, seed: UInt64(seed))
      let peer = layers.map(UInt32.init).withUnsafeBufferPointer {
        fann_create_sparse_array(rate, 4, $0.baseAddress!)!
      }
      defer { fann_destroy(peer) }
      #expect(net.totalConnections == Int(fann_get_total_connections(peer)))
      #expect(net.connectionRate == rate)
      let c = net.connections
      for l in 1..<layers.count {
        let first = net.layerStart[l], prev = net.layerStart[l - 1]
        // Every neuron reads its bias first and at least one real input, each source once.
        for k in first..<(first + layers[l]) {
          let mine = c.filter { $0.to == k }.map(\.from)
          #expect(mine.first == first - 1)
          #expect(mine.count >= 2)
          #expect(Set(mine).count == mine.count)
          #expect(mine.allSatisfy { $0 >= prev && $0 < first })
        }
        // Every neuron of the previous layer feeds at least one neuron.
        for j in prev..<(first - 1) { #expect(c.contains { $0.from == j }) }
      }
    }
  }

  @Test func shortcutLayoutMatchesLibfann() throws {
    let net = try Network.shortcut(layers: [2, 3, 1], seed: 1)
    let peer = [UInt32(2), 3, 1].withUnsafeBufferPointer { fann_create_shortcut_array(3, $0.baseAddress!)! }
    defer { fann_destroy(peer) }
    #expect(net.totalConnections == Int(fann_get_total_connections(peer)))
    #expect(net.networkType == .shortcut)
    #expect(net.layerSizes == [2, 3, 1])
    #expect(net.totalNeurons == Int(fann_get_total_neurons(peer)))
  }

  @Test func invalidLayersAreRejected() {
    #expect(throws: NeuralError.invalidArgument(.layers)) { try Network.standard(layers: [2]) }
    #expect(throws: NeuralError.invalidArgument(.layers)) { try Network.standard(layers: [2, 0, 1]) }
    #expect(throws: NeuralError.invalidArgument(.layers)) { try Network.shortcut(layers: [3]) }
    #expect(throws: NeuralError.invalidArgument(.layers)) { try Network.standard(layers: [100_000, 100_000]) }
    #expect(throws: NeuralError.invalidArgument(.connectionRate)) {
      try Network.sparse(connectionRate: 0, layers: [2, 1])
    }
    #expect(throws: NeuralError.invalidArgument(.connectionRate)) {
      try Network.sparse(connectionRate: .nan, layers: [2, 1])
    }
    #expect(throws: NeuralError.invalidArgument(.layers)) {
      try Network(type: .layer, connectionRate: 1, layerSizes: [1, 2], inputsPerNeuron: [0, 0, 0],
        sources: [], weights: [], activation: [.linear, .linear, .linear], steepness: [0, 0, 0])
    }
    #expect(throws: NeuralError.invalidArgument(.topology)) {
      try Network(type: .layer, connectionRate: 1, layerSizes: [2, 2], inputsPerNeuron: [0, 0, 1],
        sources: [0], weights: [1], activation: [.linear, .linear, .linear], steepness: [0, 0, 0])
    }
    #expect(throws: NeuralError.invalidArgument(.topology)) {
      try Network(type: .layer, connectionRate: 1, layerSizes: [2, 2], inputsPerNeuron: [1, 0, 1, 0],
        sources: [0, 0], weights: [1, 1], activation: [.linear, .linear, .linear, .linear], steepness: [0, 0, 0, 0])
    }
    #expect(throws: NeuralError.invalidArgument(.topology)) {
      try Network(type: .layer, connectionRate: 1, layerSizes: [2, 2], inputsPerNeuron: [0, 0, 1, 0],
        sources: [2], weights: [1], activation: [.linear, .linear, .linear, .linear], steepness: [0, 0, 0, 0])
    }
    #expect(throws: NeuralError.invalidArgument(.topology)) {
      try Network(type: .layer, connectionRate: 1, layerSizes: [2, 2], inputsPerNeuron: [0, 0, -1, 0],
        sources: [], weights: [], activation: [.linear, .linear, .linear, .linear], steepness: [0, 0, 0, 0])
    }
    #expect(throws: NeuralError.invalidArgument(.topology)) {
      try Network(type: .layer, connectionRate: 1, layerSizes: [2, 2], inputsPerNeuron: [0, 0, 1, 0],
        sources: [0, 1], weights: [1], activation: [.linear, .linear, .linear, .linear], steepness: [0, 0, 0, 0])
    }
    #expect(throws: NeuralError.invalidArgument(.range)) {
      try Network(type: .layer, connectionRate: 1, layerSizes: [2, 2], inputsPerNeuron: [0, 0, 1, 0],
        sources: [0], weights: [.nan], activation: [.linear, .linear, .linear, .linear], steepness: [0, 0, 0, 0])
    }
    #expect(throws: NeuralError.invalidArgument(.range)) {
      try Network(type: .layer, connectionRate: 1, layerSizes: [2, 2], inputsPerNeuron: [0, 0, 1, 0],
        sources: [0], weights: [1], activation: [.linear, .linear, .linear, .linear], steepness: [0, 0, .infinity, 0])
    }
  }

  @Test func runRejectsWrongWidth() throws {
    var net = try Network.standard(layers: [2, 1])
    #expect(throws: NeuralError.shapeMismatch(expected: 2, actual: 3)) { try net.run([1, 2, 3]) }
    #expect(throws: NeuralError.shapeMismatch(expected: 2, actual: 1)) { try net.runFast([1]) }
    #expect(throws: NeuralError.shapeMismatch(expected: 4, actual: 3)) { try net.runBatch([1, 2, 3]) }
  }
}
