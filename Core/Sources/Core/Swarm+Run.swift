// Running: the event loop, batches of jobs, and applying their outcomes.
//
// One step of the loop: (1) a dispatch pass assigns ready tasks to agents and returns the jobs to run
// now; (2) if there are none, the clock jumps to the next event time and every event of that tick is
// processed; repeat. The caller runs the jobs of a batch (serially in `run`, in parallel in
// CoreParallel) and hands the outcomes back with `complete`, which starts the attempts on the engine
// clock in batch order. That split is what lets a parallel executor reproduce the serial schedule.

/// One attempt to run: the task, its agent, the behaviour and its input.
///
/// ```swift
/// let batch = swarm.nextBatch()
/// let outcomes = batch.map { $0.run() }
/// try swarm.complete(batch, with: outcomes)
/// ```
public struct Job {
  /// The task.
  public let task: TaskID
  /// The agent it was assigned to.
  public let agent: AgentID
  /// The agent's behaviour.
  public let behavior: any AgentBehavior
  /// What the behaviour receives.
  public let input: TaskInput
  let token: Int32

  /// Calls the behaviour and captures its outcome.
  public func run() -> Result<TaskOutput, TaskFailure> {
    do throws(TaskFailure) {
      return .success(try behavior.perform(input))
    } catch {
      return .failure(error)
    }
  }
}

/// What a run did.
public struct RunReport: Equatable, Sendable {
  /// Batches of jobs executed.
  public var batches: Int
  /// Attempts started.
  public var attempts: Int
  /// The engine clock at the end.
  public var time: Tick
  /// A report.
  public init(batches: Int, attempts: Int, time: Tick) {
    self.batches = batches
    self.attempts = attempts
    self.time = time
  }
}

extension Swarm {
  /// Runs serially until nothing is left to do before `limit` (or at all, when nil): every batch's
  /// behaviours are called in batch order on the calling thread.
  ///
  /// ```swift
  /// let report = swarm.run()
  /// #expect(report.attempts >= 1)
  /// ```
  /// - Returns: what was done. Tasks that could not run stay pending; ask ``pendingReason(_:)``.
  @discardableResult
  public func run(until limit: Tick? = nil) -> RunReport {
    var report = RunReport(batches: 0, attempts: 0, time: now)
    while true {
      let batch = nextBatch(until: limit)
      if batch.isEmpty { break }
      var outcomes: [Result<TaskOutput, TaskFailure>] = []
      outcomes.reserveCapacity(batch.count)
      for job in batch { outcomes.append(job.run()) }
      applyOutcomes(batch, outcomes)
      report.batches += 1
      report.attempts += batch.count
    }
    report.time = now
    return report
  }

  /// Advances the engine to the next batch of jobs: dispatches ready work, and when none can start,
  /// processes the agenda tick by tick (up to `limit`). Returns an empty batch when nothing is left
  /// before `limit`; the clock is then at `limit` (if given and later than now).
  ///
  /// Every job returned must be handed back with ``complete(_:with:)`` before the next call.
  /// - Complexity: O(jobs · agents examined per choice + events processed · log events).
  public func nextBatch(until limit: Tick? = nil) -> [Job] {
    while true {
      let jobs = dispatch()
      if !jobs.isEmpty { return jobs }
      guard let next = agenda.first, limit == nil || next.time <= limit! else {
        if let l = limit, l > now { now = l }
        return []
      }
      now = next.time
      while let e = agenda.first, e.time == now {
        _ = agenda.pop()
        handle(e)
      }
    }
  }

  /// Starts the attempts of `batch` with the behaviours' outcomes, in batch order.
  ///
  /// ```swift
  /// try swarm.complete(batch, with: batch.map { $0.run() })
  /// ```
  /// - Throws: ``SwarmError/batchMismatch`` when the counts differ; nothing is applied then.
  public func complete(_ batch: [Job], with outcomes: [Result<TaskOutput, TaskFailure>]) throws(SwarmError) {
    guard batch.count == outcomes.count else { throw .batchMismatch }
    applyOutcomes(batch, outcomes)
  }

  func applyOutcomes(_ batch: [Job], _ outcomes: [Result<TaskOutput, TaskFailure>]) {
    for i in 0..<batch.count {
      let t = Int32(batch[i].task.rawValue)
      // A job whose task was cancelled or interrupted since it was handed out is stale.
      guard tasks[Int(t)].token == batch[i].token, tasks[Int(t)].status == .assigned else { continue }
      tasks[Int(t)].status = .running
      log(.taskStarted, agent: tasks[Int(t)].agent, task: t, value: Int64(tasks[Int(t)].attempts))
      var duration = tasks[Int(t)].duration
      switch outcomes[i] {
      case .success(let out):
        if let d = out.duration { duration = max(d, 0) }
        tasks[Int(t)].result = out.value
        tasks[Int(t)].ending = .success
      case .failure(let f):
        tasks[Int(t)].lastFailure = f
        tasks[Int(t)].ending = .failure
      }
      let timeout = tasks[Int(t)].timeout
      if timeout > 0 && duration > timeout {
        duration = timeout
        tasks[Int(t)].ending = .timeout
      }
      agenda.schedule(.attemptEnds, at: now + duration, t, tasks[Int(t)].token)
    }
  }

  /// Applies a fault validated by `schedule`. The one thing that can have changed since is that a
  /// custom link's other end left; such links are skipped, so the fault cannot fail.
  func applyScheduled(_ f: Fault) {
    if case .spawn(let spec, let links) = f {
      let live = links.filter { topology.isMember(Int32($0.rawValue)) }
      _ = try? spawn(spec, links: live)
    } else {
      _ = try? apply(f)
    }
  }

  func handle(_ e: AgendaItem) {
    switch e.kind {
    case .attemptEnds:
      if tasks[Int(e.a)].token == e.b && tasks[Int(e.a)].status == .running { endAttempt(e.a) }
    case .retryReady:
      retryReady(e.a, token: e.b)
    case .messageArrives:
      arrive(e.a)
    case .healthCheck:
      healthCheck()
    case .fault:
      if let f = scheduledFaults[Int(e.a)] {
        scheduledFaults[Int(e.a)] = nil
        applyScheduled(f)
      }
    }
  }
}
