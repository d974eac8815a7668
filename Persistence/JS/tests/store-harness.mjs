// JS side of StoreHarness.swift: Persistence's SQLiteStore in wasm, called with byte arrays
// (copied through the module's malloc). Shared by the Node test and the headless-browser test.
import { SQLite } from './sqlite-c-api.mjs';

export class Harness extends SQLite {
  call(name, ...buffers) {            // buffers -> (pointer, length) pairs, then the rest as given
    const args = [], owned = [];
    for (const b of buffers) {
      if (b instanceof Uint8Array) { const p = this.alloc(b); owned.push(p); args.push(p, b.length); } else args.push(b);
    }
    try { return this.x[name](...args); } finally { owned.forEach((p) => this.x.free(p)); }
  }
  message() { const p = this.x.malloc(1024); const n = this.x.harness_message(p, 1024); const t = new TextDecoder().decode(this.bytes().slice(p, p + n)); this.x.free(p); return t; }
  ok(rc) { if (rc === -2) throw new Error(this.message()); return rc; }
  open(path) { return this.ok(this.call('harness_open', new TextEncoder().encode(path))); }
  put(key, value, ttl = -1n) { return this.ok(this.call('harness_put', key, value, ttl)); }
  get(key, capacity = 2 << 20) {
    const out = this.x.malloc(capacity);
    try {
      const n = this.ok(this.call('harness_get', key, out, capacity));
      return n < 0 ? null : this.bytes().slice(out, out + n);
    } finally { this.x.free(out); }
  }
  saveSwarm(id, name, config) { return this.ok(this.call('harness_save_swarm', new TextEncoder().encode(id), new TextEncoder().encode(name), config)); }
  // { name, config } of a stored swarm, or null.
  swarm(id, capacity = 1 << 20) {
    const out = this.x.malloc(capacity);
    try {
      const n = this.ok(this.call('harness_swarm', new TextEncoder().encode(id), out, capacity));
      if (n < 0) return null;
      const bytes = this.bytes().slice(out, out + n), zero = bytes.indexOf(0);
      return { name: new TextDecoder().decode(bytes.subarray(0, zero)), config: bytes.slice(zero + 1) };
    } finally { this.x.free(out); }
  }
  remove(key) { return this.ok(this.call('harness_remove', key)); }
  count(prefix) { return this.ok(this.call('harness_count', prefix)); }
}

