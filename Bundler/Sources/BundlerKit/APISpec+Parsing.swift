// Parsing of `.jsapi` declaration files (the format is described in APISpec.swift).

import Foundation

extension APISpec {
  /// Parses a declaration file.
  ///
  /// ```swift
  /// let spec = try APISpec(parsing: "domain d\nmodule D\nfunction one() -> i32\n  swift: 1")
  /// ```
  /// - Complexity: O(n) in the length of the text.
  public init(parsing text: String) throws(SpecError) {
    var domain: String?
    var module: String?
    var depends: [String] = []
    var simdRequired = false
    var errorType: String?
    var errors: [ErrorCase] = []
    var functions: [Function] = []
    var preparations: [Preparation] = []
    var cSources: [String] = []
    var cIncludes: [String] = []
    var cFlags: [String] = []
    var jsModules: [String] = []
    var current: (function: Function, line: Int, hasSwift: Bool)?

    func finish(_ pending: (function: Function, line: Int, hasSwift: Bool)?) throws(SpecError) {
      guard let pending else { return }
      if !pending.hasSwift {
        throw SpecError(line: pending.line, message: "function '\(pending.function.name)' has no 'swift:' line")
      }
      if functions.contains(where: { $0.name == pending.function.name }) {
        throw SpecError(line: pending.line, message: "function '\(pending.function.name)' is declared twice")
      }
      functions.append(pending.function)
    }

    for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
      let number = index + 1
      let indented = raw.first == " " || raw.first == "\t"
      let line = String(raw).trimmingSpaces
      if line.isEmpty || line.hasPrefix("#") { continue }
      if indented, current != nil {
        if line.hasPrefix("///") {
          current!.function.doc.append(String(line.dropFirst(3)).trimmingSpaces)
        } else if line.hasPrefix("swift:") {
          if current!.hasSwift { throw SpecError(line: number, message: "a second 'swift:' line") }
          let expression = String(line.dropFirst(6)).trimmingSpaces
          if expression.isEmpty { throw SpecError(line: number, message: "empty 'swift:' expression") }
          current!.function.swift = expression
          current!.hasSwift = true
        } else {
          throw SpecError(line: number, message: "expected '///' or 'swift:' inside a function, got '\(line)'")
        }
        continue
      }
      let (keyword, rest) = line.splitFirstWord()
      switch keyword {
      case "domain":
        guard rest.isIdentifier, rest == rest.lowercased() else {
          throw SpecError(line: number, message: "domain name '\(rest)' must be a lowercase identifier")
        }
        domain = rest
      case "module":
        guard rest.isIdentifier else { throw SpecError(line: number, message: "module '\(rest)' is not an identifier") }
        module = rest
      case "depends":
        depends = rest.split(separator: " ").map(String.init)
      case "simd":
        guard rest == "required" else { throw SpecError(line: number, message: "expected 'simd required'") }
        simdRequired = true
      case "prepare":
        let (name, script) = rest.splitFirstWord()
        guard name.isIdentifier, !script.isEmpty, !script.contains(" ") else {
          throw SpecError(line: number, message: "expected 'prepare <name> <script>'")
        }
        if preparations.contains(where: { $0.name == name }) {
          throw SpecError(line: number, message: "preparation '\(name)' is declared twice")
        }
        preparations.append(Preparation(name: name, script: script))
      case "csource", "cinclude":
        let paths = rest.split(separator: " ").map(String.init)
        guard !paths.isEmpty else { throw SpecError(line: number, message: "'\(keyword)' needs at least one path") }
        for path in paths {
          if path.hasPrefix("/") { throw SpecError(line: number, message: "'\(path)' must be relative to the domain folder") }
          if keyword == "csource" && !path.hasSuffix(".c") { throw SpecError(line: number, message: "'\(path)' is not a .c file") }
          if path.hasPrefix("$") {
            let name = String(path.dropFirst().prefix { $0 != "/" })
            guard preparations.contains(where: { $0.name == name }) else {
              throw SpecError(line: number, message: "'\(path)' names no preparation '\(name)' declared above")
            }
          }
        }
        if keyword == "csource" { cSources += paths } else { cIncludes += paths }
      case "cflags":
        cFlags += rest.split(separator: " ").map(String.init)
      case "jsmodule":
        let paths = rest.split(separator: " ").map(String.init)
        guard !paths.isEmpty else { throw SpecError(line: number, message: "'jsmodule' needs at least one path") }
        for path in paths {
          if path.hasPrefix("/") || path.hasPrefix("$") || path.split(separator: "/").contains("..") {
            throw SpecError(line: number, message: "'\(path)' must be a path inside the domain folder")
          }
          guard path.hasSuffix(".mjs") || path.hasSuffix(".js") else {
            throw SpecError(line: number, message: "'\(path)' is not a .mjs or .js file")
          }
          let name = APISpec.moduleName(path)
          if jsModules.contains(where: { APISpec.moduleName($0) == name }) {
            throw SpecError(line: number, message: "a second JS module named '\(name)'")
          }
          jsModules.append(path)
        }
      case "error":
        if errorType != nil { throw SpecError(line: number, message: "a second 'error' line (one error enum per file)") }
        guard rest.isIdentifier else { throw SpecError(line: number, message: "error type '\(rest)' is not an identifier") }
        errorType = rest
      case "case":
        guard errorType != nil else { throw SpecError(line: number, message: "'case' before 'error'") }
        let parsed = try ErrorCase(parsing: rest, line: number)
        if errors.contains(where: { $0.code == parsed.code || $0.name == parsed.name }) {
          throw SpecError(line: number, message: "error case '\(parsed.name)' or code \(parsed.code) declared twice")
        }
        errors.append(parsed)
      case "function":
        try finish(current)
        current = (try Function(parsingHeader: rest, line: number), number, false)
      default:
        throw SpecError(line: number, message: "unknown keyword '\(keyword)'")
      }
    }
    try finish(current)
    guard let domain else { throw SpecError(line: 0, message: "missing 'domain' line") }
    guard let module else { throw SpecError(line: 0, message: "missing 'module' line") }
    if functions.contains(where: { $0.throws }) && errorType == nil {
      throw SpecError(line: 0, message: "functions use 'try' but no 'error' type is declared")
    }
    self.init(
      domain: domain, module: module, depends: depends, simdRequired: simdRequired,
      errorType: errorType, errors: errors, functions: functions)
    self.preparations = preparations
    self.cSources = cSources
    self.cIncludes = cIncludes
    self.cFlags = cFlags
    self.jsModules = jsModules
  }
}

extension ErrorCase {
  /// Parses `1 name(field: int, …) "message"`.
  init(parsing text: String, line: Int) throws(SpecError) {
    let (codeText, afterCode) = text.splitFirstWord()
    guard let code = Int(codeText), code > 0 else {
      throw SpecError(line: line, message: "error code '\(codeText)' must be a positive integer")
    }
    guard let quote = afterCode.firstIndex(of: "\""), afterCode.hasSuffix("\""), afterCode.count >= 2,
      quote < afterCode.index(before: afterCode.endIndex)
    else {
      throw SpecError(line: line, message: "error case needs a quoted message")
    }
    let message = String(afterCode[afterCode.index(after: quote)..<afterCode.index(before: afterCode.endIndex)])
    let signature = String(afterCode[..<quote]).trimmingSpaces
    let (name, list) = try splitCall(signature, line: line)
    var fields: [(name: String, kind: ErrorFieldKind)] = []
    for (fieldName, typeText) in list {
      guard let kind = ErrorFieldKind(rawValue: typeText) else {
        throw SpecError(line: line, message: "error field type '\(typeText)' must be 'int' or 'name'")
      }
      fields.append((fieldName, kind))
    }
    for placeholder in message.placeholders where !fields.contains(where: { $0.name == placeholder }) {
      throw SpecError(line: line, message: "message placeholder '{\(placeholder)}' names no field of '\(name)'")
    }
    self.init(code: code, name: name, fields: fields, message: message)
  }
}

extension Function {
  /// Parses `name(p: kind, …) -> result`.
  init(parsingHeader text: String, line: Int) throws(SpecError) {
    var signature = text
    var returns = ReturnKind.void
    if let arrow = text.range(of: "->") {
      signature = String(text[..<arrow.lowerBound]).trimmingSpaces
      let result = String(text[arrow.upperBound...]).trimmingSpaces
      returns = try ReturnKind(parsing: result, line: line)
    }
    let (name, list) = try splitCall(signature, line: line)
    var params: [Param] = []
    for (paramName, typeText) in list {
      do throws(SpecError) {
        params.append(Param(name: paramName, kind: try ParamKind(parsing: typeText)))
      } catch {
        throw SpecError(line: line, message: error.message)
      }
    }
    if case .array(_, let factors) = returns {
      for factor in factors {
        switch factor {
        case .literal: break
        case .parameter(let p):
          guard params.contains(where: { $0.name == p && $0.kind == .i32 }) else {
            throw SpecError(line: line, message: "length factor '\(p)' is not an i32 parameter")
          }
        case .lengthOf(let p):
          guard params.contains(where: { $0.name == p && $0.kind.isArray }) else {
            throw SpecError(line: line, message: "length factor '\(p).length' names no array parameter")
          }
        }
      }
    }
    if let reserved = params.first(where: { ["result", "ret", "errorRecord"].contains($0.name) }) {
      throw SpecError(line: line, message: "'\(reserved.name)' is reserved by the glue")
    }
    self.init(name: name, params: params, returns: returns, swift: "")
  }
}

extension ReturnKind {
  /// Parses `f32`, `i32`, `f64`, `f32[factor*factor…]` (also `f64[…]`, `i32[…]`), or a result the
  /// Swift side sizes: `f32[]`, `f64[]`, `i32[]`, `bytes`, `string`.
  init(parsing text: String, line: Int) throws(SpecError) {
    if let owned = OwnedResult(rawValue: text) {
      self = .owned(owned)
      return
    }
    if let element = [Element.f32, .f64, .i32].first(where: { text.hasPrefix($0.rawValue + "[") }), text.hasSuffix("]") {
      let inner = text.dropFirst(4).dropLast()
      var factors: [LengthFactor] = []
      for part in inner.split(separator: "*", omittingEmptySubsequences: false) {
        let word = String(part).trimmingSpaces
        if let value = Int(word), value >= 0 {
          factors.append(.literal(value))
        } else if word.hasSuffix(".length"), String(word.dropLast(7)).isIdentifier {
          factors.append(.lengthOf(String(word.dropLast(7))))
        } else if word.isIdentifier {
          factors.append(.parameter(word))
        } else {
          throw SpecError(line: line, message: "bad length factor '\(word)' in '\(text)'")
        }
      }
      self = .array(element, length: factors)
      return
    }
    switch text {
    case "f32": self = .scalar(.f32)
    case "f64": self = .scalar(.f64)
    case "i32": self = .scalar(.i32)
    default: throw SpecError(line: line, message: "unknown result type '\(text)'")
    }
  }
}

/// Splits `name(a: x, b: y)` into the name and its labelled list.
private func splitCall(_ text: String, line: Int) throws(SpecError) -> (String, [(String, String)]) {
  guard let open = text.firstIndex(of: "(") else {
    let name = text.trimmingSpaces
    guard name.isIdentifier else { throw SpecError(line: line, message: "'\(name)' is not an identifier") }
    return (name, [])
  }
  guard text.hasSuffix(")") else { throw SpecError(line: line, message: "missing ')' in '\(text)'") }
  let name = String(text[..<open]).trimmingSpaces
  guard name.isIdentifier else { throw SpecError(line: line, message: "'\(name)' is not an identifier") }
  let inner = text[text.index(after: open)..<text.index(before: text.endIndex)]
  var list: [(String, String)] = []
  for item in inner.split(separator: ",") {
    let pair = item.split(separator: ":", maxSplits: 1)
    guard pair.count == 2 else { throw SpecError(line: line, message: "expected 'name: type', got '\(item.trimmingSpacesSub)'") }
    let label = String(pair[0]).trimmingSpaces
    guard label.isIdentifier else { throw SpecError(line: line, message: "'\(label)' is not an identifier") }
    guard !list.contains(where: { $0.0 == label }) else {
      throw SpecError(line: line, message: "'\(label)' is declared twice")
    }
    list.append((label, String(pair[1]).trimmingSpaces))
  }
  return (name, list)
}

extension Substring {
  fileprivate var trimmingSpacesSub: String { String(self).trimmingSpaces }
}

extension String {
  /// The first space-separated word and the trimmed rest.
  func splitFirstWord() -> (String, String) {
    guard let space = firstIndex(where: { $0 == " " || $0 == "\t" }) else { return (self, "") }
    return (String(self[..<space]), String(self[space...]).trimmingSpaces)
  }

  /// The `{name}` placeholders of a message template.
  var placeholders: [String] {
    var result: [String] = []
    var current: String?
    for c in self {
      if c == "{" {
        current = ""
      } else if c == "}", let name = current {
        result.append(name)
        current = nil
      } else if current != nil {
        current!.append(c)
      }
    }
    return result
  }
}
