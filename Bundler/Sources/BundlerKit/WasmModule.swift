// Just enough of the WebAssembly binary format to check linkage: the import and export sections and
// the `dylink.0` custom section's NEEDED list.
//
//   | section id | name    | read here                                                  |
//   |------------|---------|------------------------------------------------------------|
//   | 0          | custom  | `dylink.0`: subsection 1 (mem info), 2 (needed)            |
//   | 2          | import  | module, field, kind (0 func, 1 table, 2 memory, 3 global)  |
//   | 7          | export  | field, kind                                                |
//
// Everything is bounds-checked: a truncated or corrupt module is a `WasmFormatError`, never a trap.

/// What a wasm module imports and exports.
///
/// ```swift
/// let module = try WasmModule(parsing: bytes)
/// module.imports.first   // ("env", "memory", .memory)
/// ```
public struct WasmModule: Equatable, Sendable {
  /// The kind of an import or export.
  public enum Kind: UInt8, Sendable {
    case function = 0, table = 1, memory = 2, global = 3, tag = 4
  }

  /// One import.
  public struct Import: Equatable, Sendable {
    public var module: String
    public var name: String
    public var kind: Kind
  }

  /// Imports in order.
  public var imports: [Import] = []
  /// Export names and kinds in order.
  public var exports: [(name: String, kind: Kind)] = []
  /// Whether the module has a `dylink.0` section (a side module).
  public var isSideModule = false
  /// The memory size the side module asks for (dylink.0 mem info).
  public var memorySize = 0
  /// The modules named in dylink.0 NEEDED.
  public var needed: [String] = []

  public static func == (lhs: WasmModule, rhs: WasmModule) -> Bool {
    lhs.imports == rhs.imports && lhs.exports.map(\.name) == rhs.exports.map(\.name)
      && lhs.isSideModule == rhs.isSideModule && lhs.needed == rhs.needed && lhs.memorySize == rhs.memorySize
  }

  /// Parses a module.
  /// - Complexity: O(n) in the module size.
  public init(parsing bytes: [UInt8]) throws(WasmFormatError) {
    var reader = Reader(bytes: bytes, position: 0, end: bytes.count)
    guard bytes.count >= 8, bytes[0...3] == [0, 0x61, 0x73, 0x6d] else { throw WasmFormatError(message: "not a wasm module") }
    guard bytes[4...7] == [1, 0, 0, 0] else { throw WasmFormatError(message: "unsupported wasm version") }
    reader.position = 8
    while reader.position < reader.end {
      let id = try reader.byte()
      let size = try reader.leb()
      let start = reader.position
      guard size <= reader.end - start else { throw WasmFormatError(message: "section \(id) runs past the end") }
      var section = Reader(bytes: bytes, position: start, end: start + size)
      switch id {
      case 0:
        let name = try section.name()
        if name == "dylink.0" {
          isSideModule = true
          while section.position < section.end {
            let type = try section.byte()
            let length = try section.leb()
            guard length <= section.end - section.position else { throw WasmFormatError(message: "dylink.0 subsection runs past the end") }
            var sub = Reader(bytes: bytes, position: section.position, end: section.position + length)
            if type == 1 {
              memorySize = try sub.leb()
            } else if type == 2 {
              let count = try sub.leb()
              for _ in 0..<count { needed.append(try sub.name()) }
            }
            section.position += length
          }
        }
      case 2:
        let count = try section.leb()
        for _ in 0..<count {
          let module = try section.name()
          let field = try section.name()
          let kindByte = try section.byte()
          guard let kind = Kind(rawValue: kindByte) else { throw WasmFormatError(message: "bad import kind \(kindByte)") }
          switch kind {
          case .function: _ = try section.leb()
          case .table:
            _ = try section.byte()
            try section.limits()
          case .memory: try section.limits()
          case .global:
            _ = try section.byte()
            _ = try section.byte()
          case .tag:
            _ = try section.byte()
            _ = try section.leb()
          }
          imports.append(Import(module: module, name: field, kind: kind))
        }
      case 7:
        let count = try section.leb()
        for _ in 0..<count {
          let name = try section.name()
          let kindByte = try section.byte()
          guard let kind = Kind(rawValue: kindByte) else { throw WasmFormatError(message: "bad export kind \(kindByte)") }
          _ = try section.leb()
          exports.append((name, kind))
        }
      default:
        break
      }
      reader.position = start + size
    }
  }
}

/// A module that cannot be parsed.
public struct WasmFormatError: Error, Equatable, CustomStringConvertible {
  /// What is wrong.
  public var message: String
  public var description: String { message }
}

private struct Reader {
  let bytes: [UInt8]
  var position: Int
  let end: Int

  mutating func byte() throws(WasmFormatError) -> UInt8 {
    guard position < end else { throw WasmFormatError(message: "unexpected end of module") }
    defer { position += 1 }
    return bytes[position]
  }

  mutating func leb() throws(WasmFormatError) -> Int {
    var result = 0
    var shift = 0
    while true {
      let b = try byte()
      result |= Int(b & 0x7f) << shift
      if b & 0x80 == 0 { return result }
      shift += 7
      guard shift < 35 else { throw WasmFormatError(message: "LEB128 too long") }
    }
  }

  mutating func name() throws(WasmFormatError) -> String {
    let length = try leb()
    guard length <= end - position else { throw WasmFormatError(message: "name runs past the end") }
    defer { position += length }
    return String(decoding: bytes[position..<position + length], as: UTF8.self)
  }

  mutating func limits() throws(WasmFormatError) {
    let flags = try byte()
    _ = try leb()
    if flags & 1 != 0 { _ = try leb() }
  }
}
