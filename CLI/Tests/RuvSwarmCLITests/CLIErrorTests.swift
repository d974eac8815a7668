import Forecasting
import Neural
import Persistence
import PersistenceCore
import Testing
@testable import RuvSwarmCLI

@Suite struct CLIErrorTests {
  @Test func descriptionNamesFileAndLine() {
    #expect(CLIError(.dataError, "bad", file: "a.data", line: 3).description == "a.data:3: bad")
    #expect(CLIError(.dataError, "bad", file: "a.data").description == "a.data: bad")
    #expect(CLIError(.usage, "bad").description == "bad")
  }

  @Test(arguments: [
    (NeuralError.malformedFile(line: 4, problem: .badNumber), CLIError.Code.dataError, "f:4: a number could not be read"),
    (.shapeMismatch(expected: 2, actual: 3), .dataError, "f: expected 2 values, found 3"),
    (.invalidArgument(.layers), .usage, "invalid layers"),
    (.emptyData, .dataError, "f: the data set is empty"),
    (.io(errno: 2), .noInput, "f: cannot access the file (errno 2)"),
    (.io(errno: 13), .cantCreate, "f: cannot access the file (errno 13)"),
  ])
  func neuralErrors(error: NeuralError, code: CLIError.Code, text: String) {
    let e = CLIError.neural(error, file: error == .invalidArgument(.layers) ? nil : "f")
    #expect(e.code == code)
    #expect(e.description == text)
  }

  @Test func everyFileProblemIsDescribed() {
    let problems: [NeuralError.FileProblem] = [.wrongVersion, .missingField("x"), .badNumber, .badCount, .badEnum,
                                               .badConnection, .truncated, .trailingJunk, .carriageReturn]
    let texts = Set(problems.map(CLIError.describe))
    #expect(texts.count == problems.count)
  }

  @Test func forecastErrors() {
    #expect(CLIError.forecast(.csv(line: 7, reason: "bad date x"), file: "s.csv").description == "s.csv:7: bad date x")
    #expect(CLIError.forecast(.io("gone"), file: "s.csv").code == .noInput)
    #expect(CLIError.forecast(.invalidArgument("h"), file: "s.csv").code == .usage)
    #expect(CLIError.forecast(.seriesTooShort(id: "a", needed: 9, actual: 2), file: "s.csv").code == .dataError)
  }

  @Test func storeAndJournalErrors() {
    #expect(CLIError.store(.unknownSwarm("x"), path: "db").code == .ioError)
    #expect(CLIError.journal(.noSnapshot("x"), path: "db").code == .failure)
    #expect(CLIError.journal(.swarm(.unknownNode(3)), path: "db").code == .dataError)
    #expect(CLIError.journal(.corruptSnapshot("x"), path: "db").code == .ioError)
  }
}
