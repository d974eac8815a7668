// The root command, the dispatcher shared by `main.swift` and the tests, and the exit-code contract.
//
// `RuvSwarmCLI.main(_:console:)` parses with swift-argument-parser, runs the chosen command against a
// `Console`, and turns every error into a message on standard error and an exit code (help, version
// and completion scripts go to standard output with code 0). Nothing here calls `exit` except
// `runMain()`, so the tests drive every command in-process.
import ArgumentParser
import Foundation

/// A subcommand that runs against a console.
protocol CLICommand: ParsableCommand {
  func execute(_ console: Console) throws
}

/// `ruvswarm`: the root command.
public struct RuvSwarmCommand: ParsableCommand {
  public static let configuration = CommandConfiguration(
    commandName: "ruvswarm",
    abstract: "Neural networks, forecasting and agent swarms from the command line.",
    discussion: """
      Exit codes: 0 success · 1 the work failed (a task failed, a key is missing) · 64 bad command line · \
      65 malformed input file · 66 input file missing or unreadable · 69 delegated tool unavailable · \
      73 output cannot be written · 74 database error.
      Shell completions: ruvswarm --generate-completion-script bash|zsh|fish
      """,
    version: "0.1.0",
    subcommands: [TrainCommand.self, RunCommand.self, ForecastCommand.self, SwarmCommand.self,
                  MemoryCommand.self, DemoCommand.self, BundleCommand.self, ServeCommand.self])

  public init() {}
}

/// The entry points of the tool.
public enum RuvSwarmCLI {
  /// Parses `arguments` (without the program name), runs the command, and returns the exit code.
  ///
  /// ```swift
  /// let console = Console.capturing()
  /// let code = RuvSwarmCLI.main(["memory", "list", "--db", path], console: console)
  /// ```
  public static func main(_ arguments: [String], console: Console) -> Int32 {
    do {
      var command = try RuvSwarmCommand.parseAsRoot(arguments)
      if let known = command as? any CLICommand {
        try known.execute(console)
      } else {
        try command.run()
      }
      return 0
    } catch let error as CLIError {
      console.errorLine("ruvswarm: error: \(error)")
      return error.code.rawValue
    } catch {
      let code = RuvSwarmCommand.exitCode(for: error).rawValue
      let message = RuvSwarmCommand.fullMessage(for: error)
      if code == 0 {
        console.write(message.hasSuffix("\n") ? message : message + "\n")
      } else {
        console.errorLine(message)
      }
      return code
    }
  }

  /// Runs the tool on the process's arguments and exits with its code.
  public static func runMain() -> Never {
    exit(main(Array(CommandLine.arguments.dropFirst()), console: Console.standard()))
  }
}
