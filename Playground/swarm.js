// The Swarm panel: runs a Core swarm in the Core chunk (Core.jsapi through Core/JS/swarm.mjs, served
// at /modules/swarm.mjs) with JavaScript agent behaviours, then draws the topology (edges by Core's
// documented rules, Core/Sources/Core/Topology.swift, over agents in join order), the task graph
// coloured by outcome, and a per-agent timeline rebuilt from the engine's event log.
import { Swarm, TaskFailure } from '/modules/swarm.mjs';
import { clear, empty, kpis, label, svg } from './chart.js';

const TYPES = ['researcher', 'coder', 'analyst', 'optimizer', 'tester', 'reviewer', 'documenter'];
const PATTERNS = ['convergent', 'divergent', 'lateral', 'systems', 'critical', 'abstract', 'adaptive'];
const KIND = { hubElected: 12, taskStarted: 23, taskCompleted: 24, attemptFailed: 25, retryScheduled: 28 };
const FAN_OUT = 3;
const CLUSTER = 3;

/** A small seeded generator (mulberry32) for the random scenario. */
function generator(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6D2B79F5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The task graph of a scenario: [{ payload, duration, after, label }]. */
export function scenario(name, seed) {
  const tasks = [];
  if (name === 'mapreduce') {
    for (let i = 0; i < 12; i++) tasks.push({ payload: i + 1, duration: 1 + (i % 3), after: [], label: `map ${i + 1}` });
    for (let r = 0; r < 3; r++) tasks.push({ payload: 0, duration: 2, after: [0, 1, 2, 3].map((k) => 4 * r + k), label: `reduce ${r + 1}` });
    tasks.push({ payload: 0, duration: 1, after: [12, 13, 14], label: 'total', priority: 'critical' });
  } else if (name === 'pipeline') {
    for (let item = 0; item < 4; item++) {
      for (let stage = 0; stage < 4; stage++) {
        const after = [];
        if (stage > 0) after.push(item * 4 + stage - 1);
        if (item > 0) after.push((item - 1) * 4 + stage);
        tasks.push({ payload: 1, duration: 1 + ((item + stage) % 2), after, label: `item ${item + 1} stage ${stage + 1}` });
      }
    }
  } else {
    const random = generator(seed);
    for (let i = 0; i < 24; i++) {
      const after = new Set();
      const count = i === 0 ? 0 : Math.floor(random() * 3);
      for (let k = 0; k < count; k++) after.add(Math.floor(random() * i));
      tasks.push({ payload: 1 + Math.floor(random() * 9), duration: 1 + Math.floor(random() * 4), after: [...after].sort((a, b) => a - b), label: `task ${i + 1}` });
    }
  }
  return tasks;
}

/** Links between member positions 0..n-1 by Core's topology rules (no member has left). */
export function topologyLinks(kind, n, hub = 0) {
  const links = [];
  const add = (a, b) => { if (a !== b && a < n && b < n) links.push([Math.min(a, b), Math.max(a, b)]); };
  if (kind === 'mesh') for (let a = 0; a < n; a++) for (let b = a + 1; b < n; b++) add(a, b);
  if (kind === 'star') for (let a = 0; a < n; a++) add(hub, a);
  if (kind === 'ring') { for (let a = 0; a + 1 < n; a++) add(a, a + 1); if (n > 2) add(n - 1, 0); }
  if (kind === 'pipeline') for (let a = 0; a + 1 < n; a++) add(a, a + 1);
  if (kind === 'hierarchical') for (let p = 1; p < n; p++) add(Math.floor((p - 1) / FAN_OUT), p);
  if (kind === 'clustered') {
    for (let a = 0; a < n; a++) {
      for (let b = a + 1; b < n; b++) {
        if (Math.floor(a / CLUSTER) === Math.floor(b / CLUSTER) || (a % CLUSTER === 0 && b % CLUSTER === 0)) add(a, b);
      }
    }
  }
  return links;
}

function positions(kind, n, hub) {
  const c = 160;
  const circle = (i, count, r, cx = c, cy = c, phase = -Math.PI / 2) => [cx + r * Math.cos(phase + (2 * Math.PI * i) / count), cy + r * Math.sin(phase + (2 * Math.PI * i) / count)];
  if (n === 1) return [[c, c]];
  if (kind === 'star') {
    let k = 0;
    return Array.from({ length: n }, (_, i) => (i === hub ? [c, c] : circle(k++, n - 1, 120)));
  }
  if (kind === 'pipeline') {
    const perRow = Math.ceil(Math.sqrt(n));
    const rows = Math.ceil(n / perRow);
    return Array.from({ length: n }, (_, i) => {
      const row = Math.floor(i / perRow);
      const col = row % 2 === 0 ? i % perRow : perRow - 1 - (i % perRow);
      return [40 + (perRow === 1 ? 120 : (240 * col) / (perRow - 1)), 40 + (rows === 1 ? 120 : (240 * row) / (rows - 1))];
    });
  }
  if (kind === 'hierarchical') {
    const depth = (p) => (p === 0 ? 0 : 1 + depth(Math.floor((p - 1) / FAN_OUT)));
    const levels = [];
    for (let p = 0; p < n; p++) (levels[depth(p)] ??= []).push(p);
    const out = [];
    levels.forEach((members, d) => members.forEach((p, i) => {
      out[p] = [20 + (280 * (i + 0.5)) / members.length, 40 + (240 * d) / Math.max(1, levels.length - 1)];
    }));
    return out;
  }
  if (kind === 'clustered') {
    const clusters = Math.ceil(n / CLUSTER);
    return Array.from({ length: n }, (_, i) => {
      const k = Math.floor(i / CLUSTER);
      const [cx, cy] = clusters === 1 ? [c, c] : circle(k, clusters, 95);
      const size = Math.min(CLUSTER, n - k * CLUSTER);
      return size === 1 ? [cx, cy] : circle(i % CLUSTER, size, 34, cx, cy, Math.atan2(cy - c, cx - c) + Math.PI);
    });
  }
  return Array.from({ length: n }, (_, i) => circle(i, n, 125));
}

function drawTopology(chart, kind, n, hub, work) {
  clear(chart);
  const at = positions(kind, n, hub);
  const edges = svg('g', {}, chart);
  for (const [a, b] of topologyLinks(kind, n, hub)) {
    svg('line', { class: `link${kind === 'star' ? ' hub' : ''}`, x1: at[a][0], y1: at[a][1], x2: at[b][0], y2: at[b][1] }, edges);
  }
  const r = n > 16 ? 11 : 14;
  for (let i = 0; i < n; i++) {
    const g = svg('g', { class: 'agent-node', 'data-agent': i }, chart);
    const node = svg('circle', { class: `agent${work[i] ? ' busy' : ''}`, cx: at[i][0], cy: at[i][1], r }, g);
    const title = document.createElementNS('http://www.w3.org/2000/svg', 'title');
    title.textContent = `agent ${i} (${TYPES[i % TYPES.length]}, ${PATTERNS[i % PATTERNS.length]}): ${work[i] ?? 0} attempts`;
    node.append(title);
    label(g, at[i][0], at[i][1], String(i), { class: 'agent-label' });
  }
  return topologyLinks(kind, n, hub).length;
}

function drawGraph(chart, tasks, state) {
  clear(chart);
  const depth = [];
  tasks.forEach((t, i) => { depth[i] = t.after.length === 0 ? 0 : 1 + Math.max(...t.after.map((p) => depth[p])); });
  const layers = [];
  tasks.forEach((_, i) => (layers[depth[i]] ??= []).push(i));
  const W = 640, H = 320;
  const at = [];
  layers.forEach((members, d) => members.forEach((i, k) => {
    at[i] = [30 + ((W - 60) * d) / Math.max(1, layers.length - 1), 20 + ((H - 40) * (k + 0.5)) / members.length];
  }));
  const edges = svg('g', {}, chart);
  tasks.forEach((t, i) => t.after.forEach((p) => {
    const [x1, y1] = at[p];
    const [x2, y2] = at[i];
    const mx = (x1 + x2) / 2;
    svg('path', { class: 'edge', d: `M${x1} ${y1} C${mx} ${y1} ${mx} ${y2} ${x2} ${y2}` }, edges);
  }));
  const r = tasks.length > 20 ? 8 : 10;
  tasks.forEach((t, i) => {
    const s = state[i];
    const node = svg('circle', { class: `task ${s.status}${s.attempts > 1 ? ' retried' : ''}`, cx: at[i][0], cy: at[i][1], r, 'data-task': i }, chart);
    const title = document.createElementNS('http://www.w3.org/2000/svg', 'title');
    title.textContent = `${t.label}: ${s.status}, result ${s.result}, agent ${s.agent}, ${s.attempts} attempt(s), ticks ${s.start}–${s.end}`;
    node.append(title);
  });
}

function drawTimeline(chart, n, attempts, makespan) {
  clear(chart);
  const W = 640;
  const rowH = Math.max(8, Math.min(22, 170 / Math.max(1, n)));
  const H = 30 + rowH * n;
  chart.setAttribute('viewBox', `0 0 ${W} ${H}`);
  const left = 64, right = 12;
  const sx = (t) => left + ((W - left - right) * t) / Math.max(1, makespan);
  for (let a = 0; a < n; a++) {
    label(chart, left - 8, 10 + rowH * a + rowH / 2 + 4, `agent ${a}`, { 'text-anchor': 'end' });
    svg('line', { class: 'grid', x1: left, x2: W - right, y1: 10 + rowH * (a + 1), y2: 10 + rowH * (a + 1) }, chart);
  }
  for (const at of attempts) {
    const bar = svg('rect', {
      class: `bar${at.failed ? ' failed' : ''}`, x: sx(at.start), y: 10 + rowH * at.agent + 2,
      width: Math.max(2, sx(at.end) - sx(at.start) - 1), height: rowH - 4, rx: 3,
    }, chart);
    const title = document.createElementNS('http://www.w3.org/2000/svg', 'title');
    title.textContent = `${at.label}: ticks ${at.start}–${at.end}${at.failed ? ' (failed attempt)' : ''}`;
    bar.append(title);
  }
  label(chart, W - right, H - 4, `engine ticks (0–${makespan})`, { 'text-anchor': 'end' });
}

export function open(core, { setStatus, refresh }) {
  const form = document.getElementById('swarm-form');
  const results = document.getElementById('swarm-results');
  const topologyChart = document.getElementById('swarm-topology-chart');
  const graphChart = document.getElementById('swarm-graph-chart');
  const timelineChart = document.getElementById('swarm-timeline-chart');
  empty(topologyChart, 'Press Run swarm');
  empty(graphChart, 'The task graph appears here');
  empty(timelineChart, 'The agents’ work appears here');

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    let swarm = null;
    try {
      const n = Number(document.getElementById('swarm-agents').value);
      const seed = Number(document.getElementById('swarm-seed').value);
      if (!Number.isInteger(n) || n < 1 || n > 24) throw new Error('agents: a whole number from 1 to 24');
      if (!Number.isInteger(seed) || seed < 0 || seed > 4294967295) throw new Error('seed: a whole number from 0 to 4294967295');
      const topology = document.getElementById('swarm-topology').value;
      const distribution = document.getElementById('swarm-distribution').value;
      const flaky = document.getElementById('swarm-flaky').checked;
      const tasks = scenario(document.getElementById('swarm-scenario').value, seed);
      const parameter = topology === 'hierarchical' ? FAN_OUT : topology === 'clustered' ? CLUSTER : 0;
      const started = performance.now();
      swarm = new Swarm(core, { seed, distribution, topology, parameter });
      for (let i = 0; i < n; i++) {
        swarm.spawn({ type: TYPES[i % TYPES.length], pattern: PATTERNS[i % PATTERNS.length] }, (input) => {
          if (flaky && input.attempt === 1 && (input.task - first) % 5 === 2) throw new TaskFailure(7, 'flaky first attempt');
          const index = input.task - first;
          return { value: input.payload + input.prerequisites.reduce((a, b) => a + b, 0), duration: tasks[index].duration };
        });
      }
      const ids = swarm.submit(tasks.map((t) => ({ payload: t.payload, duration: t.duration, after: t.after, priority: t.priority ?? 'normal', retries: flaky ? 2 : 0 })));
      const first = ids[0];
      const report = swarm.run();
      const ms = performance.now() - started;
      const events = swarm.events();
      const metrics = swarm.metrics();
      // Rebuild attempts, per-task state and the hub from the event log.
      const state = tasks.map((_, i) => ({ ...swarm.task(ids[i]), agent: -1, attempts: 0, start: -1, end: -1 }));
      const attempts = [];
      const running = new Map();
      const work = [];
      let hub = 0;
      for (const e of events) {
        const i = e.task - first;
        if (e.kind === KIND.hubElected) hub = e.agent;
        if (e.kind === KIND.taskStarted) {
          running.set(e.task, { agent: e.agent, start: e.time, label: tasks[i].label });
          state[i].attempts += 1;
          state[i].agent = e.agent;
          if (state[i].start < 0) state[i].start = e.time;
          work[e.agent] = (work[e.agent] ?? 0) + 1;
        } else if (e.kind === KIND.taskCompleted || e.kind === KIND.attemptFailed) {
          const a = running.get(e.task);
          if (a) attempts.push({ ...a, end: e.time, failed: e.kind === KIND.attemptFailed });
          running.delete(e.task);
          state[i].end = e.time;
        }
      }
      const makespan = Math.max(1, report.time);
      const links = drawTopology(topologyChart, topology, n, hub, work);
      document.getElementById('swarm-topology-summary').textContent = `${n} agents · ${links} links`;
      drawGraph(graphChart, tasks, state);
      drawTimeline(timelineChart, n, attempts, makespan);
      const last = state.at(-1);
      results.replaceChildren(kpis([
        ['Succeeded', `${metrics.succeeded} / ${tasks.length}`, 'swarm-succeeded'],
        ['Retried', String(metrics.retried), 'swarm-retried'],
        ['Failed', String(metrics.failed)],
        ['Makespan', `${report.time} ticks`, 'swarm-makespan'],
        ['Latency p50 / p90', `${metrics.latencyP50} / ${metrics.latencyP90}`],
        ['Utilisation', `${Math.round(metrics.utilisation * 100)} %`],
        ['Last task result', String(last.result), 'swarm-result'],
        ['Events', String(events.length), 'swarm-events'],
      ]));
      form.dataset.state = 'done';
      setStatus(`Ran ${tasks.length} tasks on ${n} agents (${topology}, ${distribution}) in ${report.batches} batches, ${ms.toFixed(0)} ms.`, 'ok');
    } catch (error) {
      form.dataset.state = 'error';
      setStatus(`${error.code ? `${error.code}: ` : ''}${error.message}`, 'error');
    } finally {
      swarm?.destroy();
      refresh();
    }
  });
}
