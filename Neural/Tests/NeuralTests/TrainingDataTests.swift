import CFloatFANN
import Neural
import NeuralIO
import Testing

@Suite("Training data and .data files")
struct TrainingDataTests {
  @Test func xorResavesLikeLibfann() throws {
    let data = try NeuralFiles.loadData(path: Fixture.fann("xor.data"))
    #expect(data.count == 4)
    #expect(data.input(1) == [-1, 1])
    #expect(data.output(1) == [1])
    #expect(data.dataFile() == (try Fixture.bytes(Fixture.net("xor_resaved.data"))))
  }

  @Test func writerQuirksMatchLibfann() throws {
    let values: [Float] = [0.9999997, -0.9999997, 1.0000004, 1e-7, 2.5, 123.4567891, 3000, -1, 0, 7]
    let data = try TrainingData(numInputs: values.count, numOutputs: 1, inputs: values, outputs: [0.25])
    let dir = Fixture.tempDirectory()
    try NeuralFiles.save(data, path: dir + "/q.data")
    let peer = try #require(PeerData(file: dir + "/q.data"))
    let ours = try NeuralFiles.read(path: dir + "/q.data")
    #expect(String(decoding: ours, as: UTF8.self)
      == "1 10 1\n0 0 1 0 2.500000 123.456787 3000.000000 -1 0 7 \n0.250000 \n")
    // Random data: our bytes equal libfann's fann_save_train of the same values.
    var rng = NeuralRandom(seed: 4)
    let inputs = (0..<300).map { _ in rng.uniform(-3, 3) }
    let outputs = (0..<100).map { _ in Float(rng.below(2)) }
    let random = try TrainingData(numInputs: 3, numOutputs: 1, inputs: inputs, outputs: outputs)
    try NeuralFiles.save(random, path: dir + "/r.data")
    let peerRandom = try #require(PeerData(file: dir + "/r.data"))
    fann_save_train(peerRandom.data, dir + "/r2.data")
    _ = peer
    #expect(try NeuralFiles.read(path: dir + "/r2.data") == random.dataFile())
  }

  @Test("all 16 FANN problems load with the header's shape", arguments: [
    "abelone.train", "bank32fm.train", "bank32nh.train", "building.train", "census-house.train",
    "diabetes.train", "gene.train", "kin32fm.train", "mushroom.train", "parity13.train",
    "parity8.train", "pumadyn-32fm.train", "robot.train", "soybean.train", "thyroid.train",
    "two-spiral.train",
  ])
  func loadsBenchmarkSets(name: String) throws {
    let data = try NeuralFiles.loadData(path: Fixture.fann(name))
    let peer = try #require(PeerData(file: Fixture.fann(name)))
    #expect(data.count == Int(peer.data.pointee.num_data))
    #expect(data.numInputs == Int(peer.data.pointee.num_input))
    let last = data.count - 1
    #expect(data.input(last) == (0..<data.numInputs).map { peer.data.pointee.input[last]![$0] })
    #expect(data.output(last) == (0..<data.numOutputs).map { peer.data.pointee.output[last]![$0] })
  }

  static let hostile: [(String, NeuralError)] = [
    ("", .malformedFile(line: 1, problem: .truncated)),
    ("2 2 1\n1 1\n1\n1 1\n", .malformedFile(line: 4, problem: .truncated)),
    ("999999999 1 1\n1 1\n", .malformedFile(line: 1, problem: .badCount)),
    ("4000000000 4000000000 4000000000\n", .malformedFile(line: 1, problem: .badCount)),
    ("0 1 1\n", .malformedFile(line: 1, problem: .badCount)),
    ("1 2 1\n1 nan\n1\n", .malformedFile(line: 2, problem: .badNumber)),
    ("1 2 1\n1 inf\n1\n", .malformedFile(line: 2, problem: .badNumber)),
    ("1 2 1\n1 x\n1\n", .malformedFile(line: 2, problem: .badNumber)),
    ("1 2 1\n1 1\n1\njunk\n", .malformedFile(line: 4, problem: .trailingJunk)),
    ("-1 2 1\n", .malformedFile(line: 1, problem: .badNumber)),
  ]

  @Test("hostile .data files give typed errors naming the line", arguments: 0..<hostile.count)
  func hostileFiles(index: Int) {
    let (text, error) = Self.hostile[index]
    #expect(throws: error) { try TrainingData(dataFile: Array(text.utf8)) }
  }

  @Test func crlfTabsAndOddLineBreaksAreAccepted() throws {
    let d = try TrainingData(dataFile: Array("2 2 1\r\n1\t2\r\n\r\n3 4 5\r\n6\r\n".utf8))
    #expect(d.inputs == [1, 2, 4, 5])
    #expect(d.outputs == [3, 6])
  }

  @Test func setOperations() throws {
    var d = try TrainingData(inputs: [[1, 2], [3, 4], [5, 6]], outputs: [[1], [2], [3]])
    let s = try d.subset(position: 1, length: 2)
    #expect(s.inputs == [3, 4, 5, 6])
    #expect(throws: NeuralError.invalidArgument(.range)) { try d.subset(position: 2, length: 2) }
    let m = try d.merged(with: s)
    #expect(m.count == 5)
    #expect(m.outputs == [1, 2, 3, 2, 3])
    let other = try TrainingData(inputs: [[1]], outputs: [[1]])
    #expect(throws: NeuralError.shapeMismatch(expected: 2, actual: 1)) { try d.merged(with: other) }
    let otherOut = try TrainingData(inputs: [[1, 1]], outputs: [[1, 2]])
    #expect(throws: NeuralError.shapeMismatch(expected: 1, actual: 2)) { try d.merged(with: otherOut) }
    var rng = NeuralRandom(seed: 3)
    var shuffled = d
    shuffled.shuffle(using: &rng)
    #expect(shuffled.count == 3)
    for i in 0..<3 {
      // Rows stay paired: output = (first input + 1) / 2.
      #expect(shuffled.output(i)[0] == (shuffled.input(i)[0] + 1) / 2)
    }
    #expect(shuffled.inputs.sorted() == d.inputs.sorted())
    d.scaleInputs(to: -1, 1)
    for (a, b) in zip(d.inputs, [-1, -0.6, -0.2, 0.2, 0.6, 1] as [Float]) { #expect(close(a, b, rel: 1e-6, abs: 1e-6)) }
    d.scaleOutputs(to: 0, 1)
    #expect(d.outputs == [0, 0.5, 1])
    #expect(throws: NeuralError.emptyData) { try TrainingData(inputs: [], outputs: []) }
    #expect(throws: NeuralError.shapeMismatch(expected: 1, actual: 2)) {
      try TrainingData(inputs: [[1]], outputs: [[1], [2]])
    }
    #expect(throws: NeuralError.shapeMismatch(expected: 1, actual: 2)) {
      try TrainingData(inputs: [[1], [1, 2]], outputs: [[1], [2]])
    }
    #expect(throws: NeuralError.shapeMismatch(expected: 1, actual: 2)) {
      try TrainingData(inputs: [[1], [2]], outputs: [[1], [2, 3]])
    }
    #expect(throws: NeuralError.shapeMismatch(expected: 4, actual: 3)) {
      try TrainingData(numInputs: 2, numOutputs: 1, inputs: [1, 2, 3], outputs: [1])
    }
    #expect(throws: NeuralError.invalidArgument(.layers)) {
      try TrainingData(numInputs: 0, numOutputs: 1, inputs: [], outputs: [])
    }
  }
}
