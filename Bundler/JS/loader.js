// RuvSwarm loader: links lazily fetched WebAssembly chunks into one shared memory, table and stack.
//
// An ES module for browsers and Node (>= 18). No eval, no new Function, no inline code: it runs under
// `Content-Security-Policy: script-src 'self' 'wasm-unsafe-eval'`.
//
// How a chunk becomes usable (the dylink.0 recipe of WASM-FACTS.md):
//   1. manifest.json is fetched once, on the first `load`;
//   2. the chunk and every dependency not yet linked are fetched in parallel, their size and sha256
//      checked against the manifest, and compiled (compileStreaming where the server says application/wasm);
//   3. they are linked one at a time in dependency order: the runtime chunk (main module) is
//      instantiated; a domain chunk (side module) gets a zeroed memory region from the runtime's
//      allocator, a slice of the shared function table, `__memory_base`/`__table_base`, the shared
//      `__stack_pointer`, and GOT globals; exports bind first-definition-wins; then
//      `__wasm_apply_data_relocs` and `__wasm_call_ctors` run.
// Every import is checked before anything is allocated, and the symbol table is only extended once
// the chunk's constructors have run, so a failure (missing chunk, hash mismatch, truncated file,
// unresolved symbol, trap) rejects with a `RuvSwarmError` and leaves the runtime usable with nothing
// half-linked; a later `load` retries from scratch.
//
// A domain's methods come from the "api" section the bundler writes into the manifest from the
// domain's .jsapi declarations: typed-array and string arguments are copied into wasm memory through
// the runtime's malloc (strings as UTF-8), results copied out (views are re-created after every call,
// since a call may grow memory; a result the Swift side sized is freed after the copy; a string
// result is decoded strictly, so invalid UTF-8 is an error), and the domain's typed errors come back
// as `RuvSwarmError`s with a code and a message.

const LOADER_PROVIDED = new Set(['memory', '__indirect_function_table', '__stack_pointer', '__memory_base', '__table_base']);
const ERROR_RECORD_BYTES = 128;
const MAX_ELEMENTS = 1 << 28;
const MAX_BYTES = 0x7fffffff;
// Buffer parameter and result kinds: the typed array and its element size.
const ARRAY_KINDS = {
  'f32[]': Float32Array, 'f64[]': Float64Array, 'i32[]': Int32Array, bytes: Uint8Array, string: Uint8Array,
};
const utf8Encoder = new TextEncoder();
// (module (func (result v128) i32.const 0 i32x4.splat)): valid only where wasm SIMD is.
const SIMD_PROBE = new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0, 1, 5, 1, 96, 0, 1, 123, 3, 2, 1, 0, 10, 8, 1, 6, 0, 65, 0, 253, 17, 11]);

/** An error from the loader or from a domain, with a machine-readable `code`. */
export class RuvSwarmError extends Error {
  constructor(code, message, details = {}) {
    super(message, details.cause ? { cause: details.cause } : undefined);
    this.name = 'RuvSwarmError';
    this.code = code;
    this.chunk = details.chunk;
    this.domain = details.domain;
    this.fields = details.fields;
    this.symbols = details.symbols;
  }
}

/** What this engine supports. */
export function detectFeatures() {
  let simd = false;
  try { simd = WebAssembly.validate(SIMD_PROBE); } catch { simd = false; }
  return {
    simd,
    workers: typeof globalThis.Worker === 'function',
    sharedArrayBuffer: typeof globalThis.SharedArrayBuffer === 'function' && globalThis.crossOriginIsolated !== false,
    compileStreaming: typeof WebAssembly.compileStreaming === 'function',
  };
}

function parseDylink(buffer) {
  const bytes = new Uint8Array(buffer);
  let at = 0;
  const leb = () => {
    let result = 0, shift = 0, b;
    do { b = bytes[at++]; result |= (b & 0x7f) << shift; shift += 7; } while (b & 0x80);
    return result >>> 0;
  };
  const info = { memorySize: 0, memoryAlign: 0, tableSize: 0, tableAlign: 0, needed: [] };
  while (at < bytes.length) {
    const type = bytes[at++];
    const size = leb();
    const end = at + size;
    if (type === 1) {
      info.memorySize = leb(); info.memoryAlign = leb(); info.tableSize = leb(); info.tableAlign = leb();
    } else if (type === 2) {
      const count = leb();
      for (let i = 0; i < count; i++) {
        const n = leb();
        info.needed.push(new TextDecoder().decode(bytes.subarray(at, at + n)));
        at += n;
      }
    }
    at = end;
  }
  return info;
}

function base64(buffer) {
  const bytes = new Uint8Array(buffer);
  let text = '';
  for (let i = 0; i < bytes.length; i++) text += String.fromCharCode(bytes[i]);
  return btoa(text);
}

async function fetchFile(url) {
  if (url.protocol !== 'file:') return fetch(url);
  const fs = await import('node:fs/promises');
  try {
    const data = await fs.readFile(url);
    const type = url.pathname.endsWith('.wasm') ? 'application/wasm' : 'application/json';
    return new Response(data, { status: 200, headers: { 'content-type': type } });
  } catch {
    return new Response(null, { status: 404, statusText: 'Not Found' });
  }
}

/**
 * A set of chunks sharing one memory. `load(name)` returns a domain whose methods run synchronously;
 * `domains.<name>.<method>(...)` loads on first use and returns a promise.
 */
export class RuvSwarm {
  #base; #fetch; #onEvent; #print; #variant; #features;
  #manifest = null;
  #modules = new Map();   // chunk -> Promise<WebAssembly.Module>, until linked
  #linked = new Map();    // chunk -> { instance, memoryBase, memorySize }
  #domains = new Map();   // domain -> Promise<object>
  #linking = Promise.resolve();
  #symbols = new Map();   // name -> { func } | { address }
  #tableSlots = new Map(); // wasm function -> table index
  #runtime = null;
  #runtimeLoad = null;    // Promise<void> of loadRuntime()
  #peak = 0;
  #regions = [];

  /**
   * @param {object} [options]
   * @param {string|URL} [options.baseURL] folder holding manifest.json (default: this module's folder)
   * @param {'simd'|'scalar'} [options.variant] force a variant (default: simd when supported)
   * @param {(url: URL) => Promise<Response>} [options.fetch]
   * @param {(event: object) => void} [options.onEvent]
   * @param {(line: string) => void} [options.print] where Swift `print` output goes (default console.log)
   */
  constructor(options = {}) {
    this.#base = new URL(options.baseURL ?? './', import.meta.url);
    if (!this.#base.href.endsWith('/')) this.#base = new URL(this.#base.href + '/');
    this.#fetch = options.fetch ?? fetchFile;
    this.#onEvent = options.onEvent ?? (() => {});
    this.#print = options.print ?? ((line) => console.log(line));
    this.#features = detectFeatures();
    this.#variant = options.variant ?? (this.#features.simd ? 'simd' : 'scalar');
    if (this.#variant !== 'simd' && this.#variant !== 'scalar') {
      throw new RuvSwarmError('invalid-argument', `unknown variant "${this.#variant}" (simd, scalar)`);
    }
  }

  /** The default instance's `load`, with chunks next to this module. */
  static load(name) {
    RuvSwarm.default ??= new RuvSwarm();
    return RuvSwarm.default.load(name);
  }

  /** Feature detection results. */
  get features() { return { ...this.#features }; }

  /** The variant this instance loads: 'simd' or 'scalar'. */
  get variant() { return this.#variant; }

  /** Names of the linked chunks, in link order. */
  get linkedChunks() { return [...this.#linked.keys()]; }

  /** The manifest (fetched once). */
  manifest() {
    if (!this.#manifest) {
      const url = new URL('manifest.json', this.#base);
      this.#manifest = (async () => {
        this.#onEvent({ type: 'fetch', what: 'manifest', url: url.href });
        let response;
        try { response = await this.#fetch(url); } catch (cause) {
          throw new RuvSwarmError('manifest', `cannot fetch ${url.href}: ${cause.message}`, { cause });
        }
        if (!response.ok) throw new RuvSwarmError('manifest', `cannot fetch ${url.href}: HTTP ${response.status}`);
        const manifest = await response.json();
        if (manifest.format !== 1 || !manifest.chunks || !manifest.chunks[manifest.runtime]) {
          throw new RuvSwarmError('manifest', `${url.href} is not a RuvSwarm manifest (format 1)`);
        }
        return manifest;
      })();
      this.#manifest.catch(() => { this.#manifest = null; });
    }
    return this.#manifest;
  }

  /** Loads a domain (and its dependencies) on first use; later calls return the same object. */
  load(name) {
    let promise = this.#domains.get(name);
    if (!promise) {
      promise = this.#loadDomain(name);
      this.#domains.set(name, promise);
      promise.catch(() => { if (this.#domains.get(name) === promise) this.#domains.delete(name); });
    }
    return promise;
  }

  /** Lazy access: `ruv.domains.simdkit.dot(x, y)` loads simdkit on first use and resolves to the result. */
  get domains() {
    return new Proxy({}, {
      get: (_, domain) => {
        if (typeof domain !== 'string' || domain === 'then') return undefined;
        return new Proxy({}, {
          get: (__, method) => {
            if (typeof method !== 'string' || method === 'then') return undefined;
            return (...args) => this.load(domain).then((api) => {
              if (typeof api[method] !== 'function') {
                throw new RuvSwarmError('unknown-function', `domain "${domain}" has no function "${method}"`, { domain });
              }
              return api[method](...args);
            });
          },
        });
      },
    });
  }

  /**
   * Linear-memory statistics: current and peak bytes, pages, heap bytes in use and their peak (every
   * live malloc block of every chunk, counted by the runtime's allocator wrappers), and each chunk's
   * static region.
   */
  memoryStats() {
    if (!this.#runtime) return { currentBytes: 0, peakBytes: 0, pages: 0, heapBase: 0, heapInUse: 0, heapPeak: 0, regions: [] };
    const bytes = this.#runtime.memory.buffer.byteLength;
    this.#peak = Math.max(this.#peak, bytes);
    const { ruvswarm_heap_in_use: inUse, ruvswarm_heap_peak: peak } = this.#runtime.exports;
    return {
      currentBytes: bytes,
      peakBytes: this.#peak,
      pages: bytes / 65536,
      heapBase: this.#runtime.heapBase,
      heapInUse: typeof inUse === 'function' ? inUse() >>> 0 : 0,
      heapPeak: typeof peak === 'function' ? peak() >>> 0 : 0,
      regions: this.#regions.map((r) => ({ ...r })),
    };
  }

  async #loadDomain(name) {
    const manifest = await this.manifest();
    const entry = manifest.chunks[name];
    if (!entry || entry.kind !== 'domain') {
      const known = Object.keys(manifest.chunks).filter((c) => manifest.chunks[c].kind === 'domain');
      throw new RuvSwarmError('unknown-domain', `no domain "${name}" in this build (domains: ${known.join(', ')})`, { domain: name });
    }
    await this.#linkChunks(manifest, this.#dependencyOrder(manifest, name));
    return this.#makeDomain(name, entry.api);
  }

  /**
   * Fetches the manifest and the runtime chunk only, verified and linked exactly as for a domain's
   * dependency, so that the first `load` later fetches just its domain's chunks. Idempotent: resolves
   * at once when the runtime is linked already; a failed attempt can be retried.
   */
  loadRuntime() {
    if (!this.#runtimeLoad) {
      const promise = (async () => {
        const manifest = await this.manifest();
        await this.#linkChunks(manifest, [manifest.runtime]);
      })();
      this.#runtimeLoad = promise;
      promise.catch(() => { if (this.#runtimeLoad === promise) this.#runtimeLoad = null; });
    }
    return this.#runtimeLoad;
  }

  /** Fetches, verifies and compiles the chunks of `order` not linked yet, then links them in that order. */
  async #linkChunks(manifest, order) {
    // Fetch, verify and compile everything not linked yet, in parallel ...
    const modules = order.filter((c) => !this.#linked.has(c)).map((c) => [c, this.#module(manifest, c)]);
    await Promise.all(modules.map(([, p]) => p.catch(() => {})));
    for (const [, p] of modules) await p; // first failure in dependency order
    // ... then link one chunk at a time, in dependency order.
    const link = this.#linking.then(async () => {
      for (const [chunk, p] of modules) {
        if (this.#linked.has(chunk)) continue;
        const module = await p;
        if (chunk === manifest.runtime) this.#linkRuntime(module);
        else this.#linkSide(chunk, module);
        this.#modules.delete(chunk);
        this.#onEvent({ type: 'linked', chunk });
      }
    });
    this.#linking = link.catch(() => {});
    await link;
  }

  #dependencyOrder(manifest, name) {
    const order = [];
    const visiting = new Set();
    const visit = (chunk) => {
      if (order.includes(chunk)) return;
      const entry = manifest.chunks[chunk];
      if (!entry) throw new RuvSwarmError('manifest', `chunk "${chunk}" is named as a dependency but not in the manifest`, { chunk });
      if (visiting.has(chunk)) throw new RuvSwarmError('manifest', `dependency cycle through "${chunk}"`, { chunk });
      visiting.add(chunk);
      for (const dependency of entry.dependencies ?? []) visit(dependency);
      order.push(chunk);
    };
    visit(manifest.runtime);
    visit(name);
    return order;
  }

  #module(manifest, chunk) {
    let promise = this.#modules.get(chunk);
    if (!promise) {
      promise = this.#fetchChunk(manifest, chunk);
      this.#modules.set(chunk, promise);
      promise.catch(() => { if (this.#modules.get(chunk) === promise) this.#modules.delete(chunk); });
    }
    return promise;
  }

  async #fetchChunk(manifest, chunk) {
    const file = manifest.chunks[chunk].variants?.[this.#variant];
    if (!file) throw new RuvSwarmError('manifest', `chunk "${chunk}" has no ${this.#variant} variant`, { chunk });
    const url = new URL(file.file, this.#base);
    this.#onEvent({ type: 'fetch', what: 'chunk', chunk, variant: this.#variant, url: url.href });
    let response;
    try { response = await this.#fetch(url); } catch (cause) {
      throw new RuvSwarmError('chunk-missing', `chunk "${chunk}" could not be fetched from ${url.href}: ${cause.message}`, { chunk, cause });
    }
    if (!response.ok) {
      throw new RuvSwarmError('chunk-missing', `chunk "${chunk}" could not be fetched from ${url.href}: HTTP ${response.status}`, { chunk });
    }
    let streaming = null;
    if (typeof WebAssembly.compileStreaming === 'function' && (response.headers.get('content-type') ?? '').startsWith('application/wasm')) {
      streaming = WebAssembly.compileStreaming(response.clone());
      streaming.catch(() => {});
    }
    const bytes = new Uint8Array(await response.arrayBuffer());
    if (bytes.length < file.size) {
      throw new RuvSwarmError('truncated', `chunk "${chunk}" is truncated: ${bytes.length} of ${file.size} bytes`, { chunk });
    }
    const digest = 'sha256-' + base64(await crypto.subtle.digest('SHA-256', bytes));
    if (bytes.length !== file.size || digest !== file.integrity) {
      throw new RuvSwarmError('integrity', `chunk "${chunk}" failed its integrity check (expected ${file.integrity}, got ${digest})`, { chunk });
    }
    try {
      return (streaming ? await streaming.catch(() => null) : null) ?? await WebAssembly.compile(bytes);
    } catch (cause) {
      throw new RuvSwarmError('compile', `chunk "${chunk}" does not compile: ${cause.message}`, { chunk, cause });
    }
  }

  #linkRuntime(module) {
    const decoder = new TextDecoder();
    let line = [];
    let memory = null;
    const imports = {
      ruvswarm: {
        putchar: (c) => {
          if (c === 10) { this.#print(decoder.decode(new Uint8Array(line))); line = []; } else line.push(c & 255);
          return c;
        },
        random_fill: (pointer, count) => {
          for (let at = 0; at < count; at += 65536) {
            crypto.getRandomValues(new Uint8Array(memory.buffer, pointer + at, Math.min(65536, count - at)));
          }
        },
      },
    };
    let instance;
    try { instance = new WebAssembly.Instance(module, imports); } catch (cause) {
      throw new RuvSwarmError(cause instanceof WebAssembly.LinkError ? 'unresolved-symbol' : 'link', `the runtime chunk does not link: ${cause.message}`, { chunk: 'runtime', cause });
    }
    // The allocator is linked with --wrap (heap accounting): `__wrap_malloc` is bound as `malloc`.
    const exports = {};
    for (const [name, value] of Object.entries(instance.exports)) exports[name.startsWith('__wrap_') ? name.slice(7) : name] = value;
    memory = exports.memory;
    for (const name of ['memory', '__indirect_function_table', '__stack_pointer', 'malloc', 'free', 'aligned_alloc']) {
      if (!(name in exports)) throw new RuvSwarmError('unresolved-symbol', `the runtime chunk does not export ${name}`, { chunk: 'runtime', symbols: [name] });
    }
    const heapBase = exports.__heap_base ? exports.__heap_base.value : 0;
    this.#runtime = { exports, memory, table: exports.__indirect_function_table, stackPointer: exports.__stack_pointer, heapBase };
    for (const [name, value] of Object.entries(exports)) {
      if (typeof value === 'function') this.#symbols.set(name, { func: value });
      else if (value instanceof WebAssembly.Global && !LOADER_PROVIDED.has(name)) this.#symbols.set(name, { address: value.value });
    }
    this.#regions.push({ chunk: 'runtime', base: 0, size: heapBase });
    this.#linked.set('runtime', { instance, memoryBase: 0, memorySize: heapBase });
  }

  #tableSlot(func) {
    let index = this.#tableSlots.get(func);
    if (index === undefined) {
      index = this.#runtime.table.grow(1);
      this.#runtime.table.set(index, func);
      this.#tableSlots.set(func, index);
    }
    return index;
  }

  #linkSide(chunk, module) {
    const runtime = this.#runtime;
    const sections = WebAssembly.Module.customSections(module, 'dylink.0');
    if (sections.length === 0) throw new RuvSwarmError('link', `chunk "${chunk}" is not a side module (no dylink.0 section)`, { chunk });
    const info = parseDylink(sections[0]);
    const own = new Set(WebAssembly.Module.exports(module).map((e) => e.name));
    const imports = WebAssembly.Module.imports(module);
    const missing = [];
    for (const i of imports) {
      const known = this.#symbols.has(i.name) || own.has(i.name);
      if (i.module === 'env' && (LOADER_PROVIDED.has(i.name) || known)) continue;
      if ((i.module === 'GOT.mem' || i.module === 'GOT.func') && known) continue;
      missing.push(i.module === 'env' ? i.name : `${i.module}.${i.name}`);
    }
    if (missing.length > 0) {
      throw new RuvSwarmError('unresolved-symbol', `chunk "${chunk}" imports ${missing.join(', ')}, which no linked chunk exports`, { chunk, symbols: missing });
    }
    // Nothing has been touched so far. From here on, a failure frees the region before rethrowing.
    const align = 2 ** info.memoryAlign;
    let memoryBase = 0;
    if (info.memorySize > 0) {
      memoryBase = runtime.exports.aligned_alloc(Math.max(align, 16), Math.ceil(info.memorySize / align) * align);
      if (memoryBase === 0) throw new RuvSwarmError('out-of-memory', `no memory for chunk "${chunk}" (${info.memorySize} bytes)`, { chunk });
      new Uint8Array(runtime.memory.buffer, memoryBase, info.memorySize).fill(0);
    }
    try {
      const tableBase = runtime.table.length;
      if (info.tableSize > 0) runtime.table.grow(info.tableSize);
      let instance = null;
      const env = {
        memory: runtime.memory,
        __indirect_function_table: runtime.table,
        __stack_pointer: runtime.stackPointer,
        __memory_base: new WebAssembly.Global({ value: 'i32', mutable: false }, memoryBase),
        __table_base: new WebAssembly.Global({ value: 'i32', mutable: false }, tableBase),
      };
      const gotMem = {};
      const gotFunc = {};
      for (const i of imports) {
        if (i.module === 'env' && !LOADER_PROVIDED.has(i.name)) {
          const symbol = this.#symbols.get(i.name);
          env[i.name] = symbol?.func ?? ((...args) => instance.exports[i.name](...args));
        } else if (i.module === 'GOT.mem') {
          gotMem[i.name] = new WebAssembly.Global({ value: 'i32', mutable: true }, 0);
        } else if (i.module === 'GOT.func') {
          gotFunc[i.name] = new WebAssembly.Global({ value: 'i32', mutable: true }, 0);
        }
      }
      instance = new WebAssembly.Instance(module, { env, 'GOT.mem': gotMem, 'GOT.func': gotFunc });
      const staged = new Map();
      for (const [name, value] of Object.entries(instance.exports)) {
        if (this.#symbols.has(name)) continue; // first definition wins
        if (typeof value === 'function') staged.set(name, { func: value });
        else if (value instanceof WebAssembly.Global) staged.set(name, { address: memoryBase + value.value });
      }
      const lookup = (name) => this.#symbols.get(name) ?? staged.get(name);
      for (const [name, global] of Object.entries(gotMem)) {
        const symbol = lookup(name);
        if (symbol?.address === undefined) throw new RuvSwarmError('unresolved-symbol', `chunk "${chunk}" needs the address of ${name}, which is not data`, { chunk, symbols: [name] });
        global.value = symbol.address;
      }
      for (const [name, global] of Object.entries(gotFunc)) {
        const symbol = lookup(name);
        if (!symbol?.func) throw new RuvSwarmError('unresolved-symbol', `chunk "${chunk}" needs the function ${name}, which is not a function`, { chunk, symbols: [name] });
        global.value = this.#tableSlot(symbol.func);
      }
      instance.exports.__wasm_apply_data_relocs?.();
      instance.exports.__wasm_call_ctors?.();
      for (const [name, symbol] of staged) this.#symbols.set(name, symbol);
      this.#regions.push({ chunk, base: memoryBase, size: info.memorySize });
      this.#linked.set(chunk, { instance, memoryBase, memorySize: info.memorySize });
    } catch (cause) {
      if (memoryBase !== 0) runtime.exports.free(memoryBase);
      if (cause instanceof RuvSwarmError) throw cause;
      throw new RuvSwarmError(cause instanceof WebAssembly.LinkError ? 'unresolved-symbol' : 'link', `chunk "${chunk}" does not link: ${cause.message}`, { chunk, cause });
    }
  }

  #makeDomain(name, api) {
    const { instance } = this.#linked.get(name);
    const domain = {};
    for (const fn of api?.functions ?? []) {
      const entry = instance.exports[fn.export];
      if (typeof entry !== 'function') throw new RuvSwarmError('unresolved-symbol', `chunk "${name}" does not export ${fn.export}`, { chunk: name, symbols: [fn.export] });
      domain[fn.name] = (...args) => this.#call(name, api, fn, entry, args);
    }
    return Object.freeze(domain);
  }

  #call(domain, api, fn, entry, args) {
    const where = `${domain}.${fn.name}`;
    if (args.length !== fn.params.length) {
      throw new RuvSwarmError('invalid-argument', `${where} takes ${fn.params.length} arguments, got ${args.length}`, { domain });
    }
    const { exports, memory, stackPointer } = this.#runtime;
    const allocations = [];
    // malloc's alignment (8 or more) suits every element type.
    const alloc = (bytes) => {
      const pointer = exports.malloc(Math.max(bytes, 1));
      if (pointer === 0) throw new RuvSwarmError('out-of-memory', `${where}: cannot allocate ${bytes} bytes`, { domain });
      allocations.push(pointer);
      return pointer;
    };
    const savedStack = stackPointer.value;
    try {
      const values = {};
      const wasmArgs = [];
      const arrays = [];
      fn.params.forEach((param, index) => {
        const value = args[index];
        const mutable = param.kind.startsWith('inout ');
        const kind = mutable ? param.kind.slice(6) : param.kind;
        const ArrayType = ARRAY_KINDS[kind];
        if (ArrayType) {
          let data = value;
          if (kind === 'string') {
            if (typeof value !== 'string') {
              throw new RuvSwarmError('invalid-argument', `${where}: argument "${param.name}" must be a string`, { domain });
            }
            if (typeof value.isWellFormed === 'function' && !value.isWellFormed()) {
              throw new RuvSwarmError('invalid-argument', `${where}: argument "${param.name}" has a lone surrogate (not valid Unicode)`, { domain });
            }
            data = utf8Encoder.encode(value);
          } else if (!(value instanceof ArrayType)) {
            throw new RuvSwarmError('invalid-argument', `${where}: argument "${param.name}" must be a ${ArrayType.name}`, { domain });
          }
          if (data.byteLength > MAX_BYTES) {
            throw new RuvSwarmError('invalid-argument', `${where}: argument "${param.name}" has ${data.byteLength} bytes (limit ${MAX_BYTES})`, { domain });
          }
          values[`${param.name}.length`] = data.length;
          const pointer = data.length === 0 ? 0 : alloc(data.byteLength);
          if (pointer !== 0) new ArrayType(memory.buffer, pointer, data.length).set(data);
          if (mutable) arrays.push([value, pointer, ArrayType]);
          wasmArgs.push(pointer, data.length);
        } else if (param.kind === 'i32') {
          if (!Number.isInteger(value) || value < -2147483648 || value > 2147483647) {
            throw new RuvSwarmError('invalid-argument', `${where}: argument "${param.name}" must be an integer in the Int32 range`, { domain });
          }
          values[param.name] = value;
          wasmArgs.push(value);
        } else {
          if (typeof value !== 'number') {
            throw new RuvSwarmError('invalid-argument', `${where}: argument "${param.name}" must be a number`, { domain });
          }
          wasmArgs.push(value);
        }
      });
      const returns = fn.returns;
      const ResultType = ARRAY_KINDS[returns.kind];
      let resultPointer = 0, resultLength = 0;
      if (ResultType && returns.length) {
        resultLength = returns.length.reduce((product, factor) => product * (/^\d+$/.test(factor) ? Number(factor) : values[factor]), 1);
        if (!(resultLength >= 0)) resultLength = 0; // negative sizes: the kernel reports the dimension
        if (resultLength > MAX_ELEMENTS) {
          throw new RuvSwarmError('invalid-argument', `${where}: the result would have ${resultLength} elements (limit ${MAX_ELEMENTS})`, { domain });
        }
        resultPointer = resultLength === 0 ? 0 : alloc(resultLength * ResultType.BYTES_PER_ELEMENT);
        wasmArgs.push(resultPointer, resultLength);
      } else if (returns.kind !== 'void') {
        resultPointer = alloc(8);
        new Int32Array(memory.buffer, resultPointer, 2).fill(0);
        wasmArgs.push(resultPointer);
      }
      const record = alloc(ERROR_RECORD_BYTES);
      wasmArgs.push(record);
      const status = entry(...wasmArgs);
      // The call may have grown memory: every view below is made afresh.
      if (status !== 0) throw this.#domainError(domain, api, fn, status, record);
      for (const [array, pointer, ArrayType] of arrays) {
        if (pointer !== 0) array.set(new ArrayType(memory.buffer, pointer, array.length));
      }
      if (ResultType && returns.length) {
        return resultLength === 0 ? new ResultType(0) : new ResultType(memory.buffer, resultPointer, resultLength).slice();
      }
      if (ResultType) return this.#ownedResult(where, domain, returns.kind, ResultType, resultPointer, allocations);
      switch (returns.kind) {
        case 'void': return undefined;
        case 'f32': return new Float32Array(memory.buffer, resultPointer, 1)[0];
        case 'f64': return new Float64Array(memory.buffer, resultPointer, 1)[0];
        default: return new Int32Array(memory.buffer, resultPointer, 1)[0];
      }
    } catch (cause) {
      if (cause instanceof WebAssembly.RuntimeError) {
        stackPointer.value = savedStack;
        throw new RuvSwarmError('trap', `${where} trapped: ${cause.message}`, { domain, cause });
      }
      throw cause;
    } finally {
      for (const pointer of allocations) exports.free(pointer);
      this.#peak = Math.max(this.#peak, memory.buffer.byteLength);
    }
  }

  // A result the Swift side sized: two Int32 slots hold its buffer (from the runtime's allocator,
  // freed by the caller's `finally`) and element count.
  #ownedResult(where, domain, kind, ResultType, slots, allocations) {
    const memory = this.#runtime.memory;
    const [pointer, count] = new Int32Array(memory.buffer, slots, 2);
    if (pointer !== 0) allocations.push(pointer >>> 0);
    const bytes = count * ResultType.BYTES_PER_ELEMENT;
    if (pointer === 0 || count < 0 || (pointer >>> 0) + bytes > memory.buffer.byteLength || (pointer >>> 0) % ResultType.BYTES_PER_ELEMENT !== 0) {
      throw new RuvSwarmError('invalid-result', `${where} returned an invalid buffer (address ${pointer >>> 0}, ${count} elements)`, { domain });
    }
    const copy = new ResultType(memory.buffer, pointer >>> 0, count).slice();
    if (kind !== 'string') return copy;
    try {
      return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(copy);
    } catch (cause) {
      throw new RuvSwarmError('invalid-utf8', `${where} returned bytes that are not valid UTF-8`, { domain, cause });
    }
  }

  #domainError(domain, api, fn, status, record) {
    const memory = this.#runtime.memory;
    const table = (api.errorTypes ?? []).find((t) => t.type === fn.errorType);
    const errorCase = (table?.errors ?? []).find((e) => e.code === status);
    if (!errorCase) return new RuvSwarmError(`${domain}.unknown`, `${domain}.${fn.name} failed with status ${status}`, { domain });
    const slots = new Int32Array(memory.buffer, record, ERROR_RECORD_BYTES / 4);
    const fields = {};
    let slot = 0;
    for (const field of errorCase.fields) {
      if (field.kind === 'int') {
        fields[field.name] = slots[slot];
        slot += 1;
      } else {
        const length = Math.min(Math.max(slots[slot], 0), 32);
        fields[field.name] = new TextDecoder().decode(new Uint8Array(memory.buffer, record + 4 * (slot + 1), length).slice());
        slot += 9;
      }
    }
    const message = errorCase.message.replace(/\{(\w+)\}/g, (_, key) => String(fields[key]));
    return new RuvSwarmError(`${domain}.${errorCase.name}`, `${domain}.${fn.name}: ${message}`, { domain, fields });
  }
}

export default RuvSwarm;
