// Native side of chunk-bench.sh: N agent-memory inserts (one transaction each) into an in-memory
// SQLiteStore, the same workload chunk-bench.mjs runs through the Persistence chunk. Checks the row
// count before printing the best of `repeats` runs as rows per second.
// Usage: memory-native <rows> <repeats>
#if canImport(Glibc)
import Glibc
#endif

@main
struct MemoryNative {
  static func seconds() -> Double {
    var now = timespec()
    clock_gettime(CLOCK_MONOTONIC, &now)
    return Double(now.tv_sec) + Double(now.tv_nsec) * 1e-9
  }

  static func main() {
    let arguments = CommandLine.arguments
    let rows = Int(arguments[1]) ?? 20_000, repeats = Int(arguments[2]) ?? 3
    let value = (0..<100).map { UInt8(truncatingIfNeeded: $0 &* 7) }
    var best = 0.0
    do throws(StoreError) {
      for _ in 0..<repeats {
        let store = try SQLiteStore.inMemory(clock: StoreClock { 1_000 })
        let start = seconds()
        for i in 0..<rows {
          let key: [UInt8] = [UInt8(i & 255), UInt8(i >> 8 & 255), UInt8(i >> 16 & 255), 1, 2, 3, 4, 5]
          try store.setMemory(value, forKey: key, namespace: "agent-1", ttlMilliseconds: nil)
        }
        let elapsed = seconds() - start
        guard try store.memoryEntries(namespace: "agent-1", prefix: [], limit: nil).count == rows else {
          print("memory-native: wrong row count"); exit(1)
        }
        best = max(best, Double(rows) / elapsed)
      }
    } catch {
      print("memory-native: \(error.description)"); exit(1)
    }
    print(Int(best))
  }
}
