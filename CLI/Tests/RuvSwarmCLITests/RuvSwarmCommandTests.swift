import Testing
@testable import RuvSwarmCLI

@Suite struct RuvSwarmCommandTests {
  @Test func helpListsEverySubcommandAndTheExitCodes() {
    let r = ruvswarm(["--help"])
    #expect(r.code == 0)
    for name in ["train", "run", "forecast", "swarm", "memory", "demo", "bundle", "65 malformed input file"] {
      #expect(r.output.contains(name))
    }
  }

  @Test func noSubcommandPrintsHelp() {
    let r = ruvswarm([])
    #expect(r.code == 0)
    #expect(r.output.contains("USAGE: ruvswarm <subcommand>"))
  }

  @Test(arguments: ["bash", "zsh", "fish"])
  func completionScripts(shell: String) {
    let r = ruvswarm(["--generate-completion-script", shell])
    #expect(r.code == 0)
    #expect(r.output.contains("ruvswarm"))
    #expect(r.output.contains("forecast"))
  }

  @Test func unknownSubcommandIsAUsageError() {
    let r = ruvswarm(["fly"])
    #expect(r.code == 64)
    #expect(r.errors.contains("fly"))
  }

  @Test func version() {
    let r = ruvswarm(["--version"])
    #expect(r.code == 0 && r.output == "0.1.0\n")
  }
}
