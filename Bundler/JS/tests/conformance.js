// The loader's conformance tests, shared by Node (loader.test.mjs) and the browsers (browser.js).
// Each test gets a fresh RuvSwarm; `expected` holds SIMDKit's native results on the same inputs
// (written by the native-expectations tool), so "matches native" means exactly that.
//
// Needs a build that includes the fixture domains `probe` and `probeclient`
// (bundler build --domain Bundler/Tests/Fixtures/Probe --domain Bundler/Tests/Fixtures/ProbeClient).

function assert(condition, message) {
  if (!condition) throw new Error(message);
}

async function rejects(promise, code) {
  try {
    await promise;
  } catch (error) {
    assert(error.name === 'RuvSwarmError', `expected a RuvSwarmError, got ${error}`);
    assert(error.code === code, `expected code ${code}, got ${error.code}: ${error.message}`);
    return error;
  }
  throw new Error(`expected a rejection with code ${code}`);
}

function close(actual, expected, where) {
  const tolerance = 1e-4 * Math.max(1, Math.abs(expected));
  assert(Math.abs(actual - expected) <= tolerance, `${where}: ${actual} vs native ${expected}`);
}

function compare(actual, expected, where) {
  if (Array.isArray(expected)) {
    assert(actual instanceof Float32Array, `${where}: expected a Float32Array, got ${actual}`);
    assert(actual.length === expected.length, `${where}: length ${actual.length} vs native ${expected.length}`);
    for (let i = 0; i < expected.length; i++) close(actual[i], expected[i], `${where}[${i}]`);
  } else {
    close(actual, expected, where);
  }
}

/** Runs every expected case against a loaded simdkit domain. */
export function checkAgainstNative(simdkit, expected) {
  let count = 0;
  for (const c of expected.cases) {
    const args = c.args.map((a) => (Array.isArray(a) ? new Float32Array(a) : a));
    if (c.error) {
      let thrown = null;
      try { simdkit[c.function](...args); } catch (error) { thrown = error; }
      assert(thrown && thrown.code === c.error, `${c.name}: expected ${c.error}, got ${thrown && thrown.code}`);
    } else {
      let result = simdkit[c.function](...args);
      if (result === undefined) result = args[args.length - 1]; // in-place functions: the inout array
      compare(result, c.result, c.name);
    }
    count++;
  }
  return count;
}

/** Counts fetches by kind, and can make the next fetches of a chunk fail in a chosen way. */
export function instrumentedFetch(realFetch) {
  const log = [];
  const faults = new Map(); // chunk -> 'missing' | 'corrupt' | 'truncated'
  let manifestPatch = null;
  const fetchFn = async (url) => {
    const href = String(url);
    log.push(href);
    const chunk = /chunks\/([a-z0-9_]+)\./.exec(href)?.[1];
    const fault = chunk ? faults.get(chunk) : undefined;
    if (fault === 'missing') return new Response('not found', { status: 404 });
    const response = await realFetch(url);
    if (href.endsWith('manifest.json') && manifestPatch) {
      const manifest = await response.json();
      manifestPatch(manifest);
      return new Response(JSON.stringify(manifest), { status: 200, headers: { 'content-type': 'application/json' } });
    }
    if (fault === 'corrupt' || fault === 'truncated') {
      const bytes = new Uint8Array(await response.arrayBuffer());
      const changed = fault === 'truncated' ? bytes.slice(0, bytes.length >> 1) : bytes.slice();
      if (fault === 'corrupt') changed[changed.length - 1] ^= 0xff;
      return new Response(changed, { status: 200, headers: { 'content-type': 'application/octet-stream' } });
    }
    return response;
  };
  return {
    fetch: fetchFn,
    log,
    fault(chunk, kind) { if (kind) faults.set(chunk, kind); else faults.delete(chunk); },
    patchManifest(patch) { manifestPatch = patch; },
    count(pattern) { return log.filter((u) => u.includes(pattern)).length; },
  };
}

/** The tests: [name, async (context) => void]. context: { RuvSwarm, baseURL, realFetch, expected }. */
export const tests = [
  ['manifest first; a chunk is fetched on first use and never twice', async ({ RuvSwarm, baseURL, realFetch }) => {
    const net = instrumentedFetch(realFetch);
    const ruv = new RuvSwarm({ baseURL, fetch: net.fetch });
    assert(net.log.length === 0, 'constructing fetched something');
    const x = new Float32Array([1, 2, 3]);
    assert(await ruv.domains.simdkit.dot(x, x) === 14, 'lazy dot');
    assert(net.log[0].endsWith('manifest.json'), `first fetch was ${net.log[0]}`);
    assert(net.count('/chunks/runtime.') === 1 && net.count('/chunks/simdkit.') === 1, `fetches: ${net.log.join(' ')}`);
    assert(net.count('/chunks/probe') === 0, 'probe fetched before use');
    const a = await ruv.load('simdkit');
    const b = await ruv.load('simdkit');
    assert(a === b, 'load returned two different domain objects');
    await Promise.all([ruv.domains.simdkit.sum(x), ruv.load('probe'), ruv.load('probe')]);
    assert(net.count('manifest.json') === 1, 'manifest fetched twice');
    assert(net.count('/chunks/runtime.') === 1 && net.count('/chunks/simdkit.') === 1 && net.count('/chunks/probe.') === 1,
      `fetches: ${net.log.join(' ')}`);
    assert(JSON.stringify(ruv.linkedChunks) === JSON.stringify(['runtime', 'simdkit', 'probe']), `linked ${ruv.linkedChunks}`);
  }],

  ['loadRuntime fetches the manifest and the runtime only, once; a later load fetches just its domain', async ({ RuvSwarm, baseURL, realFetch }) => {
    const net = instrumentedFetch(realFetch);
    const events = [];
    const ruv = new RuvSwarm({ baseURL, fetch: net.fetch, onEvent: (e) => events.push(e) });
    const first = ruv.loadRuntime();
    assert(first === ruv.loadRuntime(), 'concurrent calls returned two promises');
    assert(await first === undefined, 'loadRuntime resolved to a value');
    await ruv.loadRuntime();
    assert(net.log.length === 2 && net.log[0].endsWith('manifest.json') && net.count('/chunks/runtime.') === 1, `fetches: ${net.log.join(' ')}`);
    const order = events.map((e) => `${e.type}:${e.chunk ?? e.what}`).join(' ');
    assert(order === 'fetch:manifest fetch:runtime linked:runtime', `events: ${order}`);
    assert(events[1].variant === ruv.variant && events[1].url.includes(`/chunks/runtime.${ruv.variant}.`), `event ${JSON.stringify(events[1])}`);
    assert(JSON.stringify(ruv.linkedChunks) === '["runtime"]' && ruv.memoryStats().pages > 0, `linked ${ruv.linkedChunks}`);
    const simdkit = await ruv.load('simdkit');
    assert(simdkit.sum(new Float32Array([1, 2])) === 3, 'a domain after loadRuntime');
    assert(net.log.length === 3 && net.count('/chunks/simdkit.') === 1 && net.count('/chunks/runtime.') === 1, `fetches: ${net.log.join(' ')}`);

    // After a domain load the runtime is linked already: loadRuntime fetches nothing.
    const later = instrumentedFetch(realFetch);
    const other = new RuvSwarm({ baseURL, fetch: later.fetch });
    await other.load('simdkit');
    await other.loadRuntime();
    assert(later.log.length === 3 && later.count('/chunks/runtime.') === 1, `fetches: ${later.log.join(' ')}`);

    // A runtime that fails its integrity check rejects, links nothing, and a retry succeeds.
    const faulty = instrumentedFetch(realFetch);
    const third = new RuvSwarm({ baseURL, fetch: faulty.fetch });
    faulty.fault('runtime', 'corrupt');
    await rejects(third.loadRuntime(), 'integrity');
    assert(third.linkedChunks.length === 0, `linked ${third.linkedChunks}`);
    faulty.fault('runtime', null);
    await third.loadRuntime();
    assert(JSON.stringify(third.linkedChunks) === '["runtime"]', `linked ${third.linkedChunks}`);
  }],

  ['dependencies are fetched in parallel and linked in dependency order', async ({ RuvSwarm, baseURL, realFetch }) => {
    const net = instrumentedFetch(realFetch);
    const events = [];
    const ruv = new RuvSwarm({ baseURL, fetch: net.fetch, onEvent: (e) => events.push(e) });
    await ruv.load('probeclient');
    const order = events.map((e) => `${e.type}:${e.chunk ?? e.what}`);
    const firstLink = order.findIndex((e) => e.startsWith('linked:'));
    const fetches = order.slice(0, firstLink);
    for (const chunk of ['runtime', 'probe', 'simdkit', 'probeclient']) {
      assert(fetches.includes(`fetch:${chunk}`), `${chunk} was not fetched before linking began: ${order}`);
    }
    assert(JSON.stringify(ruv.linkedChunks) === JSON.stringify(['runtime', 'probe', 'simdkit', 'probeclient']), `linked ${ruv.linkedChunks}`);
  }],

  ['simd variant results match native', async ({ RuvSwarm, baseURL, realFetch, expected }) => {
    const ruv = new RuvSwarm({ baseURL, fetch: realFetch, variant: 'simd' });
    const count = checkAgainstNative(await ruv.load('simdkit'), expected);
    assert(count === expected.cases.length && count > 50, `only ${count} cases`);
  }],

  ['scalar variant results match native', async ({ RuvSwarm, baseURL, realFetch, expected }) => {
    const ruv = new RuvSwarm({ baseURL, fetch: realFetch, variant: 'scalar' });
    checkAgainstNative(await ruv.load('simdkit'), expected);
  }],

  ['the scalar variant is chosen when SIMD is reported unavailable', async ({ RuvSwarm, baseURL, realFetch, expected }) => {
    const validate = WebAssembly.validate;
    let ruv;
    try {
      WebAssembly.validate = () => false;
      ruv = new RuvSwarm({ baseURL, fetch: realFetch });
    } finally {
      WebAssembly.validate = validate;
    }
    assert(ruv.features.simd === false && ruv.variant === 'scalar', `variant ${ruv.variant}`);
    const net = instrumentedFetch(realFetch);
    const scalar = new RuvSwarm({ baseURL, fetch: net.fetch, variant: ruv.variant });
    checkAgainstNative(await scalar.load('simdkit'), expected);
    assert(net.log.filter((u) => u.includes('/chunks/')).every((u) => u.includes('.scalar.')), `fetched ${net.log}`);
    const detected = new RuvSwarm({ baseURL, fetch: realFetch });
    assert(detected.variant === (detected.features.simd ? 'simd' : 'scalar'), 'detection');
  }],

  ['a missing chunk rejects, leaves the runtime usable, and a retry succeeds', async ({ RuvSwarm, baseURL, realFetch }) => {
    const net = instrumentedFetch(realFetch);
    const ruv = new RuvSwarm({ baseURL, fetch: net.fetch });
    await ruv.load('probe');
    net.fault('simdkit', 'missing');
    const error = await rejects(ruv.load('simdkit'), 'chunk-missing');
    assert(error.chunk === 'simdkit', 'error.chunk');
    assert(!ruv.linkedChunks.includes('simdkit'), 'half-linked');
    const probe = await ruv.load('probe');
    const h = probe.create();
    probe.add(h, new Float32Array([1, 2]));
    assert(probe.total(h) === 3, 'runtime unusable after failure');
    net.fault('simdkit', null);
    const simdkit = await ruv.load('simdkit');
    assert(simdkit.sum(new Float32Array([1, 2, 3])) === 6, 'retry');
  }],

  ['a hash mismatch and a truncated file reject; a retry succeeds', async ({ RuvSwarm, baseURL, realFetch }) => {
    const net = instrumentedFetch(realFetch);
    const ruv = new RuvSwarm({ baseURL, fetch: net.fetch });
    net.fault('simdkit', 'corrupt');
    await rejects(ruv.load('simdkit'), 'integrity');
    net.fault('simdkit', 'truncated');
    await rejects(ruv.domains.simdkit.sum(new Float32Array(1)), 'truncated');
    // Fetching is all-or-nothing before linking starts: not even the runtime was linked.
    assert(ruv.linkedChunks.length === 0 && ruv.memoryStats().regions.length === 0, `linked ${ruv.linkedChunks}`);
    net.fault('simdkit', null);
    assert(await ruv.domains.simdkit.sum(new Float32Array([2, 3])) === 5, 'retry');
    assert(net.count('/chunks/runtime.') === 1, 'runtime fetched again');
  }],

  ['an unresolved symbol rejects before anything is allocated; linking the provider first fixes it', async ({ RuvSwarm, baseURL, realFetch }) => {
    const net = instrumentedFetch(realFetch);
    net.patchManifest((manifest) => { manifest.chunks.probeclient.dependencies = ['runtime']; });
    const ruv = new RuvSwarm({ baseURL, fetch: net.fetch });
    await ruv.load('simdkit');
    const before = ruv.memoryStats().regions.length;
    const error = await rejects(ruv.load('probeclient'), 'unresolved-symbol');
    assert(error.symbols.length > 0 && error.chunk === 'probeclient', 'error details');
    assert(ruv.memoryStats().regions.length === before && !ruv.linkedChunks.includes('probeclient'), 'half-linked');
    await ruv.load('probe');
    const client = await ruv.load('probeclient');
    assert(client.addSum((await ruv.load('probe')).create(), new Float32Array([4])) === 4, 'retry');
  }],

  ['a trap rejects with code trap and the runtime stays usable', async ({ RuvSwarm, baseURL, realFetch }) => {
    const ruv = new RuvSwarm({ baseURL, fetch: realFetch });
    const probe = await ruv.load('probe');
    for (let i = 0; i < 200; i++) {
      let code = null;
      try { probe.trap(-1); } catch (error) { code = error.code; }
      assert(code === 'trap', `trap ${i}: ${code}`);
    }
    await rejects(ruv.domains.probe.trap(-5), 'trap');
    assert(probe.trap(9) === 9, 'after trap');
    const simdkit = await ruv.load('simdkit');
    const a = new Float32Array(128 * 128).fill(1);
    assert(simdkit.gemm(128, 128, 128, a, a)[0] === 128, 'gemm after traps');
  }],

  ['a Swift object made in one chunk is used by another without copying', async ({ RuvSwarm, baseURL, realFetch }) => {
    const lines = [];
    const ruv = new RuvSwarm({ baseURL, fetch: realFetch, print: (line) => lines.push(line) });
    const client = await ruv.load('probeclient');
    const probe = await ruv.load('probe');
    const handle = client.make(new Float32Array([1, 2, 3, 4]));
    assert(probe.total(handle) === 10 && probe.count(handle) === 4, 'object made by probeclient, read by probe');
    const other = probe.create();
    assert(client.addSum(other, new Float32Array([5, 6])) === 11 && probe.total(other) === 11, 'object made by probe, changed by probeclient');
    const error = await rejects(ruv.domains.probe.total(12345), 'probe.unknownHandle');
    assert(error.fields.handle === 12345 && error.message.includes('12345'), error.message);
    assert(probe.greet(7) === 7 && lines.includes('probe says hello 7'), `print: ${lines}`);
  }],

  ['bad arguments from JS get typed errors, never traps', async ({ RuvSwarm, baseURL, realFetch }) => {
    const ruv = new RuvSwarm({ baseURL, fetch: realFetch });
    const s = await ruv.load('simdkit');
    const x = new Float32Array([1, 2, 3]);
    for (const [call, code] of [
      [() => s.dot([1, 2, 3], x), 'invalid-argument'],
      [() => s.dot(x), 'invalid-argument'],
      [() => s.gemm(1.5, 1, 1, x, x), 'invalid-argument'],
      [() => s.gemm(2 ** 40, 1, 1, x, x), 'invalid-argument'],
      [() => s.gemm(65536, 65536, 1, x, x), 'invalid-argument'],
      [() => s.gemm(-1, 2, 2, x, x), 'simdkit.invalidDimension'],
      [() => s.gemm(2, 2, 2, x, x), 'simdkit.bufferTooSmall'],
      [() => s.gemv(4, 1, x, x), 'simdkit.bufferTooSmall'],
      [() => s.activate(99, 1, x), 'simdkit.invalidDimension'],
      [() => s.derivative(-1, 1, x, x), 'simdkit.invalidDimension'],
      [() => s.dot(x, new Float32Array(2)), 'simdkit.lengthMismatch'],
      [() => s.argmax(new Float32Array(0)), 'simdkit.empty'],
    ]) {
      let thrown = null;
      try { call(); } catch (error) { thrown = error; }
      assert(thrown && thrown.code === code, `expected ${code}, got ${thrown && (thrown.code ?? thrown)}`);
    }
    const error = (() => { try { s.dot(x, new Float32Array(2)); } catch (e) { return e; } })();
    assert(error.fields.expected === 3 && error.fields.actual === 2, JSON.stringify(error.fields));
    const named = (() => { try { s.gemm(2, 2, 2, x, x); } catch (e) { return e; } })();
    assert(named.fields.name === 'a' && named.message.includes('buffer a'), named.message);
    await rejects(ruv.load('nonexistent'), 'unknown-domain');
    await rejects(ruv.domains.simdkit.nonexistent(), 'unknown-function');
  }],

  ['strings, bytes, f64[] and i32[] cross both ways; results sized by Swift come back whole', async ({ RuvSwarm, baseURL, realFetch }) => {
    const ruv = new RuvSwarm({ baseURL, fetch: realFetch });
    const p = await ruv.load('probe');
    for (const text of ['', 'plain ascii', 'héllo wörld', '日本語のテキスト', 'emoji 🌍🚀 and \u0000 nul', 'x'.repeat(100000)]) {
      assert(p.echo(text) === text, `echo ${JSON.stringify(text.slice(0, 40))}`);
    }
    assert(p.byteCount('é') === 2 && p.byteCount('🌍') === 4 && p.byteCount('') === 0, 'string lengths are UTF-8 byte counts');
    assert(p.upper('abc-é-xyz') === 'ABC-é-XYZ', p.upper('abc-é-xyz'));
    assert(p.repeatText('ab', 3) === 'ababab' && p.repeatText('ab', 0) === '', 'repeatText');
    assert(p.digits('2024') === 2024, 'digits');
    const reversed = p.reversed(new Uint8Array([1, 2, 255]));
    assert(reversed instanceof Uint8Array && reversed.join() === '255,2,1', `reversed ${reversed}`);
    assert(p.reversed(new Uint8Array(0)).length === 0, 'empty bytes');
    const scaled = p.scale(3, new Float64Array([0.1, -2]));
    assert(scaled instanceof Float64Array && scaled[0] === 0.30000000000000004 && scaled[1] === -6, `f64 precision: ${scaled}`);
    const ramp = p.ramp(4);
    assert(ramp instanceof Float64Array && ramp.join() === '0,1,2,3', `ramp ${ramp}`);
    const squares = p.squares(new Int32Array([3, -4, 46341]));
    assert(squares instanceof Int32Array && squares.join() === '9,16,-2147479015', `squares ${squares}`);
    const positives = p.positives(new Float64Array([1.5, -2, 3e300, 0]));
    assert(positives instanceof Float64Array && positives.join() === '1.5,3e+300', `positives ${positives}`);
    assert(p.positives(new Float64Array([-1])).length === 0, 'an empty variable-length result');
    const halves = p.halves(new Float32Array([2, 5]));
    assert(halves instanceof Float32Array && halves.join() === '1,2.5', `halves ${halves}`);
    const sums = p.cumulative(new Int32Array([1, 2, 2147483647]));
    assert(sums instanceof Int32Array && sums.join() === '1,3,-2147483646', `cumulative ${sums}`);
    const d = new Float64Array([1, -2.5]);
    assert(p.negate(d) === undefined && d.join() === '-1,2.5', `negate ${d}`);
    const n = new Int32Array([0, 2147483647]);
    p.increment(n);
    assert(n.join() === '1,-2147483648', `increment ${n}`);
    assert(p.sumInts(new Int32Array([2147483647, 2147483647])) === 4294967294, 'sumInts');
    const big = p.repeatText('0123456789', 100000); // a 1 MB result: memory may grow during the call
    assert(big.length === 1000000 && big.endsWith('789'), 'large string result');
    assert(await ruv.domains.probe.echo('lazy ✓') === 'lazy ✓', 'lazy string call');
  }],

  ['each declaration file has its own error enum; hostile inputs get typed errors, never traps', async ({ RuvSwarm, baseURL, realFetch }) => {
    const ruv = new RuvSwarm({ baseURL, fetch: realFetch });
    const p = await ruv.load('probe');
    // ProbeError.unknownHandle and ProbeDataError.notADigit both have code 1.
    const digit = (() => { try { p.digits('12x4'); } catch (e) { return e; } })();
    assert(digit && digit.code === 'probe.notADigit' && digit.fields.offset === 2 && digit.message.includes('byte 2'), `${digit && digit.code}: ${digit && digit.message}`);
    const handle = (() => { try { p.total(999); } catch (e) { return e; } })();
    assert(handle && handle.code === 'probe.unknownHandle' && handle.fields.handle === 999, `${handle && handle.code}`);
    const surrogate = '\uD800';
    const checks = [
      [() => p.echo(42), 'invalid-argument'],
      [() => p.echo(new Uint8Array([104, 105])), 'invalid-argument'],
      [() => p.echo(null), 'invalid-argument'],
      [() => p.echo({ toString: () => 'x' }), 'invalid-argument'],
      [() => p.reversed('abc'), 'invalid-argument'],
      [() => p.reversed([1, 2]), 'invalid-argument'],
      [() => p.reversed(new Int8Array(2)), 'invalid-argument'],
      [() => p.reversed(new Uint8ClampedArray(2)), 'invalid-argument'],
      [() => p.scale(2, new Float32Array(2)), 'invalid-argument'],
      [() => p.scale('2', new Float64Array(2)), 'invalid-argument'],
      [() => p.positives(new Float32Array(2)), 'invalid-argument'],
      [() => p.cumulative(new Uint32Array(2)), 'invalid-argument'],
      [() => p.cumulative(new Float32Array(2)), 'invalid-argument'],
      [() => p.negate(new Float32Array(2)), 'invalid-argument'],
      [() => p.increment([1]), 'invalid-argument'],
      [() => p.halves(new Float64Array(2)), 'invalid-argument'],
      [() => p.ramp(2 ** 31), 'invalid-argument'],
      [() => p.ramp(1.5), 'invalid-argument'],
      [() => p.ramp(1 << 29), 'invalid-argument'],
      [() => p.ramp(-3), 'probe.negativeSize'],
      [() => p.ramp(-2147483648), 'probe.negativeSize'],
      [() => p.repeatText('ab', -1), 'probe.negativeSize'],
      [() => p.repeatText('ab', 2147483647), 'probe.tooLarge'],
      [() => p.badText(-1), 'probe.negativeSize'],
      [() => p.badText(3), 'invalid-utf8'],
      [() => p.badText(1 << 30), 'probe.tooLarge'],
    ];
    if (typeof surrogate.isWellFormed === 'function') checks.push([() => p.echo(surrogate), 'invalid-argument']);
    for (const [call, code] of checks) {
      let thrown = null;
      try { call(); } catch (error) { thrown = error; }
      assert(thrown && thrown.name === 'RuvSwarmError' && thrown.code === code, `${call}: expected ${code}, got ${thrown && (thrown.code ?? thrown)}`);
    }
    const negative = (() => { try { p.ramp(-3); } catch (e) { return e; } })();
    assert(negative.fields.size === -3, JSON.stringify(negative.fields));
    // Nothing leaked or broke: the same calls still work.
    assert(p.echo('still ✓') === 'still ✓' && p.ramp(2).join() === '0,1', 'usable after errors');
  }],

  ['C sources in a chunk: C called from Swift, using malloc, memcpy, strlen and qsort from the runtime', async ({ RuvSwarm, baseURL, realFetch }) => {
    const ruv = new RuvSwarm({ baseURL, fetch: realFetch });
    const c = await ruv.load('cprobe');
    assert(c.join('héllo', 'wörld') === 'héllo,wörld' && c.join('', '') === ',', `join ${c.join('héllo', 'wörld')}`);
    assert(c.cLength('abc') === 3 && c.cLength('a\u0000bc') === 1 && c.cLength('') === 0 && c.cLength('日本') === 6, 'strlen');
    const primes = Array.from({ length: 16 }, (_, i) => c.prime(i));
    assert(primes.join() === '2,3,5,7,11,13,17,19,23,29,31,37,41,43,47,53', `primes ${primes}`);
    const error = (() => { try { c.prime(16); } catch (e) { return e; } })();
    assert(error && error.code === 'cprobe.outOfRange' && error.fields.index === 16 && error.fields.count === 16, `${error && error.code}`);
    const values = Float64Array.from({ length: 1000 }, (_, i) => Math.sin(i * 7.1) * 1000);
    const sorted = c.sorted(values);
    const reference = values.slice().sort();
    assert(sorted.length === 1000 && sorted.every((v, i) => v === reference[i]), 'qsort through the shared table');
    const x = Float32Array.from({ length: 11 }, (_, i) => i - 5);
    const y = c.scale(1.5, x);
    assert(y.every((v, i) => v === Math.fround(1.5 * x[i])), `scale ${y}`);
    const big = 'z'.repeat(300000);
    assert(c.join(big, big).length === 600001, 'large C allocation');
  }],

  ['memory statistics track pages, peak and per-chunk regions across growth', async ({ RuvSwarm, baseURL, realFetch }) => {
    const ruv = new RuvSwarm({ baseURL, fetch: realFetch });
    assert(ruv.memoryStats().currentBytes === 0, 'stats before load');
    const s = await ruv.load('simdkit');
    const before = ruv.memoryStats();
    assert(before.pages * 65536 === before.currentBytes && before.peakBytes >= before.currentBytes, 'pages');
    assert(before.regions.map((r) => r.chunk).join() === 'runtime,simdkit', 'regions');
    const simdRegion = before.regions[1];
    assert(simdRegion.base >= before.heapBase && simdRegion.size > 0, 'region inside the heap');
    const n = 512;
    const a = new Float32Array(n * n).fill(0.5);
    const c = s.gemm(n, n, n, a, a); // 3 MB of operands: memory grows during the call
    assert(c.length === n * n && c[0] === 128 && c[n * n - 1] === 128, 'result after growth');
    const after = ruv.memoryStats();
    assert(after.currentBytes > before.currentBytes && after.peakBytes >= after.currentBytes, 'growth');
    assert(s.dot(new Float32Array([3]), new Float32Array([4])) === 12, 'views re-created');
  }],

  ['memory statistics count heap bytes in use: call buffers and results are freed, live objects are counted', async ({ RuvSwarm, baseURL, realFetch }) => {
    const ruv = new RuvSwarm({ baseURL, fetch: realFetch });
    const empty = ruv.memoryStats();
    assert(empty.heapInUse === 0 && empty.heapPeak === 0, 'stats before load');
    const p = await ruv.load('probe');
    const loaded = ruv.memoryStats();
    assert(loaded.heapInUse > 0 && loaded.heapPeak >= loaded.heapInUse, `after load: ${JSON.stringify(loaded)}`);
    p.echo('warm up the call path');
    const before = ruv.memoryStats().heapInUse;
    const text = 'x'.repeat(100000);
    assert(p.echo(text) === text && p.reversed(new Uint8Array(50000)).length === 50000, 'calls');
    p.scale(2, new Float64Array(10000));
    try { p.badText(1000); } catch { /* invalid-utf8: its buffer is freed too */ }
    try { p.digits('1x'); } catch { /* a domain error */ }
    const after = ruv.memoryStats();
    assert(after.heapInUse === before, `call buffers leaked: ${before} -> ${after.heapInUse}`);
    assert(after.heapPeak >= before + 200000, `peak ${after.heapPeak} should include the 100 KB argument and result`);
    for (let i = 0; i < 100; i++) p.create();
    const objects = ruv.memoryStats().heapInUse;
    assert(objects >= before + 100 * 16, `100 live accumulators: ${before} -> ${objects}`);
  }],

  ['feature detection reports simd, workers and SharedArrayBuffer', async ({ RuvSwarm, baseURL, realFetch }) => {
    const features = new RuvSwarm({ baseURL, fetch: realFetch }).features;
    for (const key of ['simd', 'workers', 'sharedArrayBuffer', 'compileStreaming']) {
      assert(typeof features[key] === 'boolean', `${key} is not a boolean`);
    }
    assert(features.simd === WebAssembly.validate(new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0, 1, 5, 1, 96, 0, 1, 123, 3, 2, 1, 0, 10, 8, 1, 6, 0, 65, 0, 253, 17, 11])), 'simd');
  }],
];

/** Runs every test; returns [{ name, ok, error }]. */
export async function runAll(context) {
  const results = [];
  for (const [name, test] of tests) {
    try {
      await test(context);
      results.push({ name, ok: true });
    } catch (error) {
      results.push({ name, ok: false, error: String(error && error.stack || error) });
    }
  }
  return results;
}
