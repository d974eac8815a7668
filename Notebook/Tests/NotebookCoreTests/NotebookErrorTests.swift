import Testing
import NotebookCore

@Suite struct NotebookErrorTests {
  @Test func notebookErrorsCarryTheirLine() {
    #expect(NotebookError.unclosedFence(line: 3).line == 3)
    #expect(NotebookError.unknownDirective("norun", line: 7).line == 7)
    #expect(NotebookError.conflictingDirectives(line: 9).line == 9)
    #expect(NotebookError.usage("x").line == nil)
    #expect(NotebookError.unreadableInput(path: "a.md").line == nil)
    #expect(NotebookError.unwritableOutput(path: "a.swift").line == nil)
  }

  @Test func diagnosticsNameTheFileAndLineWhenThereIsOne() {
    #expect(NotebookError.unclosedFence(line: 3).diagnostic(file: "/p/README.md")
      == "/p/README.md:3: error: code fence is never closed")
    #expect(NotebookError.unknownDirective("norun", line: 7).diagnostic(file: "a.md")
      == "a.md:7: error: unknown cell directive '//| norun' (known: no-run, top-level)")
    #expect(NotebookError.conflictingDirectives(line: 2).diagnostic(file: "a.md")
      == "a.md:2: error: a cell cannot be both 'no-run' and 'top-level'")
    #expect(NotebookError.usage("bad").diagnostic(file: "a.md") == "notebook-gen: error: bad")
    #expect(NotebookError.unreadableInput(path: "a.md").diagnostic(file: "a.md")
      == "notebook-gen: error: cannot read notebook a.md as UTF-8 text")
    #expect(NotebookError.unwritableOutput(path: "o.swift").diagnostic(file: "a.md")
      == "notebook-gen: error: cannot write generated test file o.swift")
  }
}
