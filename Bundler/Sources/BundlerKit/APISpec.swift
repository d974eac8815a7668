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
//   | `prepare sqlite ../scripts/fetch.sh`   | a script run before compiling; its output folder is `$sqlite` |
//   | `csource C/x.c $sqlite/sqlite3.c`      | C files compiled into the chunk (relative to the domain)   |
//   | `cinclude Sources/CSQLite $sqlite`     | include folders for the C files and for swiftc (module maps)|
//   | `cflags -DX=1 -O2`                     | extra clang flags for the domain's C files                 |
//   | `jsmodule JS/persistence.mjs`          | a JS module (and its .d.mts) shipped in dist/modules/<domain>/ |
//   | `error KernelError`                    | the domain's typed-throws error enum                       |
//   | `case 1 empty "message"`               | one case of it: code, name, `(field: int|name, …)`, message|
//   | `function dot(x: f32[], y: f32[]) -> f32` | one JS function                                         |
//   | `  /// text`                           | its documentation (goes into the .d.ts)                    |
//   | `  swift: try Kernels.dot(x, y)`       | the Swift expression the glue evaluates                    |
//
// Invariants checked by the parser: names are identifiers and unique, error codes are positive and
// unique, every function has exactly one `swift:` line, output lengths name only `i32` parameters,
// integer literals or `<array>.length`, and message placeholders name fields of their case.

/// The element type of an array that crosses the JS boundary.
public enum Element: String, Sendable, Equatable, CaseIterable {
  /// `Float` in Swift, a `Float32Array` in JS.
  case f32
  /// `Double` in Swift, a `Float64Array` in JS.
  case f64
  /// `Int32` in Swift, an `Int32Array` in JS.
  case i32
  /// `UInt8` in Swift, a `Uint8Array` (or a string's UTF-8) in JS.
  case u8

  /// The Swift element type.
  public var swiftType: String {
    switch self {
    case .f32: return "Float"
    case .f64: return "Double"
    case .i32: return "Int32"
    case .u8: return "UInt8"
    }
  }

  /// The JS typed array.
  public var typedArray: String {
    switch self {
    case .f32: return "Float32Array"
    case .f64: return "Float64Array"
    case .i32: return "Int32Array"
    case .u8: return "Uint8Array"
    }
  }
}

/// The parameter types that cross the JS boundary.
///
/// ```swift
/// let kind = try ParamKind(parsing: "inout f32[]")   // .mutableArray
/// kind.element                                        // .f32
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
  /// A Float64Array read by the call; bound as `UnsafeBufferPointer<Double>`.
  case f64Array = "f64[]"
  /// A Float64Array read and written by the call; bound as `UnsafeMutableBufferPointer<Double>`.
  case mutableF64Array = "inout f64[]"
  /// An Int32Array read by the call; bound as `UnsafeBufferPointer<Int32>`.
  case i32Array = "i32[]"
  /// An Int32Array read and written by the call; bound as `UnsafeMutableBufferPointer<Int32>`.
  case mutableI32Array = "inout i32[]"
  /// A Uint8Array read by the call; bound as `UnsafeBufferPointer<UInt8>`.
  case bytes
  /// A JS string, passed as its UTF-8 bytes; bound as `UnsafeBufferPointer<UInt8>`. Its `.length`
  /// in a result length is the UTF-8 byte count.
  case string

  /// Parses the spelling used in declaration files.
  public init(parsing text: String) throws(SpecError) {
    guard let kind = ParamKind(rawValue: text.trimmingSpaces) else {
      throw SpecError(line: 0, message: "unknown parameter type '\(text)'")
    }
    self = kind
  }

  /// The element type of a buffer parameter; nil for the scalars.
  public var element: Element? {
    switch self {
    case .f32, .f64, .i32: return nil
    case .array, .mutableArray: return .f32
    case .f64Array, .mutableF64Array: return .f64
    case .i32Array, .mutableI32Array: return .i32
    case .bytes, .string: return .u8
    }
  }

  /// Whether the parameter is passed as a pointer and a length (typed arrays and strings).
  public var isArray: Bool { element != nil }

  /// Whether the call's changes are copied back into the caller's array.
  public var isMutable: Bool { self == .mutableArray || self == .mutableF64Array || self == .mutableI32Array }
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

/// A result whose length only the Swift side knows: the expression evaluates to an array, which the
/// glue copies into a buffer from the runtime's allocator; the loader copies it out and frees it.
public enum OwnedResult: String, Sendable, Equatable, CaseIterable {
  /// `[Float]` → a new Float32Array.
  case f32Array = "f32[]"
  /// `[Double]` → a new Float64Array.
  case f64Array = "f64[]"
  /// `[Int32]` → a new Int32Array.
  case i32Array = "i32[]"
  /// `[UInt8]` → a new Uint8Array.
  case bytes
  /// `[UInt8]` holding UTF-8 → a JS string (decoded strictly: invalid UTF-8 is an error).
  case string

  /// The element type of the Swift array.
  public var element: Element {
    switch self {
    case .f32Array: return .f32
    case .f64Array: return .f64
    case .i32Array: return .i32
    case .bytes, .string: return .u8
    }
  }
}

/// What a JS function returns.
public enum ReturnKind: Sendable, Equatable {
  /// Nothing (`undefined`).
  case void
  /// A scalar number.
  case scalar(ParamKind)
  /// A new typed array whose length is the product of `length`, allocated by the loader before the
  /// call; bound in Swift as `result`, an `UnsafeMutableBufferPointer` the expression fills.
  case array(Element, length: [LengthFactor])
  /// A new typed array or string of the length the Swift expression's array has.
  case owned(OwnedResult)

  /// A Float32Array of a length known before the call (`-> f32[m*n]`).
  public static func array(length: [LengthFactor]) -> ReturnKind { .array(.f32, length: length) }
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
  /// The error enum its `try` throws: the one declared in the same file (nil when none is).
  public var errorType: String?

  /// Whether the expression uses `try` (as a word: `Registry.insert` does not), so the glue catches
  /// the file's error enum.
  public var `throws`: Bool { mentions("try") }

  /// Whether the expression contains `word` as a whole identifier (so the glue binds only the
  /// parameters it uses, and `Registry` does not count as `try`).
  public func mentions(_ word: String) -> Bool {
    let bytes = Array(swift.utf8), target = Array(word.utf8)
    func isIdentifier(_ b: UInt8) -> Bool { b == 95 || (b >= 48 && b <= 57) || ((b | 32) >= 97 && (b | 32) <= 122) || b >= 128 }
    guard !target.isEmpty, bytes.count >= target.count else { return false }
    for i in 0...(bytes.count - target.count) where Array(bytes[i..<(i + target.count)]) == target {
      if (i == 0 || !isIdentifier(bytes[i - 1])) && (i + target.count == bytes.count || !isIdentifier(bytes[i + target.count])) {
        return true
      }
    }
    return false
  }

  /// Creates a function declaration.
  public init(name: String, params: [Param], returns: ReturnKind, swift: String, doc: [String] = [], errorType: String? = nil) {
    self.name = name
    self.params = params
    self.returns = returns
    self.swift = swift
    self.doc = doc
    self.errorType = errorType
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

/// A script a domain runs before its C files are compiled (to fetch and verify a pinned source, say).
///
/// ```swift
/// let step = Preparation(name: "sqlite", script: "../scripts/fetch-sqlite.sh")   // `$sqlite/sqlite3.c`
/// ```
public struct Preparation: Sendable, Equatable, Hashable {
  /// The name its output folder is bound to in `csource` and `cinclude` paths (`$name/...`).
  public var name: String
  /// The script, relative to the domain folder. It runs from the repository root with no arguments;
  /// the last line it prints on standard output is its output folder (absolute).
  public var script: String

  /// Creates a preparation.
  public init(name: String, script: String) {
    self.name = name
    self.script = script
  }
}

/// One error enum and its cases, as one declaration file declares it. Codes are unique within the
/// set; two files of the same domain may reuse codes, since every function names its set.
public struct ErrorSet: Sendable, Equatable {
  /// The Swift enum's name.
  public var type: String
  /// Its cases.
  public var cases: [ErrorCase]

  /// Creates a set.
  public init(type: String, cases: [ErrorCase]) {
    self.type = type
    self.cases = cases
  }

  /// The largest number of Int32 slots an error record of this set needs.
  public var recordSlots: Int {
    cases.map { $0.fields.reduce(0) { $0 + ($1.kind == .int ? 1 : 1 + ErrorRecord.nameSlots) } }.max() ?? 0
  }
}

/// A domain's JS-facing API: the parsed form of its `.jsapi` declaration file, or of several files
/// declaring the same domain, merged (`APISpec.merging`).
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
  /// The error enums, one per declaration file that declares one.
  public var errorSets: [ErrorSet]
  /// The functions.
  public var functions: [Function]
  /// Scripts to run before compiling the C files.
  public var preparations: [Preparation] = []
  /// C files compiled into the chunk: relative to the domain folder, or `$name/...` below a
  /// preparation's output folder.
  public var cSources: [String] = []
  /// Include folders (same spelling) for clang and for swiftc, which finds module maps there.
  public var cIncludes: [String] = []
  /// Extra clang flags for the C files.
  public var cFlags: [String] = []
  /// JS modules shipped with the chunk (`jsmodule` lines, relative to the domain folder): copied into
  /// `dist/modules/<domain>/` with their declarations and listed in the manifest and package.json.
  public var jsModules: [String] = []

  /// Creates a spec from its parts.
  public init(
    domain: String, module: String, depends: [String] = [], simdRequired: Bool = false,
    errorSets: [ErrorSet] = [], functions: [Function] = []
  ) {
    self.domain = domain
    self.module = module
    self.depends = depends
    self.simdRequired = simdRequired
    self.errorSets = errorSets
    self.functions = functions
  }

  /// Whether the chunk has C code or imports a C module.
  public var hasC: Bool { !cSources.isEmpty || !cIncludes.isEmpty }

  /// Creates a one-file spec with at most one error enum; every function throws it.
  public init(
    domain: String, module: String, depends: [String] = [], simdRequired: Bool = false,
    errorType: String?, errors: [ErrorCase] = [], functions: [Function] = []
  ) {
    self.init(
      domain: domain, module: module, depends: depends, simdRequired: simdRequired,
      errorSets: errorType.map { [ErrorSet(type: $0, cases: errors)] } ?? [],
      functions: functions.map { var f = $0; f.errorType = errorType; return f })
  }

  /// The first file's error enum (a one-file spec has at most one).
  public var errorType: String? { errorSets.first?.type }

  /// The cases of the first file's error enum.
  public var errors: [ErrorCase] { errorSets.first?.cases ?? [] }

  /// The error set a function throws.
  public func errorSet(of function: Function) -> ErrorSet? {
    errorSets.first { $0.type == function.errorType }
  }

  /// Merges the specs of several declaration files of one domain: same `domain` and `module`;
  /// `depends` joined in order; `simd required` if any says so; error enums and functions
  /// concatenated (names unique across the files).
  /// - Complexity: O(functions² + error sets²), both small.
  public static func merging(_ parts: [APISpec]) throws(SpecError) -> APISpec {
    guard var merged = parts.first else { throw SpecError(line: 0, message: "no declarations to merge") }
    for part in parts.dropFirst() {
      guard part.domain == merged.domain else {
        throw SpecError(line: 0, message: "cannot merge domain '\(part.domain)' into '\(merged.domain)'")
      }
      guard part.module == merged.module else {
        throw SpecError(line: 0, message: "domain '\(part.domain)' names two modules, \(merged.module) and \(part.module)")
      }
      for dependency in part.depends where !merged.depends.contains(dependency) { merged.depends.append(dependency) }
      merged.simdRequired = merged.simdRequired || part.simdRequired
      for preparation in part.preparations where !merged.preparations.contains(preparation) {
        if merged.preparations.contains(where: { $0.name == preparation.name }) {
          throw SpecError(line: 0, message: "preparation '\(preparation.name)' is declared twice in domain '\(part.domain)'")
        }
        merged.preparations.append(preparation)
      }
      for source in part.cSources where !merged.cSources.contains(source) { merged.cSources.append(source) }
      for include in part.cIncludes where !merged.cIncludes.contains(include) { merged.cIncludes.append(include) }
      merged.cFlags += part.cFlags
      for module in part.jsModules where !merged.jsModules.contains(module) {
        if merged.jsModules.contains(where: { moduleName($0) == moduleName(module) }) {
          throw SpecError(line: 0, message: "two JS modules named '\(moduleName(module))' in domain '\(part.domain)'")
        }
        merged.jsModules.append(module)
      }
      for set in part.errorSets {
        if merged.errorSets.contains(where: { $0.type == set.type }) {
          throw SpecError(line: 0, message: "error type '\(set.type)' is declared by two files of domain '\(part.domain)'")
        }
        merged.errorSets.append(set)
      }
      for function in part.functions {
        if merged.functions.contains(where: { $0.name == function.name }) {
          throw SpecError(line: 0, message: "function '\(function.name)' is declared by two files of domain '\(part.domain)'")
        }
        merged.functions.append(function)
      }
    }
    return merged
  }

  /// A `jsmodule` path's file name: its name in `dist/modules/<domain>/` and in package.json.
  public static func moduleName(_ path: String) -> String {
    String(path.split(separator: "/").last ?? Substring(path))
  }

  /// The declaration file next to a JS module: `x.d.mts` for `x.mjs`, `x.d.ts` for `x.js`.
  public static func declarationName(_ path: String) -> String {
    path.hasSuffix(".mjs") ? String(path.dropLast(4)) + ".d.mts" : String(path.dropLast(3)) + ".d.ts"
  }

  /// The wasm export name of a function.
  public func exportName(of function: Function) -> String { domain + "_" + function.name }

  /// The file name of the generated glue, compiled into the domain's own module (one compile per
  /// variant, and no second copy of the domain's inlinable bodies in a glue module).
  public var glueFile: String { module + "+JSExports.swift" }

  /// The largest number of Int32 slots an error record needs.
  public var errorRecordSlots: Int { errorSets.map(\.recordSlots).max() ?? 0 }
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
