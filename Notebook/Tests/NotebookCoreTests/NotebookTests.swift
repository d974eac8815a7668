import Testing
@testable import NotebookCore

@Suite struct NotebookTests {
  @Test func onlySwiftFencesAreCells() throws {
    let notebook = try Notebook(markdown: """
      ```bash
      swift test
      ```
      ```swift
      let a = 1
      ```
      ```js
      const b = 2
      ```
      ```Swift
      not a cell: the language is case-sensitive, as in DocC
      ```
      ```swiftui
      not a cell either
      ```
      """)
    #expect(notebook.cells == [Cell(directives: [], code: ["let a = 1"], imports: [], firstLine: 5)])
  }

  @Test func cellsKeepDocumentOrderAndMarkdownLines() throws {
    let notebook = try Notebook(markdown: "Intro\n\n```swift\nvar x = 1\n```\n\nMore\n```swift\nx += 1\n#expect(x == 2)\n```\n")
    #expect(notebook.cells.map(\.firstLine) == [4, 9])
    #expect(notebook.cells.map(\.code) == [["var x = 1"], ["x += 1", "#expect(x == 2)"]])
    #expect(notebook.cells.map(\.role) == [.statements, .statements])
  }

  @Test func directivesOnTheFirstLinesSetTheRole() throws {
    let notebook = try Notebook(markdown: """
      ```swift
      //| no-run
      this is not Swift
      ```
      ```swift
        //|   top-level
      struct S {}
      ```
      ```swift
      //| top-level
      //| top-level
      enum E {}
      ```
      ```swift
      let a = 1
      //| no-run
      ```
      """)
    #expect(notebook.cells.map(\.directives) == [[.noRun], [.topLevel], [.topLevel, .topLevel], []])
    #expect(notebook.cells.map(\.role) == [.skipped, .fileScope, .fileScope, .statements])
    // Directive lines stay in the code (they are comments), so lines keep their numbers.
    #expect(notebook.cells[1].code == ["  //|   top-level", "struct S {}"])
  }

  @Test func anUnknownDirectiveIsAnErrorAtItsLine() {
    #expect(throws: NotebookError.unknownDirective("norun", line: 4)) {
      try Notebook(markdown: "Text\n\n```swift\n//| norun\nlet a = 1\n```\n")
    }
    #expect(throws: NotebookError.unknownDirective("", line: 3)) {
      try Notebook(markdown: "```swift\n//| top-level\n//|\n```\n")
    }
  }

  @Test func noRunAndTopLevelTogetherIsAnError() {
    #expect(throws: NotebookError.conflictingDirectives(line: 2)) {
      try Notebook(markdown: "```swift\n//| no-run\n//| top-level\n```\n")
    }
  }

  @Test func anUnclosedFenceIsReported() {
    #expect(throws: NotebookError.unclosedFence(line: 1)) { try Notebook(markdown: "```swift\nlet a = 1\n") }
  }

  @Test func importLinesAreLiftedAndLeaveABlankLine() throws {
    let notebook = try Notebook(markdown: """
      ```swift
      import SIMDKit
      let x = 1
        @testable import Neural // for internals
      ```
      """)
    let cell = notebook.cells[0]
    #expect(cell.code == ["", "let x = 1", ""])
    #expect(cell.imports == [
      ImportLine(text: "import SIMDKit", line: 2),
      ImportLine(text: "@testable import Neural", line: 4),
    ])
  }

  @Test func importLinesInMultilineStringsAreText() throws {
    let notebook = try Notebook(markdown: """
      ```swift
      let source = \"""
        import NotAModule
        \"""
      let raw = #\"""
      import AlsoNot
      \"""#
      let one = \"""\"""  ; let two = \"""\"""
      import Lifted
      ```
      """)
    #expect(notebook.cells[0].imports == [ImportLine(text: "import Lifted", line: 9)])
    #expect(notebook.cells[0].code[1] == "  import NotAModule")
    #expect(notebook.cells[0].code[4] == "import AlsoNot")
  }

  @Test func occurrencesCountsWithoutOverlaps() {
    #expect(Notebook.occurrences(of: "\"\"\"", in: "") == 0)
    #expect(Notebook.occurrences(of: "\"\"\"", in: "let s = \"\"\"") == 1)
    #expect(Notebook.occurrences(of: "\"\"\"", in: "\"\"\"\"\"\"") == 2)
    #expect(Notebook.occurrences(of: "\"\"\"", in: "\"\"\"\"\"") == 1)
    #expect(Notebook.occurrences(of: "ab", in: "xabyabab") == 3)
  }

  @Test func importsOfNoRunCellsStayInTheCell() throws {
    let notebook = try Notebook(markdown: "```swift\n//| no-run\nimport Missing\n```\n")
    #expect(notebook.cells[0].imports.isEmpty)
    #expect(notebook.cells[0].code == ["//| no-run", "import Missing"])
    #expect(notebook.imports.isEmpty)
  }

  @Test func notebookImportsAreDeduplicatedInFirstSeenOrder() throws {
    let notebook = try Notebook(markdown: """
      ```swift
      import B
      import A
      ```
      ```swift
      //| top-level
      import A
      import C
      ```
      ```swift
      //| no-run
      import D
      ```
      ```swift
      import   B
      ```
      """)
    #expect(notebook.imports == [
      ImportLine(text: "import B", line: 2),
      ImportLine(text: "import A", line: 3),
      ImportLine(text: "import C", line: 8),
    ])
  }

  @Test(arguments: [
    ("import Foundation", "import Foundation"),
    ("  import Foundation  ", "import Foundation"),
    ("import Foundation // comment", "import Foundation"),
    ("import struct SIMDKit.Kernels", "import struct SIMDKit.Kernels"),
    ("import func Darwin.sqrt", "import func Darwin.sqrt"),
    ("@testable import NotebookCore", "@testable import NotebookCore"),
    ("@_spi(Internal) @preconcurrency import M", "@_spi(Internal) @preconcurrency import M"),
    ("public import M", "public import M"),
    ("internal import _M2.Sub_3", "internal import _M2.Sub_3"),
  ])
  func importDeclarationsAreRecognised(line: String, expected: String) {
    #expect(Notebook.importDeclaration(line) == expected)
  }

  @Test(arguments: [
    "let imported = 1",
    "importFoo()",
    "import",
    "import A B",
    "import 3D",
    "import A..B",
    "import A.",
    "import struct",
    "// import Foundation",
    "print(\"import x\")",
    "@testable",
    "",
  ])
  func otherLinesAreNotImports(line: String) {
    #expect(Notebook.importDeclaration(line) == nil)
  }

  @Test func aNotebookCanBeBuiltFromCells() {
    let cell = Cell(directives: [.topLevel], code: ["struct S {}"], imports: [], firstLine: 2)
    #expect(Notebook(cells: [cell]).cells == [cell])
  }

  @Test func everyDirectiveHasItsSpelling() {
    #expect(CellDirective.allCases.map(\.rawValue) == ["no-run", "top-level"])
  }
}
