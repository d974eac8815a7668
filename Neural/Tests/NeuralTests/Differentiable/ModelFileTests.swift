import Neural
import Testing

@Suite struct ModelFileTests {
  func sample() -> [UInt8] {
    var rng = NeuralRandom(seed: 30)
    let lstm = Recurrent(.lstm, inputSize: 2, hiddenSize: 3, using: &rng)
    var file = ModelFile(parametersOf: lstm)
    file.config = [ModelFile.Entry(key: "hidden", value: .int(3)), ModelFile.Entry(key: "dropout", value: .double(0.25))]
    return file.encoded()
  }

  @Test func roundTripAndLoad() throws {
    var rng = NeuralRandom(seed: 30)
    let a = Recurrent(.lstm, inputSize: 2, hiddenSize: 3, using: &rng)
    let b = Recurrent(.lstm, inputSize: 2, hiddenSize: 3, using: &rng)
    let bytes = ModelFile(parametersOf: a).encoded()
    let file = try ModelFile(decoding: bytes)
    #expect(file == ModelFile(parametersOf: a))
    try file.load(into: b)
    for (p, q) in zip(a.parameters, b.parameters) { #expect(p.value == q.value) }
    let withConfig = try ModelFile(decoding: sample())
    #expect(withConfig.value("hidden") == .int(3) && withConfig.value("dropout") == .double(0.25))
    #expect(withConfig.value("missing") == nil && withConfig.tensor("p9") == nil && withConfig.tensor("p0") != nil)
  }

  @Test func loadChecksNamesAndShapes() throws {
    var rng = NeuralRandom(seed: 31)
    let small = Dense(inputSize: 2, outputSize: 2, using: &rng)
    let other = Dense(inputSize: 3, outputSize: 2, using: &rng)
    let file = try ModelFile(decoding: ModelFile(parametersOf: small).encoded())
    #expect(throws: ModelFileError.shapeMismatch("p0")) { try file.load(into: other) }
    let seq = Sequential([small, Dense(inputSize: 2, outputSize: 1, using: &rng)])
    #expect(throws: ModelFileError.missingTensor("p2")) { try file.load(into: seq) }
  }

  @Test func everyTruncationIsATypedError() {
    let bytes = sample()
    for n in 0..<bytes.count {
      #expect(throws: ModelFileError.self) { try ModelFile(decoding: Array(bytes[0..<n])) }
    }
  }

  @Test func corruptions() {
    var bytes = sample()
    bytes[0] = 0x58
    #expect(throws: ModelFileError.badMagic) { try ModelFile(decoding: bytes) }
    bytes = sample()
    bytes[4] = 2
    #expect(throws: ModelFileError.unsupportedVersion(2)) { try ModelFile(decoding: bytes) }
    bytes = sample()
    bytes[bytes.count - 10] ^= 0x40
    #expect(throws: ModelFileError.checksumMismatch) { try ModelFile(decoding: bytes) }
    bytes = sample() + [0]
    #expect(throws: ModelFileError.trailingBytes) { try ModelFile(decoding: bytes) }
    // Every single-bit flip is detected (never a trap, never a silent success).
    let clean = sample()
    for i in stride(from: 0, to: clean.count, by: 7) {
      var b = clean
      b[i] ^= 0x10
      #expect(throws: ModelFileError.self) { try ModelFile(decoding: b) }
    }
  }

  @Test func malformedFieldsWithValidChecksum() {
    func sealed(_ body: [UInt8]) -> [UInt8] {
      var crc: UInt32 = 0xFFFF_FFFF
      for b in body {
        crc ^= UInt32(b)
        for _ in 0..<8 { crc = crc & 1 != 0 ? 0xEDB8_8320 ^ (crc >> 1) : crc >> 1 }
      }
      crc ^= 0xFFFF_FFFF
      return body + [UInt8(crc & 0xFF), UInt8(crc >> 8 & 0xFF), UInt8(crc >> 16 & 0xFF), UInt8(crc >> 24)]
    }
    let header: [UInt8] = Array("RSNM".utf8) + [1, 0, 0, 0]
    // Unknown config kind.
    #expect(throws: ModelFileError.malformed) { try ModelFile(decoding: sealed(header + [1, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0x61, 7] + [UInt8](repeating: 0, count: 8))) }
    // Rank 5.
    #expect(throws: ModelFileError.malformed) { try ModelFile(decoding: sealed(header + [0, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0x61, 5] + [UInt8](repeating: 1, count: 20))) }
    // A huge element count is refused before allocating.
    #expect(throws: ModelFileError.truncated) { try ModelFile(decoding: sealed(header + [0, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0x61, 2, 255, 255, 255, 127, 255, 255, 255, 127])) }
    // Overflowing dimensions.
    #expect(throws: ModelFileError.malformed) { try ModelFile(decoding: sealed(header + [0, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0x61, 4] + [UInt8](repeating: 255, count: 16))) }
    // Invalid UTF-8 name.
    #expect(throws: ModelFileError.malformed) { try ModelFile(decoding: sealed(header + [0, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0xFF, 0])) }
    // Counts beyond the limit.
    #expect(throws: ModelFileError.malformed) { try ModelFile(decoding: sealed(header + [0, 0, 2, 0, 0, 0, 0, 0])) }
  }
}
