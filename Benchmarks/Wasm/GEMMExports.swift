// Exports for the wasm gemm benchmark (Benchmarks/Wasm/bench-wasm.sh): compiled with Embedded
// Swift into the SIMDKit module itself (so that it can pick a micro-kernel), linked with wasm-ld
// and driven from Node by run.mjs. Not part of any package build.

/// `count` zeroed floats in linear memory; the caller never frees them (one run of the benchmark).
@_expose(wasm, "bench_alloc")
@_cdecl("bench_alloc")
public func benchAlloc(_ count: Int32) -> UnsafeMutablePointer<Float> {
  let p = UnsafeMutablePointer<Float>.allocate(capacity: Int(count))
  p.initialize(repeating: 0, count: Int(count))
  return p
}

/// C = A B for n x n matrices with one implementation: 0 = `Kernels.gemm` (the default path),
/// 1 = `ReferenceKernels`, 2/3/4 = the packed driver with the 4x8 / 6x8 / 6x16 micro-kernel.
/// Returns 0, or 1 when `Kernels.gemm` rejects the arguments.
@_expose(wasm, "bench_gemm")
@_cdecl("bench_gemm")
public func benchGEMM(
  _ which: Int32, _ n: Int32,
  _ a: UnsafeMutablePointer<Float>, _ b: UnsafeMutablePointer<Float>, _ c: UnsafeMutablePointer<Float>
) -> Int32 {
  let s = Int(n)
  let ab = UnsafeBufferPointer(start: a, count: s * s)
  let bb = UnsafeBufferPointer(start: b, count: s * s)
  let cb = UnsafeMutableBufferPointer(start: c, count: s * s)
  guard let shape = try? GEMMShape(
    transA: .none, transB: .none, m: s, n: s, k: s, lda: nil, aCount: s * s,
    ldb: nil, bCount: s * s, ldc: nil, cCount: s * s)
  else { return 1 }
  switch which {
  case 0:
    do { try Kernels.gemm(m: s, n: s, k: s, a: ab, b: bb, c: cb) } catch { return 1 }
  case 1: ReferenceKernels.gemm(shape, alpha: 1, a: ab, b: bb, beta: 0, c: cb)
  case 2: SIMDKernels.gemm(shape, alpha: 1, a: ab, b: bb, beta: 0, c: cb, kernel: MicroKernel4x8.self)
  case 3: SIMDKernels.gemm(shape, alpha: 1, a: ab, b: bb, beta: 0, c: cb, kernel: MicroKernel6x8.self)
  default: SIMDKernels.gemm(shape, alpha: 1, a: ab, b: bb, beta: 0, c: cb, kernel: MicroKernel6x16.self)
  }
  return 0
}
