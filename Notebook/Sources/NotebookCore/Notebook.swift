// A literate notebook: the ```swift cells of one Markdown file, with their directives and imports.
//
// Invariants:
// - Only blocks whose language is exactly `swift` are cells; every other fence is prose.
// - A cell's directives are the `//|` comment lines it starts with. They stay in the emitted code
//   (they are comments), so the cell's lines keep their Markdown line numbers one for one.
// - An import line (`import M`, `@testable import M`, `import struct M.S`, optionally followed by a
//   `//` comment) is taken out of the cell and lifted to file scope; a blank line takes its place so
//   the following lines keep their numbers. Imports of `no-run` cells are not lifted: those cells are
//   shown, never compiled. Lines inside a multi-line string literal (between lines with an odd number
//   of `"""`) are text, not imports.

/// What a `//|` directive on a cell's first lines asks for.
///
/// ```swift
/// let notebook = try Notebook(markdown: "```swift\n//| no-run\nlaunchRockets()\n```\n")
/// // notebook.cells[0].directives == [.noRun]
/// ```
public enum CellDirective: String, CaseIterable, Sendable {
  /// The cell is shown in the docs but not compiled or run.
  case noRun = "no-run"
  /// The cell is compiled at file scope (types, functions, extensions), not run as statements.
  case topLevel = "top-level"
}

/// One ```swift cell.
///
/// ```swift
/// let cell = try Notebook(markdown: "```swift\nimport SIMDKit\nlet x = 1\n```\n").cells[0]
/// // cell.firstLine == 2, cell.imports.map(\.text) == ["import SIMDKit"], cell.code == ["", "let x = 1"]
/// ```
public struct Cell: Equatable, Sendable {
  /// The directives of the cell's leading `//|` lines, in order.
  public var directives: [CellDirective]
  /// The cell's lines as they are emitted: lifted imports replaced by empty lines.
  public var code: [String]
  /// The import lines taken out of the cell, each with its own Markdown line.
  public var imports: [ImportLine]
  /// The 1-based Markdown line of the cell's first code line (the line after the fence).
  public var firstLine: Int

  /// How the generated test uses the cell.
  public var role: Role {
    if directives.contains(.noRun) { return .skipped }
    if directives.contains(.topLevel) { return .fileScope }
    return .statements
  }

  /// Where a cell's code goes in the generated test file.
  public enum Role: Equatable, Sendable {
    /// Statements in the notebook's test function, in order with the other cells.
    case statements
    /// Declarations at file scope.
    case fileScope
    /// Left out.
    case skipped
  }

  public init(directives: [CellDirective], code: [String], imports: [ImportLine], firstLine: Int) {
    self.directives = directives
    self.code = code
    self.imports = imports
    self.firstLine = firstLine
  }
}

/// An `import` line lifted out of a cell.
public struct ImportLine: Equatable, Sendable {
  /// The import declaration, trimmed (`@testable import SIMDKit`).
  public var text: String
  /// Its 1-based Markdown line.
  public var line: Int

  public init(text: String, line: Int) {
    self.text = text
    self.line = line
  }
}

/// The swift cells of one Markdown document.
///
/// ```swift
/// let notebook = try Notebook(markdown: """
///   # Dot products
///   ```swift
///   let x: [Float] = [1, 2]
///   ```
///   ```swift
///   #expect(x.count == 2)
///   ```
///   """)
/// // notebook.cells.count == 2; both share `x` in the generated test
/// ```
public struct Notebook: Equatable, Sendable {
  /// The ```swift cells, in document order (no-run cells included).
  public var cells: [Cell]

  /// Parses `markdown`.
  ///
  /// - Throws: ``NotebookError/unclosedFence(line:)``, ``NotebookError/unknownDirective(_:line:)``,
  ///   ``NotebookError/conflictingDirectives(line:)``.
  /// - Complexity: O(n) in the length of `markdown`.
  public init(markdown: String) throws(NotebookError) {
    var cells: [Cell] = []
    for block in try MarkdownFences.blocks(in: markdown) where block.language == "swift" {
      cells.append(try Notebook.cell(from: block))
    }
    self.cells = cells
  }

  public init(cells: [Cell]) {
    self.cells = cells
  }

  /// The imports of every compiled cell, deduplicated (first occurrence kept), in order.
  public var imports: [ImportLine] {
    var seen = Set<String>()
    var result: [ImportLine] = []
    for cell in cells where cell.role != .skipped {
      for item in cell.imports where seen.insert(item.text).inserted {
        result.append(item)
      }
    }
    return result
  }

  static func cell(from block: FencedBlock) throws(NotebookError) -> Cell {
    var directives: [CellDirective] = []
    for (offset, line) in block.lines.enumerated() {
      let text = line.trimmed
      guard text.hasPrefix("//|") else { break }
      let name = text.dropFirst(3).trimmed
      guard let directive = CellDirective(rawValue: name) else {
        throw .unknownDirective(name, line: block.firstLine + offset)
      }
      directives.append(directive)
    }
    if directives.contains(.noRun) && directives.contains(.topLevel) {
      throw .conflictingDirectives(line: block.firstLine)
    }
    var code: [String] = []
    var imports: [ImportLine] = []
    let lifts = !directives.contains(.noRun)
    var inMultilineString = false
    for (offset, line) in block.lines.enumerated() {
      if lifts, !inMultilineString, let declaration = importDeclaration(line) {
        imports.append(ImportLine(text: declaration, line: block.firstLine + offset))
        code.append("")
      } else {
        code.append(line)
      }
      // An odd number of `"""` opens or closes a multi-line string literal: its lines are text.
      if occurrences(of: "\"\"\"", in: line) % 2 == 1 { inMultilineString.toggle() }
    }
    return Cell(directives: directives, code: code, imports: imports, firstLine: block.firstLine)
  }

  /// The import declaration on `line` (trimmed, trailing `//` comment removed), or nil when the
  /// line is not an import.
  ///
  /// Recognised: optional attributes (`@testable`, `@_exported`, `@preconcurrency`,
  /// `@_implementationOnly`, `@_spi(X)`), an optional access level, `import`, an optional kind
  /// (`struct`, `func`, ...), and a dotted module path.
  static func importDeclaration(_ line: String) -> String? {
    var text = Substring(line.trimmed)
    if let slash = text.indices.first(where: { text[$0...].hasPrefix("//") }) { text = text[..<slash] }
    let words = text.split(whereSeparator: \.isWhitespace)
    var index = 0
    while index < words.count, words[index].hasPrefix("@") || accessLevels.contains(String(words[index])) {
      index += 1
    }
    guard index < words.count, words[index] == "import" else { return nil }
    index += 1
    if index < words.count, importKinds.contains(String(words[index])) { index += 1 }
    guard index == words.count - 1, isModulePath(words[index]) else { return nil }
    return words.joined(separator: " ")
  }

  /// How many times `needle` occurs in `text`, without overlaps.
  static func occurrences(of needle: String, in text: String) -> Int {
    var count = 0
    var rest = Substring(text)
    while let start = rest.indices.first(where: { rest[$0...].hasPrefix(needle) }) {
      count += 1
      rest = rest[rest.index(start, offsetBy: needle.count)...]
    }
    return count
  }

  static let accessLevels: Set<String> = ["public", "package", "internal", "fileprivate", "private"]
  static let importKinds: Set<String> = [
    "typealias", "struct", "class", "enum", "protocol", "let", "var", "func",
  ]

  static func isModulePath(_ word: Substring) -> Bool {
    word.split(separator: ".", omittingEmptySubsequences: false).allSatisfy { part in
      guard let first = part.first, first == "_" || first.isLetter else { return false }
      return part.allSatisfy { $0 == "_" || $0.isLetter || $0.isNumber }
    }
  }
}
