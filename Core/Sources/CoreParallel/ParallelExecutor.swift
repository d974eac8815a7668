// ParallelExecutor: runs the swarm's batches on all cores, natively, with the engine's schedule.
//
// The engine (module Core) is synchronous and deterministic. A batch is the set of attempts that start
// at one engine instant; their behaviours are independent by construction (each receives its own
// input and its prerequisites' results, which were final before the batch was formed). This executor
// calls a batch's behaviours concurrently with `DispatchQueue.concurrentPerform`, stores each outcome
// at its job's index, and hands the outcomes back in batch order, so the event log is identical to
// the serial `Swarm.run` (tested). Small batches run inline: spreading two no-op jobs over threads
// costs more than it saves.
//
// Requirement on behaviours: those of one batch may be called at the same time from different threads
// (a shared behaviour object, or one agent with concurrency > 1); pure functions of the input are safe.

import Core
import Dispatch

/// Runs a ``Swarm`` with the behaviours of each batch called in parallel.
///
/// ```swift
/// let executor = ParallelExecutor(threads: 2)
/// let report = executor.run(swarm)
/// #expect(report.attempts == swarm.metrics.attempts)
/// ```
public struct ParallelExecutor: Sendable {
  /// Worker threads used per batch (at least 1).
  public let threads: Int
  /// Batches with fewer jobs than this run on the calling thread.
  public let minimumParallelBatch: Int

  /// An executor; `threads` nil means every active core.
  public init(threads: Int? = nil, minimumParallelBatch: Int = 2) {
    self.threads = max(1, threads ?? ProcessInfoShim.activeProcessorCount)
    self.minimumParallelBatch = max(1, minimumParallelBatch)
  }

  /// Runs until nothing is left to do before `limit` (or at all).
  /// - Returns: what was done, as ``Swarm/run(until:)`` reports it.
  @discardableResult
  public func run(_ swarm: Swarm, until limit: Tick? = nil) -> RunReport {
    var report = RunReport(batches: 0, attempts: 0, time: swarm.now)
    while true {
      let batch = swarm.nextBatch(until: limit)
      if batch.isEmpty { break }
      let outcomes = execute(batch)
      // Counts match by construction; `complete` cannot throw here.
      try? swarm.complete(batch, with: outcomes)
      report.batches += 1
      report.attempts += batch.count
    }
    report.time = swarm.now
    return report
  }

  /// Calls every job's behaviour, in parallel when the batch is large enough; outcome `i` is job `i`'s.
  public func execute(_ batch: [Job]) -> [Result<TaskOutput, TaskFailure>] {
    let n = batch.count
    if threads == 1 || n < minimumParallelBatch { return batch.map { $0.run() } }
    let slots = OutcomeSlots(count: n)
    let jobs = UncheckedJobs(batch)
    let workers = min(threads, n)
    DispatchQueue.concurrentPerform(iterations: workers) { w in
      // Contiguous chunks: worker w takes jobs [w·n/workers, (w+1)·n/workers).
      let lo = w * n / workers
      let hi = (w + 1) * n / workers
      for i in lo..<hi { slots.store(jobs.jobs[i].run(), at: i) }
    }
    return slots.values()
  }
}

/// The batch, shared read-only by the workers. Behaviours are the user's objects; the executor's
/// contract (above) is that a batch's behaviours may run concurrently.
private final class UncheckedJobs: @unchecked Sendable {
  let jobs: [Job]
  init(_ jobs: [Job]) { self.jobs = jobs }
}

/// One outcome slot per job; each index is written by exactly one worker, and read after
/// `concurrentPerform` returned (which orders the writes before the reads).
private final class OutcomeSlots: @unchecked Sendable {
  private let storage: UnsafeMutablePointer<Result<TaskOutput, TaskFailure>?>
  private let count: Int
  init(count: Int) {
    self.count = count
    storage = .allocate(capacity: count)
    storage.initialize(repeating: nil, count: count)
  }
  deinit {
    storage.deinitialize(count: count)
    storage.deallocate()
  }
  func store(_ r: Result<TaskOutput, TaskFailure>, at i: Int) { storage[i] = r }
  func values() -> [Result<TaskOutput, TaskFailure>] {
    var out: [Result<TaskOutput, TaskFailure>] = []
    out.reserveCapacity(count)
    for i in 0..<count { out.append(storage[i]!) }
    return out
  }
}
