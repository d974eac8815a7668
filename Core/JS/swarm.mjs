// A Core swarm in JavaScript: the Core chunk's functions (Core.jsapi) wrapped in a class whose agent
// behaviours are JS callbacks. The engine is the same deterministic Swift engine as natively; `run`
// drives it batch by batch: the engine hands out the jobs that start at one engine instant, each job's
// callback runs, and the outcomes go back in batch order.
//
//   import { RuvSwarm } from './dist/loader.js';
//   import { Swarm } from './swarm.mjs';
//   const core = await new RuvSwarm().load('core');
//   const swarm = new Swarm(core, { seed: 1, distribution: 'leastLoaded', topology: 'ring' });
//   swarm.spawn({ type: 'coder' }, ({ payload }) => payload * 2);
//   const [t] = swarm.submit([{ payload: 21 }]);
//   swarm.run();
//   swarm.task(t).result === 42;

const DISTRIBUTIONS = ['roundRobin', 'leastLoaded', 'random', 'priority', 'capabilityMatch', 'cognitiveDiversity'];
const ORCHESTRATIONS = ['parallel', 'sequential', 'adaptive'];
const TOPOLOGIES = ['mesh', 'star', 'ring', 'pipeline', 'hierarchical', 'clustered', 'custom'];
const AGENT_TYPES = ['researcher', 'coder', 'analyst', 'optimizer', 'coordinator', 'tester', 'reviewer', 'documenter'];
const PATTERNS = ['convergent', 'divergent', 'lateral', 'systems', 'critical', 'abstract', 'adaptive'];
const PRIORITIES = ['low', 'normal', 'high', 'critical'];
export const TASK_STATUSES = ['pending', 'assigned', 'running', 'completed', 'failed', 'cancelled', 'timedOut'];
const METRICS = ['succeeded', 'failed', 'timedOut', 'cancelled', 'retried', 'attempts', 'ready', 'blocked',
  'inFlight', 'latencyP50', 'latencyP90', 'latencyP99', 'latencyMax', 'utilisation', 'messagesSent',
  'messagesDelivered', 'time'];
const EVENT_FIELDS = ['sequence', 'time', 'kind', 'agent', 'task', 'peer', 'value'];

function code(list, name, what) {
  const i = list.indexOf(name);
  if (i < 0) throw new TypeError(`unknown ${what} '${name}' (one of ${list.join(', ')})`);
  return i;
}

/** A failure a behaviour can throw; `code` (non-zero) is recorded in the event log. */
export class TaskFailure extends Error {
  constructor(code, message = '') {
    super(message || `task failed with code ${code}`);
    this.name = 'TaskFailure';
    this.code = code;
  }
}

export class Swarm {
  constructor(core, { seed = 0, distribution = 'leastLoaded', orchestration = 'parallel', window = 0,
    topology = 'mesh', parameter = 0 } = {}) {
    this.core = core;
    this.behaviors = new Map();
    this.handle = core.create(seed, code(DISTRIBUTIONS, distribution, 'distribution'),
      code(ORCHESTRATIONS, orchestration, 'orchestration'), window, code(TOPOLOGIES, topology, 'topology'), parameter);
  }

  /** Spawns an agent whose work is `behavior(input)`; returns its id. */
  spawn({ type = 'coder', capabilities = 0, pattern = 'adaptive', concurrency = 1 } = {}, behavior) {
    if (typeof behavior !== 'function') throw new TypeError('behavior must be a function');
    const id = this.core.spawn(this.handle, code(AGENT_TYPES, type, 'agent type'), capabilities,
      code(PATTERNS, pattern, 'cognitive pattern'), concurrency);
    this.behaviors.set(id, behavior);
    return id;
  }

  /** Submits a task graph (`after` lists indices into `tasks`); returns the task ids, by index. */
  submit(tasks) {
    const h = this.handle;
    for (const t of tasks) {
      this.core.addTask(h, t.payload ?? 0, code(PRIORITIES, t.priority ?? 'normal', 'priority'), t.requires ?? 0,
        t.duration ?? 1, t.timeout ?? 0, t.retries ?? 0, t.backoff ?? 0);
    }
    tasks.forEach((t, i) => { for (const p of t.after ?? []) this.core.addDependency(h, i, p); });
    const first = this.core.submit(h);
    return tasks.map((_, i) => first + i);
  }

  /** Runs until nothing is left to do; returns { batches, attempts, time }. */
  run() {
    const { core, handle: h } = this;
    let batches = 0;
    let attempts = 0;
    for (let n = core.nextBatch(h); n > 0; n = core.nextBatch(h)) {
      for (let i = 0; i < n; i++) {
        const input = {
          task: core.jobTask(h, i), agent: core.jobAgent(h, i), attempt: core.jobAttempt(h, i),
          payload: core.jobPayload(h, i), prerequisites: [],
        };
        const count = core.jobPrerequisites(h, i);
        for (let k = 0; k < count; k++) input.prerequisites.push(core.jobPrerequisite(h, i, k));
        try {
          const out = this.behaviors.get(input.agent)(input);
          const value = typeof out === 'number' ? out : (out?.value ?? 0);
          const duration = typeof out === 'number' ? -1 : (out?.duration ?? -1);
          core.setOutcome(h, i, value, duration, 0);
        } catch (e) {
          core.setOutcome(h, i, 0, -1, Number.isInteger(e?.code) && e.code !== 0 ? e.code : 1);
        }
      }
      core.completeBatch(h);
      batches += 1;
      attempts += n;
    }
    return { batches, attempts, time: core.metric(h, 16) };
  }

  /** A task's status and result (NaN until completed). */
  task(id) {
    return { status: TASK_STATUSES[this.core.taskStatus(this.handle, id)], result: this.core.taskResult(this.handle, id) };
  }

  /** The swarm's metrics, by name. */
  metrics() {
    return Object.fromEntries(METRICS.map((name, i) => [name, this.core.metric(this.handle, i)]));
  }

  /** The event log (README "The event record"), as objects. */
  events() {
    const out = [];
    const n = this.core.eventCount(this.handle);
    for (let e = 0; e < n; e++) {
      out.push(Object.fromEntries(EVENT_FIELDS.map((f, i) => [f, this.core.eventField(this.handle, e, i)])));
    }
    return out;
  }

  /** Frees the swarm in the chunk. */
  destroy() {
    this.core.destroy(this.handle);
  }
}
