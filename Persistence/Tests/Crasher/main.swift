// persistence-crasher: the child process of the reliability tests (PersistenceTests/CrasherTests).
//
// Modes (each report is one unbuffered write(2), made after the fact it reports is durable):
//   crash-loop DB SEED       forever: one transaction = EVENTS_PER_TXN events + one memory entry;
//                            prints "committed T" after COMMIT returned. The test SIGKILLs it.
//   write DB NAME COUNT      COUNT transactions, each one event in swarm NAME, one memory entry in
//                            the shared namespace and one message in the shared swarm; then "done".
//   open DB [--as-nobody]    tries to open DB (after dropping to uid/gid 65534 when asked);
//                            prints "ok" or "error CODE EXTENDED MESSAGE".
#if canImport(Glibc)
import Glibc
let systemWrite = Glibc.write
#elseif canImport(Darwin)
import Darwin
let systemWrite = Darwin.write
#endif
import Persistence

/// Events per crash-loop transaction; the test checks that a transaction's events are all present
/// or all absent.
let eventsPerTransaction: Int64 = 5

/// Writes one line to stdout with one unbuffered write(2): it is in the pipe when this returns.
func report(_ line: String) {
  var text = line + "\n"
  text.withUTF8 { bytes in _ = systemWrite(1, bytes.baseAddress, bytes.count) }
}

func fail(_ error: StoreError) -> Never {
  report("error \(error)")
  exit(2)
}

/// The payload of event `index` (0...4) of transaction `t`: `t` in 8 bytes little endian, then
/// filler bytes whose count varies, so transactions span different numbers of pages.
func payload(transaction t: Int64, index: Int64, generator: inout UInt64) -> [UInt8] {
  generator = generator &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
  var bytes = (0..<8).map { UInt8(truncatingIfNeeded: t >> ($0 * 8)) }
  bytes.append(contentsOf: Array(repeating: UInt8(truncatingIfNeeded: t &+ index), count: Int(generator >> 52)))
  return bytes
}

func crashLoop(path: String, seed: UInt64) -> Never {
  do {
    let store = try SQLiteStore(path: path, clock: .system)
    if try store.swarm(id: "crash") == nil {
      try store.saveSwarm(SwarmRecord(id: "crash", name: "crash test", topology: "none"))
    }
    var generator = seed
    while true {
      let last = try store.lastEventSequence(swarmID: "crash")
      let t = last / eventsPerTransaction + 1
      try store.transaction { () throws(StoreError) in
        var events: [EventRecord] = []
        for index in 0..<eventsPerTransaction {
          events.append(EventRecord(swarmID: "crash", sequence: last + index + 1, kind: "txn",
                                    payload: payload(transaction: t, index: index, generator: &generator)))
        }
        try store.appendEvents(events)
        try store.setMemory(events[0].payload, forKey: "txn/\(t)", namespace: "crash")
      }
      report("committed \(t)")
    }
  } catch {
    fail(error)
  }
}

func writeConcurrently(path: String, name: String, count: Int) {
  do {
    let store = try SQLiteStore(path: path, clock: .system)
    try store.transaction { () throws(StoreError) in
      if try store.swarm(id: "shared") == nil { try store.saveSwarm(SwarmRecord(id: "shared", name: "", topology: "")) }
      try store.saveSwarm(SwarmRecord(id: name, name: name, topology: "none"))
    }
    for index in 1...count {
      try store.transaction { () throws(StoreError) in
        try store.appendEvents([EventRecord(swarmID: name, sequence: Int64(index), kind: "write")])
        try store.setMemory(Array(name.utf8), forKey: "\(name)/\(index)", namespace: "shared")
        _ = try store.appendMessage(MessageRecord(swarmID: "shared", sender: name, recipient: nil, topic: "\(index)"))
      }
    }
    report("done")
  } catch {
    fail(error)
  }
}

func tryOpen(path: String, asNobody: Bool) {
  if asNobody && (setgid(65_534) != 0 || setuid(65_534) != 0) {
    report("setuid failed")
    exit(3)
  }
  do {
    _ = try SQLiteStore(path: path, clock: .system)
    report("ok")
  } catch .database(let error) {
    report("error \(error.resultCode.rawValue) \(error.extendedResultCode.rawValue) \(error.message)")
  } catch {
    report("error \(error)")
  }
}

let arguments = CommandLine.arguments
switch (arguments.count > 1 ? arguments[1] : "", arguments.count) {
case ("crash-loop", 4): crashLoop(path: arguments[2], seed: UInt64(arguments[3]) ?? 1)
case ("write", 5): writeConcurrently(path: arguments[2], name: arguments[3], count: Int(arguments[4]) ?? 0)
case ("open", 3), ("open", 4): tryOpen(path: arguments[2], asNobody: arguments.count == 4 && arguments[3] == "--as-nobody")
default:
  report("usage: persistence-crasher crash-loop DB SEED | write DB NAME COUNT | open DB [--as-nobody]")
  exit(64)
}
