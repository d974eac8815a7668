// The network panel: one row per chunk of the build (from the manifest), updated from the loader's
// events. A row shows the variant, the chunk's size (raw and brotli, from the manifest), and when it was
// requested and linked, in milliseconds since the page started; the log lists every loader event.

function kilobytes(bytes) {
  return bytes >= 10240 ? `${Math.round(bytes / 1024)} KB` : `${(bytes / 1024).toFixed(1)} KB`;
}

function cell(row, text, className) {
  const td = document.createElement('td');
  if (className) td.className = className;
  td.textContent = text;
  row.append(td);
  return td;
}

export class NetworkPanel {
  #body; #log; #ruv = null; #rows = new Map(); #manifest = null;

  constructor(body, log) {
    this.#body = body;
    this.#log = log;
  }

  /** Reads the manifest (rows for every chunk) and keeps the header facts up to date. */
  attach(ruv) {
    this.#ruv = ruv;
    const features = ruv.features;
    document.getElementById('fact-variant').textContent =
      `${ruv.variant}${features.simd ? '' : ' (no wasm SIMD here)'}`;
    ruv.manifest().then((manifest) => {
      this.#manifest = manifest;
      const names = Object.keys(manifest.chunks)
        .sort((a, b) => (a === manifest.runtime ? -1 : b === manifest.runtime ? 1 : a.localeCompare(b)));
      for (const name of names) this.#row(name);
    }).catch(() => {});
  }

  #row(chunk) {
    let row = this.#rows.get(chunk);
    if (row) return row;
    const tr = document.createElement('tr');
    tr.dataset.chunk = chunk;
    tr.dataset.state = 'idle';
    cell(tr, chunk);
    const variantCell = cell(tr, '');
    const badge = document.createElement('span');
    badge.className = `badge ${this.#ruv.variant}`;
    badge.textContent = this.#ruv.variant;
    variantCell.append(badge);
    const file = this.#manifest?.chunks[chunk]?.variants?.[this.#ruv.variant];
    const size = cell(tr, file ? kilobytes(file.size) : '?', 'size');
    if (file) {
      const compressed = document.createElement('small');
      compressed.textContent = `${kilobytes(file.brotli)} brotli`;
      size.append(compressed);
    }
    if (file) size.title = `${file.size} bytes raw, ${file.gzip} gzip, ${file.brotli} brotli; ${file.integrity}`;
    const when = cell(tr, 'not loaded', 'when');
    this.#body.append(tr);
    row = { tr, when, requested: null };
    this.#rows.set(chunk, row);
    return row;
  }

  #note(text) {
    const li = document.createElement('li');
    li.textContent = `${performance.now().toFixed(0).padStart(6)} ms  ${text}`;
    this.#log.append(li);
    li.scrollIntoView?.({ block: 'nearest' });
  }

  /** A loader event: { type: 'fetch', what, chunk, variant, url } or { type: 'linked', chunk }. */
  event(event) {
    const now = performance.now();
    if (event.type === 'fetch' && event.what === 'manifest') {
      this.#note('fetch manifest.json');
    } else if (event.type === 'fetch') {
      const row = this.#row(event.chunk);
      row.requested = now;
      row.tr.dataset.state = 'fetching';
      row.tr.dataset.variant = event.variant;
      row.when.textContent = `fetching… (${now.toFixed(0)} ms)`;
      this.#note(`fetch ${event.chunk} (${event.variant}) ${new URL(event.url).pathname}`);
    } else if (event.type === 'linked') {
      const row = this.#row(event.chunk);
      row.tr.dataset.state = 'linked';
      row.tr.dataset.linkedAt = now.toFixed(1);
      row.when.textContent = `${now.toFixed(0)} ms`;
      if (row.requested !== null) {
        const took = document.createElement('small');
        took.textContent = `in ${Math.max(0, now - row.requested).toFixed(0)} ms`;
        took.title = "from request to linked";
        row.when.append(took);
      }
      row.when.title = `requested at ${row.requested?.toFixed(1)} ms, linked at ${now.toFixed(1)} ms after page start`;
      this.#note(`linked ${event.chunk}`);
      this.#facts();
    } else {
      this.#note(`${event.type} ${event.chunk ?? ''}`);
    }
  }

  /** A failed load: rows still fetching are marked failed, with the error's code. */
  loadFailed(error) {
    for (const row of this.#rows.values()) {
      if (row.tr.dataset.state !== 'fetching') continue;
      row.tr.dataset.state = 'failed';
      row.when.textContent = `failed: ${error.code ?? error.message}`;
    }
    this.#note(`error ${error.code ?? ''} ${error.message}`);
  }

  /** A failed start (no manifest): shown in the log and the table. */
  failure(error) {
    this.#note(`error ${error.code ?? ''} ${error.message}`);
    const tr = document.createElement('tr');
    tr.dataset.state = 'failed';
    const td = cell(tr, `No bundle: ${error.message}`);
    td.colSpan = 4;
    this.#body.append(tr);
  }

  #facts() {
    const stats = this.#ruv.memoryStats();
    const memory = document.getElementById('fact-memory');
    memory.textContent = stats.heapInUse === undefined ? kilobytes(stats.currentBytes)
      : `${kilobytes(stats.heapInUse)} of ${kilobytes(stats.currentBytes)}`;
    memory.title = stats.heapInUse === undefined ? 'linear memory'
      : `heap in use ${stats.heapInUse} B (peak ${stats.heapPeak} B) in ${stats.currentBytes} B of linear memory`;
    document.getElementById('fact-chunks').textContent = `${this.#ruv.linkedChunks.length} linked`;
  }

  /** Refreshes the memory figure (after work that may grow memory). */
  refresh() {
    if (this.#ruv.linkedChunks.length > 0) this.#facts();
  }
}
