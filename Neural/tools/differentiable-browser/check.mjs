// The differentiable scenario of NeuralJSDifferentiableTests (DifferentiableScenario.run), replayed on the
// Neural chunk's JS API and compared with the native figures the test wrote (reference.json): the same
// LSTM and attention models, the same data, the same steps. Shared by node.mjs and page.js.
//
// Tolerance: the chunk's matmuls run on SIMDKit's simd128 gemm and the native ones on OpenBLAS, which sum
// in another order, so float32 results differ in the last bits and Adam carries the difference along.
// Every step's loss must be within LOSS_TOLERANCE (relative) of native; predictions within
// PREDICTION_TOLERANCE (absolute, on values of order 1). The losses must fall, too. Observed in Node 20
// and Chromium: at most ~2e-6 relative on the losses and ~7e-7 on the predictions.
export const LOSS_TOLERANCE = 1e-4;
export const PREDICTION_TOLERANCE = 1e-4;

function expectError(code, body) {
  try { body(); } catch (e) {
    if (e.code === code) return;
    throw new Error(`expected ${code}, got ${e.code ?? e}`);
  }
  throw new Error(`expected ${code}, nothing thrown`);
}

function compare(name, got, want, tolerance, relative) {
  if (got.length !== want.length) throw new Error(`${name}: ${got.length} values, native has ${want.length}`);
  let worst = 0;
  for (let i = 0; i < got.length; i++) {
    const d = Math.abs(got[i] - want[i]) / (relative ? Math.max(Math.abs(want[i]), 1e-6) : 1);
    if (!(d <= tolerance)) throw new Error(`${name}[${i}]: ${got[i]} vs native ${want[i]} (difference ${d} > ${tolerance})`);
    worst = Math.max(worst, d);
  }
  return worst;
}

/** Runs the scenario on `neural` (the loaded chunk's domain object) against `ref`; throws on any mismatch. */
export function checkDifferentiable(neural, ref) {
  const x = Float32Array.from(ref.x), y = Float32Array.from(ref.y);
  const train = (h, steps) => Array.from({ length: steps }, () => neural.trainStep(h, x, y));

  const lstm = neural.createModel(12, 1, 7);
  neural.addRecurrent(lstm, 1, 8, 1);
  neural.addLastStep(lstm);
  neural.addDense(lstm, 1, 11);
  neural.setOptimizer(lstm, 1, 0.01, 0, 0, 0);
  const lstmLosses = train(lstm, 30);
  const prediction = neural.predict(lstm, x);
  const bytes = neural.saveModel(lstm);
  if (!(bytes instanceof Uint8Array) || bytes.length !== ref.lstm.fileBytes) {
    throw new Error(`model file: ${bytes.length} bytes, native wrote ${ref.lstm.fileBytes}`);
  }
  if (neural.parameterCount(lstm) !== ref.lstm.parameters) throw new Error('LSTM parameter count differs');
  const copy = neural.loadModel(bytes);
  const again = neural.predict(copy, x);
  if (again.length !== prediction.length || again.some((v, i) => v !== prediction[i])) {
    throw new Error('a saved and reloaded model predicts differently');
  }
  neural.destroyModel(copy);

  const tf = neural.createModel(12, 1, 3);
  neural.addDense(tf, 8, 11);
  neural.addPositionalEncoding(tf);
  neural.addTransformerEncoder(tf, 2, 16, 0, 1);
  neural.addLastStep(tf);
  neural.addDense(tf, 1, 11);
  neural.setLoss(tf, 2, 0.5);
  neural.setOptimizer(tf, 2, 0.005, 0.01, 0, 1);
  const tfLosses = train(tf, 15);
  if (neural.parameterCount(tf) !== ref.transformer.parameters) throw new Error('Transformer parameter count differs');

  const lstmWorst = compare('LSTM loss', lstmLosses, ref.lstm.losses, LOSS_TOLERANCE, true);
  const predictionWorst = compare('LSTM prediction', prediction, ref.lstm.prediction, PREDICTION_TOLERANCE, false);
  const tfWorst = compare('Transformer loss', tfLosses, ref.transformer.losses, LOSS_TOLERANCE, true);
  if (!(lstmLosses.at(-1) < lstmLosses[0] / 2) || !(tfLosses.at(-1) < tfLosses[0])) throw new Error('the loss did not fall');

  // Bad handles, numbers, shapes and files are typed errors, never a trap.
  expectError('neural.unknownModel', () => neural.parameterCount(12345));
  expectError('neural.unknownModel', () => neural.trainStep(-1, x, y));
  expectError('neural.modelShapeMismatch', () => neural.predict(lstm, x.subarray(0, 5)));
  expectError('neural.modelShapeMismatch', () => neural.trainStep(lstm, x, y.subarray(1)));
  expectError('neural.invalidModelArgument', () => neural.addDense(lstm, 0, 0));
  expectError('neural.invalidModelArgument', () => neural.createModel(1, 1, -3));
  expectError('neural.incompatibleLayer', () => neural.addRecurrent(lstm, 1, 4, 1));
  expectError('neural.invalidModelFile', () => neural.loadModel(bytes.subarray(0, bytes.length - 3)));
  expectError('neural.invalidModelFile', () => neural.loadModel(new Uint8Array([1, 2, 3])));
  const empty = neural.createModel(0, 2, 0);
  expectError('neural.emptyModel', () => neural.trainStep(empty, new Float32Array(2), new Float32Array(2)));
  neural.destroyModel(empty);
  const long = neural.createModel(2048, 1, 0);
  neural.addRecurrent(long, 1, 128, 1);
  const limit = neural.maxBatch(long);
  if (!(limit >= 1 && limit < 64)) throw new Error(`maxBatch ${limit}`);
  expectError('neural.batchTooLarge', () => neural.predict(long, new Float32Array(2048 * (limit + 1))));
  neural.destroyModel(long);
  neural.destroyModel(lstm);
  neural.destroyModel(tf);
  expectError('neural.unknownModel', () => neural.predict(lstm, x));
  return {
    lstm: { first: lstmLosses[0], last: lstmLosses.at(-1), worstRelativeLossDifference: lstmWorst, worstPredictionDifference: predictionWorst },
    transformer: { first: tfLosses[0], last: tfLosses.at(-1), worstRelativeLossDifference: tfWorst },
    fileBytes: bytes.length,
  };
}
