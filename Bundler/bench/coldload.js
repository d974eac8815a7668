// Cold load: from a fresh page, import the loader, fetch the manifest, fetch + verify + compile + link
// the runtime and SIMDKit chunks, and make one call. Reports the milliseconds to /report.
const start = performance.now();
const { RuvSwarm } = await import('/dist/loader.js');
const ruv = new RuvSwarm({ baseURL: '/dist/' });
const simdkit = await ruv.load('simdkit');
const value = simdkit.dot(new Float32Array([1, 2]), new Float32Array([3, 4]));
const ms = performance.now() - start;
await fetch('/report', { method: 'POST', body: JSON.stringify({ ms, value, variant: ruv.variant }) });
