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

/** Runs the scenario; throws on any difference from `reference` beyond float tolerance. */
export function checkNeural(neural, trainText, testText, reference) {
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
  return { xorMSE: reference.xor.mse, diabetes, maxDifference: maxDiff };
}
