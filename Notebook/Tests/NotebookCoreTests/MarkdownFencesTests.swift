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

  @Test func fencesInListItemsAreFoundAndLoseTheirIndentation() throws {
    let markdown = """
      1. A step:

         ```swift
         let a = 1
           let b = 2
        let c = 3
         ```
      - Outer
        - Inner

          ```swift
          let d = 4
          ```

        Back in the outer item:
        ~~~swift
        let e = 5
        ~~~
      10. Wide marker

          ```swift
          let f = 6
          ```
      """
    let blocks = try MarkdownFences.blocks(in: markdown)
    #expect(blocks.map(\.lines) == [["let a = 1", "  let b = 2", "let c = 3"], ["let d = 4"], ["let e = 5"], ["let f = 6"]])
    #expect(blocks.map(\.fenceLine) == [3, 11, 16, 21])
  }

  @Test func aFenceInAnIndentedCodeBlockIsShownNotRun() throws {
    let markdown = """
      An example notebook:

          ```swift
          let shown = 1
          ```

      - An item

      Paragraph: the item is over.

          ```swift
          let alsoShown = 2
          ```
      Text
          ```swift
          not a fence: continuation text of the paragraph
      ```swift
      let run = 3
      ```
      """
    let blocks = try MarkdownFences.blocks(in: markdown)
    #expect(blocks.map(\.lines) == [["let run = 3"]])
  }

  @Test func tabsIndentToTheNextMultipleOfFour() throws {
    let blocks = try MarkdownFences.blocks(in: "- item\n\n\t```swift\n\tlet d = 4\n\t\tlet e = 5\n\t```\n")
    #expect(blocks.map(\.lines) == [["let d = 4", "\tlet e = 5"]])
    #expect(MarkdownFences.indentation(of: "\tx").columns == 4)
    #expect(MarkdownFences.indentation(of: "  \tx").columns == 4)
    #expect(MarkdownFences.indentation(of: "    \t x").columns == 9)
    #expect(MarkdownFences.indentation(of: "").columns == 0)
    #expect(MarkdownFences.indentation(of: "\tx", from: 1).columns == 3)
    #expect(MarkdownFences.indentation(of: " \tx", from: 2).columns == 2)
    #expect(MarkdownFences.indentation(of: " \tx", from: 4).columns == 4)
    #expect(MarkdownFences.indentation(of: "  x ").rest == "x ")
  }

  @Test func htmlCommentsHideTheirFences() throws {
    let markdown = """
      <!--
      ```swift
      let commentedOut = 1
      ```
      -->
      <!-- a one-line comment -->
      ```swift
      let kept = 2
      ```
        <!-- ```swift
      let alsoCommentedOut = 3
      ``` -->
      """
    let blocks = try MarkdownFences.blocks(in: markdown)
    #expect(blocks.map(\.lines) == [["let kept = 2"]])
  }

  @Test func anUnclosedCommentHidesTheRest() throws {
    #expect(try MarkdownFences.blocks(in: "<!--\n```swift\n").isEmpty)
  }

  @Test(arguments: [
    ("- a", 0, 2), ("* a", 0, 2), ("+ a", 0, 2), ("1. a", 0, 3), ("1) a", 0, 3), ("123456789. a", 0, 11),
    ("-    a", 0, 5), ("-      a", 0, 2), ("-", 0, 2), ("-   ", 0, 2), ("1.", 3, 6), ("-\ta", 0, 4),
  ])
  func listItemsHaveAContentColumn(text: String, indent: Int, column: Int) {
    #expect(MarkdownFences.listItemContentColumn(indent: indent, rest: Substring(text)) == column)
  }

  @Test(arguments: ["-a", "1.a", "1234567890. a", "a. b", "text", ".", "1", "#"])
  func otherLinesAreNotListItems(text: String) {
    #expect(MarkdownFences.listItemContentColumn(indent: 0, rest: Substring(text)) == nil)
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
    #expect(MarkdownFences.dropIndent("\t\tx", upTo: 4) == "\tx")
    #expect(MarkdownFences.dropIndent("  \tx", upTo: 3) == "x")
  }

  @Test func trimmedRemovesWhitespaceOnBothSides() {
    #expect("  a b \t".trimmed == "a b")
    #expect("   ".trimmed == "")
    #expect("".trimmed == "")
    #expect("x".trimmed == "x")
  }
}
