// Type-checks swarm.d.mts against the generated domains.d.ts (tsc --strict, run by scripts/checks/core-browser.sh).
import { RuvSwarm } from './loader.js';
import { Swarm, TaskFailure } from './swarm.mjs';
const core = await new RuvSwarm().load('core');
const swarm = new Swarm(core, { seed: 1, distribution: 'cognitiveDiversity', topology: 'ring' });
swarm.spawn({ type: 'coder', pattern: 'lateral' }, ({ payload, prerequisites }) => {
  if (payload < 0) throw new TaskFailure(3);
  return { value: payload + prerequisites.reduce((a, b) => a + b, 0), duration: 2 };
});
const ids: number[] = swarm.submit([{ payload: 1 }, { payload: 2, after: [0], priority: 'high' }]);
const r: { time: number } = swarm.run();
const m = swarm.metrics();
const s: string = swarm.task(ids[1]).status;
console.log(r.time, m.succeeded, s, swarm.events().length);
