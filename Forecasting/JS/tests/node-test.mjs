// Node: loads the Forecasting chunk (and, first, the Neural and SIMDKit chunks it depends on) from a
// bundler build and runs the shared scenario against the native reference.
// Usage: node Forecasting/JS/tests/node-test.mjs <dist> <reference.json>
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { checkForecasting } from './scenario.mjs';

const [dist, referencePath] = process.argv.slice(2);
const { RuvSwarm } = await import(pathToFileURL(path.resolve(dist, 'loader.js')).href);
const reference = JSON.parse(fs.readFileSync(referencePath, 'utf8'));
const forecasting = await new RuvSwarm().load('forecasting');
console.log(`node: ${JSON.stringify(checkForecasting(forecasting, reference))}`);
