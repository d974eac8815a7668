// Tasks: submission of graphs, readiness, attempt endings, retries with backoff, cancellation cascades.

extension Swarm {
  /// Submits a task graph: checks it (references, specs, acyclicity), then creates its tasks in node
  /// order. Tasks without prerequisites are ready at once.
  ///
  /// ```swift
  /// var g = TaskGraph()
  /// let a = g.add(TaskSpec(payload: .int(1)))
  /// g.add(TaskSpec(), after: [a])
  /// let ids = try swarm.submit(g)
  /// #expect(ids.count == 2)
  /// ```
  /// - Returns: the task id of each node, by node.
  /// - Throws: ``SwarmError/unknownNode(_:)``, ``SwarmError/dependencyCycle(_:)``,
  ///   ``SwarmError/invalidTaskSpec(node:)``; nothing is created when it throws.
  /// - Complexity: O(nodes + edges).
  @discardableResult
  public func submit(_ graph: TaskGraph) throws(SwarmError) -> [TaskID] {
    _ = try graph.topologicalOrder()
    for (node, s) in graph.specs.enumerated() {
      guard s.duration >= 0, s.timeout >= 0, s.retry.maxRetries >= 0, s.retry.base >= 0, s.retry.maxDelay >= 0
      else { throw .invalidTaskSpec(node: node) }
    }
    let base = tasks.count
    let graphKey = Int64(graphCount) << 2 | 2
    graphCount += 1
    tasks.reserveCapacity(base + graph.count)
    for (node, s) in graph.specs.enumerated() {
      let pre = graph.edges[node]
      let key: Int64
      if let g = s.group {
        key = Int64(g) << 2
      } else if let first = pre.first {
        key = Int64(base + first) << 2 | 1
      } else {
        key = graphKey
      }
      tasks.append(
        TaskRecord(
          payload: s.payload, requires: s.requires.bits, duration: s.duration, timeout: s.timeout,
          retry: s.retry, group: key, submittedAt: now, waiting: Int32(pre.count), priority: s.priority))
      prerequisiteLists.append(pre.map { Int32(base + $0) })
      dependentLists.append([])
    }
    for node in 0..<graph.count {
      for p in graph.edges[node] { dependentLists[base + p].append(Int32(base + node)) }
    }
    for node in 0..<graph.count {
      let t = Int32(base + node)
      log(.taskSubmitted, task: t, value: Int64(graph.specs[node].priority.rawValue))
      if tasks[Int(t)].waiting == 0 { makeReady(t) }
    }
    var ids: [TaskID] = []
    ids.reserveCapacity(graph.count)
    for i in 0..<graph.count { ids.append(TaskID(base + i)) }
    return ids
  }

  /// Cancels a task that is not final, and every dependent of it, transitively.
  ///
  /// ```swift
  /// try swarm.cancel(ids[0])
  /// #expect(try swarm.task(ids[1]).status == .cancelled)
  /// ```
  /// - Returns: false when the task was already final.
  /// - Throws: ``SwarmError/unknownTask(_:)``.
  @discardableResult
  public func cancel(_ id: TaskID) throws(SwarmError) -> Bool {
    let t = try checkTask(id)
    guard !tasks[Int(t)].status.isFinal else { return false }
    cancelCascade(t, cause: .requested)
    return true
  }

  /// Why a task is not running, or nil when it is assigned, running or final.
  ///
  /// ```swift
  /// if case .noCapableAgent? = try swarm.pendingReason(t) { /* spawn one */ }
  /// ```
  /// - Complexity: O(agents) for a ready task, O(1) otherwise.
  public func pendingReason(_ id: TaskID) throws(SwarmError) -> PendingReason? {
    let t = tasks[Int(try checkTask(id))]
    guard t.status == .pending else { return nil }
    if t.waiting > 0 { return .waitingForPrerequisites(Int(t.waiting)) }
    if t.retryAt > now && !t.queued && !t.parked { return .backoff(until: t.retryAt) }
    if t.parked { return .noCapableAgent }
    var capable = false
    var healthy = false
    var free = false
    for i in 0..<agents.count {
      let a = agents[i]
      guard a.state != .terminated, t.requires & ~a.capabilities == 0 else { continue }
      capable = true
      if a.state == .idle || a.state == .busy {
        healthy = true
        if a.running < a.concurrency { free = true }
      }
    }
    if !capable { return .noCapableAgent }
    if inFlight >= window { return .orchestrationLimit }
    if !healthy { return .capableAgentsUnavailable }
    if !free { return .capableAgentsBusy }
    return .queued
  }

  // MARK: - Internals

  func makeReady(_ t: Int32) {
    tasks[Int(t)].readyAt = now
    log(.taskReady, task: t)
    enqueue(t)
  }

  func enqueue(_ t: Int32) {
    tasks[Int(t)].queued = true
    lanes[Int(tasks[Int(t)].priority.rawValue)].append(t)
  }

  /// Ends the attempt whose end event just fired (stale events were filtered by token).
  func endAttempt(_ t: Int32) {
    let a = tasks[Int(t)].agent
    release(t, from: a)
    switch tasks[Int(t)].ending {
    case .success:
      tasks[Int(t)].status = .completed
      tasks[Int(t)].finishedAt = now
      agents[Int(a)].succeeded += 1
      counters.succeeded += 1
      latencies.append(now - tasks[Int(t)].submittedAt)
      log(.taskCompleted, agent: a, task: t, value: Int64(tasks[Int(t)].attempts))
      widenWindow()
      for d in dependentLists[Int(t)] where tasks[Int(d)].status == .pending {
        tasks[Int(d)].waiting -= 1
        if tasks[Int(d)].waiting == 0 { makeReady(d) }
      }
    case .failure:
      agents[Int(a)].failed += 1
      counters.attemptsFailed += 1
      log(.attemptFailed, agent: a, task: t, value: Int64(tasks[Int(t)].lastFailure?.code ?? 0))
      retryOrFinish(t, agent: a, final: .failed)
    case .timeout:
      agents[Int(a)].timedOut += 1
      counters.attemptsTimedOut += 1
      log(.attemptTimedOut, agent: a, task: t, value: tasks[Int(t)].timeout)
      retryOrFinish(t, agent: a, final: .timedOut)
    }
  }

  /// Hands a task back from an agent that went offline or left.
  func interrupt(_ t: Int32) {
    let a = tasks[Int(t)].agent
    tasks[Int(t)].token &+= 1
    release(t, from: a)
    agents[Int(a)].interrupted += 1
    counters.attemptsInterrupted += 1
    log(.attemptInterrupted, agent: a, task: t, value: Int64(tasks[Int(t)].attempts))
    retryOrFinish(t, agent: a, final: .failed)
  }

  /// Retries with backoff while retries remain, otherwise makes the task final and cancels dependents.
  func retryOrFinish(_ t: Int32, agent a: Int32, final: TaskStatus) {
    narrowWindow()
    tasks[Int(t)].failedOn.append(a)
    let attempts = Int(tasks[Int(t)].attempts)
    if attempts <= tasks[Int(t)].retry.maxRetries {
      counters.retried += 1
      let at = now + tasks[Int(t)].retry.delay(beforeRetry: attempts)
      tasks[Int(t)].status = .pending
      tasks[Int(t)].retryAt = at
      log(.retryScheduled, agent: a, task: t, value: at)
      if at <= now {
        log(.taskReady, task: t)
        enqueue(t)
      } else {
        agenda.schedule(.retryReady, at: at, t, tasks[Int(t)].token)
      }
    } else {
      tasks[Int(t)].status = final
      tasks[Int(t)].finishedAt = now
      if final == .failed {
        counters.failed += 1
        log(.taskFailed, agent: a, task: t, value: Int64(attempts))
      } else {
        counters.timedOut += 1
        log(.taskTimedOut, agent: a, task: t, value: Int64(attempts))
      }
      for d in dependentLists[Int(t)] where !tasks[Int(d)].status.isFinal {
        cancelCascade(d, cause: .prerequisite)
      }
    }
  }

  func retryReady(_ t: Int32, token: Int32) {
    guard tasks[Int(t)].token == token, tasks[Int(t)].status == .pending, !tasks[Int(t)].queued else { return }
    log(.taskReady, task: t)
    enqueue(t)
  }

  /// Cancels `root` and all its non-final dependents (iteratively: graphs can be deep).
  func cancelCascade(_ root: Int32, cause: CancellationCause) {
    var stack: [Int32] = [root]
    var first = true
    while let t = stack.popLast() {
      guard !tasks[Int(t)].status.isFinal else { continue }
      let status = tasks[Int(t)].status
      if status == .assigned || status == .running {
        tasks[Int(t)].token &+= 1
        release(t, from: tasks[Int(t)].agent)
      }
      tasks[Int(t)].token &+= 1
      tasks[Int(t)].status = .cancelled
      tasks[Int(t)].finishedAt = now
      if tasks[Int(t)].parked {
        tasks[Int(t)].parked = false
        parked.removeAll { $0 == t }
      }
      counters.cancelled += 1
      log(.taskCancelled, task: t, value: Int64(first ? cause.rawValue : CancellationCause.prerequisite.rawValue))
      first = false
      for d in dependentLists[Int(t)].reversed() where !tasks[Int(d)].status.isFinal { stack.append(d) }
    }
  }

  // MARK: - Adaptive window

  func widenWindow() {
    guard case .adaptive(_, let maximum) = configuration.orchestration, window < maximum else { return }
    window += 1
    log(.windowChanged, value: Int64(window))
  }

  func narrowWindow() {
    guard case .adaptive = configuration.orchestration, window > 1 else { return }
    window = max(1, window / 2)
    log(.windowChanged, value: Int64(window))
  }
}
