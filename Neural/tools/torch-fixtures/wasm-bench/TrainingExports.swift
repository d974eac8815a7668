// Exports for the wasm training-step benchmark (bench-wasm.sh): compiled with Embedded Swift into
// the Neural module itself, linked with wasm-ld against wasi-libc, driven from Node by run.mjs.
// Not part of any package build.

nonisolated(unsafe) var wasmBenches: [TrainingBenchmark] = []

/// Builds model 0 (LSTM) or 1 (Transformer) and returns its handle, or -1 on error.
@_expose(wasm, "bench_create")
@_cdecl("bench_create")
public func benchCreate(_ model: Int32) -> Int32 {
  do {
    wasmBenches.append(try TrainingBenchmark(model == 0 ? .lstm : .transformer))
    return Int32(wasmBenches.count - 1)
  } catch {
    return -1
  }
}

/// One training step of benchmark `handle`; returns the loss (NaN on error).
@_expose(wasm, "bench_step")
@_cdecl("bench_step")
public func benchStep(_ handle: Int32) -> Float {
  do { return try wasmBenches[Int(handle)].step() } catch { return .nan }
}
