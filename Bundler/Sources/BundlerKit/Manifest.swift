// manifest.json: what loader.js reads first, and the only thing it reads before a chunk is needed.
//
//   {
//     "format": 1, "name": "ruvswarm", "version": "0.1.0", "runtime": "runtime",
//     "build": { "generator", "toolchain", "stackSize", "optimized", "variants": { "simd": {flags…} } },
//     "chunks": {
//       "<chunk>": {
//         "kind": "runtime" | "domain", "module": "SIMDKit", "dependencies": ["runtime", …],
//         "variants": { "simd": { "file", "size", "gzip", "brotli", "integrity", "sha256" }, "scalar": {…} },
//         "modules": { "persistence.mjs": { "file", "size", "integrity", "sha256" }, … },   (jsmodule lines; optional)
//         "api": { "errorTypes": [{ "type", "errors": [{ "code", "name", "fields": [{ "name", "kind" }], "message" }] }],
//                  "functions": [{ "name", "export", "doc", "errorType"?, "params": [{ "name", "kind" }],
//                                  "returns": { "kind", "length"? } }] }
//
// A function's `errorType` names the entry of `errorTypes` whose codes its status means (codes are
// unique per error enum, not per domain). `returns.length` is present for arrays the loader allocates
// before the call (`f32[m*n]`); an array or string result without it is sized by the Swift side.
//       }
//     }
//   }
//
// Keys are sorted and the text is pretty-printed, so two builds of the same sources give the same
// manifest (no timestamps: build time is reported by `bundler build`, not stored).

import Foundation

/// The manifest's model.
///
/// ```swift
/// let text = try manifest.jsonText()
/// ```
public struct Manifest: Codable, Equatable, Sendable {
  /// Manifest format version.
  public var format = 1
  /// Package name.
  public var name = "ruvswarm"
  /// Package version.
  public var version: String
  /// The runtime chunk's name.
  public var runtime = Planner.runtimeChunk
  /// Build metadata.
  public var build: BuildInfo
  /// Every chunk by name.
  public var chunks: [String: Chunk]

  /// Build metadata.
  public struct BuildInfo: Codable, Equatable, Sendable {
    public var generator = "bundler"
    /// First line of `swiftc --version`.
    public var toolchain: String
    /// Shared stack size in bytes.
    public var stackSize: Int
    /// Whether wasm-opt ran.
    public var optimized: Bool
    /// The Swift flags of each variant.
    public var variants: [String: [String]]
  }

  /// One chunk.
  public struct Chunk: Codable, Equatable, Sendable {
    public var kind: ChunkKind
    /// The Swift module (domains only).
    public var module: String?
    /// Chunks that must be linked first (the runtime for every domain).
    public var dependencies: [String]
    /// The published files by variant name.
    public var variants: [String: File]
    /// The JS API (domains only).
    public var api: API?
    /// The domain's JS modules and their declarations by file name (`jsmodule` lines), absent when none.
    public var modules: [String: ModuleFile]? = nil
  }

  /// A JS module or declaration file copied into `modules/<domain>/`.
  public struct ModuleFile: Codable, Equatable, Sendable {
    /// Path relative to the manifest (`modules/<domain>/<name>`).
    public var file: String
    /// Bytes.
    public var size: Int
    /// Subresource-Integrity string (`sha256-…`).
    public var integrity: String
    /// Hex SHA-256.
    public var sha256: String
  }

  /// One published file.
  public struct File: Codable, Equatable, Sendable {
    /// Path relative to the manifest, with a content hash.
    public var file: String
    /// Bytes.
    public var size: Int
    /// Bytes after `gzip -9`.
    public var gzip: Int
    /// Bytes after `brotli -q 11`.
    public var brotli: Int
    /// Subresource-Integrity string (`sha256-…`).
    public var integrity: String
    /// Hex SHA-256.
    public var sha256: String
  }

  /// A domain's JS API, as the loader consumes it.
  public struct API: Codable, Equatable, Sendable {
    /// Every error enum of the domain (one per declaration file that declares one).
    public var errorTypes: [ErrorType]
    public var functions: [FunctionEntry]
  }

  /// One error enum and its cases.
  public struct ErrorType: Codable, Equatable, Sendable {
    public var type: String
    public var errors: [ErrorEntry]
  }

  public struct ErrorEntry: Codable, Equatable, Sendable {
    public var code: Int
    public var name: String
    public var fields: [Field]
    public var message: String
  }

  public struct Field: Codable, Equatable, Sendable {
    public var name: String
    public var kind: String
  }

  public struct FunctionEntry: Codable, Equatable, Sendable {
    public var name: String
    public var export: String
    public var doc: String
    /// The error enum its status codes belong to.
    public var errorType: String?
    public var params: [Field]
    public var returns: Returns
  }

  public struct Returns: Codable, Equatable, Sendable {
    /// `void`, `f32`, `f64`, `i32`, `f32[]`, `f64[]`, `i32[]`, `bytes` or `string`.
    public var kind: String
    /// For an array the loader allocates: the factors whose product is its length (`m`, `4`,
    /// `x.length`). Absent for results the Swift side sizes.
    public var length: [String]?
  }

  /// The pretty-printed, key-sorted JSON text.
  public func jsonText() throws -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    return String(decoding: try encoder.encode(self), as: UTF8.self) + "\n"
  }
}

extension Manifest.API {
  /// The API section for a declaration.
  public init(_ spec: APISpec) {
    errorTypes = spec.errorSets.map { set in
      Manifest.ErrorType(type: set.type, errors: set.cases.map { errorCase in
        Manifest.ErrorEntry(
          code: errorCase.code, name: errorCase.name,
          fields: errorCase.fields.map { Manifest.Field(name: $0.name, kind: $0.kind.rawValue) },
          message: errorCase.message)
      })
    }
    functions = spec.functions.map { function in
      let returns: Manifest.Returns
      switch function.returns {
      case .void: returns = Manifest.Returns(kind: "void", length: nil)
      case .scalar(let kind): returns = Manifest.Returns(kind: kind.rawValue, length: nil)
      case .array(let element, let factors): returns = Manifest.Returns(kind: element.rawValue + "[]", length: factors.map(\.spelling))
      case .owned(let owned): returns = Manifest.Returns(kind: owned.rawValue, length: nil)
      }
      return Manifest.FunctionEntry(
        name: function.name, export: spec.exportName(of: function), doc: function.doc.joined(separator: " "),
        errorType: function.throws ? function.errorType : nil,
        params: function.params.map { Manifest.Field(name: $0.name, kind: $0.kind.rawValue) }, returns: returns)
    }
  }
}
