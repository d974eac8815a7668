// `ruvswarm memory get|put|list|delete`: agent memory in the same SQLite database as the swarms.
import ArgumentParser
import Persistence

/// `ruvswarm memory`.
struct MemoryCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "memory", abstract: "Read and write agent memory (namespaced key-value pairs) in the database.",
    subcommands: [MemoryGet.self, MemoryPut.self, MemoryList.self, MemoryDelete.self])
}

struct MemoryOptions: ParsableArguments {
  @OptionGroup var database: DatabaseOptions
  @Option(help: "The namespace (usually an agent's id).") var namespace: String = "default"
}

/// Runs `body` on the opened store, turning store errors into CLI errors about the database.
func withStore<T>(_ options: MemoryOptions, _ body: (SQLiteStore) throws -> T) throws -> T {
  let store = try options.database.open()
  do { return try body(store) } catch let e as StoreError { throw CLIError.store(e, path: options.database.db) }
}

struct MemoryGet: CLICommand {
  static let configuration = CommandConfiguration(commandName: "get", abstract: "Print a value (exit code 1 when missing).")
  @Argument(help: "The key.") var key: String
  @OptionGroup var options: MemoryOptions

  func execute(_ console: Console) throws {
    guard let value = try withStore(options, { try $0.memory(forKey: key, namespace: options.namespace) }) else {
      throw CLIError(.failure, "no key \"\(key)\" in namespace \"\(options.namespace)\"")
    }
    console.line(String(decoding: value, as: UTF8.self))
  }
}

struct MemoryPut: CLICommand {
  static let configuration = CommandConfiguration(commandName: "put", abstract: "Store a value under a key.")
  @Argument(help: "The key.") var key: String
  @Argument(help: "The value (text).") var value: String
  @Option(help: "Expire after this many milliseconds.") var ttl: Int64?
  @OptionGroup var options: MemoryOptions

  func execute(_ console: Console) throws {
    try withStore(options) {
      try $0.setMemory(Array(value.utf8), forKey: key, namespace: options.namespace, ttlMilliseconds: ttl)
    }
    console.line("stored \(key) in \(options.namespace)")
  }
}

struct MemoryList: CLICommand {
  static let configuration = CommandConfiguration(commandName: "list", abstract: "List keys and values.")
  @Option(help: "Only keys starting with this text.") var prefix: String = ""
  @Option(help: "At most this many entries.") var limit: Int?
  @OptionGroup var options: MemoryOptions

  func validate() throws {
    if let limit, limit < 0 { throw ValidationError("--limit must be 0 or more") }
  }

  func execute(_ console: Console) throws {
    let entries = try withStore(options) {
      try $0.memoryEntries(namespace: options.namespace, prefix: Array(prefix.utf8), limit: limit)
    }
    for e in entries {
      console.line(String(decoding: e.key, as: UTF8.self) + "\t" + String(decoding: e.value, as: UTF8.self))
    }
    console.line("\(entries.count) entries in \(options.namespace)")
  }
}

struct MemoryDelete: CLICommand {
  static let configuration = CommandConfiguration(commandName: "delete", abstract: "Delete a key (exit code 1 when missing).")
  @Argument(help: "The key.") var key: String
  @OptionGroup var options: MemoryOptions

  func execute(_ console: Console) throws {
    guard try withStore(options, { try $0.removeMemory(forKey: key, namespace: options.namespace) }) else {
      throw CLIError(.failure, "no key \"\(key)\" in namespace \"\(options.namespace)\"")
    }
    console.line("deleted \(key) from \(options.namespace)")
  }
}
