// Kernel timings, SIMD path against the reference path in the same process: natively (bench-native.swift)
// and in WebAssembly under Node (bench.mjs). Built and run by bench-kernels.sh; not part of `make test`.

/// The kernels the bench times, by number (the order of `benchNames` in bench.mjs and bench-native.swift).
let benchKernelCount: Int32 = 11

/// Buffers shared by every run: n = 4096 floats (16 KiB each, in L1/L2).
final class BenchData {
  static let n = 4096
  let x: UnsafeMutableBufferPointer<Float>
  let y: UnsafeMutableBufferPointer<Float>
  let out: UnsafeMutableBufferPointer<Float>

  init() {
    x = .allocate(capacity: Self.n)
    y = .allocate(capacity: Self.n)
    out = .allocate(capacity: Self.n)
    var s: UInt64 = 12_345
    for i in 0..<Self.n {
      s = s &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      x[i] = (Float(s >> 40) / Float(1 << 23) - 1) * 4
      y[i] = Float(s & 0xFFFF) / 65_536 + 0.5
      out[i] = 0
    }
  }
}

/// Runs kernel `kernel` `reps` times on the SIMD path (`reference == 0`) or the reference path; returns a
/// checksum so the work cannot be optimised away.
func benchRun(_ data: BenchData, _ kernel: Int32, _ reference: Bool, _ reps: Int32) -> Float {
  let x = UnsafeBufferPointer(data.x), y = UnsafeBufferPointer(data.y), out = data.out
  var check: Float = 0
  for _ in 0..<reps {
    switch (kernel, reference) {
    case (0, false): check += SIMDKernels.dot(x, y)
    case (0, true): check += ReferenceKernels.dot(x, y)
    case (1, false): check += SIMDKernels.sum(x)
    case (1, true): check += ReferenceKernels.sum(x)
    case (2, false): check += SIMDKernels.max(x) ?? 0
    case (2, true): check += ReferenceKernels.max(x) ?? 0
    case (3, false): check += Float(SIMDKernels.argmax(x) ?? 0)
    case (3, true): check += Float(ReferenceKernels.argmax(x) ?? 0)
    case (4, false): SIMDKernels.axpy(0.5, x, out)
    case (4, true): ReferenceKernels.axpy(0.5, x, out)
    case (5, false): SIMDKernels.multiply(x, y, into: out)
    case (5, true): ReferenceKernels.multiply(x, y, into: out)
    case (6, false): SIMDKernels.activate(.sigmoid, steepness: 0.5, x, into: out)
    case (6, true): ReferenceKernels.activate(.sigmoid, steepness: 0.5, x, into: out)
    case (7, false): SIMDKernels.activate(.sigmoidSymmetric, steepness: 0.5, x, into: out)
    case (7, true): ReferenceKernels.activate(.sigmoidSymmetric, steepness: 0.5, x, into: out)
    case (8, false): SIMDKernels.activate(.sinSymmetric, steepness: 0.5, x, into: out)
    case (8, true): ReferenceKernels.activate(.sinSymmetric, steepness: 0.5, x, into: out)
    case (9, false): SIMDKernels.derivative(.sigmoid, steepness: 0.5, x: x, y: y, into: out)
    case (9, true): ReferenceKernels.derivative(.sigmoid, steepness: 0.5, x: x, y: y, into: out)
    case (10, false): SIMDKernels.softmax(x, into: out)
    default: ReferenceKernels.softmax(x, into: out)
    }
    check += out[Int(reps) % BenchData.n]
  }
  return check
}
