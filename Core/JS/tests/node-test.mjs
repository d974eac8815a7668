// Node: loads the Core chunk from a bundler build and runs the shared checks.
// Usage: node Core/JS/tests/node-test.mjs <dist>
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { checkCore } from './swarm-check.mjs';

const dist = path.resolve(process.argv[2]);
const { RuvSwarm } = await import(pathToFileURL(path.join(dist, 'loader.js')).href);
const core = await new RuvSwarm().load('core');
console.log('node:', JSON.stringify(checkCore(core)));
