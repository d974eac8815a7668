// Type-checks the Persistence and journal chunks' generated declarations (domains.d.ts, loader.d.ts)
// with tsc --strict (run by scripts/checks/persistence-chunk.sh).
import { RuvSwarm, RuvSwarmError } from './loader.js';
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
