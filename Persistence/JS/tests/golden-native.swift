// Native side of the golden-database proof (persistence-browser-store.sh compiles it together with
// Persistence's sources and links Debian's libsqlite3): `write <path>` creates a database through
// SQLiteStore (migrations, agent memory, a swarm) with hostile contents; `dump <path>` opens any
// database through SQLiteStore and prints its agent memory and swarms as hex lines, which the
// Node test compares with what the wasm store wrote or read.
#if canImport(Glibc)
import Glibc
#endif

@main
struct GoldenNative {
  static func hex(_ bytes: [UInt8]) -> String {
    let digits = Array("0123456789abcdef")
    var out = ""
    for byte in bytes { out.append(digits[Int(byte >> 4)]); out.append(digits[Int(byte & 15)]) }
    return out.isEmpty ? "-" : out
  }

  static func main() {
    let arguments = CommandLine.arguments
    guard arguments.count == 3 else { print("usage: golden-native write|dump <path>"); exit(2) }
    do throws(StoreError) {
      let store = try SQLiteStore(path: arguments[2], clock: StoreClock { 1_000 })
      if arguments[1] == "write" {
        var entries: [([UInt8], [UInt8])] = [([], []), ([0, 0, 0], Array("native nul key".utf8)),
          (Array("'; DROP TABLE memory; --".utf8), [0, 1, 2, 255]), (Array("é中😀".utf8), Array(0...255)),
          ([0xff, 0xfe, 0xc3, 0x28], (0..<200_000).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) })]
        for i in 0..<20 { entries.append((Array("native/\(i)".utf8), [UInt8](repeating: UInt8(i), count: i))) }
        try store.transaction { () throws(StoreError) in
          for (key, value) in entries { try store.setMemory(value, forKey: key, namespace: "agents", ttlMilliseconds: nil) }
          try store.saveSwarm(SwarmRecord(id: "native-swarm", name: "Native 🐝 \"swarm\"", topology: "mesh", config: [0, 9, 0]))
        }
      } else {
        for entry in try store.memoryEntries(namespace: "agents", prefix: [], limit: nil) {
          print("m \(hex(entry.key)) \(hex(entry.value))")
        }
        for swarm in try store.swarms() { print("s \(hex(Array(swarm.id.utf8))) \(hex(Array(swarm.name.utf8))) \(hex(swarm.config))") }
      }
    } catch {
      print("golden-native: \(error.description)")
      exit(1)
    }
  }
}
