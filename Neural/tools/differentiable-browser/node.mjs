// Node: loads the Neural chunk from a bundler build and runs the differentiable scenario against the
// native reference. Usage: node node.mjs <dist> <reference.json>
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { checkDifferentiable } from './check.mjs';

const [dist, ref] = process.argv.slice(2).map((p) => path.resolve(p));
const { RuvSwarm } = await import(pathToFileURL(path.join(dist, 'loader.js')).href);
const neural = await new RuvSwarm().load('neural');
console.log('node:', JSON.stringify(checkDifferentiable(neural, JSON.parse(fs.readFileSync(ref, 'utf8')))));
