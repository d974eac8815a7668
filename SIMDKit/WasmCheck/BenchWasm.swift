// The WebAssembly entry points of the bench (see Bench.swift).

/// The bench data, created on first use (Embedded Swift has no lazy globals across modules; this is one module).
nonisolated(unsafe) var wasmBenchData: BenchData? = nil

/// Runs one kernel `reps` times; returns a checksum. `reference` 0 = SIMD path, 1 = reference path.
@_cdecl("simdkit_bench")
public func simdkitBench(_ kernel: Int32, _ reference: Int32, _ reps: Int32) -> Float {
  if wasmBenchData == nil { wasmBenchData = BenchData() }
  return benchRun(wasmBenchData!, kernel, reference != 0, reps)
}
