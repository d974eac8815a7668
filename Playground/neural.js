// The Neural panel: trains a FANN network in the Neural chunk (Neural.jsapi), epoch by epoch, yielding
// to the browser between slices of about 12 ms so the loss chart updates live and Stop responds.
import { clear, empty, frame, kpis, linePath, svg } from './chart.js';

const XOR = '4 2 1\n-1 -1\n-1\n-1 1\n1\n1 -1\n1\n1 1\n-1\n';
const ACTIVATIONS = { 0: 'linear', 3: 'sigmoid', 5: 'sigmoid symmetric', 10: 'Elliot', 11: 'Elliot symmetric', 18: 'ReLU' };
const ALGORITHMS = { 0: 'incremental', 1: 'batch', 2: 'RPROP', 3: 'quickprop', 4: 'SARPROP' };

/** Parses FANN .data text ("count inputs outputs", then the rows); throws an Error naming the line. */
export function parseFANNData(text, name = 'data') {
  const lines = text.split('\n');
  const numbers = [];
  const lineOf = [];
  lines.forEach((line, i) => {
    for (const token of line.trim().split(/\s+/)) {
      if (token === '') continue;
      const value = Number(token);
      if (!Number.isFinite(value)) throw new Error(`${name}:${i + 1}: "${token.slice(0, 20)}" is not a number`);
      numbers.push(value);
      lineOf.push(i + 1);
    }
  });
  const [count, ni, no] = numbers;
  if (numbers.length < 3 || ![count, ni, no].every((v) => Number.isInteger(v) && v > 0) || ni > 4096 || no > 4096) {
    throw new Error(`${name}:1: expected a header "samples inputs outputs" of positive integers`);
  }
  const expected = 3 + count * (ni + no);
  if (numbers.length !== expected) {
    const where = numbers.length > expected ? lineOf[expected] : lines.length;
    throw new Error(`${name}:${where}: expected ${count} samples of ${ni} inputs and ${no} outputs (${expected - 3} numbers), found ${numbers.length - 3}`);
  }
  const inputs = new Float32Array(count * ni);
  const outputs = new Float32Array(count * no);
  for (let r = 0; r < count; r++) {
    const at = 3 + r * (ni + no);
    inputs.set(numbers.slice(at, at + ni), r * ni);
    outputs.set(numbers.slice(at + ni, at + ni + no), r * no);
  }
  return { count, ni, no, inputs, outputs };
}

/** Hidden layer sizes from "8 4" or "8,4". */
export function parseHidden(text) {
  const sizes = text.split(/[\s,]+/).filter(Boolean).map(Number);
  if (sizes.length > 6 || !sizes.every((n) => Number.isInteger(n) && n >= 1 && n <= 512)) {
    throw new Error('hidden layers: up to 6 whole numbers between 1 and 512, e.g. "8 4"');
  }
  return sizes;
}

const yieldToBrowser = () => new Promise((resolve) => setTimeout(resolve, 0));

async function loadProblem(select) {
  const value = select.value;
  if (value === 'xor') return { train: parseFANNData(XOR, 'xor.data'), test: null, name: 'XOR' };
  if (value === 'upload') {
    const file = document.getElementById('neural-file').files[0];
    if (!file) throw new Error('choose a FANN .data file first');
    if (file.size > 32 * 1024 * 1024) throw new Error(`${file.name} is larger than 32 MB`);
    return { train: parseFANNData(await file.text(), file.name), test: null, name: file.name };
  }
  const base = select.selectedOptions[0].dataset.file;
  const fetchText = async (suffix) => {
    const response = await fetch(`/datasets/fann/${base}.${suffix}`);
    if (!response.ok) throw new Error(`/datasets/fann/${base}.${suffix}: HTTP ${response.status} (ruvswarm serve mounts the shared data sets when they exist next to the repository)`);
    return response.text();
  };
  const [train, test] = await Promise.all([fetchText('train'), fetchText('test')]);
  return { train: parseFANNData(train, `${base}.train`), test: parseFANNData(test, `${base}.test`), name: base };
}

function drawLoss(chart, losses, testPoint) {
  if (losses.length === 0) { empty(chart, 'Press Train to start'); return; }
  clear(chart);
  const finite = losses.filter((v) => Number.isFinite(v) && v > 0);
  const lo = Math.min(...finite, testPoint ?? Infinity);
  const hi = Math.max(...finite, testPoint ?? 0);
  const y0 = 10 ** Math.floor(Math.log10(lo || 1e-6));
  const y1 = 10 ** Math.ceil(Math.log10(hi || 1));
  const { sx, sy } = frame(chart, { width: 640, height: 260, x: [1, Math.max(losses.length, 2)], y: [y0, y1 === y0 ? y0 * 10 : y1], log: true, xLabel: 'epoch' });
  const step = Math.max(1, Math.floor(losses.length / 600));
  const points = [];
  for (let i = 0; i < losses.length; i += step) if (losses[i] > 0) points.push([sx(i + 1), sy(losses[i])]);
  if (losses.length % step !== 1 && losses.at(-1) > 0) points.push([sx(losses.length), sy(losses.at(-1))]);
  svg('path', { class: 'loss', d: linePath(points) }, chart);
  if (testPoint !== null && testPoint > 0) {
    svg('circle', { class: 'test-point', cx: sx(losses.length), cy: sy(testPoint), r: 4.5 }, chart)
      .append(Object.assign(document.createElementNS('http://www.w3.org/2000/svg', 'title'), { textContent: `test MSE ${testPoint}` }));
  }
}

/** Bit fail (FANN's default limit 0.35) over a data set, by running every sample. */
function bitFail(neural, net, data) {
  let fails = 0;
  for (let r = 0; r < data.count; r++) {
    const y = neural.run(net, data.no, data.inputs.subarray(r * data.ni, (r + 1) * data.ni));
    for (let k = 0; k < data.no; k++) if (Math.abs(y[k] - data.outputs[r * data.no + k]) >= 0.35) fails += 1;
  }
  return fails;
}

export function open(neural, { setStatus, refresh }) {
  const form = document.getElementById('neural-form');
  const chart = document.getElementById('neural-chart');
  const results = document.getElementById('neural-results');
  const summary = document.getElementById('neural-summary');
  const trainButton = document.getElementById('neural-train');
  const stopButton = document.getElementById('neural-stop');
  const problem = document.getElementById('neural-problem');
  const uploadField = document.getElementById('neural-upload-field');
  let net = null;
  let stop = false;
  empty(chart, 'Press Train to start');
  problem.addEventListener('change', () => { uploadField.hidden = problem.value !== 'upload'; });
  stopButton.addEventListener('click', () => { stop = true; });

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    trainButton.disabled = true;
    stopButton.disabled = false;
    stop = false;
    form.dataset.state = 'training';
    try {
      setStatus('Reading the data…', 'busy');
      const { train, test, name } = await loadProblem(problem);
      const hidden = parseHidden(document.getElementById('neural-hidden').value);
      const epochs = Number(document.getElementById('neural-epochs').value);
      const seed = Number(document.getElementById('neural-seed').value);
      if (!Number.isInteger(epochs) || epochs < 1 || epochs > 100000) throw new Error('epochs: a whole number from 1 to 100000');
      if (!Number.isInteger(seed) || seed < 0 || seed > 4294967295) throw new Error('seed: a whole number from 0 to 4294967295');
      const target = Number(document.getElementById('neural-target').value);
      if (!(target >= 0)) throw new Error('stop at MSE: a number ≥ 0');
      const activation = Number(document.getElementById('neural-activation').value);
      const algorithm = Number(document.getElementById('neural-algorithm').value);
      if (net !== null) neural.destroy(net);
      net = neural.create(new Float32Array([train.ni, ...hidden, train.no]));
      neural.setActivation(net, activation, activation === 18 ? 0 : activation);
      neural.setTraining(net, algorithm, 0.7);
      neural.randomize(net, seed, -0.1, 0.1);
      const layers = [train.ni, ...hidden, train.no].join('-');
      const losses = [];
      const started = performance.now();
      setStatus(`Training ${layers} on ${name} (${train.count} samples) with ${ALGORITHMS[algorithm]}…`, 'busy');
      const reached = () => losses.length > 0 && losses.at(-1) <= target;
      while (losses.length < epochs && !stop && !reached()) {
        const slice = performance.now();
        do {
          losses.push(neural.train(net, 1, train.inputs, train.outputs));
        } while (losses.length < epochs && !reached() && performance.now() - slice < 12);
        drawLoss(chart, losses, null);
        summary.textContent = `epoch ${losses.length} · MSE ${losses.at(-1).toPrecision(4)}`;
        await yieldToBrowser();
      }
      const ms = performance.now() - started;
      const testMSE = test ? neural.test(net, test.inputs, test.outputs) : null;
      drawLoss(chart, losses, testMSE);
      results.replaceChildren(kpis([
        ['Train MSE', losses.at(-1).toPrecision(4), 'neural-mse'],
        ['Test MSE', testMSE === null ? '—' : testMSE.toPrecision(4), 'neural-test-mse'],
        ['Bit fail', `${bitFail(neural, net, test ?? train)} / ${(test ?? train).count * train.no}`],
        ['Epochs', String(losses.length), 'neural-epochs-done'],
        ['Epochs / s', Math.round(losses.length / (ms / 1000)).toLocaleString('en')],
        ['Connections', String(neural.totalConnections(net))],
      ]));
      if (name === 'XOR') results.append(xorTable(neural, net, train));
      summary.textContent = `${losses.length} epochs in ${ms.toFixed(0)} ms · ${ACTIVATIONS[activation]}`;
      const why = stop ? 'stopped' : reached() ? `reached MSE ≤ ${target} at epoch ${losses.length}` : `${losses.length} epochs`;
      setStatus(`Trained ${layers} on ${name}: MSE ${losses.at(-1).toPrecision(4)} (${why}).`, 'ok');
      form.dataset.state = stop ? 'stopped' : 'trained';
    } catch (error) {
      setStatus(`${error.code ? `${error.code}: ` : ''}${error.message}`, 'error');
      form.dataset.state = 'error';
    } finally {
      trainButton.disabled = false;
      stopButton.disabled = true;
      refresh();
    }
  });
}

function xorTable(neural, net, data) {
  const table = document.createElement('table');
  table.id = 'neural-xor-table';
  const caption = document.createElement('caption');
  caption.className = 'visually-hidden';
  caption.textContent = 'XOR outputs of the trained network';
  const head = document.createElement('thead');
  head.innerHTML = '<tr><th scope="col">a</th><th scope="col">b</th><th scope="col">output</th><th scope="col">target</th></tr>';
  const body = document.createElement('tbody');
  for (let r = 0; r < data.count; r++) {
    const x = data.inputs.subarray(2 * r, 2 * r + 2);
    const y = neural.run(net, 1, x)[0];
    const tr = document.createElement('tr');
    for (const v of [x[0], x[1], y.toFixed(4), data.outputs[r]]) {
      const td = document.createElement('td');
      td.textContent = String(v);
      tr.append(td);
    }
    body.append(tr);
  }
  table.append(caption, head, body);
  return table;
}
