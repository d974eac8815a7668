// Model save/load: a versioned, line-oriented text format of our own.
//
// | line | meaning |
// |---|---|
// | `RUVSWARM-FORECAST 1` | magic and format version (readers reject other versions) |
// | `model <kind>` | starts a model; kinds: Naive, SeasonalNaive, RWD, HistoricAverage, WindowAverage, MLP, Conformal, Ensemble |
// | `text <name> <rest of line>` | a string field (newlines are not allowed in values and become spaces) |
// | `int <name> <decimal>` | an integer field |
// | `real <name> <16 hex digits>` | a Double by its IEEE-754 bit pattern (exact round trip, no float parsing) |
// | `reals <name> <count> <hex> …` | an array of Doubles |
// | `end` | closes the innermost model (models nest: ensembles and conformal wrappers hold members) |
// Fields are read in the order they were written; a missing, misnamed or malformed line is
// `ForecastError.corruptArchive` naming the line number. The format is independent of the platform
// (wasm and native read each other's files).

/// Builds an archive; models append their fields in `encode(into:)`.
///
/// ```swift
/// var w = ArchiveWriter()
/// model.encode(into: &w)
/// w.end()
/// let text = w.text
/// ```
public struct ArchiveWriter: Sendable {
  public private(set) var lines: [String] = ["RUVSWARM-FORECAST 1"]

  public init() {}

  /// Starts a model block with the fields every model has.
  public mutating func begin(_ kind: String, alias: String, seed: UInt64) {
    lines.append("model " + kind)
    text("alias", alias)
    lines.append("real seed " + hex(seed))
  }

  /// Closes the innermost model block.
  public mutating func end() { lines.append("end") }

  public mutating func text(_ name: String, _ value: String) {
    var bytes = Array(value.utf8)
    for i in bytes.indices where bytes[i] == 10 || bytes[i] == 13 { bytes[i] = 32 }
    lines.append("text " + name + " " + String(decoding: bytes, as: UTF8.self))
  }

  public mutating func int(_ name: String, _ value: Int) { lines.append("int " + name + " \(value)") }

  public mutating func real(_ name: String, _ value: Double) { lines.append("real " + name + " " + hex(value.bitPattern)) }

  public mutating func reals(_ name: String, _ values: [Double]) {
    var s = "reals " + name + " \(values.count)"
    for v in values { s += " " + hex(v.bitPattern) }
    lines.append(s)
  }

  /// The archive text.
  public var text: String {
    var s = ""
    for l in lines { s += l + "\n" }
    return s
  }
}

/// 16 lowercase hex digits.
func hex(_ v: UInt64) -> String {
  var out = [UInt8](repeating: 48, count: 16)
  var x = v
  for i in (0..<16).reversed() {
    let d = UInt8(x & 15)
    out[i] = d < 10 ? 48 + d : 87 + d
    x >>= 4
  }
  return String(decoding: out, as: UTF8.self)
}

/// Reads an archive field by field.
public struct ArchiveReader: Sendable {
  var lines: [[UInt8]] = []
  var position = 0
  /// The 0-based index of the line read last (errors name it).
  var current = 0

  /// Splits `text` into lines and checks the magic and version.
  ///
  /// - Throws: ``ForecastError/corruptArchive(_:)``.
  public init(_ text: String) throws(ForecastError) {
    var cur: [UInt8] = []
    for c in text.utf8 {
      if c == 10 {
        lines.append(cur)
        cur = []
      } else if c != 13 {
        cur.append(c)
      }
    }
    if !cur.isEmpty { lines.append(cur) }
    while lines.last?.isEmpty == true { lines.removeLast() }
    guard let first = lines.first, first == Array("RUVSWARM-FORECAST 1".utf8) else {
      throw .corruptArchive("line 1: not a RUVSWARM-FORECAST version 1 archive")
    }
    position = 1
  }

  func fail(_ why: String) -> ForecastError { .corruptArchive("line \(current + 1): " + why) }

  /// The fields of the next line: its words, or the tag, name and rest for `text`.
  mutating func next(_ tag: String, _ name: String?) throws(ForecastError) -> [[UInt8]] {
    current = position
    guard position < lines.count else { throw fail("unexpected end of archive") }
    let line = lines[position]
    var words: [[UInt8]] = []
    var cur: [UInt8] = []
    for (i, c) in line.enumerated() {
      if c == 32 {
        words.append(cur)
        cur = []
        if tag == "text" && words.count == 2 {
          cur = Array(line[(i + 1)...])
          break
        }
      } else {
        cur.append(c)
      }
    }
    words.append(cur)
    guard words[0] == Array(tag.utf8) else { throw fail("expected " + tag) }
    if let name { guard words.count >= 2, words[1] == Array(name.utf8) else { throw fail("expected field " + name) } }
    position += 1
    return words
  }

  /// Reads `model <kind>` and returns the kind.
  public mutating func beginModel() throws(ForecastError) -> String {
    let w = try next("model", nil)
    guard w.count == 2 else { throw fail("malformed model line") }
    return String(decoding: w[1], as: UTF8.self)
  }

  /// Reads `end`.
  public mutating func end() throws(ForecastError) { _ = try next("end", nil) }

  public mutating func text(_ name: String) throws(ForecastError) -> String {
    let w = try next("text", name)
    guard w.count == 3 else { throw fail("malformed text field") }
    return String(decoding: w[2], as: UTF8.self)
  }

  public mutating func int(_ name: String) throws(ForecastError) -> Int {
    let w = try next("int", name)
    guard w.count == 3, let v = parseInt(w[2]) else { throw fail("malformed int field") }
    return v
  }

  public mutating func real(_ name: String) throws(ForecastError) -> Double {
    let w = try next("real", name)
    guard w.count == 3, let v = parseHex(w[2]) else { throw fail("malformed real field") }
    return Double(bitPattern: v)
  }

  /// A seed (stored as raw bits).
  public mutating func seed() throws(ForecastError) -> UInt64 { try real("seed").bitPattern }

  public mutating func reals(_ name: String) throws(ForecastError) -> [Double] {
    let w = try next("reals", name)
    guard w.count >= 3, let n = parseInt(w[2]), n == w.count - 3 else { throw fail("malformed reals field") }
    var out: [Double] = []
    out.reserveCapacity(n)
    for k in 0..<n {
      guard let v = parseHex(w[3 + k]) else { throw fail("malformed reals field") }
      out.append(Double(bitPattern: v))
    }
    return out
  }

  /// Whether every line was consumed.
  public var isAtEnd: Bool { position == lines.count }
}

func parseInt(_ b: [UInt8]) -> Int? {
  guard !b.isEmpty, b.count <= 18 else { return nil }
  var neg = false
  var v = 0
  for (i, c) in b.enumerated() {
    if i == 0 && c == 45 && b.count > 1 {
      neg = true
      continue
    }
    guard c >= 48 && c <= 57 else { return nil }
    v = v * 10 + Int(c - 48)
  }
  return neg ? -v : v
}

func parseHex(_ b: [UInt8]) -> UInt64? {
  guard b.count == 16 else { return nil }
  var v: UInt64 = 0
  for c in b {
    let d: UInt8
    if c >= 48 && c <= 57 { d = c - 48 } else if c >= 97 && c <= 102 { d = c - 87 } else { return nil }
    v = v << 4 | UInt64(d)
  }
  return v
}

/// Saving and loading any model of this module.
///
/// ```swift
/// let text = ModelArchive.save(model)
/// let again = try ModelArchive.load(text)
/// ```
public enum ModelArchive {
  /// The archive text of `model`.
  public static func save(_ model: any ForecastModel) -> String {
    var w = ArchiveWriter()
    model.encode(into: &w)
    w.end()
    return w.text
  }

  /// The model an archive describes.
  ///
  /// - Throws: ``ForecastError/corruptArchive(_:)`` for any malformed content.
  public static func load(_ text: String) throws(ForecastError) -> any ForecastModel {
    var r = try ArchiveReader(text)
    let m = try decode(&r)
    guard r.isAtEnd else {
      r.current = r.position
      throw r.fail("trailing content")
    }
    return m
  }

  /// Reads one model block (recursively for wrappers).
  public static func decode(_ r: inout ArchiveReader) throws(ForecastError) -> any ForecastModel {
    let kind = try r.beginModel()
    let alias = try r.text("alias")
    let seed = try r.seed()
    let model: any ForecastModel
    switch kind {
    case "Naive": model = Naive(alias: alias)
    case "RWD": model = RandomWalkWithDrift(alias: alias)
    case "HistoricAverage": model = HistoricAverage(alias: alias)
    case "SeasonalNaive":
      let m = try r.int("seasonLength")
      guard m >= 1 else { throw r.fail("season length must be >= 1") }
      model = try SeasonalNaive(seasonLength: m, alias: alias)
    case "WindowAverage":
      let w = try r.int("windowSize")
      guard w >= 1 else { throw r.fail("window size must be >= 1") }
      model = try WindowAverage(windowSize: w, alias: alias)
    case "MLP": model = try MLP.decode(&r, alias: alias)
    case "ExponentialSmoothing": model = try ExponentialSmoothing.decode(&r, alias: alias)
    case "Theta": model = try Theta.decode(&r, alias: alias)
    case "Conformal": model = try ConformalModel.decode(&r, alias: alias)
    case "Ensemble": model = try Ensemble.decode(&r, alias: alias)
    case "DLinear", "NLinear", "NBEATS", "NHITS", "RNN", "LSTM", "GRU", "TCN", "TiDE", "PatchTST", "DeepAR",
         "VanillaTransformer", "Informer", "Autoformer", "FEDformer", "iTransformer", "TFT", "TimesNet":
      model = try WindowNetwork.decode(&r, kind: kind, alias: alias, seed: seed)
    case _ where CovariateNetwork.kinds.contains(kind):
      model = try WindowNetwork.decode(&r, kind: kind, alias: alias, seed: seed)
    default: throw r.fail("unknown model kind " + kind)
    }
    model.seed = seed
    try r.end()
    return model
  }
}
