import CFloatFANN
import Neural
import NeuralIO
import Testing

@Suite("`.net` files against libfann's")
struct NetworkNetFileTests {
  static let roundTrip = ["xor_float.net", "xor_init.net", "xor_scaled.net", "xor_cascade.net"]

  @Test("libfann-written nets save back byte-identical", arguments: roundTrip)
  func roundTripsByteIdentical(name: String) throws {
    let bytes = try Fixture.bytes(Fixture.net(name))
    let net = try Network(netFile: bytes)
    #expect(net.netFile() == bytes)
  }

  @Test func resavedFileMatchesLibfannResave() throws {
    let net = try NeuralFiles.loadNetwork(path: Fixture.net("xor_float.net"))
    #expect(net.netFile() == (try Fixture.bytes(Fixture.net("xor_float_resaved.net"))))
  }

  @Test func xorOutputsMatchLibfann() throws {
    var net = try NeuralFiles.loadNetwork(path: Fixture.net("xor_float.net"))
    let expected: [([Float], Float)] = [
      ([-1, -1], -9.913808703e-01), ([-1, 1], 9.886813164e-01), ([1, -1], 9.899623990e-01),
      ([1, 1], -9.857352376e-01),
    ]
    for (x, y) in expected {
      #expect(close(try net.run(x)[0], y))
      #expect(close(try net.runFast(x)[0], y))
    }
    let data = try NeuralFiles.loadData(path: Fixture.fann("xor.data"))
    #expect(close(try net.test(on: data), 3.166493116e-05, rel: 1e-5))
    #expect(net.bitFail == 0)
  }

  @Test("outputs are bit-identical to libfann's fann_run", arguments: roundTrip)
  func bitIdenticalToPeer(name: String) throws {
    let path = Fixture.net(name)
    var net = try NeuralFiles.loadNetwork(path: path)
    let peer = try #require(PeerNet(file: path))
    var rng = NeuralRandom(seed: 5)
    for _ in 0..<50 {
      let x = (0..<net.numInputs).map { _ in rng.uniform(-1.5, 1.5) }
      #expect(try net.run(x) == peer.run(x))
    }
  }

  @Test func fixedPointExportMatchesLibfann() throws {
    let net = try NeuralFiles.loadNetwork(path: Fixture.net("xor_float.net"))
    let (bytes, dp) = net.fixedPointFile()
    #expect(dp == 13)
    #expect(bytes == (try Fixture.bytes(Fixture.net("xor_fixed.net"))))
  }

  @Test func readsVersion20WithoutScaleBlock() throws {
    var text = String(decoding: try Fixture.bytes(Fixture.net("xor_float.net")), as: UTF8.self)
    text = text.replacingOccurrences("FANN_FLO_2.1", "FANN_FLO_2.0")
    text = text.replacingOccurrences("scale_included=0\n", "")
    var net = try Network(netFile: Array(text.utf8))
    #expect(close(try net.run([-1, 1])[0], 9.886813164e-01))
  }

  @Test func filesWeWriteLoadInLibfann() throws {
    let dir = Fixture.tempDirectory()
    let nets: [Network] = [
      try Network.standard(layers: [3, 5, 2], seed: 1),
      try Network.sparse(connectionRate: 0.5, layers: [4, 6, 3, 2], seed: 2),
      try Network.shortcut(layers: [2, 3, 2, 1], seed: 3),
    ]
    for (i, original) in nets.enumerated() {
      var net = original
      net.setHiddenActivation(.elliotSymmetric)
      net.setOutputActivation(.sigmoidSymmetric)
      let path = dir + "/net\(i).net"
      try NeuralFiles.save(net, path: path)
      let peer = try #require(PeerNet(file: path))
      #expect(fann_get_total_connections(peer.ann) == UInt32(net.totalConnections))
      var rng = NeuralRandom(seed: 9)
      for _ in 0..<10 {
        let x = (0..<net.numInputs).map { _ in rng.uniform(-1, 1) }
        #expect(try net.run(x) == peer.run(x))
      }
      // libfann's save of our file gives our bytes back.
      peer.save(path + ".resaved")
      #expect(try NeuralFiles.read(path: path + ".resaved") == net.netFile())
    }
  }

  static let hostile: [(String, NeuralError)] = [
    ("FANN_FLO_9.9\n", .malformedFile(line: 1, problem: .wrongVersion)),
    ("FANN_FLO_2.1\r\nnum_layers=3\r\n", .malformedFile(line: 1, problem: .carriageReturn)),
    ("FANN_FIX_2.0\n", .malformedFile(line: 1, problem: .wrongVersion)),
    ("", .malformedFile(line: 1, problem: .wrongVersion)),
    ("FANN_FLO_2.1\n", .malformedFile(line: 1, problem: .truncated)),
    ("FANN_FLO_2.1\nnum_layerz=3\n", .malformedFile(line: 2, problem: .missingField("num_layers="))),
    ("FANN_FLO_2.1\nnum_layers=99999999999999999999\n", .malformedFile(line: 2, problem: .badCount)),
    ("FANN_FLO_2.1\nnum_layers=1\n", .malformedFile(line: 2, problem: .badCount)),
    ("FANN_FLO_2.1\nnum_layers=3\nlearning_rate=nan\n", .malformedFile(line: 3, problem: .badNumber)),
    ("FANN_FLO_2.1\nnum_layers=3\nlearning_rate=x\n", .malformedFile(line: 3, problem: .badNumber)),
  ]

  @Test("hostile headers give typed errors naming the line", arguments: 0..<hostile.count)
  func hostileHeaders(index: Int) {
    let (text, error) = Self.hostile[index]
    #expect(throws: error) { try Network(netFile: Array(text.utf8)) }
  }

  /// Edits one piece of xor_float.net and expects `problem` on `line`.
  func expectEdit(_ from: String, _ to: String, line: Int, _ problem: NeuralError.FileProblem)
    throws
  {
    let text = String(decoding: try Fixture.bytes(Fixture.net("xor_float.net")), as: UTF8.self)
    let edited = text.replacingOccurrences(from, to)
    #expect(edited != text)
    #expect(throws: NeuralError.malformedFile(line: line, problem: problem)) {
      try Network(netFile: Array(edited.utf8))
    }
  }

  @Test func malformedBodies() throws {
    try expectEdit("layer_sizes=3 4 2", "layer_sizes=3 400000000 2", line: 33, .badCount)
    try expectEdit("layer_sizes=3 4 2", "layer_sizes=3 0 2", line: 33, .badCount)
    try expectEdit("(3, 5, 1.0", "(3, 55, 1.0", line: 35, .badEnum)
    try expectEdit("(3, 5, 1.00000000000000000000e+00)", "(3, 5, nan)", line: 35, .badNumber)
    try expectEdit("(0, -1.566", "(99, -1.566", line: 36, .badCount)
    try expectEdit("(0, -1.566", "(7, -1.566", line: 36, .badConnection)
    try expectEdit("(4, 5, 1.0", "(400000, 5, 1.0", line: 35, .badCount)
    try expectEdit("(4, 5, 1.0", "(5, 5, 1.0", line: 36, .truncated)
    try expectEdit("scale_included=0", "scale_included=7", line: 34, .badCount)
    try expectEdit("training_algorithm=2", "training_algorithm=9", line: 7, .badEnum)
    try expectEdit("network_type=0", "network_type=4", line: 5, .badEnum)
    try expectEdit("train_error_function=1", "train_error_function=3", line: 8, .badEnum)
    try expectEdit("train_stop_function=1", "train_stop_function=3", line: 9, .badEnum)
    try expectEdit("functions=3 5", "functions=33 5", line: 30, .badEnum)
    try expectEdit("-2.38579106330871582031e+00) \n", "-2.38579106330871582031e+00) \njunk\n", line: 37, .trailingJunk)
    let text = String(decoding: try Fixture.bytes(Fixture.net("xor_float.net")), as: UTF8.self)
    #expect(throws: NeuralError.malformedFile(line: 36, problem: .truncated)) {
      try Network(netFile: Array(text.utf8.dropLast(30)))
    }
  }
}

extension String {
  /// Replaces every occurrence of `a` with `b` (no Foundation in these tests).
  func replacingOccurrences(_ a: String, _ b: String) -> String {
    var out = ""
    var rest = Substring(self)
    while let r = rest.firstRange(of: a) {
      out += rest[..<r.lowerBound]
      out += b
      rest = rest[r.upperBound...]
    }
    return out + rest
  }
}
