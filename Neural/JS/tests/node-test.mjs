// Node: loads the Neural chunk from a bundler build and runs the shared scenario against the native
// reference. Usage: node Neural/JS/tests/node-test.mjs <dist> <fann-datasets-dir> <reference.json>
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { checkNeural } from './neural-check.mjs';

const [dist, data, ref] = process.argv.slice(2).map((p) => path.resolve(p));
const { RuvSwarm } = await import(pathToFileURL(path.join(dist, 'loader.js')).href);
const neural = await new RuvSwarm().load('neural');
const read = (name) => fs.readFileSync(path.join(data, name), 'utf8');
const texts = { xor: read('xor.data'), train: read('diabetes.train'), test: read('diabetes.test') };
const result = checkNeural(neural, texts, JSON.parse(fs.readFileSync(ref, 'utf8')));
console.log('node:', JSON.stringify(result));
