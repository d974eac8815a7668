// The scenario of Neural/Tests/NeuralTests/NeuralJSTests.swift (Scenario.run), step for step, on the
// wasm chunk; the results are compared with the native ones that test wrote in the same check run.
// Shared by node-test.mjs and page.js.

/** Parses a FANN .data text ("count inputs outputs", then rows) into row-major Float32Arrays. */
export function parseFANNData(text) {
  const v = text.trim().split(/\s+/).map(Number);
  const [n, ni, no] = v;
  if (!(v.length === 3 + n * (ni + no))) throw new Error(`bad .data text: ${v.length} numbers`);
  const inputs = new Float32Array(n * ni);
  const outputs = new Float32Array(n * no);
  for (let r = 0; r < n; r++) {
    const at = 3 + r * (ni + no);
    inputs.set(v.slice(at, at + ni), r * ni);
    outputs.set(v.slice(at + ni, at + ni + no), r * no);
  }
  return { inputs, outputs };
}

function close(a, b, what, rel = 1e-4, floor = 1e-6) {
  const d = Math.abs(a - b);
  if (!(d <= Math.max(rel * Math.max(Math.abs(a), Math.abs(b)), floor))) {
    throw new Error(`${what}: wasm ${a} vs native ${b}`);
  }
  return d;
}

function expectError(code, body) {
  try { body(); } catch (e) {
    if (e.code === code) return;
    throw new Error(`expected ${code}, got ${e.code ?? e}`);
  }
  throw new Error(`expected ${code}, nothing thrown`);
}

function expectFileError(line, problem, body) {
  try { body(); } catch (e) {
    if (e.code === 'neural.malformedFile' && e.fields?.line === line && e.fields?.problem === problem) return;
    throw new Error(`expected neural.malformedFile at line ${line} (${problem}), got ${e.code ?? e} ${JSON.stringify(e.fields)}`);
  }
  throw new Error('expected neural.malformedFile, nothing thrown');
}

/** The file-I/O part of the scenario (Scenario.files in NeuralJSTests.swift): `.data` and `.net` text. */
function checkFiles(neural, texts, ref) {
  const xd = neural.readData(texts.xor);
  const x = neural.create(new Float32Array([2, 3, 1]));
  neural.setActivation(x, 5, 5);
  neural.setTraining(x, 2, 0.7);
  neural.randomize(x, 42, -0.1, 0.1);
  let maxDiff = close(neural.trainOnData(x, xd, 15), ref.xorMSE, 'xor from .data text: mse');
  neural.destroy(x);
  neural.destroyData(xd);
  const d = neural.create(new Float32Array([8, 10, 2]));
  neural.setActivation(d, 5, 3);
  neural.randomize(d, 11, -0.2, 0.2);
  const netText = neural.saveNet(d);
  neural.destroy(d);
  if (netText !== ref.netText) throw new Error('saveNet: the .net text differs from the native one');
  const loaded = neural.loadNet(netText);
  if (neural.saveNet(loaded) !== netText) throw new Error('loadNet/saveNet: not byte-identical');
  const train = neural.readData(texts.train);
  const test = neural.readDataBytes(new TextEncoder().encode(texts.test));
  if (neural.dataCount(train) !== 384 || neural.dataInputs(train) !== 8 || neural.dataOutputs(train) !== 2) {
    throw new Error('readData: wrong diabetes.train shape');
  }
  const epochs = neural.trainToError(loaded, train, 25, 0);
  if (epochs !== ref.epochs) throw new Error(`trainToError: ${epochs} epochs, native ${ref.epochs}`);
  maxDiff = Math.max(maxDiff, close(neural.testOnData(loaded, test), ref.test, 'diabetes from .data text: test mse'));
  const batch = neural.runBatch(loaded, parseFANNData(texts.test).inputs.subarray(0, 4 * 8));
  if (batch.length !== ref.batch.length) throw new Error('runBatch: wrong length');
  for (let i = 0; i < batch.length; i++) maxDiff = Math.max(maxDiff, close(batch[i], ref.batch[i], `runBatch ${i}`));
  expectFileError(3, 'bad number', () => neural.readData('2 2 1\n1 1\nx\n1 1\n1\n'));
  expectFileError(1, 'unsupported version', () => neural.loadNet('FANN_FLO_9.9\n'));
  expectFileError(1, 'carriage return', () => neural.loadNet('FANN_FLO_2.1\r\n'));
  // A count past 2^31 (Int is 32 bits in wasm32): a typed error, not a trap.
  const hostile = netText.replace(/cascade_max_out_epochs=\d+/, 'cascade_max_out_epochs=99999999999');
  const hostileLine = hostile.slice(0, hostile.indexOf('cascade_max_out_epochs=')).split('\n').length;
  expectFileError(hostileLine, 'bad count', () => neural.loadNet(hostile));
  expectFileError(1, 'bad count', () => neural.readData('99999999999 1 1\n1\n1\n'));
  expectError('neural.shapeMismatch', () => neural.trainOnData(loaded, neural.readData('1 3 1\n1 1 1\n1\n'), 1));
  neural.destroy(loaded);
  neural.destroyData(train);
  neural.destroyData(test);
  expectError('neural.unknownData', () => neural.dataCount(test));
  return maxDiff;
}

/** Runs the scenario; throws on any difference from `reference` beyond float tolerance.
 * `texts` holds the `.data` files' text: { xor, train, test } (xor.data, diabetes.train, diabetes.test). */
export function checkNeural(neural, texts, reference) {
  const trainText = texts.train, testText = texts.test;
  const xi = new Float32Array([-1, -1, -1, 1, 1, -1, 1, 1]);
  const xo = new Float32Array([-1, 1, 1, -1]);
  const h = neural.create(new Float32Array([2, 3, 1]));
  neural.setActivation(h, 5, 5);
  neural.setTraining(h, 2, 0.7);
  neural.randomize(h, 42, -0.1, 0.1);
  let maxDiff = close(neural.train(h, 15, xi, xo), reference.xor.mse, 'xor mse');
  for (let r = 0; r < 4; r++) {
    const y = neural.run(h, 1, xi.subarray(2 * r, 2 * r + 2));
    maxDiff = Math.max(maxDiff, close(y[0], reference.xor.outputs[r], `xor output ${r}`));
  }
  neural.destroy(h);
  const train = parseFANNData(trainText);
  const test = parseFANNData(testText);
  const diabetes = [];
  for (const ref of reference.diabetes) {
    const d = neural.create(new Float32Array([8, 10, 2]));
    neural.setActivation(d, 3, 3);
    neural.setTraining(d, ref.algorithm, 0.7);
    neural.randomize(d, 7, -0.1, 0.1);
    const mse = neural.train(d, 20, train.inputs, train.outputs);
    const testMSE = neural.test(d, test.inputs, test.outputs);
    maxDiff = Math.max(maxDiff, close(mse, ref.mse, `diabetes algorithm ${ref.algorithm} mse`),
      close(testMSE, ref.test, `diabetes algorithm ${ref.algorithm} test mse`));
    neural.destroy(d);
    diabetes.push({ algorithm: ref.algorithm, mse, test: testMSE });
  }
  if (reference.diabetes.length !== 5) throw new Error('reference lacks algorithms');
  expectError('neural.unknownNetwork', () => neural.numInputs(h));
  expectError('neural.invalidArgument', () => neural.create(new Float32Array([2])));
  const e = neural.create(new Float32Array([2, 2, 1]));
  expectError('neural.invalidArgument', () => neural.setTraining(e, 9, 0.7));
  expectError('neural.shapeMismatch', () => neural.run(e, 2, new Float32Array([1, 2])));
  expectError('neural.emptyData', () => neural.test(e, new Float32Array(0), new Float32Array(0)));
  neural.destroy(e);
  maxDiff = Math.max(maxDiff, checkFiles(neural, texts, reference.files));
  return { xorMSE: reference.xor.mse, diabetes, files: reference.files.test, maxDifference: maxDiff };
}
