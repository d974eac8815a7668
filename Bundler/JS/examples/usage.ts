// A TypeScript user of the built package, type-checked with `tsc --strict --noEmit` against
// dist/loader.d.ts and dist/domains.d.ts (the check copies it next to them).
import RuvSwarmDefault, { RuvSwarm, RuvSwarmError, detectFeatures } from './loader.js';
import type { Features, MemoryStats, SimdkitDomain, LoaderEvent, Variant } from './loader.js';

export async function example(): Promise<number> {
  const features: Features = detectFeatures();
  const variant: Variant = features.simd ? 'simd' : 'scalar';
  const events: LoaderEvent[] = [];
  const ruv = new RuvSwarm({ baseURL: '/dist/', variant, onEvent: (e) => events.push(e) });
  // The runtime alone (manifest + runtime chunk), e.g. at page start; domains come later.
  const ready: Promise<void> = ruv.loadRuntime();
  await ready;

  // Typed by SIMDKit's declaration: dot(x: Float32Array, y: Float32Array): number.
  const simdkit: SimdkitDomain = await ruv.load('simdkit');
  const x = new Float32Array([1, 2, 3]);
  const d: number = simdkit.dot(x, x);
  const c: Float32Array = simdkit.gemm(1, 1, 3, x, x);
  simdkit.axpy(2, x, c.length === 1 ? new Float32Array(3) : x);

  // Lazy: loads on first use, resolves to the same types.
  const s: number = await ruv.domains.simdkit.sum(x);
  const again = await RuvSwarmDefault.load('simdkit');

  try {
    simdkit.dot(x, new Float32Array(2));
  } catch (error) {
    if (error instanceof RuvSwarmError && error.code === 'simdkit.lengthMismatch') {
      console.log(error.message, error.fields?.expected);
    }
  }
  // The declarations are real: these lines must not type-check.
  // @ts-expect-error: a number[] is not a Float32Array
  simdkit.dot([1, 2, 3], x);
  // @ts-expect-error: there is no such domain
  void ruv.load('nosuchdomain');
  // @ts-expect-error: gemm takes five arguments
  simdkit.gemm(1, 1, x, x);

  // Strings, bytes, Float64Array and Int32Array cross as declared (the probe fixture domain).
  const probe = await ruv.load('probe');
  const echoed: string = probe.echo('héllo 🌍');
  const reversed: Uint8Array = probe.reversed(new Uint8Array([1, 2]));
  const positives: Float64Array = probe.positives(new Float64Array([1, -1]));
  const sums: Int32Array = probe.cumulative(new Int32Array([1, 2]));
  // @ts-expect-error: a string parameter takes no number
  probe.echo(42);
  // @ts-expect-error: a Float32Array is not a Float64Array
  probe.scale(2, new Float32Array(1));
  try {
    probe.digits('12x');
  } catch (error) {
    if (error instanceof RuvSwarmError && (error.code === 'probe.notADigit' || error.code === 'invalid-utf8')) {
      console.log(echoed, reversed[0], positives.length, sums[1], error.fields?.offset);
    }
  }

  const manifest = await ruv.manifest();
  const gemmDoc: string | undefined = manifest.chunks['simdkit']?.api?.functions.find((f) => f.name === 'gemm')?.doc;

  const stats: MemoryStats = ruv.memoryStats();
  console.log(gemmDoc, stats.peakBytes, stats.regions.map((r) => `${r.chunk}@${r.base}+${r.size}`), events.length);
  return d + c[0] + s + again.sum(x);
}
