// Fenced code blocks in Markdown, found the way CommonMark finds them (for the parts a notebook needs).
//
// Invariants:
// - A fence opens with a run of at least three backticks or three tildes; the rest of the line is
//   the info string, whose first word is the block's language. A backtick run whose info string
//   contains a backtick is inline code, not a fence.
// - It closes at the first later line holding only a run of the same character, at least as long
//   as the opening run (plus whitespace). Anything in between, other fences included, is content:
//   a ````markdown block that shows a ```swift example does not produce a cell.
// - Content lines lose up to as many leading spaces as the opening fence was indented, so a fence
//   nested in a list item yields the same code as one at the margin.
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
    var result: [FencedBlock] = []
    var open: (fence: Fence, line: Int, lines: [String])?
    for (index, line) in lines(of: markdown).enumerated() {
      let number = index + 1
      if var block = open {
        if let fence = Fence(line), fence.closes(block.fence) {
          result.append(FencedBlock(
            language: block.fence.language, info: block.fence.info, lines: block.lines,
            fenceLine: block.line))
          open = nil
        } else {
          block.lines.append(dropIndent(line, upTo: block.fence.indent))
          open = block
        }
      } else if let fence = Fence(line), fence.canOpen {
        open = (fence, number, [])
      }
    }
    if let block = open { throw .unclosedFence(line: block.line) }
    return result
  }

  /// Removes up to `count` leading spaces (a tab counts as one).
  static func dropIndent(_ line: String, upTo count: Int) -> String {
    var rest = Substring(line)
    var removed = 0
    while removed < count, let first = rest.first, first == " " || first == "\t" {
      rest = rest.dropFirst()
      removed += 1
    }
    return String(rest)
  }
}

/// A line that looks like a fence: indentation, a run of ``character``, and an info string.
struct Fence: Equatable {
  var indent: Int
  var character: Character
  var length: Int
  var info: String

  /// Recognises `line` as a fence line, or returns nil.
  init?(_ line: String) {
    let body = line.drop(while: { $0 == " " || $0 == "\t" })
    guard let first = body.first, first == "`" || first == "~" else { return nil }
    let run = body.prefix(while: { $0 == first })
    guard run.count >= 3 else { return nil }
    indent = line.count - body.count
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
