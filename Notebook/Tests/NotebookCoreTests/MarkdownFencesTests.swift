import Testing
@testable import NotebookCore

@Suite struct MarkdownFencesTests {
  @Test func splitsLinesOnNewlineAndDropsCarriageReturns() {
    #expect(MarkdownFences.lines(of: "") == [""])
    #expect(MarkdownFences.lines(of: "a") == ["a"])
    #expect(MarkdownFences.lines(of: "a\r\nb\n") == ["a", "b", ""])
    #expect(MarkdownFences.lines(of: "a\n\nb") == ["a", "", "b"])
    #expect(MarkdownFences.lines(of: "é\r\n€") == ["é", "€"])
  }

  @Test func findsBacktickAndTildeFencesWithTheirLanguagesAndLines() throws {
    let markdown = """
      # Title

      ```swift
      let a = 1
      ```
      Prose.
      ~~~bash
      ls -l
      ~~~
      ```
      plain
      ```
      """
    let blocks = try MarkdownFences.blocks(in: markdown)
    #expect(blocks == [
      FencedBlock(language: "swift", info: "swift", lines: ["let a = 1"], fenceLine: 3),
      FencedBlock(language: "bash", info: "bash", lines: ["ls -l"], fenceLine: 7),
      FencedBlock(language: "", info: "", lines: ["plain"], fenceLine: 10),
    ])
    #expect(blocks[0].firstLine == 4)
  }

  @Test func languageIsTheFirstWordOfTheInfoString() throws {
    let markdown = "```  swift title=\"x\"  \n1\n```\n```swift{.numberLines}\n2\n```\n```js,linenos\n3\n```\n"
    let blocks = try MarkdownFences.blocks(in: markdown)
    #expect(blocks.map(\.language) == ["swift", "swift", "js"])
    #expect(blocks[0].info == "swift title=\"x\"")
  }

  @Test func aLongerFenceContainsShorterOnes() throws {
    let markdown = """
      ````markdown
      ```swift
      let shown = 1
      ```
      ````
      ~~~~
      ~~~
      ~~~~~
      """
    let blocks = try MarkdownFences.blocks(in: markdown)
    #expect(blocks.count == 2)
    #expect(blocks[0].language == "markdown")
    #expect(blocks[0].lines == ["```swift", "let shown = 1", "```"])
    #expect(blocks[1].lines == ["~~~"])
  }

  @Test func aFenceOfTheOtherCharacterDoesNotClose() throws {
    let blocks = try MarkdownFences.blocks(in: "```swift\n~~~\n```\n")
    #expect(blocks == [FencedBlock(language: "swift", info: "swift", lines: ["~~~"], fenceLine: 1)])
  }

  @Test func aClosingFenceHasNoInfoString() throws {
    let blocks = try MarkdownFences.blocks(in: "```swift\n```swift\n```   \n")
    #expect(blocks.map(\.lines) == [["```swift"]])
  }

  @Test func backticksInTheInfoStringMakeInlineCodeNotAFence() throws {
    let blocks = try MarkdownFences.blocks(in: "```a``` is code\n```swift\nx\n```\n")
    #expect(blocks.map(\.lines) == [["x"]])
  }

  @Test func shortRunsAreNotFences() throws {
    #expect(try MarkdownFences.blocks(in: "``swift\nx\n``\n~~\n").isEmpty)
  }

  @Test func indentedFencesLoseTheirIndentation() throws {
    let markdown = """
      1. A step:

         ```swift
         let a = 1
           let b = 2
        let c = 3
         ```
      \t```swift
      \tlet d = 4
      \t```
      """
    let blocks = try MarkdownFences.blocks(in: markdown)
    #expect(blocks.map(\.lines) == [["let a = 1", "  let b = 2", "let c = 3"], ["let d = 4"]])
    #expect(blocks.map(\.fenceLine) == [3, 8])
  }

  @Test func emptyBlocksAndCRLFDocuments() throws {
    let blocks = try MarkdownFences.blocks(in: "```swift\r\n```\r\n```swift\r\nlet x = 1\r\n```\r\n")
    #expect(blocks.map(\.lines) == [[], ["let x = 1"]])
    #expect(blocks.map(\.firstLine) == [2, 4])
  }

  @Test func anUnclosedFenceIsAnErrorAtItsOpeningLine() {
    #expect(throws: NotebookError.unclosedFence(line: 4)) {
      try MarkdownFences.blocks(in: "```swift\nx\n```\n```bash\nls\n")
    }
    #expect(throws: NotebookError.unclosedFence(line: 1)) {
      try MarkdownFences.blocks(in: "````swift\nx\n```\n")
    }
  }

  @Test func documentsWithoutFencesHaveNoBlocks() throws {
    #expect(try MarkdownFences.blocks(in: "").isEmpty)
    #expect(try MarkdownFences.blocks(in: "# Title\n\nSome `code` inline.\n").isEmpty)
  }

  @Test func dropIndentStopsAtTheFirstNonBlank() {
    #expect(MarkdownFences.dropIndent("    x", upTo: 2) == "  x")
    #expect(MarkdownFences.dropIndent(" x", upTo: 3) == "x")
    #expect(MarkdownFences.dropIndent("x", upTo: 3) == "x")
    #expect(MarkdownFences.dropIndent("   ", upTo: 1) == "  ")
  }

  @Test func trimmedRemovesWhitespaceOnBothSides() {
    #expect("  a b \t".trimmed == "a b")
    #expect("   ".trimmed == "")
    #expect("".trimmed == "")
    #expect("x".trimmed == "x")
  }
}
