// The browser-side checks of the Core chunk, shared by Node (node-test.mjs) and Chromium (page.js):
// a 100-agent swarm whose behaviours are JS callbacks runs a fan-out/fan-in graph, with failures
// and retries, deterministically.
import { Swarm, TaskFailure } from '../swarm.mjs';

function assert(condition, message) {
  if (!condition) throw new Error(message);
}

function hundredAgentRun(core, seed) {
  const swarm = new Swarm(core, { seed, distribution: 'cognitiveDiversity', topology: 'hierarchical', parameter: 4 });
  const patterns = ['convergent', 'divergent', 'lateral', 'systems', 'critical', 'abstract', 'adaptive'];
  const calls = [];
  for (let i = 0; i < 100; i++) {
    swarm.spawn({ type: 'analyst', pattern: patterns[i % 7], concurrency: 1 + (i % 2) }, (input) => {
      calls.push(input.agent);
      if (input.task % 10 === 3 && input.attempt === 1) throw new TaskFailure(7, 'first attempt fails');
      const sum = input.prerequisites.reduce((a, b) => a + b, 0);
      return { value: input.payload + sum, duration: 1 + (input.task % 3) };
    });
  }
  // 300 leaves in 30 groups of 10, each group summed, then one total: fan-out and fan-in.
  const tasks = [];
  for (let i = 0; i < 300; i++) tasks.push({ payload: i, retries: 2, backoff: 1 });
  for (let g = 0; g < 30; g++) tasks.push({ payload: 0, retries: 1, after: Array.from({ length: 10 }, (_, k) => g * 10 + k) });
  tasks.push({ payload: 0, priority: 'critical', after: Array.from({ length: 30 }, (_, g) => 300 + g) });
  const ids = swarm.submit(tasks);
  const report = swarm.run();
  return { swarm, ids, report, calls };
}

export function checkCore(core) {
  const a = hundredAgentRun(core, 5);
  const total = a.swarm.task(a.ids[330]);
  assert(total.status === 'completed', `total status ${total.status}`);
  assert(total.result === (299 * 300) / 2, `total ${total.result}`);
  const m = a.swarm.metrics();
  assert(m.succeeded === 331, `succeeded ${m.succeeded}`);
  assert(m.retried === 33 && m.failed === 0, `retried ${m.retried}, failed ${m.failed}`);
  assert(new Set(a.calls).size === 100, `agents used ${new Set(a.calls).size}`);
  const events = a.swarm.events();
  assert(events.length > 2000 && events.every((e, i) => e.sequence === i), 'event log numbered densely');
  const b = hundredAgentRun(core, 5);
  const same = JSON.stringify(b.swarm.events()) === JSON.stringify(events);
  assert(same, 'same seed, same event log');
  let cycle = null;
  const c = new Swarm(core);
  try { c.submit([{ after: [1] }, { after: [0] }]); } catch (e) { cycle = e; }
  assert(cycle && cycle.code === 'core.dependencyCycle', `cycle error ${cycle && cycle.code}`);
  a.swarm.destroy();
  b.swarm.destroy();
  c.destroy();
  return { agents: 100, tasks: 331, events: events.length, time: a.report.time, batches: a.report.batches };
}
