// NeuralJS file I/O (NeuralJS+Files.swift): `.net` and `.data` text in and out, training on data
// handles, and typed errors naming the line for malformed text.
import Neural
import NeuralIO
import Testing

func withText<R>(_ text: String, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
  try Array(text.utf8).withUnsafeBufferPointer(body)
}

func withBytes<R>(_ bytes: [UInt8], _ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
  try bytes.withUnsafeBufferPointer(body)
}

// Nested in NeuralJSTests, whose `.serialized` trait covers this suite too: the registries are
// globals, as in the single-threaded wasm chunk, so no two tests may use them at once.
extension NeuralJSTests {
@Suite struct Files {
  @Test func netTextRoundTripsByteForByteAndRunsLikeLibfann() throws {
    let bytes = try Fixture.bytes(Fixture.net("xor_float.net"))
    let h = try withBytes(bytes) { try NeuralJS.loadNet($0) }
    defer { try? NeuralJS.destroy(h) }
    #expect(try NeuralJS.saveNet(h) == bytes)
    var y: [Float] = [0]
    try [Float(-1), 1].withUnsafeBufferPointer { x in
      try y.withUnsafeMutableBufferPointer { try NeuralJS.run(h, input: x, into: $0) }
    }
    #expect(close(y[0], 9.886813164e-01, rel: 1e-5))
  }

  @Test func dataTextTrainsAndTests() throws {
    let text = "4 2 1\n-1 -1\n-1\n-1 1\n1\n1 -1\n1\n1 1\n-1\n"
    let d = try withText(text) { try NeuralJS.readData($0) }
    defer { try? NeuralJS.destroyData(d) }
    #expect(try NeuralJS.dataCount(d) == 4)
    #expect(try NeuralJS.dataInputs(d) == 2)
    #expect(try NeuralJS.dataOutputs(d) == 1)
    #expect(try NeuralJS.saveData(d) == (try TrainingData(dataFile: Array(text.utf8))).dataFile())
    let h = try [Float(2), 3, 1].withUnsafeBufferPointer { try NeuralJS.create(layers: $0) }
    defer { try? NeuralJS.destroy(h) }
    try NeuralJS.setActivation(h, hidden: 5, output: 5)
    try NeuralJS.randomize(h, seed: 42, min: -0.1, max: 0.1)
    let before = try NeuralJS.testOnData(h, data: d)
    // The same as training on the arrays.
    let copy = try withBytes(try NeuralJS.saveNet(h)) { try NeuralJS.loadNet($0) }
    defer { try? NeuralJS.destroy(copy) }
    let mse = try NeuralJS.trainOnData(h, data: d, epochs: 15)
    let arrays = try Scenario.xorInputs.withUnsafeBufferPointer { i in
      try Scenario.xorOutputs.withUnsafeBufferPointer { o in try NeuralJS.train(copy, epochs: 15, inputs: i, outputs: o) }
    }
    #expect(mse == arrays)
    #expect(try NeuralJS.testOnData(h, data: d) < before)
    let epochs = try NeuralJS.trainToError(h, data: d, maxEpochs: 2000, desiredError: 0.001)
    #expect(epochs >= 1 && epochs < 2000)
    #expect(try NeuralJS.testOnData(h, data: d) <= 0.001)
    let outs = try Scenario.xorInputs.withUnsafeBufferPointer { try NeuralJS.runBatch(h, inputs: $0) }
    #expect(outs.count == 4)
    #expect(outs[1] > 0.5 && outs[3] < -0.5)
  }

  @Test func aFannProblemTrainsFromItsText() throws {
    let d = try withBytes(try Fixture.bytes(Fixture.fann("diabetes.train"))) { try NeuralJS.readData($0) }
    defer { try? NeuralJS.destroyData(d) }
    let h = try [Float(8), 10, 2].withUnsafeBufferPointer { try NeuralJS.create(layers: $0) }
    defer { try? NeuralJS.destroy(h) }
    try NeuralJS.randomize(h, seed: 7, min: -0.1, max: 0.1)
    let first = try NeuralJS.trainOnData(h, data: d, epochs: 1)
    let later = try NeuralJS.trainOnData(h, data: d, epochs: 20)
    #expect(later < first)
  }

  @Test func malformedTextNamesTheLine() throws {
    #expect(throws: NeuralJSError.malformedFile(line: 3, problem: "bad number")) {
      try withText("2 2 1\n1 1\nx\n1 1\n1\n") { try NeuralJS.readData($0) }
    }
    #expect(throws: NeuralJSError.malformedFile(line: 1, problem: "bad count")) {
      try withText("999999999 2 1\n1 1\n1\n") { try NeuralJS.readData($0) }
    }
    #expect(throws: NeuralJSError.malformedFile(line: 1, problem: "unsupported version")) {
      try withText("FANN_FLO_9.9\n") { try NeuralJS.loadNet($0) }
    }
    var lines = String(decoding: try Fixture.bytes(Fixture.net("xor_float.net")), as: UTF8.self)
      .split(separator: "\n", omittingEmptySubsequences: false)
    lines[2] = "learning_rate=abc"
    #expect(throws: NeuralJSError.malformedFile(line: 3, problem: "bad number")) {
      try withText(lines.joined(separator: "\n")) { try NeuralJS.loadNet($0) }
    }
    #expect(throws: NeuralJSError.malformedFile(line: 1, problem: "carriage return")) {
      try withText("FANN_FLO_2.1\r\n") { try NeuralJS.loadNet($0) }
    }
  }

  @Test func badHandlesAndArgumentsAreTypedErrors() throws {
    #expect(throws: NeuralJSError.unknownData(handle: -1)) { try NeuralJS.dataCount(-1) }
    #expect(throws: NeuralJSError.unknownData(handle: 77)) { try NeuralJS.destroyData(77) }
    #expect(throws: NeuralJSError.unknownNetwork(handle: 99)) { try NeuralJS.saveNet(99) }
    let d = try withText("1 2 1\n1 1\n1\n") { try NeuralJS.readData($0) }
    let e = try withText("1 3 1\n1 1 1\n1\n") { try NeuralJS.readData($0) }
    let h = try [Float(2), 2, 1].withUnsafeBufferPointer { try NeuralJS.create(layers: $0) }
    defer { try? NeuralJS.destroy(h) }
    #expect(throws: NeuralJSError.invalidArgument(name: "epochs", value: 0)) {
      try NeuralJS.trainOnData(h, data: d, epochs: 0)
    }
    #expect(throws: NeuralJSError.invalidArgument(name: "epochs", value: 1 << 30)) {
      try NeuralJS.trainToError(h, data: d, maxEpochs: 1 << 30, desiredError: 0)
    }
    #expect(throws: NeuralJSError.invalidArgument(name: "desired error", value: -1)) {
      try NeuralJS.trainToError(h, data: d, maxEpochs: 1, desiredError: .nan)
    }
    #expect(throws: NeuralJSError.shapeMismatch(expected: 2, actual: 3)) {
      try NeuralJS.trainOnData(h, data: e, epochs: 1)
    }
    #expect(throws: NeuralJSError.shapeMismatch(expected: 2, actual: 3)) { try NeuralJS.testOnData(h, data: e) }
    #expect(throws: NeuralJSError.emptyData) { try [Float]().withUnsafeBufferPointer { try NeuralJS.runBatch(h, inputs: $0) } }
    try NeuralJS.destroyData(d)
    #expect(throws: NeuralJSError.unknownData(handle: d)) { try NeuralJS.saveData(d) }
    // Freed slots are reused.
    let again = try withText("1 2 1\n1 1\n1\n") { try NeuralJS.readData($0) }
    #expect(again == d)
    try NeuralJS.destroyData(again)
    try NeuralJS.destroyData(e)
  }
}
}
