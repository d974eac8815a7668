// Agent lifecycle: spawning, faults, heartbeats and health checks, leaving.
//
// Heartbeats are implicit: a responsive agent beats every `heartbeatInterval` ticks from the time it
// joined, so its last heartbeat is computed, not stored, and an idle swarm of 100,000 agents costs no
// events. A `hang` fault stops the beats (the last one is the last multiple of the interval before
// the hang). Health checks run every `healthCheckInterval` ticks (at multiples of it) while some
// agent is silent and not yet offline: `missed = (now - lastHeartbeat) / heartbeatInterval`; at
// `degradedAfterMissed` the agent is degraded (no new work; running work continues), at
// `offlineAfterMissed` it is taken offline (running work is retried elsewhere).

extension Swarm {
  /// Spawns an agent at the current engine time; it joins the topology at once (for a custom topology,
  /// linked to `links`).
  ///
  /// ```swift
  /// let a = try swarm.spawn(AgentSpec(type: .analyst, behavior: work))
  /// #expect(try swarm.agent(a).state == .idle)
  /// ```
  /// - Throws: ``SwarmError/invalidConcurrency(_:)``; for links, ``SwarmError/unknownAgent(_:)``,
  ///   ``SwarmError/agentTerminated(_:)``, ``SwarmError/invalidLink(_:_:)``.
  /// - Complexity: O(links + parked tasks); O(members) for star re-election.
  @discardableResult
  public func spawn(_ spec: AgentSpec, links: [AgentID] = []) throws(SwarmError) -> AgentID {
    guard spec.concurrency >= 1 && spec.concurrency <= Int(Int32.max) else {
      throw .invalidConcurrency(spec.concurrency)
    }
    let id = AgentID(agents.count)
    for l in links {
      let b = try checkLiveAgent(l)
      guard topology.kind == .custom, topology.isMember(b) else { throw .invalidLink(id, l) }
    }
    let a = Int32(agents.count)
    agents.append(
      AgentRecord(
        capabilities: spec.capabilities.bits, type: spec.type, pattern: spec.pattern, state: .spawned,
        concurrency: Int32(spec.concurrency), joinedAt: now, beatsSince: now, lastChange: now))
    behaviors.append(spec.behavior)
    if agents.count > availableBits.count * 64 { availableBits.append(0) }
    inboxes.append([])
    bfsStamp.append(0)
    bfsParent.append(-1)
    bfsDepth.append(0)
    topology.reserveAgent()
    let code = Int64(spec.type.rawValue) | Int64(spec.pattern.rawValue) << 8 | Int64(spec.concurrency) << 16
    log(.agentSpawned, agent: a, value: code)
    topology.join(a)
    log(.agentJoined, agent: a, value: Int64(topology.members.count - 1))
    for l in links where topology.link(a, Int32(l.rawValue)) {
      log(.linkAdded, agent: a, peer: Int32(l.rawValue))
    }
    if topology.kind == .star && topology.hub < 0 { electHub() }
    agents[Int(a)].state = .idle
    log(.agentIdle, agent: a)
    addAvailable(a)
    freeSlots += spec.concurrency
    unpark(for: spec.capabilities.bits)
    retryQueuedMessages()
    return id
  }

  /// Applies a fault or change now.
  ///
  /// ```swift
  /// try swarm.apply(.offline(coder))
  /// #expect(try swarm.agent(coder).state == .offline)
  /// ```
  /// - Throws: ``SwarmError/unknownAgent(_:)``, ``SwarmError/unknownTask(_:)``, and what
  ///   ``spawn(_:links:)`` throws. Faults on a terminated agent are ignored.
  public func apply(_ fault: Fault) throws(SwarmError) {
    switch fault {
    case .offline(let id):
      let a = try checkAgent(id)
      takeOffline(a)
    case .online(let id):
      let a = try checkAgent(id)
      guard agents[Int(a)].state != .terminated else { return }
      if !agents[Int(a)].responsive { resumeHeartbeats(a) }
      bringOnline(a)
    case .hang(let id):
      let a = try checkAgent(id)
      guard agents[Int(a)].state != .terminated, agents[Int(a)].responsive else { return }
      agents[Int(a)].silentSince = lastHeartbeat(of: agents[Int(a)])
      agents[Int(a)].responsive = false
      unresponsiveCount += 1
      log(.heartbeatsStopped, agent: a, value: agents[Int(a)].silentSince)
      scheduleHealthCheck()
    case .recover(let id):
      let a = try checkAgent(id)
      guard agents[Int(a)].state != .terminated, !agents[Int(a)].responsive else { return }
      resumeHeartbeats(a)
      bringOnline(a)
    case .terminate(let id):
      let a = try checkAgent(id)
      terminate(a)
    case .cancel(let id):
      try cancel(id)
    case .spawn(let spec, let links):
      try spawn(spec, links: links)
    }
  }

  /// Schedules a fault or change at engine time `time` (at or after now).
  ///
  /// ```swift
  /// try swarm.schedule(.hang(coder), at: 20)
  /// ```
  /// - Throws: ``SwarmError/timeInPast(_:)`` and unknown ids.
  public func schedule(_ fault: Fault, at time: Tick) throws(SwarmError) {
    guard time >= now else { throw .timeInPast(time) }
    switch fault {
    case .offline(let id), .online(let id), .hang(let id), .recover(let id), .terminate(let id):
      _ = try checkAgent(id)
    case .cancel(let id):
      _ = try checkTask(id)
    case .spawn(let spec, let links):
      guard spec.concurrency >= 1 && spec.concurrency <= Int(Int32.max) else {
        throw .invalidConcurrency(spec.concurrency)
      }
      for l in links {
        let b = try checkLiveAgent(l)
        guard topology.kind == .custom, topology.isMember(b) else { throw .invalidLink(AgentID(agents.count), l) }
      }
    }
    scheduledFaults.append(fault)
    agenda.schedule(.fault, at: time, Int32(scheduledFaults.count - 1))
  }

  /// The time of the agent's last heartbeat: the last multiple of the interval since it joined, or,
  /// for a silent agent, the last one before it went silent.
  func lastHeartbeat(of r: AgentRecord) -> Tick {
    if !r.responsive { return r.silentSince }
    let interval = max(configuration.heartbeatInterval, 1)
    let end = r.state == .terminated ? r.leftAt : now
    return r.beatsSince + (end - r.beatsSince) / interval * interval
  }

  func resumeHeartbeats(_ a: Int32) {
    agents[Int(a)].responsive = true
    agents[Int(a)].beatsSince = now
    unresponsiveCount -= 1
    log(.heartbeatsResumed, agent: a)
  }

  func scheduleHealthCheck() {
    let interval = configuration.healthCheckInterval
    guard interval > 0, !healthCheckScheduled else { return }
    healthCheckScheduled = true
    agenda.schedule(.healthCheck, at: (now / interval + 1) * interval)
  }

  func healthCheck() {
    healthCheckScheduled = false
    let interval = max(configuration.heartbeatInterval, 1)
    var watching = false
    for i in 0..<agents.count where !agents[i].responsive {
      let a = Int32(i)
      let state = agents[i].state
      guard state != .offline && state != .terminated else { continue }
      let missed = (now - agents[i].silentSince) / interval
      if missed >= Int64(configuration.offlineAfterMissed) {
        takeOffline(a)
      } else {
        if missed >= Int64(configuration.degradedAfterMissed) && state != .degraded { degrade(a, missed: missed) }
        watching = true
      }
    }
    if watching { scheduleHealthCheck() }
  }

  func degrade(_ a: Int32, missed: Int64) {
    if agents[Int(a)].state == .idle || agents[Int(a)].state == .busy {
      freeSlots -= Int(agents[Int(a)].concurrency - agents[Int(a)].running)
      removeAvailable(a)
    }
    accrue(a)
    agents[Int(a)].state = .degraded
    log(.agentDegraded, agent: a, value: missed)
  }

  func takeOffline(_ a: Int32) {
    let state = agents[Int(a)].state
    guard state != .offline && state != .terminated else { return }
    if state == .idle || state == .busy {
      freeSlots -= Int(agents[Int(a)].concurrency - agents[Int(a)].running)
      removeAvailable(a)
    }
    accrue(a)
    agents[Int(a)].state = .offline
    log(.agentOffline, agent: a)
    for t in agents[Int(a)].tasks { interrupt(t) }
    if topology.kind == .star && topology.hub == a { electHub() }
  }

  func bringOnline(_ a: Int32) {
    let state = agents[Int(a)].state
    guard state == .offline || state == .degraded else { return }
    accrue(a)
    let running = agents[Int(a)].running
    agents[Int(a)].state = running > 0 ? .busy : .idle
    freeSlots += Int(agents[Int(a)].concurrency - running)
    if running < agents[Int(a)].concurrency { addAvailable(a) }
    log(.agentOnline, agent: a, value: Int64(state.rawValue))
    if topology.kind == .star && topology.hub >= 0 && agents[Int(topology.hub)].state == .offline { electHub() }
    retryQueuedMessages()
  }

  func terminate(_ a: Int32) {
    let state = agents[Int(a)].state
    guard state != .terminated else { return }
    if state == .idle || state == .busy {
      freeSlots -= Int(agents[Int(a)].concurrency - agents[Int(a)].running)
      removeAvailable(a)
    }
    agents[Int(a)].state = .offline
    for t in agents[Int(a)].tasks { interrupt(t) }
    if !agents[Int(a)].responsive { unresponsiveCount -= 1 }
    accrue(a)
    let r = agents[Int(a)]
    counters.retiredSlotTicks = counters.retiredSlotTicks.saturatingAdd(r.busySlotTicks)
    counters.retiredCapacityTicks = counters.retiredCapacityTicks.saturatingAdd(slotTicks(Int64(r.concurrency), from: r.joinedAt, to: now))
    agents[Int(a)].leftAt = now
    if topology.kind == .custom {
      for b in topology.links[Int(a)] { log(.linkRemoved, agent: a, peer: b) }
    }
    topology.leave(a)
    log(.agentLeft, agent: a)
    agents[Int(a)].state = .terminated
    log(.agentTerminated, agent: a)
    if topology.kind == .star && topology.hub == a { electHub() }
    dropQueuedMessages(involving: a)
  }

  /// The star's hub: the earliest-joined member that is not offline (or the earliest member).
  func electHub() {
    var hub: Int32 = topology.members.first ?? -1
    for m in topology.members where agents[Int(m)].state != .offline {
      hub = m
      break
    }
    guard hub != topology.hub else { return }
    let old = topology.hub
    topology.hub = hub
    if hub >= 0 { log(.hubElected, agent: hub, peer: old) }
  }
}
