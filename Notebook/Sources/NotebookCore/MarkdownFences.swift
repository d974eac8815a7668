// Fenced code blocks in Markdown, found the way CommonMark finds them (for the parts a notebook needs).
//
// Invariants:
// - A fence opens with a run of at least three backticks or three tildes; the rest of the line is
//   the info string, whose first word is the block's language. A backtick run whose info string
//   contains a backtick is inline code, not a fence.
// - It closes at the first later line holding only a run of the same character, at least as long
//   as the opening run (plus whitespace). Anything in between, other fences included, is content:
//   a ````markdown block that shows a ```swift example does not produce a cell.
// - Indentation is measured in columns (a tab goes to the next multiple of 4) relative to the list
//   item the line belongs to. A fence indented 0-3 columns opens a block, so a fence nested in a list
//   item (`1. Step:` then a fence indented 3) is found; a fence indented 4 or more is the content of an
//   indented code block (a notebook shown as an example), not a fence. List items are tracked as a
//   stack of content columns: a non-blank line after a blank line, a fence or a new item closes the
//   items it is indented less than.
// - Content lines lose up to as many columns as the opening fence was indented, so a fence nested in
//   a list item yields the same code as one at the margin.
// - An HTML comment (`<!--` at the start of a line, up to the line holding `-->`) is skipped, fences
//   and all: commenting a cell out removes it.
// - Line numbers are 1-based and count "\n"; a "\r" before it is dropped (CRLF files work).
// - A fence left open at the end of the file is an error (CommonMark would run it to the end, but
//   in a notebook that is always a mistake, and a silent one).

/// One fenced code block of a Markdown document.
///
/// ```swift
/// let blocks = try MarkdownFences.blocks(in: "Text\n```swift\nlet x = 1\n```\n")
/// // blocks[0].language == "swift", blocks[0].lines == ["let x = 1"], blocks[0].firstLine == 3
/// ```
public struct FencedBlock: Equatable, Sendable {
  /// The first word of the info string (`swift` in ```` ```swift title ````), empty when there is none.
  public var language: String
  /// The full info string after the fence, trimmed.
  public var info: String
  /// The content lines, without the fences and with the fence's indentation removed.
  public var lines: [String]
  /// The 1-based Markdown line of the opening fence.
  public var fenceLine: Int
  /// The 1-based Markdown line of the first content line (`fenceLine + 1`).
  public var firstLine: Int { fenceLine + 1 }

  public init(language: String, info: String, lines: [String], fenceLine: Int) {
    self.language = language
    self.info = info
    self.lines = lines
    self.fenceLine = fenceLine
  }
}

/// The fenced-code-block scanner.
public enum MarkdownFences {
  /// Splits text into lines on "\n", dropping one trailing "\r" per line.
  ///
  /// ```swift
  /// MarkdownFences.lines(of: "a\r\nb\n") // ["a", "b", ""]
  /// ```
  /// - Complexity: O(n) in the length of `text`.
  public static func lines(of text: String) -> [String] {
    text.utf8.split(separator: 0x0A, omittingEmptySubsequences: false).map { line in
      var bytes = line
      if bytes.last == 0x0D { bytes = bytes.dropLast() }
      return String(decoding: bytes, as: UTF8.self)
    }
  }

  /// Every fenced code block of `markdown`, in document order, whatever its language.
  ///
  /// ```swift
  /// let blocks = try MarkdownFences.blocks(in: "~~~bash\nls\n~~~\n")
  /// // blocks[0].language == "bash"
  /// ```
  /// - Throws: ``NotebookError/unclosedFence(line:)`` for a fence that is never closed.
  /// - Complexity: O(n) in the length of `markdown`.
  public static func blocks(in markdown: String) throws(NotebookError) -> [FencedBlock] {
    var scanner = BlockScanner()
    var result: [FencedBlock] = []
    for (index, line) in lines(of: markdown).enumerated() {
      if let block = scanner.feed(line, number: index + 1) { result.append(block) }
    }
    if let open = scanner.open { throw .unclosedFence(line: open.line) }
    return result
  }

  /// The indentation of `line` in columns (a tab advances to the next multiple of 4), and the rest.
  /// `start` is the column where `line` begins (tab stops count from the start of the real line).
  static func indentation(of line: some StringProtocol, from start: Int = 0) -> (columns: Int, rest: Substring) {
    var column = start
    var rest = Substring(line)
    while let first = rest.first, first == " " || first == "\t" {
      column = first == " " ? column + 1 : (column / 4 + 1) * 4
      rest = rest.dropFirst()
    }
    return (column - start, rest)
  }

  /// Removes up to `count` columns of leading whitespace (a tab that reaches past them goes too).
  static func dropIndent(_ line: String, upTo count: Int) -> String {
    var rest = Substring(line)
    var columns = 0
    while columns < count, let first = rest.first, first == " " || first == "\t" {
      columns = first == " " ? columns + 1 : (columns / 4 + 1) * 4
      rest = rest.dropFirst()
    }
    return String(rest)
  }

  /// The content column of a list item starting at `indent` whose text after the indentation is
  /// `rest` (`- `, `* `, `+ `, `1. `, `1) `), or nil when `rest` does not start a list item.
  static func listItemContentColumn(indent: Int, rest: Substring) -> Int? {
    var width: Int
    if let first = rest.first, first == "-" || first == "*" || first == "+" {
      width = 1
    } else {
      let digits = rest.prefix(while: { $0.isASCII && $0.isNumber })
      guard (1...9).contains(digits.count), let mark = rest.dropFirst(digits.count).first,
            mark == "." || mark == ")" else { return nil }
      width = digits.count + 1
    }
    let after = rest.dropFirst(width)
    guard after.isEmpty || after.first == " " || after.first == "\t" else { return nil }
    let spaces = indentation(of: after, from: indent + width)
    // No text, or text indented 5+ (an indented code block inside the item): content at one space.
    if spaces.rest.isEmpty || spaces.columns > 4 { width += 1 } else { width += spaces.columns }
    return indent + width
  }
}

/// The line-by-line state of ``MarkdownFences/blocks(in:)``.
struct BlockScanner {
  /// The block being read: its opening fence, the fence's line, the content so far.
  var open: (fence: Fence, line: Int, lines: [String])?
  /// The content columns of the list items the next line may belong to, outermost first.
  var listItems: [Int] = []
  /// Whether the scanner is inside an HTML comment.
  var inComment = false
  /// Whether the previous line outside blocks and comments was blank.
  var afterBlank = true

  /// Takes the next line; returns the block it closes, if it closes one.
  mutating func feed(_ line: String, number: Int) -> FencedBlock? {
    if var block = open {
      if let fence = Fence(line), fence.closes(block.fence) {
        open = nil
        afterBlank = false
        return FencedBlock(language: block.fence.language, info: block.fence.info, lines: block.lines,
                           fenceLine: block.line)
      }
      block.lines.append(MarkdownFences.dropIndent(line, upTo: block.fence.indent))
      open = block
      return nil
    }
    if inComment {
      if line.contains("-->") { inComment = false }
      return nil
    }
    let (indent, rest) = MarkdownFences.indentation(of: line)
    if rest.isEmpty {
      afterBlank = true
      return nil
    }
    let fence = Fence(line)
    let item = MarkdownFences.listItemContentColumn(indent: indent, rest: rest)
    if afterBlank || fence != nil || item != nil {
      while let innermost = listItems.last, indent < innermost { listItems.removeLast() }
    }
    afterBlank = false
    // Four or more columns into the current container: indented code (or paragraph text), never
    // a fence, a comment or a list item.
    guard indent - (listItems.last ?? 0) <= 3 else { return nil }
    if let fence, fence.canOpen {
      open = (fence, number, [])
    } else if rest.hasPrefix("<!--") {
      inComment = !rest.dropFirst(4).contains("-->")
    } else if let item {
      listItems.append(item)
    }
    return nil
  }
}

/// A line that looks like a fence: indentation, a run of ``character``, and an info string.
struct Fence: Equatable {
  /// The indentation in columns.
  var indent: Int
  var character: Character
  var length: Int
  var info: String

  /// Recognises `line` as a fence line, or returns nil.
  init?(_ line: String) {
    let (columns, body) = MarkdownFences.indentation(of: line)
    guard let first = body.first, first == "`" || first == "~" else { return nil }
    let run = body.prefix(while: { $0 == first })
    guard run.count >= 3 else { return nil }
    indent = columns
    character = first
    length = run.count
    info = String(body.dropFirst(run.count)).trimmed
  }
  /// Whether this line may open a block: a backtick fence's info string holds no backtick.
  var canOpen: Bool { !(character == "`" && info.contains("`")) }

  /// Whether this line closes a block opened by `opening`.
  func closes(_ opening: Fence) -> Bool {
    character == opening.character && length >= opening.length && info.isEmpty
  }

  /// The first word of the info string.
  var language: String {
    String(info.prefix(while: { !$0.isWhitespace && $0 != "{" && $0 != "," }))
  }
}

extension StringProtocol {
  /// The text without leading and trailing whitespace.
  var trimmed: String {
    let start = drop(while: \.isWhitespace)
    var end = start.endIndex
    while end > start.startIndex, start[start.index(before: end)].isWhitespace {
      end = start.index(before: end)
    }
    return String(start[start.startIndex..<end])
  }
}
