// Type-checks the Persistence and journal chunks' generated declarations (domains.d.ts, loader.d.ts)
// and the durable module's (modules/persistence/persistence.d.mts, copied by the bundler's `jsmodule`
// lines) with tsc --strict (run by scripts/checks/persistence-chunk.sh).
import { RuvSwarm, RuvSwarmError } from './loader.js';
import { PersistentDatabase, JournaledSwarm, decodeKeys, type OpenOptions } from './modules/persistence/persistence.mjs';
import { SnapshotError, type SnapshotBackend } from './modules/persistence/snapshots.mjs';
const ruv = new RuvSwarm();
const persistence = await ruv.load('persistence');
const db: number = persistence.open();
persistence.memoryPut(db, 'agent-1', new TextEncoder().encode('plan'), new Uint8Array([1, 2]), 60_000, Date.now());
const value: Uint8Array = persistence.memoryGet(db, 'agent-1', new TextEncoder().encode('plan'), Date.now());
const present: number = persistence.memoryHas(db, 'agent-1', new Uint8Array(0), Date.now());
const image: Uint8Array = persistence.exportImage(db);
const copy: number = persistence.load(image);
const message: string = persistence.lastError();
const journal = await ruv.load('journal');
const swarm: number = journal.swarmCreate(copy, 's1', 1, 0, 0);
journal.swarmSpawn(swarm, 1, 0, 0, 1);
const events: number = journal.swarmCheckpoint(swarm);
try {
  persistence.load(new Uint8Array(3));
} catch (error) {
  if (error instanceof RuvSwarmError && error.code === 'persistence.corruptImage') console.log(persistence.lastError());
}
console.log(value.length, present, message, events);

const slots = new Map<string, Uint8Array>();
const backend: SnapshotBackend & { kind: string } = {
  kind: 'memory',
  async read(name: string) { return slots.get(name) ?? null; },
  async write(name: string, bytes: Uint8Array) { slots.set(name, bytes); },
};
const options: OpenOptions = { backend, now: () => 1_000 };
try {
  const durable: PersistentDatabase = await PersistentDatabase.open(ruv, 'agents', options);
  await durable.put('agent-1', 'plan', 'draft 2', { ttl: 60_000 });
  await durable.put('agent-1', new Uint8Array([7]), new Uint8Array([1, 2, 3]));
  const stored: Uint8Array | undefined = durable.get('agent-1', 'plan');
  const removed: boolean = await durable.delete('agent-1', 'plan');
  const keys: Uint8Array[] = durable.keys('agent-1', '', 10);
  const generation: bigint = await durable.flush();
  const skipped: number = durable.skipped.length;
  const swarm: JournaledSwarm = await durable.createSwarm('s1', { seed: 1 });
  const agent: number = swarm.spawn({ concurrency: 2 });
  const first: number = swarm.addTask(1, { priority: 2 });
  const second: number = swarm.addTask(2);
  swarm.addDependency(second, first);
  swarm.submit();
  const batches: number = swarm.run((payload: number, task: number) => payload * 2 + task, 3);
  const saved: number = await swarm.checkpoint();
  const again: JournaledSwarm = await durable.restoreSwarm('s1', { seed: 1 });
  console.log(stored?.length, removed, keys.length, decodeKeys(new Uint8Array(0)).length, generation, skipped,
    agent, batches, saved, again.status(first), again.result(second), again.taskCount, durable.backend, durable.lastError());
  again.close(); swarm.close(); durable.close();
} catch (error) {
  if (error instanceof SnapshotError) console.log(error.code, error.details.skipped?.length);
  else throw error;
}
