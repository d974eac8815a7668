import Foundation
import Testing
@testable import RuvSwarmCLI

@Suite struct ConsoleTests {
  @Test func capturesOutputAndErrorsSeparately() {
    let c = Console.capturing(terminal: true)
    c.line("a")
    c.write("b")
    c.errorLine("oops")
    #expect(c.output == "a\nb")
    #expect(c.errors == "oops\n")
    #expect(c.isTerminal)
  }

  @Test func aSinkReceivesEverything() {
    var got: [(String, Bool)] = []
    let c = Console(isTerminal: false) { text, isError in got.append((text, isError)) }
    c.line("x")
    c.errorLine("y")
    #expect(got.map { $0.0 } == ["x\n", "y\n"])
    #expect(got.map { $0.1 } == [false, true])
    #expect(c.output.isEmpty)
  }

  @Test func standardIsNotATerminalUnderTests() {
    // `swift test` pipes standard output.
    let c = Console.standard()
    #expect(c.isTerminal == (isatty(STDOUT_FILENO) == 1))
  }
}
