// NeuralJS: the handle facade behind the browser chunk. The scenario test also writes its figures
// as JSON when NEURAL_JS_REFERENCE names a file: scripts/checks/neural-browser.sh compares the wasm
// chunk's results in Node and headless Chromium with them.
import Glibc
import Neural
import NeuralIO
import Testing

/// The scenario run natively here and in the chunk by Neural/JS/tests/neural-check.mjs (same steps).
enum Scenario {
  static let xorInputs: [Float] = [-1, -1, -1, 1, 1, -1, 1, 1]
  static let xorOutputs: [Float] = [-1, 1, 1, -1]

  static func json(_ xs: [Float]) -> String { "[" + xs.map { "\($0)" }.joined(separator: ",") + "]" }

  static func run() throws -> String {
    let h = try [Float(2), 3, 1].withUnsafeBufferPointer { try NeuralJS.create(layers: $0) }
    defer { try? NeuralJS.destroy(h) }
    try NeuralJS.setActivation(h, hidden: 5, output: 5)
    try NeuralJS.setTraining(h, algorithm: 2, learningRate: 0.7)
    try NeuralJS.randomize(h, seed: 42, min: -0.1, max: 0.1)
    let xorMSE = try xorInputs.withUnsafeBufferPointer { i in
      try xorOutputs.withUnsafeBufferPointer { o in try NeuralJS.train(h, epochs: 15, inputs: i, outputs: o) }
    }
    var outs: [Float] = []
    for r in 0..<4 {
      var y: [Float] = [0]
      try Array(xorInputs[2 * r..<2 * r + 2]).withUnsafeBufferPointer { x in
        try y.withUnsafeMutableBufferPointer { try NeuralJS.run(h, input: x, into: $0) }
      }
      outs += y
    }
    let train = try NeuralFiles.loadData(path: Fixture.fann("diabetes.train"))
    let test = try NeuralFiles.loadData(path: Fixture.fann("diabetes.test"))
    var rows: [String] = []
    for algorithm in 0...4 {
      let d = try [Float(8), 10, 2].withUnsafeBufferPointer { try NeuralJS.create(layers: $0) }
      defer { try? NeuralJS.destroy(d) }
      try NeuralJS.setActivation(d, hidden: 3, output: 3)
      try NeuralJS.setTraining(d, algorithm: algorithm, learningRate: 0.7)
      try NeuralJS.randomize(d, seed: 7, min: -0.1, max: 0.1)
      let mse = try train.inputs.withUnsafeBufferPointer { i in
        try train.outputs.withUnsafeBufferPointer { o in try NeuralJS.train(d, epochs: 20, inputs: i, outputs: o) }
      }
      let testMSE = try test.inputs.withUnsafeBufferPointer { i in
        try test.outputs.withUnsafeBufferPointer { o in try NeuralJS.test(d, inputs: i, outputs: o) }
      }
      rows.append("{\"algorithm\":\(algorithm),\"mse\":\(mse),\"test\":\(testMSE)}")
    }
    let files = try files()
    return "{\"xor\":{\"mse\":\(xorMSE),\"outputs\":\(json(outs))},\"diabetes\":[" + rows.joined(separator: ",")
      + "],\"files\":" + files + "}"
  }

  /// The file-I/O part: XOR and diabetes read from their `.data` text, a network saved to `.net` text
  /// and loaded back, trained to a fixed epoch count, tested and run in a batch.
  static func files() throws -> String {
    let xorText = try NeuralFiles.read(path: Fixture.fann("xor.data"))
    let xd = try xorText.withUnsafeBufferPointer { try NeuralJS.readData($0) }
    defer { try? NeuralJS.destroyData(xd) }
    let x = try [Float(2), 3, 1].withUnsafeBufferPointer { try NeuralJS.create(layers: $0) }
    defer { try? NeuralJS.destroy(x) }
    try NeuralJS.setActivation(x, hidden: 5, output: 5)
    try NeuralJS.setTraining(x, algorithm: 2, learningRate: 0.7)
    try NeuralJS.randomize(x, seed: 42, min: -0.1, max: 0.1)
    let xorMSE = try NeuralJS.trainOnData(x, data: xd, epochs: 15)
    let d = try [Float(8), 10, 2].withUnsafeBufferPointer { try NeuralJS.create(layers: $0) }
    defer { try? NeuralJS.destroy(d) }
    try NeuralJS.setActivation(d, hidden: 5, output: 3)
    try NeuralJS.randomize(d, seed: 11, min: -0.2, max: 0.2)
    let netText = try NeuralJS.saveNet(d)
    let loaded = try netText.withUnsafeBufferPointer { try NeuralJS.loadNet($0) }
    defer { try? NeuralJS.destroy(loaded) }
    let train = try NeuralFiles.read(path: Fixture.fann("diabetes.train")).withUnsafeBufferPointer {
      try NeuralJS.readData($0)
    }
    defer { try? NeuralJS.destroyData(train) }
    let test = try NeuralFiles.read(path: Fixture.fann("diabetes.test")).withUnsafeBufferPointer {
      try NeuralJS.readData($0)
    }
    defer { try? NeuralJS.destroyData(test) }
    let epochs = try NeuralJS.trainToError(loaded, data: train, maxEpochs: 25, desiredError: 0)
    let testMSE = try NeuralJS.testOnData(loaded, data: test)
    let firstInputs = try TrainingData(dataFile: try NeuralFiles.read(path: Fixture.fann("diabetes.test"))).inputs
    let batch = try Array(firstInputs[0..<(4 * 8)]).withUnsafeBufferPointer { try NeuralJS.runBatch(loaded, inputs: $0) }
    var escaped = ""
    for c in String(decoding: netText, as: UTF8.self) {
      switch c {
      case "\n": escaped += "\\n"
      case "\"", "\\": escaped += "\\" + String(c)
      default: escaped.append(c)
      }
    }
    return "{\"xorMSE\":\(xorMSE),\"netText\":\"\(escaped)\",\"epochs\":\(epochs),\"test\":\(testMSE),"
      + "\"batch\":\(json(batch))}"
  }
}

// Serialized: the handle registry is one global, as in the single-threaded wasm chunk.
@Suite(.serialized) struct NeuralJSTests {
  @Test func scenarioTrainsAndWritesReference() throws {
    let text = try Scenario.run()
    #expect(text.hasPrefix("{\"xor\":{\"mse\":"))
    #expect(text.contains("\"algorithm\":4"))
    #expect(text.contains("\"netText\":\"FANN_FLO_2.1\\nnum_layers=3\\n"))
    #expect(text.contains("\"epochs\":25,"))
    if let path = getenv("NEURAL_JS_REFERENCE") {
      try NeuralFiles.write(Array(text.utf8), path: String(cString: path))
    }
  }

  @Test func trainingLowersXORError() throws {
    let h = try [Float(2), 4, 1].withUnsafeBufferPointer { try NeuralJS.create(layers: $0) }
    defer { try? NeuralJS.destroy(h) }
    try NeuralJS.setActivation(h, hidden: 5, output: 5)
    try NeuralJS.randomize(h, seed: 1, min: -0.5, max: 0.5)
    let before = try Scenario.xorInputs.withUnsafeBufferPointer { i in
      try Scenario.xorOutputs.withUnsafeBufferPointer { o in try NeuralJS.test(h, inputs: i, outputs: o) }
    }
    let after = try Scenario.xorInputs.withUnsafeBufferPointer { i in
      try Scenario.xorOutputs.withUnsafeBufferPointer { o in try NeuralJS.train(h, epochs: 300, inputs: i, outputs: o) }
    }
    #expect(after < before)
    #expect(try NeuralJS.numInputs(h) == 2)
    #expect(try NeuralJS.numOutputs(h) == 1)
    #expect(try NeuralJS.totalConnections(h) == 3 * 4 + 5 * 1)
  }

  @Test func handlesAreReused() throws {
    let a = try [Float(1), 1].withUnsafeBufferPointer { try NeuralJS.create(layers: $0) }
    try NeuralJS.destroy(a)
    let b = try [Float(1), 1].withUnsafeBufferPointer { try NeuralJS.create(layers: $0) }
    defer { try? NeuralJS.destroy(b) }
    #expect(throws: NeuralJSError.unknownNetwork(handle: -1)) { try NeuralJS.numInputs(-1) }
    #expect(throws: NeuralJSError.unknownNetwork(handle: 1 << 20)) { try NeuralJS.destroy(1 << 20) }
  }

  @Test func badInputIsATypedError() throws {
    #expect(throws: NeuralJSError.invalidArgument(name: "layer count", value: 1)) {
      try [Float(2)].withUnsafeBufferPointer { try NeuralJS.create(layers: $0) }
    }
    #expect(throws: NeuralJSError.invalidArgument(name: "layer size", value: 2)) {
      try [Float(2.5), 1].withUnsafeBufferPointer { try NeuralJS.create(layers: $0) }
    }
    #expect(throws: NeuralJSError.invalidArgument(name: "layer size", value: -1)) {
      try [Float.nan, 1].withUnsafeBufferPointer { try NeuralJS.create(layers: $0) }
    }
    let h = try [Float(2), 2, 1].withUnsafeBufferPointer { try NeuralJS.create(layers: $0) }
    defer { try? NeuralJS.destroy(h) }
    #expect(throws: NeuralJSError.invalidArgument(name: "hidden activation", value: 99)) {
      try NeuralJS.setActivation(h, hidden: 99, output: 3)
    }
    #expect(throws: NeuralJSError.invalidArgument(name: "output activation", value: -1)) {
      try NeuralJS.setActivation(h, hidden: 3, output: -1)
    }
    #expect(throws: NeuralJSError.invalidArgument(name: "algorithm", value: 7)) {
      try NeuralJS.setTraining(h, algorithm: 7, learningRate: 0.7)
    }
    #expect(throws: NeuralJSError.invalidArgument(name: "learning rate", value: 0)) {
      try NeuralJS.setTraining(h, algorithm: 1, learningRate: .infinity)
    }
    #expect(throws: NeuralJSError.invalidArgument(name: "seed", value: -1)) {
      try NeuralJS.randomize(h, seed: .nan, min: 0, max: 1)
    }
    #expect(throws: NeuralJSError.invalidArgument(name: "seed", value: -3)) {
      try NeuralJS.randomize(h, seed: -3, min: 0, max: 1)
    }
    #expect(throws: NeuralJSError.invalidArgument(name: "weight range", value: 0)) {
      try NeuralJS.randomize(h, seed: 1, min: 1, max: 0)
    }
    #expect(throws: NeuralJSError.invalidArgument(name: "epochs", value: 0)) {
      try [Float]().withUnsafeBufferPointer { try NeuralJS.train(h, epochs: 0, inputs: $0, outputs: $0) }
    }
    #expect(throws: NeuralJSError.emptyData) {
      try [Float]().withUnsafeBufferPointer { try NeuralJS.test(h, inputs: $0, outputs: $0) }
    }
    #expect(throws: NeuralJSError.shapeMismatch(expected: 4, actual: 3)) {
      try [Float(1), 2, 3].withUnsafeBufferPointer { try NeuralJS.test(h, inputs: $0, outputs: $0) }
    }
    #expect(throws: NeuralJSError.shapeMismatch(expected: 1, actual: 2)) {
      try [Float(1), 2].withUnsafeBufferPointer { try NeuralJS.test(h, inputs: $0, outputs: $0) }
    }
    var y: [Float] = [0, 0]
    #expect(throws: NeuralJSError.shapeMismatch(expected: 1, actual: 2)) {
      try [Float(1), 2].withUnsafeBufferPointer { x in
        try y.withUnsafeMutableBufferPointer { try NeuralJS.run(h, input: x, into: $0) }
      }
    }
    var one: [Float] = [0]
    #expect(throws: NeuralJSError.shapeMismatch(expected: 2, actual: 3)) {
      try [Float(1), 2, 3].withUnsafeBufferPointer { x in
        try one.withUnsafeMutableBufferPointer { try NeuralJS.run(h, input: x, into: $0) }
      }
    }
  }

  @Test(arguments: [
    (NeuralError.malformedFile(line: 3, problem: .badNumber), NeuralJSError.malformedFile(line: 3, problem: "bad number")),
    (.malformedFile(line: 1, problem: .wrongVersion), .malformedFile(line: 1, problem: "unsupported version")),
    (.malformedFile(line: 2, problem: .missingField("num_layers")), .malformedFile(line: 2, problem: "missing field")),
    (.malformedFile(line: 4, problem: .badCount), .malformedFile(line: 4, problem: "bad count")),
    (.malformedFile(line: 5, problem: .badEnum), .malformedFile(line: 5, problem: "value out of range")),
    (.malformedFile(line: 6, problem: .badConnection), .malformedFile(line: 6, problem: "bad connection")),
    (.malformedFile(line: 7, problem: .truncated), .malformedFile(line: 7, problem: "truncated")),
    (.malformedFile(line: 8, problem: .trailingJunk), .malformedFile(line: 8, problem: "trailing text")),
    (.malformedFile(line: 9, problem: .carriageReturn), .malformedFile(line: 9, problem: "carriage return")),
    (.shapeMismatch(expected: 1, actual: 2), .shapeMismatch(expected: 1, actual: 2)),
    (.invalidArgument(.layers), .invalidArgument(name: "layers", value: 0)),
    (.invalidArgument(.connectionRate), .invalidArgument(name: "connection rate", value: 0)),
    (.invalidArgument(.range), .invalidArgument(name: "range", value: 0)),
    (.invalidArgument(.index), .invalidArgument(name: "index", value: 0)),
    (.invalidArgument(.activation), .invalidArgument(name: "activation", value: 0)),
    (.invalidArgument(.notTrainable), .invalidArgument(name: "not trainable", value: 0)),
    (.invalidArgument(.topology), .invalidArgument(name: "topology", value: 0)),
    (.emptyData, .emptyData),
    (.io(errno: 2), .invalidArgument(name: "errno", value: 2)),
  ])
  func neuralErrorsMapToJSErrors(_ e: NeuralError, _ expected: NeuralJSError) {
    #expect(NeuralJSError(e) == expected)
    #expect(NeuralJSError(e) != .unknownNetwork(handle: 12345))
  }
}
