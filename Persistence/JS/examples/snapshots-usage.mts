// Type-checks snapshots.d.mts the way an application would use it (tsc --strict --noEmit).
import { Snapshots, SnapshotError, browserBackend, importableImage, type LoadedSnapshot } from '../snapshots.mjs';

export async function restore(exportDatabase: () => Uint8Array, importDatabase: (bytes: Uint8Array) => void): Promise<bigint> {
  const backend = await browserBackend();
  const snapshots = new Snapshots(backend, 'agents');
  let loaded: LoadedSnapshot | null = null;
  try {
    loaded = await snapshots.load();
  } catch (error) {
    if (error instanceof SnapshotError && error.code === 'snapshot-corrupt') console.warn(error.message, backend.kind);
    else throw error;
  }
  if (loaded) importDatabase(importableImage(loaded.bytes));
  for (const skipped of loaded?.skipped ?? []) console.warn(`slot ${skipped.slot}: ${skipped.reason}`);
  return snapshots.save(exportDatabase());
}
