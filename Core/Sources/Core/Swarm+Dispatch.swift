// Dispatch: the ready queue and the six distribution strategies.
//
// The ready queue is four FIFO lanes, one per priority, scanned critical first. A pass stops as soon
// as no agent has a free slot or the orchestration window is full, so its cost is proportional to the
// work it assigns plus the tasks it has to skip. Skipped tasks (no capable agent free) stay in place;
// an assigned task behind a skipped one leaves a tombstone, compacted when tombstones pass half a
// lane. A pass remembers the capability masks that found no agent, so a queue full of tasks needing
// the same busy specialist costs one probe, not one scan each. A task for which no agent in the swarm
// has the capabilities is parked (logged as `taskBlocked`) until an agent that has them spawns.
//
// Each strategy chooses among eligible agents: available (idle or busy with a free slot),
// capable, and not one the task already failed on (that filter is dropped when it leaves no choice).
// The exact rules are in Strategies.swift and Design.md.

extension Swarm {
  func dispatch() -> [Job] {
    var jobs: [Job] = []
    guard freeSlots > 0, inFlight < window else { return jobs }
    priorityHeapBuilt = (false, false)
    var failedMasks: [UInt64] = []
    lanes: for lane in stride(from: 3, through: 0, by: -1) {
      var i = laneHeads[lane]
      var skipped = false
      while i < lanes[lane].count {
        if freeSlots == 0 || inFlight >= window { break lanes }
        let t = lanes[lane][i]
        if t < 0 || tasks[Int(t)].status != .pending || !tasks[Int(t)].queued {
          if !skipped { laneHeads[lane] = i + 1 }
          i += 1
          continue
        }
        let mask = tasks[Int(t)].requires
        var agent: Int32 = -1
        if !failedMasks.contains(mask) {
          agent = choose(for: t)
          if agent < 0 { failedMasks.append(mask) }
        }
        if agent < 0 {
          if !capableAgentExists(mask) {
            tasks[Int(t)].queued = false
            tasks[Int(t)].parked = true
            parked.append(t)
            log(.taskBlocked, task: t, value: 1)
            removeEntry(lane: lane, at: i, skipped: skipped)
          } else {
            skipped = true
          }
          i += 1
          continue
        }
        removeEntry(lane: lane, at: i, skipped: skipped)
        i += 1
        jobs.append(assign(t, to: agent))
      }
      compactLane(lane)
    }
    return jobs
  }

  @inline(__always)
  private func removeEntry(lane: Int, at i: Int, skipped: Bool) {
    if skipped {
      lanes[lane][i] = -1
      laneTombstones[lane] += 1
    } else {
      laneHeads[lane] = i + 1
    }
  }

  private func compactLane(_ lane: Int) {
    let head = laneHeads[lane]
    let count = lanes[lane].count
    if head == count {
      lanes[lane].removeAll(keepingCapacity: true)
      laneHeads[lane] = 0
      laneTombstones[lane] = 0
    } else if head + laneTombstones[lane] > 64 && (head + laneTombstones[lane]) * 2 > count {
      var kept: [Int32] = []
      kept.reserveCapacity(count - head)
      for j in head..<count where lanes[lane][j] >= 0 { kept.append(lanes[lane][j]) }
      lanes[lane] = kept
      laneHeads[lane] = 0
      laneTombstones[lane] = 0
    }
  }

  func capableAgentExists(_ mask: UInt64) -> Bool {
    for a in agents where a.state != .terminated && mask & ~a.capabilities == 0 { return true }
    return false
  }

  /// Re-queues parked tasks that an agent with `capabilities` can take.
  func unpark(for capabilities: UInt64) {
    guard !parked.isEmpty else { return }
    var still: [Int32] = []
    for t in parked {
      if tasks[Int(t)].requires & ~capabilities == 0 {
        tasks[Int(t)].parked = false
        log(.taskReady, task: t)
        enqueue(t)
      } else {
        still.append(t)
      }
    }
    parked = still
  }

  // MARK: - Assignment and release

  func assign(_ t: Int32, to a: Int32) -> Job {
    tasks[Int(t)].queued = false
    tasks[Int(t)].status = .assigned
    tasks[Int(t)].agent = a
    tasks[Int(t)].attempts += 1
    tasks[Int(t)].token &+= 1
    counters.attempts += 1
    inFlight += 1
    accrue(a)
    agents[Int(a)].running += 1
    agents[Int(a)].tasks.append(t)
    freeSlots -= 1
    if agents[Int(a)].running == agents[Int(a)].concurrency { removeAvailable(a) }
    log(.taskAssigned, agent: a, task: t, value: Int64(tasks[Int(t)].attempts))
    if agents[Int(a)].state == .idle {
      agents[Int(a)].state = .busy
      log(.agentBusy, agent: a)
    }
    let pre = prerequisiteLists[Int(t)]
    var results: [PrerequisiteResult] = []
    results.reserveCapacity(pre.count)
    for p in pre { results.append(PrerequisiteResult(task: TaskID(Int(p)), value: tasks[Int(p)].result ?? .null)) }
    let input = TaskInput(
      task: TaskID(Int(t)), agent: AgentID(Int(a)), attempt: Int(tasks[Int(t)].attempts),
      payload: tasks[Int(t)].payload, prerequisites: results)
    return Job(task: TaskID(Int(t)), agent: AgentID(Int(a)), behavior: behaviors[Int(a)], input: input,
               token: tasks[Int(t)].token)
  }

  /// Frees the slot task `t` held on agent `a`.
  func release(_ t: Int32, from a: Int32) {
    inFlight -= 1
    accrue(a)
    let wasFull = agents[Int(a)].running == agents[Int(a)].concurrency
    agents[Int(a)].running -= 1
    if let k = agents[Int(a)].tasks.firstIndex(of: t) { agents[Int(a)].tasks.remove(at: k) }
    let state = agents[Int(a)].state
    if state == .idle || state == .busy {
      freeSlots += 1
      if wasFull { addAvailable(a) }
      if agents[Int(a)].running == 0 {
        agents[Int(a)].state = .idle
        log(.agentIdle, agent: a)
      }
    }
  }

  /// Adds the slot-ticks since the agent's last change to its busy time.
  @inline(__always)
  func accrue(_ a: Int32) {
    let r = agents[Int(a)]
    agents[Int(a)].busySlotTicks = r.busySlotTicks.saturatingAdd(slotTicks(Int64(r.running), from: r.lastChange, to: now))
    agents[Int(a)].lastChange = now
  }

  @inline(__always)
  func isAvailable(_ a: Int32) -> Bool { availableBits[Int(a) >> 6] & (1 << UInt64(Int(a) & 63)) != 0 }

  func addAvailable(_ a: Int32) {
    guard !isAvailable(a) else { return }
    availableBits[Int(a) >> 6] |= 1 << UInt64(Int(a) & 63)
    availableCount += 1
  }

  func removeAvailable(_ a: Int32) {
    guard isAvailable(a) else { return }
    availableBits[Int(a) >> 6] &= ~(1 << UInt64(Int(a) & 63))
    availableCount -= 1
  }

  /// Calls `body` on available agents with ids in `from..<to`, ascending, until it returns false.
  /// - Complexity: O((to - from) / 64 + agents visited).
  @inline(__always)
  func scanAvailable(from: Int = 0, to: Int? = nil, _ body: (Int32) -> Bool) {
    let end = to ?? agents.count
    guard from < end else { return }
    var w = from >> 6
    var word = availableBits[w] & (~0 << UInt64(from & 63))
    let lastWord = (end - 1) >> 6
    while true {
      while word != 0 {
        let a = w << 6 | word.trailingZeroBitCount
        if a >= end { return }
        if !body(Int32(a)) { return }
        word &= word - 1
      }
      w += 1
      if w > lastWord { return }
      word = availableBits[w]
    }
  }

  // MARK: - Strategies

  /// The agent for task `t` under the configured strategy, or -1.
  func choose(for t: Int32) -> Int32 {
    if !tasks[Int(t)].failedOn.isEmpty {
      let a = choose(for: t, avoiding: tasks[Int(t)].failedOn)
      if a >= 0 { return a }
    }
    return choose(for: t, avoiding: [])
  }

  private func choose(for t: Int32, avoiding avoid: [Int32]) -> Int32 {
    let mask = tasks[Int(t)].requires
    switch configuration.distribution {
    case .roundRobin: return chooseRoundRobin(mask, avoid)
    case .random: return chooseRandom(mask, avoid)
    case .leastLoaded:
      // Load 0 is the least possible, and the scan is by ascending id: the first idle agent wins.
      return best(mask, avoid, unbeatable: { self.agents[Int($0)].running == 0 }) { a, b in self.lessLoaded(a, b) }
    case .priority:
      let urgent = tasks[Int(t)].priority >= .high
      if mask == 0 && avoid.isEmpty { return popPriorityHeap(urgent: urgent) }
      return best(mask, avoid, unbeatable: { _ in false }) { a, b in
        let c = self.compareReliability(a, b)
        if c != 0 { return urgent ? c > 0 : c < 0 }
        return self.lessLoaded(a, b)
      }
    case .capabilityMatch:
      return best(mask, avoid, unbeatable: { a in
        self.agents[Int(a)].capabilities == mask && self.agents[Int(a)].running == 0
      }) { a, b in
        let ea = (self.agents[Int(a)].capabilities & ~mask).nonzeroBitCount
        let eb = (self.agents[Int(b)].capabilities & ~mask).nonzeroBitCount
        if ea != eb { return ea < eb }
        return self.lessLoaded(a, b)
      }
    case .cognitiveDiversity:
      return chooseDiverse(t, mask, avoid)
    }
  }

  private func chooseDiverse(_ t: Int32, _ mask: UInt64, _ avoid: [Int32]) -> Int32 {
    let key = tasks[Int(t)].group
    let slot: Int
    if let s = groupSlots[key] {
      slot = Int(s)
    } else {
      slot = groupLast.count
      groupSlots[key] = Int32(slot)
      groupCounts.append(contentsOf: repeatElement(0, count: 7))
      groupLast.append(-1)
    }
    let base = slot * 7
    let last = Int(groupLast[slot])
    let comp = last >= 0 ? Int(CognitivePattern.allCases[last].complement.rawValue) : -1
    let counts = groupCounts
    // The least count over all seven patterns bounds every agent's first key from below.
    var least = counts[base]
    for p in 1..<7 { least = min(least, counts[base + p]) }
    let compCanTie = comp >= 0 && counts[base + comp] == least
    let a = best(mask, avoid, unbeatable: { a in
      let p = Int(self.agents[Int(a)].pattern.rawValue)
      return counts[base + p] == least && (!compCanTie || p == comp) && self.agents[Int(a)].running == 0
    }) { a, b in
      let pa = Int(self.agents[Int(a)].pattern.rawValue)
      let pb = Int(self.agents[Int(b)].pattern.rawValue)
      if counts[base + pa] != counts[base + pb] { return counts[base + pa] < counts[base + pb] }
      if comp >= 0 && (pa == comp) != (pb == comp) { return pa == comp }
      return self.lessLoaded(a, b)
    }
    if a >= 0 {
      let p = Int(agents[Int(a)].pattern.rawValue)
      groupCounts[base + p] += 1
      groupLast[slot] = Int8(p)
    }
    return a
  }

  @inline(__always)
  private func eligible(_ a: Int32, _ mask: UInt64, _ avoid: [Int32]) -> Bool {
    mask & ~agents[Int(a)].capabilities == 0 && (avoid.isEmpty || !avoid.contains(a))
  }

  /// Lower load ratio first (running/concurrency, cross-multiplied), then lower id.
  @inline(__always)
  func lessLoaded(_ a: Int32, _ b: Int32) -> Bool {
    let x = Int64(agents[Int(a)].running) * Int64(agents[Int(b)].concurrency)
    let y = Int64(agents[Int(b)].running) * Int64(agents[Int(a)].concurrency)
    if x != y { return x < y }
    return a < b
  }

  /// Sign of reliability(a) - reliability(b), reliability = (succeeded+1)/(succeeded+failures+2).
  func compareReliability(_ a: Int32, _ b: Int32) -> Int {
    let ra = agents[Int(a)]
    let rb = agents[Int(b)]
    let sa = Int64(ra.succeeded) + 1
    let ta = Int64(ra.succeeded) + Int64(ra.failed) + Int64(ra.timedOut) + Int64(ra.interrupted) + 2
    let sb = Int64(rb.succeeded) + 1
    let tb = Int64(rb.succeeded) + Int64(rb.failed) + Int64(rb.timedOut) + Int64(rb.interrupted) + 2
    let l = sa * tb
    let r = sb * ta
    return l == r ? 0 : (l > r ? 1 : -1)
  }

  /// The eligible available agent that is best under `better` (a strict total order whose last key is
  /// the id). The scan goes by ascending id and stops at the first eligible agent for which
  /// `unbeatable` holds: such an agent has the least possible key in every criterion but the id.
  @inline(__always)
  private func best(
    _ mask: UInt64, _ avoid: [Int32], unbeatable: (Int32) -> Bool, _ better: (Int32, Int32) -> Bool
  ) -> Int32 {
    var chosen: Int32 = -1
    scanAvailable { a in
      guard self.eligible(a, mask, avoid) else { return true }
      if unbeatable(a) {
        if chosen < 0 || better(a, chosen) { chosen = a }
        return false
      }
      if chosen < 0 || better(a, chosen) { chosen = a }
      return true
    }
    return chosen
  }

  // MARK: - Priority heaps
  //
  // The priority order has no early exit (the best reliability is not known in advance), so a scan
  // per assignment would cost O(available agents). Within one dispatch pass reliabilities are constant
  // (no attempt ends during a pass) and an agent's load only grows (it is only ever assigned), so for
  // tasks without requirements the pass builds, on first need, a binary heap of the available agents
  // per order (urgent: most reliable first; relaxed: least reliable first) in O(available), and each
  // choice is a pop. Entries remember the load they were pushed with; a popped entry whose agent is no
  // longer available is dropped, and one whose load grew is pushed back with its current load (its
  // key only got worse, so the heap's top is then re-examined). Checked against the brute-force
  // reference in DispatchReferenceTests.

  private func priorityPrecedes(_ x: PriorityEntry, _ y: PriorityEntry, urgent: Bool) -> Bool {
    let c = compareReliability(x.agent, y.agent)
    if c != 0 { return urgent ? c > 0 : c < 0 }
    let lx = Int64(x.running) * Int64(agents[Int(y.agent)].concurrency)
    let ly = Int64(y.running) * Int64(agents[Int(x.agent)].concurrency)
    if lx != ly { return lx < ly }
    return x.agent < y.agent
  }

  private func popPriorityHeap(urgent: Bool) -> Int32 {
    let h = urgent ? 0 : 1
    if !(urgent ? priorityHeapBuilt.0 : priorityHeapBuilt.1) {
      var heap: [PriorityEntry] = []
      heap.reserveCapacity(availableCount)
      scanAvailable { a in
        heap.append(PriorityEntry(agent: a, running: self.agents[Int(a)].running))
        return true
      }
      var i = heap.count / 2 - 1
      while i >= 0 {
        siftDown(&heap, i, urgent: urgent)
        i -= 1
      }
      priorityHeaps[h] = heap
      if urgent { priorityHeapBuilt.0 = true } else { priorityHeapBuilt.1 = true }
    }
    while let top = priorityHeaps[h].first {
      if !isAvailable(top.agent) {
        removeTop(h, urgent: urgent)
      } else if agents[Int(top.agent)].running != top.running {
        priorityHeaps[h][0].running = agents[Int(top.agent)].running
        siftDown(&priorityHeaps[h], 0, urgent: urgent)
      } else {
        return top.agent
      }
    }
    return -1
  }

  private func removeTop(_ h: Int, urgent: Bool) {
    let last = priorityHeaps[h].removeLast()
    if !priorityHeaps[h].isEmpty {
      priorityHeaps[h][0] = last
      siftDown(&priorityHeaps[h], 0, urgent: urgent)
    }
  }

  private func siftDown(_ heap: inout [PriorityEntry], _ start: Int, urgent: Bool) {
    var i = start
    let n = heap.count
    while true {
      let l = 2 * i + 1
      let r = l + 1
      var m = i
      if l < n && priorityPrecedes(heap[l], heap[m], urgent: urgent) { m = l }
      if r < n && priorityPrecedes(heap[r], heap[m], urgent: urgent) { m = r }
      if m == i { return }
      heap.swapAt(i, m)
      i = m
    }
  }

  /// The first eligible agent after the cursor in id order, wrapping around.
  /// - Complexity: O(agents / 64 + agents visited).
  private func chooseRoundRobin(_ mask: UInt64, _ avoid: [Int32]) -> Int32 {
    let n = agents.count
    guard n > 0 else { return -1 }
    let start = (roundRobinCursor + 1) % n
    var chosen: Int32 = -1
    scanAvailable(from: start) { a in
      if self.eligible(a, mask, avoid) { chosen = a; return false }
      return true
    }
    if chosen < 0 {
      scanAvailable(to: start) { a in
        if self.eligible(a, mask, avoid) { chosen = a; return false }
        return true
      }
    }
    if chosen >= 0 { roundRobinCursor = Int(chosen) }
    return chosen
  }

  /// Uniform over eligible agents. Without requirements or exclusions every available agent is
  /// eligible: one draw k < availableCount, and the k-th set bit of the availability bitset
  /// (popcounts, O(agents / 64)). Otherwise a few rejection-sampling probes over all agent ids
  /// (accepted when available and eligible), then an exact draw among the eligible ones.
  private func chooseRandom(_ mask: UInt64, _ avoid: [Int32]) -> Int32 {
    let n = agents.count
    guard availableCount > 0 else { return -1 }
    if mask == 0 && avoid.isEmpty {
      var k = rng.next(below: availableCount)
      var w = 0
      while k >= availableBits[w].nonzeroBitCount {
        k -= availableBits[w].nonzeroBitCount
        w += 1
      }
      var word = availableBits[w]
      while k > 0 {
        word &= word - 1
        k -= 1
      }
      return Int32(w << 6 | word.trailingZeroBitCount)
    }
    for _ in 0..<8 {
      let a = Int32(rng.next(below: n))
      if isAvailable(a) && eligible(a, mask, avoid) { return a }
    }
    var candidates: [Int32] = []
    scanAvailable { a in
      if self.eligible(a, mask, avoid) { candidates.append(a) }
      return true
    }
    guard !candidates.isEmpty else { return -1 }
    return candidates[rng.next(below: candidates.count)]
  }
}
