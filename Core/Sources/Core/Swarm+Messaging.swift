// Messaging: shortest paths along topology edges, broadcast, per-link delivery counts, offline policy.
//
// A message is routed when it is sent: breadth-first search from the sender over members that are
// not offline (a relay must be up; degraded agents still relay), to the recipient. It arrives after
// `hops · linkLatency` ticks. If the recipient is offline or unreachable at send or arrival time, the
// swarm's `OfflinePolicy` applies: `queue` keeps it and re-routes it whenever an agent comes online or
// joins; `drop` discards it with a `messageDropped` event. A message whose sender or recipient has
// left is dropped with an event. Each delivered message adds one to the count of every link on its
// path. A broadcast floods the BFS tree of the sender: each member gets one copy, along the tree,
// and each tree link carries one copy.

/// Where a message is.
public enum MessageStatus: UInt8, Sendable {
  case inFlight, delivered, queued, dropped
}

/// A message between agents, as returned by ``Swarm/message(_:)`` and ``Swarm/inbox(of:)``.
///
/// ```swift
/// let m = try swarm.message(id)
/// #expect(m.status == .delivered && m.hops == 2)
/// ```
public struct Message: Equatable, Sendable {
  public var id: MessageID
  public var from: AgentID
  public var to: AgentID
  public var payload: Payload
  public var sentAt: Tick
  /// Links travelled (for a broadcast copy: depth in the sender's BFS tree).
  public var hops: Int
  public var status: MessageStatus
  public var deliveredAt: Tick?
  /// Whether it is one copy of a broadcast.
  public var isBroadcast: Bool
}

struct MessageRecord {
  var from: Int32
  var to: Int32
  var payload: Payload
  var sentAt: Tick
  var deliveredAt: Tick = -1
  /// The links to count on delivery (full path; for a broadcast copy, its last tree link).
  var path: [Int32] = []
  var hops: Int32 = 0
  var status: MessageStatus = .inFlight
  var broadcast: Bool
}

extension Swarm {
  /// Sends `payload` from one agent to another along the shortest topology path.
  ///
  /// ```swift
  /// let id = try swarm.send(.string("ping"), from: a, to: b)
  /// swarm.run()
  /// #expect(try swarm.inbox(of: b).map(\.id) == [id])
  /// ```
  /// - Throws: ``SwarmError/unknownAgent(_:)``, ``SwarmError/agentTerminated(_:)``.
  /// - Complexity: O(members + links visited) for the search.
  @discardableResult
  public func send(_ payload: Payload, from: AgentID, to: AgentID) throws(SwarmError) -> MessageID {
    let s = try checkLiveAgent(from)
    let d = try checkLiveAgent(to)
    let m = Int32(messages.count)
    messages.append(MessageRecord(from: s, to: d, payload: payload, sentAt: now, broadcast: false))
    agents[Int(s)].sent += 1
    counters.messagesSent += 1
    log(.messageSent, agent: s, peer: d, value: Int64(m))
    route(m)
    return MessageID(Int(m))
  }

  /// Sends one copy of `payload` to every other member along the sender's BFS tree.
  ///
  /// ```swift
  /// let ids = try swarm.broadcast(.string("hello"), from: hub)
  /// ```
  /// - Returns: one message per recipient, in member order.
  /// - Throws: ``SwarmError/unknownAgent(_:)``, ``SwarmError/agentTerminated(_:)``.
  /// - Complexity: O(members + links visited).
  @discardableResult
  public func broadcast(_ payload: Payload, from: AgentID) throws(SwarmError) -> [MessageID] {
    let s = try checkLiveAgent(from)
    if isUp(s) { search(from: s, to: -1) } else { nextGeneration() }
    let generation = bfsGeneration
    var ids: [MessageID] = []
    for r in topology.members where r != s {
      let m = Int32(messages.count)
      messages.append(MessageRecord(from: s, to: r, payload: payload, sentAt: now, broadcast: true))
      agents[Int(s)].sent += 1
      counters.messagesSent += 1
      log(.messageSent, agent: s, peer: r, value: Int64(m))
      ids.append(MessageID(Int(m)))
      if isUp(s) && isUp(r) && bfsStamp[Int(r)] == generation {
        messages[Int(m)].path = [bfsParent[Int(r)], r]
        messages[Int(m)].hops = bfsDepth[Int(r)]
        if bfsParent[Int(r)] != s { agents[Int(bfsParent[Int(r)])].relayed += 1 }
        agenda.schedule(.messageArrives, at: now + Tick(bfsDepth[Int(r)]) * configuration.linkLatency, m)
      } else {
        undeliverable(m)
      }
    }
    return ids
  }

  /// A message by id.
  /// - Throws: ``SwarmError/unknownMessage(_:)``.
  public func message(_ id: MessageID) throws(SwarmError) -> Message {
    guard id.rawValue >= 0 && id.rawValue < messages.count else { throw .unknownMessage(id) }
    return publicMessage(Int32(id.rawValue))
  }

  /// The messages delivered to an agent, oldest first.
  /// - Throws: ``SwarmError/unknownAgent(_:)``.
  public func inbox(of id: AgentID) throws(SwarmError) -> [Message] {
    let a = try checkAgent(id)
    return inboxes[Int(a)].map { publicMessage($0) }
  }

  /// The neighbours of an agent in the current topology, ascending (empty once it left).
  ///
  /// ```swift
  /// #expect(try swarm.neighbors(of: AgentID(0)).count == 2)  // in a ring of 3 or more
  /// ```
  /// - Complexity: O(degree · log degree).
  public func neighbors(of id: AgentID) throws(SwarmError) -> [AgentID] {
    let a = try checkAgent(id)
    guard topology.isMember(a) else { return [] }
    var out: [AgentID] = []
    topology.forEachNeighbor(of: a) { out.append(AgentID(Int($0))) }
    out.sort()
    var unique: [AgentID] = []
    for x in out where unique.last != x { unique.append(x) }
    return unique
  }

  /// The current shortest path between two agents over members that are up, or nil.
  ///
  /// ```swift
  /// #expect(try swarm.path(from: a, to: b)?.count == 3)
  /// ```
  public func path(from: AgentID, to: AgentID) throws(SwarmError) -> [AgentID]? {
    let s = try checkAgent(from)
    let d = try checkAgent(to)
    guard isUp(s), isUp(d) else { return nil }
    return shortestPath(s, d)?.map { AgentID(Int($0)) }
  }

  /// The star's hub, if the topology is a star with members.
  public var hub: AgentID? { topology.hub >= 0 ? AgentID(Int(topology.hub)) : nil }

  /// The members of the topology in position order.
  public var members: [AgentID] { topology.members.map { AgentID(Int($0)) } }

  /// Links a and b in a custom topology.
  /// - Throws: ``SwarmError/invalidTopology`` when the topology is not custom,
  ///   ``SwarmError/invalidLink(_:_:)`` for a self-link or a non-member.
  public func connect(_ a: AgentID, _ b: AgentID) throws(SwarmError) {
    let (x, y) = try checkLink(a, b)
    if topology.link(x, y) { log(.linkAdded, agent: x, peer: y) }
  }

  /// Removes the link between a and b in a custom topology.
  public func disconnect(_ a: AgentID, _ b: AgentID) throws(SwarmError) {
    let (x, y) = try checkLink(a, b)
    if topology.unlink(x, y) { log(.linkRemoved, agent: x, peer: y) }
  }

  /// Messages delivered over the link between a and b (either direction).
  public func deliveries(between a: AgentID, and b: AgentID) -> Int {
    linkCounts[linkKey(Int32(truncatingIfNeeded: a.rawValue), Int32(truncatingIfNeeded: b.rawValue))] ?? 0
  }

  /// Every link that carried a message, with its delivery count, ordered by (lower id, higher id).
  public var linkDeliveries: [(AgentID, AgentID, Int)] {
    var out: [(AgentID, AgentID, Int)] = []
    for (k, v) in linkCounts { out.append((AgentID(Int(k >> 32)), AgentID(Int(k & 0xFFFF_FFFF)), v)) }
    out.sort { ($0.0, $0.1) < ($1.0, $1.1) }
    return out
  }

  // MARK: - Internals

  private func checkLink(_ a: AgentID, _ b: AgentID) throws(SwarmError) -> (Int32, Int32) {
    guard topology.kind == .custom else { throw .invalidTopology }
    let x = try checkLiveAgent(a)
    let y = try checkLiveAgent(b)
    guard x != y, topology.isMember(x), topology.isMember(y) else { throw .invalidLink(a, b) }
    return (x, y)
  }

  func publicMessage(_ m: Int32) -> Message {
    let r = messages[Int(m)]
    return Message(
      id: MessageID(Int(m)), from: AgentID(Int(r.from)), to: AgentID(Int(r.to)), payload: r.payload,
      sentAt: r.sentAt, hops: Int(r.hops), status: r.status,
      deliveredAt: r.status == .delivered ? r.deliveredAt : nil, isBroadcast: r.broadcast)
  }

  func linkKey(_ a: Int32, _ b: Int32) -> UInt64 {
    let lo = UInt64(UInt32(bitPattern: min(a, b)))
    let hi = UInt64(UInt32(bitPattern: max(a, b)))
    return lo << 32 | hi
  }

  /// A member that can send, relay and receive: not offline, not terminated.
  func isUp(_ a: Int32) -> Bool {
    let s = agents[Int(a)].state
    return s != .offline && s != .terminated && topology.isMember(a)
  }

  func route(_ m: Int32) {
    if !tryRoute(m) { undeliverable(m) }
  }

  /// Routes `m` from its sender if both ends are up and connected; returns false otherwise.
  func tryRoute(_ m: Int32) -> Bool {
    let s = messages[Int(m)].from
    let d = messages[Int(m)].to
    guard isUp(s) && isUp(d), let p = shortestPath(s, d) else { return false }
    messages[Int(m)].path = p
    messages[Int(m)].hops = Int32(p.count - 1)
    messages[Int(m)].status = .inFlight
    if p.count > 2 { for r in p[1..<(p.count - 1)] { agents[Int(r)].relayed += 1 } }
    agenda.schedule(.messageArrives, at: now + Tick(p.count - 1) * configuration.linkLatency, m)
    return true
  }

  func undeliverable(_ m: Int32) {
    let r = messages[Int(m)]
    if configuration.offlinePolicy == .drop || agents[Int(r.to)].state == .terminated
      || agents[Int(r.from)].state == .terminated
    {
      messages[Int(m)].status = .dropped
      counters.messagesDropped += 1
      log(.messageDropped, agent: r.from, peer: r.to, value: Int64(m))
    } else if r.status != .queued {
      messages[Int(m)].status = .queued
      queuedMessages.append(m)
      log(.messageQueued, agent: r.from, peer: r.to, value: Int64(m))
    }
  }

  func arrive(_ m: Int32) {
    let r = messages[Int(m)]
    guard r.status == .inFlight else { return }
    guard isUp(r.to) else {
      undeliverable(m)
      return
    }
    messages[Int(m)].status = .delivered
    messages[Int(m)].deliveredAt = now
    counters.messagesDelivered += 1
    counters.messageHops += Int(r.hops)
    agents[Int(r.to)].received += 1
    var i = 0
    while i + 1 < r.path.count {
      linkCounts[linkKey(r.path[i], r.path[i + 1]), default: 0] += 1
      i += 1
    }
    inboxes[Int(r.to)].append(m)
    log(.messageDelivered, agent: r.to, peer: r.from, value: Int64(m))
    behaviors[Int(r.to)].receive(publicMessage(m))
  }

  /// Re-routes queued messages (in queue order) after an agent came online or joined.
  func retryQueuedMessages() {
    guard !queuedMessages.isEmpty else { return }
    let pending = queuedMessages
    queuedMessages = []
    for m in pending {
      if tryRoute(m) {
        log(.messageRerouted, agent: messages[Int(m)].from, peer: messages[Int(m)].to, value: Int64(m))
      } else {
        queuedMessages.append(m)
      }
    }
  }

  func dropQueuedMessages(involving a: Int32) {
    guard !queuedMessages.isEmpty else { return }
    let pending = queuedMessages
    queuedMessages = []
    for m in pending {
      if messages[Int(m)].from == a || messages[Int(m)].to == a {
        messages[Int(m)].status = .dropped
        counters.messagesDropped += 1
        log(.messageDropped, agent: messages[Int(m)].from, peer: messages[Int(m)].to, value: Int64(m))
      } else {
        queuedMessages.append(m)
      }
    }
  }

  /// BFS over members that are up. With `to` = -1 it explores everything reachable (for broadcast).
  /// Leaves `bfsStamp == bfsGeneration` on reached agents, with parent and depth.
  @discardableResult
  func search(from s: Int32, to d: Int32) -> Bool {
    nextGeneration()
    let gen = bfsGeneration
    bfsStamp[Int(s)] = gen
    bfsParent[Int(s)] = -1
    bfsDepth[Int(s)] = 0
    if topology.kind == .mesh {
      // Every member that is up is one hop away; the generic search would be quadratic.
      for w in topology.members where w != s && isUp(w) {
        bfsStamp[Int(w)] = gen
        bfsParent[Int(w)] = s
        bfsDepth[Int(w)] = 1
      }
      return d >= 0 && bfsStamp[Int(d)] == gen
    }
    var frontier: [Int32] = [s]
    var head = 0
    while head < frontier.count {
      let v = frontier[head]
      head += 1
      var found = false
      topology.forEachNeighbor(of: v) { w in
        guard !found, self.bfsStamp[Int(w)] != gen, self.isUp(w) else { return }
        self.bfsStamp[Int(w)] = gen
        self.bfsParent[Int(w)] = v
        self.bfsDepth[Int(w)] = self.bfsDepth[Int(v)] + 1
        frontier.append(w)
        if w == d { found = true }
      }
      if found { return true }
    }
    return false
  }

  func nextGeneration() {
    bfsGeneration &+= 1
    if bfsGeneration == 0 {
      for i in 0..<bfsStamp.count { bfsStamp[i] = 0 }
      bfsGeneration = 1
    }
  }

  /// The shortest path over members that are up, both ends included.
  func shortestPath(_ s: Int32, _ d: Int32) -> [Int32]? {
    if s == d { return [s] }
    if topology.kind == .mesh { return [s, d] }
    guard search(from: s, to: d) else { return nil }
    var p: [Int32] = [d]
    var v = d
    while v != s {
      v = bfsParent[Int(v)]
      p.append(v)
    }
    return p.reversed()
  }
}
