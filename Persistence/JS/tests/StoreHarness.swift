// Test harness for Persistence/JS/tests/store-wasm.test.mjs: Persistence's own SQLiteStore (the same
// Swift wrapper, schema, migrations and agent-memory code that run natively), compiled with Embedded
// Swift for wasm32 and linked with SQLite built for wasm32 (build-sqlite-wasm.sh). A few C-callable
// functions over one store; results are status codes: 0 ok, -1 absent, -2 a StoreError (its
// description is copied into the message buffer, read with harness_message).
import Persistence

nonisolated(unsafe) var harnessNow: Int64 = 0
nonisolated(unsafe) var harnessStore: SQLiteStore? = nil
nonisolated(unsafe) var harnessMessage: [UInt8] = []

func bytes(_ pointer: UnsafePointer<UInt8>?, _ count: Int32) -> [UInt8] {
  guard let pointer, count > 0 else { return [] }
  return Array(UnsafeBufferPointer(start: pointer, count: Int(count)))
}

func failed(_ error: StoreError) -> Int32 {
  harnessMessage = Array(error.description.utf8)
  return -2
}

@_cdecl("harness_set_now")
public func harnessSetNow(_ milliseconds: Int64) { harnessNow = milliseconds }

@_cdecl("harness_open")
public func harnessOpen(_ path: UnsafePointer<UInt8>?, _ count: Int32) -> Int32 {
  let name = String(decoding: bytes(path, count), as: UTF8.self)
  do throws(StoreError) {
    harnessStore = try SQLiteStore(path: name, options: .inMemory, clock: StoreClock { harnessNow })
    return 0
  } catch { return failed(error) }
}

@_cdecl("harness_close")
public func harnessClose() { harnessStore = nil }

/// `ttl` in milliseconds; -1: none (other values go to the store as given, so 0 is rejected by it).
@_cdecl("harness_put")
public func harnessPut(_ key: UnsafePointer<UInt8>?, _ keyCount: Int32, _ value: UnsafePointer<UInt8>?,
                       _ valueCount: Int32, _ ttl: Int64) -> Int32 {
  guard let store = harnessStore else { return -1 }
  do throws(StoreError) {
    try store.setMemory(bytes(value, valueCount), forKey: bytes(key, keyCount), namespace: "agents",
                        ttlMilliseconds: ttl == -1 ? nil : ttl)
    return 0
  } catch { return failed(error) }
}

/// Copies the value into `out` (capacity `capacity`); returns its length, -1 when absent or expired.
@_cdecl("harness_get")
public func harnessGet(_ key: UnsafePointer<UInt8>?, _ keyCount: Int32, _ out: UnsafeMutablePointer<UInt8>?,
                       _ capacity: Int32) -> Int32 {
  guard let store = harnessStore else { return -1 }
  do throws(StoreError) {
    guard let value = try store.memory(forKey: bytes(key, keyCount), namespace: "agents") else { return -1 }
    guard let out, value.count <= Int(capacity) else { return -3 }
    for (index, byte) in value.enumerated() { out[index] = byte }
    return Int32(value.count)
  } catch { return failed(error) }
}

@_cdecl("harness_remove")
public func harnessRemove(_ key: UnsafePointer<UInt8>?, _ keyCount: Int32) -> Int32 {
  guard let store = harnessStore else { return -1 }
  do throws(StoreError) {
    return try store.removeMemory(forKey: bytes(key, keyCount), namespace: "agents") ? 0 : -1
  } catch { return failed(error) }
}

/// How many live entries start with `prefix`.
@_cdecl("harness_count")
public func harnessCount(_ prefix: UnsafePointer<UInt8>?, _ count: Int32) -> Int32 {
  guard let store = harnessStore else { return -1 }
  do throws(StoreError) {
    return Int32(try store.memoryEntries(namespace: "agents", prefix: bytes(prefix, count), limit: nil).count)
  } catch { return failed(error) }
}

/// Copies the last error's description into `out`; returns its length.
@_cdecl("harness_message")
public func harnessMessageCopy(_ out: UnsafeMutablePointer<UInt8>?, _ capacity: Int32) -> Int32 {
  guard let out else { return 0 }
  let count = min(harnessMessage.count, Int(capacity))
  for index in 0..<count { out[index] = harnessMessage[index] }
  return Int32(count)
}

/// Saves a swarm record (`id`, `name` as UTF-8; `config` bytes; topology "mesh").
@_cdecl("harness_save_swarm")
public func harnessSaveSwarm(_ id: UnsafePointer<UInt8>?, _ idCount: Int32, _ name: UnsafePointer<UInt8>?,
                             _ nameCount: Int32, _ config: UnsafePointer<UInt8>?, _ configCount: Int32) -> Int32 {
  guard let store = harnessStore else { return -1 }
  let record = SwarmRecord(id: String(decoding: bytes(id, idCount), as: UTF8.self),
                           name: String(decoding: bytes(name, nameCount), as: UTF8.self),
                           topology: "mesh", config: bytes(config, configCount), createdAt: harnessNow)
  do throws(StoreError) {
    try store.saveSwarm(record)
    return 0
  } catch { return failed(error) }
}

/// Copies the stored swarm's name, a 0 byte and its config into `out`; returns the length, -1 when absent.
@_cdecl("harness_swarm")
public func harnessSwarm(_ id: UnsafePointer<UInt8>?, _ idCount: Int32, _ out: UnsafeMutablePointer<UInt8>?,
                         _ capacity: Int32) -> Int32 {
  guard let store = harnessStore else { return -1 }
  do throws(StoreError) {
    guard let record = try store.swarm(id: String(decoding: bytes(id, idCount), as: UTF8.self)) else { return -1 }
    let encoded = Array(record.name.utf8) + [0] + record.config
    guard let out, encoded.count <= Int(capacity) else { return -3 }
    for (index, byte) in encoded.enumerated() { out[index] = byte }
    return Int32(encoded.count)
  } catch { return failed(error) }
}
