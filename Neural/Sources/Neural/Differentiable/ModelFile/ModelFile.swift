// ModelFile: a versioned binary container for a model's weights and configuration that reads the
// same on every platform (little-endian, no alignment assumptions, no Foundation), wasm included.
//
// Layout (version 1), all integers little-endian:
//
// | field            | size            | meaning                                        |
// |------------------|-----------------|------------------------------------------------|
// | magic            | 4               | "RSNM"                                         |
// | version          | u32             | 1                                              |
// | config count C   | u32             | <= 65 536                                      |
// | tensor count N   | u32             | <= 65 536                                      |
// | C × config entry | 2 + k + 1 + 8   | key length u16, UTF-8 key, kind u8 (0 = Int64, |
// |                  |                 | 1 = Float64), 8-byte value                     |
// | N × tensor       | 2 + k + 1 + 4r  | name length u16, UTF-8 name, rank u8 (<= 4),   |
// |                  |  + 4·count      | r × u32 dims, count × Float32                  |
// | checksum         | u32             | CRC-32 (IEEE) of every preceding byte          |
//
// Invariants: decoding never traps. Every length is checked against the bytes that remain before
// anything is allocated, so a corrupt count cannot ask for gigabytes; a wrong magic, an unknown
// version, a short file, a bad checksum, a malformed field or bytes after the checksum each give
// their own `ModelFileError`.

/// Why a model file could not be read or applied.
///
/// ```swift
/// do { _ = try ModelFile(decoding: [1, 2, 3]) } catch { /* .truncated */ }
/// ```
public enum ModelFileError: Error, Equatable, Sendable {
  /// The first four bytes are not "RSNM".
  case badMagic
  /// A version this reader does not know.
  case unsupportedVersion(UInt32)
  /// The bytes end before the structure does.
  case truncated
  /// The CRC-32 does not match the contents.
  case checksumMismatch
  /// A field has an impossible value (rank > 4, unknown kind, invalid UTF-8, huge count).
  case malformed
  /// Bytes follow the checksum.
  case trailingBytes
  /// ``ModelFile/load(into:)`` found no tensor of this name.
  case missingTensor(String)
  /// A stored tensor's shape differs from the parameter's.
  case shapeMismatch(String)
}

/// Weights and configuration of a model, as a versioned binary file.
///
/// ```swift
/// var rng = NeuralRandom(seed: 1)
/// let model = Dense(inputSize: 3, outputSize: 2, using: &rng)
/// var file = ModelFile(parametersOf: model)
/// file.config.append(ModelFile.Entry(key: "hidden", value: .int(64)))
/// let bytes = file.encoded()
/// let copy = Dense(inputSize: 3, outputSize: 2, using: &rng)
/// try ModelFile(decoding: bytes).load(into: copy)
/// ```
public struct ModelFile: Equatable, Sendable {
  /// The format version this code writes.
  public static let version: UInt32 = 1

  /// A configuration value.
  public enum Value: Equatable, Sendable {
    /// An integer (sizes, counts, enum raw values).
    case int(Int64)
    /// A real number (rates, probabilities).
    case double(Double)
  }

  /// A named configuration value.
  public struct Entry: Equatable, Sendable {
    /// The name (UTF-8, at most 65 535 bytes).
    public var key: String
    /// The value.
    public var value: Value
    /// An entry.
    public init(key: String, value: Value) {
      self.key = key
      self.value = value
    }
  }

  /// A named tensor.
  public struct NamedTensor: Equatable, Sendable {
    /// The name (UTF-8, at most 65 535 bytes).
    public var name: String
    /// The tensor (rank <= 4).
    public var tensor: Tensor
    /// A named tensor.
    public init(name: String, tensor: Tensor) {
      self.name = name
      self.tensor = tensor
    }
  }

  /// Configuration entries, in order.
  public var config: [Entry]
  /// Tensors, in order.
  public var tensors: [NamedTensor]

  /// A file from its parts.
  public init(config: [Entry] = [], tensors: [NamedTensor] = []) {
    self.config = config
    self.tensors = tensors
  }

  /// The parameters of `layer` named `p0`, `p1`, … in ``Layer/parameters`` order.
  public init(parametersOf layer: some Layer) {
    self.init(config: [], tensors: layer.parameters.enumerated().map {
      NamedTensor(name: "p\($0.offset)", tensor: $0.element.value)
    })
  }

  /// The configuration value for `key`, if present.
  public func value(_ key: String) -> Value? {
    for e in config where e.key == key { return e.value }
    return nil
  }

  /// The tensor named `name`, if present.
  public func tensor(_ name: String) -> Tensor? {
    for t in tensors where t.name == name { return t.tensor }
    return nil
  }

  /// Copies tensors `p0`, `p1`, … into the parameters of `layer` (shapes must match).
  /// - Complexity: O(file size).
  public func load(into layer: some Layer) throws(ModelFileError) {
    let params = layer.parameters
    var staged: [Tensor] = []
    for k in params.indices {
      let name = "p\(k)"
      guard let t = tensor(name) else { throw .missingTensor(name) }
      guard t.shape == params[k].value.shape else { throw .shapeMismatch(name) }
      staged.append(t)
    }
    for k in params.indices { params[k].value = staged[k] }
  }

  // MARK: Encoding

  /// The file's bytes.
  /// - Complexity: O(total size).
  public func encoded() -> [UInt8] {
    var out: [UInt8] = Array("RSNM".utf8)
    func u32(_ x: UInt32) { for s in stride(from: 0, to: 32, by: 8) { out.append(UInt8(truncatingIfNeeded: x >> UInt32(s))) } }
    func u64(_ x: UInt64) { for s in stride(from: 0, to: 64, by: 8) { out.append(UInt8(truncatingIfNeeded: x >> UInt64(s))) } }
    func name(_ s: String) {
      let b = Array(s.utf8.prefix(65_535))
      out.append(UInt8(b.count & 0xFF))
      out.append(UInt8(b.count >> 8))
      out.append(contentsOf: b)
    }
    u32(ModelFile.version)
    u32(UInt32(config.count))
    u32(UInt32(tensors.count))
    for e in config {
      name(e.key)
      switch e.value {
      case let .int(x):
        out.append(0)
        u64(UInt64(bitPattern: x))
      case let .double(x):
        out.append(1)
        u64(x.bitPattern)
      }
    }
    for t in tensors {
      name(t.name)
      out.append(UInt8(t.tensor.shape.rank))
      for d in t.tensor.shape.dims { u32(UInt32(d)) }
      out.reserveCapacity(out.count + 4 * t.tensor.count + 4)
      for x in t.tensor.scalars { u32(x.bitPattern) }
    }
    u32(CRC32.checksum(out[...]))
    return out
  }

  // MARK: Decoding

  /// Reads a file, checking every length, the version and the checksum.
  /// - Complexity: O(bytes).
  public init(decoding bytes: [UInt8]) throws(ModelFileError) {
    var r = Reader(bytes: bytes)
    guard bytes.count >= 4 else { throw .truncated }
    guard bytes[0] == 0x52, bytes[1] == 0x53, bytes[2] == 0x4E, bytes[3] == 0x4D else { throw .badMagic }
    r.at = 4
    let version = try r.u32()
    guard version == ModelFile.version else { throw .unsupportedVersion(version) }
    let c = Int(try r.u32()), n = Int(try r.u32())
    guard c <= 65_536, n <= 65_536 else { throw .malformed }
    var config: [Entry] = []
    var tensors: [NamedTensor] = []
    for _ in 0..<c {
      let key = try r.name()
      let kind = try r.u8()
      let raw = try r.u64()
      switch kind {
      case 0: config.append(Entry(key: key, value: .int(Int64(bitPattern: raw))))
      case 1: config.append(Entry(key: key, value: .double(Double(bitPattern: raw))))
      default: throw .malformed
      }
    }
    for _ in 0..<n {
      let name = try r.name()
      let rank = Int(try r.u8())
      guard rank <= 4 else { throw .malformed }
      var dims: [Int] = []
      var count = 1
      for _ in 0..<rank {
        let d = Int(try r.u32())
        dims.append(d)
        let (m, overflow) = count.multipliedReportingOverflow(by: d)
        guard !overflow else { throw .malformed }
        count = m
      }
      guard count <= (bytes.count - r.at) / 4 else { throw .truncated }
      var scalars = [Float](repeating: 0, count: count)
      for j in 0..<count { scalars[j] = Float(bitPattern: try r.u32()) }
      tensors.append(NamedTensor(name: name, tensor: Tensor(shape: Shape(dims), scalars: scalars)))
    }
    let end = r.at
    let stored = try r.u32()
    guard CRC32.checksum(bytes[0..<end]) == stored else { throw .checksumMismatch }
    guard r.at == bytes.count else { throw .trailingBytes }
    self.init(config: config, tensors: tensors)
  }

  struct Reader {
    let bytes: [UInt8]
    var at = 0
    mutating func u8() throws(ModelFileError) -> UInt8 {
      guard at < bytes.count else { throw .truncated }
      at += 1
      return bytes[at - 1]
    }
    mutating func u32() throws(ModelFileError) -> UInt32 {
      guard bytes.count - at >= 4 else { throw .truncated }
      let x = UInt32(bytes[at]) | UInt32(bytes[at + 1]) << 8 | UInt32(bytes[at + 2]) << 16
        | UInt32(bytes[at + 3]) << 24
      at += 4
      return x
    }
    mutating func u64() throws(ModelFileError) -> UInt64 {
      let lo = UInt64(try u32())
      return lo | UInt64(try u32()) << 32
    }
    mutating func name() throws(ModelFileError) -> String {
      let len = Int(try u8()) | Int(try u8()) << 8
      guard bytes.count - at >= len else { throw .truncated }
      let slice = bytes[at..<(at + len)]
      at += len
      guard let s = String(validating: slice, as: UTF8.self) else { throw .malformed }
      return s
    }
  }
}

/// CRC-32 (IEEE 802.3, reflected, polynomial 0xEDB88320), as zlib's `crc32`.
enum CRC32 {
  static let table: [UInt32] = (0..<256).map { i -> UInt32 in
    var c = UInt32(i)
    for _ in 0..<8 { c = c & 1 != 0 ? 0xEDB8_8320 ^ (c >> 1) : c >> 1 }
    return c
  }

  /// The CRC-32 of `bytes`.
  /// - Complexity: O(count).
  static func checksum(_ bytes: ArraySlice<UInt8>) -> UInt32 {
    var c: UInt32 = 0xFFFF_FFFF
    for b in bytes { c = table[Int((c ^ UInt32(b)) & 0xFF)] ^ (c >> 8) }
    return c ^ 0xFFFF_FFFF
  }
}
