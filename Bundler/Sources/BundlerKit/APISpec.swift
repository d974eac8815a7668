// A domain's JS-facing API, declared once.
//
// Every domain that wants a chunk keeps one declaration file, `<Domain>/JS/<Module>.jsapi`. From it the
// bundler generates, and nobody writes by hand:
//   1. the Swift export glue compiled into the domain's chunk (`@_cdecl` functions that take pointers
//      and lengths, call the domain's Swift API, and turn its typed error into a status code and a
//      small error record),
//   2. the API section of manifest.json, from which loader.js builds the JS methods (Float32Array in
//      and out, copies through the runtime allocator, errors re-thrown as `RuvSwarmError`),
//   3. the TypeScript declarations of those methods (`domains.d.ts`).
//
// The format is line-oriented and free of Swift syntax except for the `swift:` call expressions:
//
//   | line                                   | meaning                                                    |
//   |----------------------------------------|------------------------------------------------------------|
//   | `# text`                               | comment                                                    |
//   | `domain simdkit`                       | the JS name of the domain (lowercase identifier)           |
//   | `module SIMDKit`                       | the Swift module, compiled from `Sources/SIMDKit`          |
//   | `depends core neural`                  | domains whose chunks this one links against                |
//   | `simd required`                        | the simd128 variant must contain `f32x4` instructions      |
//   | `error KernelError`                    | the domain's typed-throws error enum                       |
//   | `case 1 empty "message"`               | one case of it: code, name, `(field: int|name, …)`, message|
//   | `function dot(x: f32[], y: f32[]) -> f32` | one JS function                                         |
//   | `  /// text`                           | its documentation (goes into the .d.ts)                    |
//   | `  swift: try Kernels.dot(x, y)`       | the Swift expression the glue evaluates                    |
//
// Invariants checked by the parser: names are identifiers and unique, error codes are positive and
// unique, every function has exactly one `swift:` line, output lengths name only `i32` parameters,
// integer literals or `<array>.length`, and message placeholders name fields of their case.

/// The element and scalar types that cross the JS boundary.
///
/// ```swift
/// let kind = try ParamKind(parsing: "inout f32[]")   // .mutableArray
/// ```
public enum ParamKind: String, Sendable, Equatable, CaseIterable {
  /// A JS number passed as a 32-bit float; bound in Swift as `Float`.
  case f32
  /// A JS number passed as a 64-bit float; bound in Swift as `Double`.
  case f64
  /// A JS integer in the Int32 range; bound in Swift as `Int`.
  case i32
  /// A Float32Array read by the call; bound in Swift as `UnsafeBufferPointer<Float>`.
  case array = "f32[]"
  /// A Float32Array read and written by the call; bound as `UnsafeMutableBufferPointer<Float>`.
  case mutableArray = "inout f32[]"

  /// Parses the spelling used in declaration files.
  public init(parsing text: String) throws(SpecError) {
    guard let kind = ParamKind(rawValue: text.trimmingSpaces) else {
      throw SpecError(line: 0, message: "unknown parameter type '\(text)'")
    }
    self = kind
  }

  /// Whether the parameter is a Float32Array.
  public var isArray: Bool { self == .array || self == .mutableArray }
}

/// One parameter of a JS function.
public struct Param: Sendable, Equatable {
  /// The parameter's name in JS, in TypeScript and in the Swift expression.
  public var name: String
  /// Its type.
  public var kind: ParamKind

  /// Creates a parameter.
  public init(name: String, kind: ParamKind) {
    self.name = name
    self.kind = kind
  }
}

/// What a JS function returns.
public enum ReturnKind: Sendable, Equatable {
  /// Nothing (`undefined`).
  case void
  /// A scalar number.
  case scalar(ParamKind)
  /// A new Float32Array whose length is the product of `factors`; bound in Swift as `result`,
  /// an `UnsafeMutableBufferPointer<Float>` the expression fills.
  case array(length: [LengthFactor])
}

/// One factor of an output array's length.
public enum LengthFactor: Sendable, Equatable {
  /// An integer literal.
  case literal(Int)
  /// The value of an `i32` parameter.
  case parameter(String)
  /// The length of an array parameter.
  case lengthOf(String)

  /// The spelling used in declaration files and in the manifest (`m`, `4`, `x.length`).
  public var spelling: String {
    switch self {
    case .literal(let value): return String(value)
    case .parameter(let name): return name
    case .lengthOf(let name): return name + ".length"
    }
  }
}

/// One JS function of a domain.
public struct Function: Sendable, Equatable {
  /// The JS method name; the wasm export is `<domain>_<name>`.
  public var name: String
  /// Parameters in call order.
  public var params: [Param]
  /// The result.
  public var returns: ReturnKind
  /// The Swift expression (or statement, for `void` and array results) the glue evaluates.
  public var swift: String
  /// Documentation lines, without the `///`.
  public var doc: [String]

  /// Creates a function declaration.
  public init(name: String, params: [Param], returns: ReturnKind, swift: String, doc: [String] = []) {
    self.name = name
    self.params = params
    self.returns = returns
    self.swift = swift
    self.doc = doc
  }
}

/// The type of one field of an error case's payload.
public enum ErrorFieldKind: String, Sendable, Equatable {
  /// An `Int` payload, clamped to Int32 at the boundary.
  case int
  /// A `StaticString` payload (a parameter name, say), copied as UTF-8 (at most 32 bytes).
  case name
}

/// One case of a domain's error enum.
public struct ErrorCase: Sendable, Equatable {
  /// The status code returned by the glue (positive; 0 means success).
  public var code: Int
  /// The Swift case name, also the suffix of the JS error code (`simdkit.lengthMismatch`).
  public var name: String
  /// The payload fields, in declaration order.
  public var fields: [(name: String, kind: ErrorFieldKind)]
  /// The message template; `{field}` is replaced by the field's value.
  public var message: String

  /// Creates an error case.
  public init(code: Int, name: String, fields: [(name: String, kind: ErrorFieldKind)], message: String) {
    self.code = code
    self.name = name
    self.fields = fields
    self.message = message
  }

  public static func == (lhs: ErrorCase, rhs: ErrorCase) -> Bool {
    lhs.code == rhs.code && lhs.name == rhs.name && lhs.message == rhs.message
      && lhs.fields.map(\.name) == rhs.fields.map(\.name) && lhs.fields.map(\.kind) == rhs.fields.map(\.kind)
  }
}

/// A domain's JS-facing API: the parsed form of its `.jsapi` declaration file.
///
/// ```swift
/// let spec = try APISpec(parsing: """
///   domain demo
///   module Demo
///   function twice(x: f32) -> f32
///     swift: x * 2
///   """)
/// // spec.functions[0].name == "twice"
/// ```
public struct APISpec: Sendable, Equatable {
  /// The JS name of the domain, used by `ruv.load("…")`, chunk files and wasm export prefixes.
  public var domain: String
  /// The Swift module compiled into the chunk.
  public var module: String
  /// Domains this one depends on (their chunks are linked first).
  public var depends: [String]
  /// Whether the simd128 variant must contain `f32x4` instructions (numeric domains).
  public var simdRequired: Bool
  /// The Swift error type thrown by the functions, if any.
  public var errorType: String?
  /// Its cases.
  public var errors: [ErrorCase]
  /// The functions.
  public var functions: [Function]

  /// Creates a spec from its parts.
  public init(
    domain: String, module: String, depends: [String] = [], simdRequired: Bool = false,
    errorType: String? = nil, errors: [ErrorCase] = [], functions: [Function] = []
  ) {
    self.domain = domain
    self.module = module
    self.depends = depends
    self.simdRequired = simdRequired
    self.errorType = errorType
    self.errors = errors
    self.functions = functions
  }

  /// The wasm export name of a function.
  public func exportName(of function: Function) -> String { domain + "_" + function.name }

  /// The file name of the generated glue, compiled into the domain's own module (one compile per
  /// variant, and no second copy of the domain's inlinable bodies in a glue module).
  public var glueFile: String { module + "+JSExports.swift" }

  /// The largest number of Int32 slots an error record needs.
  public var errorRecordSlots: Int {
    errors.map { $0.fields.reduce(0) { $0 + ($1.kind == .int ? 1 : 1 + ErrorRecord.nameSlots) } }.max() ?? 0
  }
}

/// The layout of the error record the glue fills and the loader decodes.
public enum ErrorRecord {
  /// Int32 slots holding a `name` field's UTF-8 bytes (after one slot for its length).
  public static let nameSlots = 8
  /// Total Int32 slots the loader allocates for every call.
  public static let slots = 32
}

/// A declaration file that does not parse, with its line number (1-based; 0 when not tied to a line).
///
/// ```swift
/// do { _ = try APISpec(parsing: "nonsense") } catch { print(error.description) }  // "line 1: …"
/// ```
public struct SpecError: Error, Equatable, CustomStringConvertible {
  /// The 1-based line, or 0.
  public var line: Int
  /// What is wrong.
  public var message: String

  /// Creates an error.
  public init(line: Int, message: String) {
    self.line = line
    self.message = message
  }

  public var description: String { line > 0 ? "line \(line): \(message)" : message }
}

extension String {
  var trimmingSpaces: String {
    var s = Substring(self)
    while let c = s.first, c == " " || c == "\t" { s.removeFirst() }
    while let c = s.last, c == " " || c == "\t" { s.removeLast() }
    return String(s)
  }

  var isIdentifier: Bool {
    guard let first = unicodeScalars.first, first == "_" || first.properties.isAlphabetic, first.isASCII else {
      return false
    }
    return unicodeScalars.allSatisfy { $0.isASCII && ($0 == "_" || $0.properties.isAlphabetic || ("0"..."9").contains($0)) }
  }
}
