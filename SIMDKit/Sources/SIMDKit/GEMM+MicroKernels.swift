// GEMM micro-kernels: the innermost, register-blocked loop of the packed GEMM (GEMM+SIMD.swift).
//
// A micro-kernel multiplies one packed MR x kc sliver of A by one packed kc x NR sliver of B and
// keeps the whole MR x NR block of C in vector registers while it runs over kc:
//
//     for p in 0..<kc:                       a: MR floats per p   (column p of the A sliver)
//       for i in 0..<MR:                     b: NR floats per p   (row p of the B sliver)
//         acc[i][0..<NR] += a[p*MR + i] * b[p*NR ..< p*NR + NR]
//
// Per p it loads NR/W vectors of B, broadcasts MR scalars of A and issues MR*NR/W multiply-adds
// (W = lanes per vector). The accumulators must all stay in registers, so the shape is chosen by
// the register file of the target:
//
// | kernel           | vector      | accumulators | registers used      | chosen for                      |
// |------------------|-------------|--------------|---------------------|---------------------------------|
// | `MicroKernel6x32`| SIMD16<Float>| 12          | 12 + 2 B + 1 A zmm  | AVX-512, `SIMDKIT_AVX512` (opt-in) |
// | `MicroKernel6x16`| SIMD8<Float>| 12           | 12 + 2 B + 1 A ymm  | x86-64-v3 (AVX2), `SIMDKIT_AVX2` |
// | `MicroKernel6x8` | SIMD4<Float>| 12           | 12 + 2 B + 1 A xmm  | other native targets (SSE, NEON) |
// | `MicroKernel4x8` | SIMD4<Float>| 8            | 8 + 2 B + 1 A v128  | wasm32 simd128 (V8: 16 xmm)      |
//
// (6x16 is BLIS's Haswell shape; SIMD8 on a baseline SSE build would split into 24 xmm
// accumulators and spill, hence the 6x8 SIMD4 default. 6x32 is the same shape at AVX-512 width;
// build with `-target-cpu skylake-avx512 -D SIMDKIT_AVX512 -D SIMDKIT_FMA` on a CPU with
// AVX-512 F/CD/BW/DQ/VL: its 12 x 32 accumulator block fits 32 zmm registers easily.)
//
// Measured (scripts/bench.sh, thread CPU time, Zen 5 shared with other builds): 6x16 with FMA
// 86-97 GFLOP/s at 256^3-512^3 (0.86-0.96x single-threaded OpenBLAS, which runs AVX-512
// kernels; the spread is run to run), 6x16 without FMA ~45, baseline SSE 6x8 ~35, opt-in 6x32
// AVX-512 94-98. In Node 20
// (Benchmarks/Wasm) 4x8 beats 6x16 and 6x8 by 20-30 % (~33 GFLOP/s for the whole gemm, ~40 for
// the kernel alone; unrolling its k loop by two made it slower).
//
// Multiply-add: `acc + a * b` (a multiply and an add) unless built with `-D SIMDKIT_FMA`, which
// switches to `addingProduct`, a true fused multiply-add. Only pass that flag together with a CPU
// target that has FMA (`-target-cpu x86-64-v3`): without FMA hardware `addingProduct` lowers to a
// `fmaf` library call per lane. Swift has no compile-time test for target features, so the
// scripts that know the CPU (scripts/bench.sh, scripts/demo.sh) set both flags together.
//
// After the loop the kernel writes `C = alpha * acc + beta * C` for its MR x NR block, never
// reading C when beta == 0. All kernels are compiled everywhere, so the native tests check each
// one against the reference whatever the default is.

/// The contract of a GEMM micro-kernel (see the header of GEMM+MicroKernels.swift).
protocol GEMMMicroKernel {
  /// Rows of C computed per call.
  static var mr: Int { get }
  /// Columns of C computed per call.
  static var nr: Int { get }
  /// `C[0..<mr, 0..<nr] = alpha * (A sliver * B sliver) + beta * C`, C row-major with `ldc`.
  ///
  /// `a` holds `kc * mr` floats (mr per step); `b` holds kc rows of `nr` floats, `bStride` apart
  /// (`nr` for a packed sliver, `ldb` when the kernel reads an untransposed B in place).
  /// `beta == 0` does not read C.
  ///
  /// - Complexity: O(kc * mr * nr).
  static func run(
    kc: Int, a: UnsafePointer<Float>, b: UnsafePointer<Float>, bStride: Int,
    c: UnsafeMutablePointer<Float>, ldc: Int, alpha: Float, beta: Float)
}

/// The micro-kernel `SIMDKernels.gemm` uses on this target.
#if arch(wasm32)
typealias DefaultGEMMMicroKernel = MicroKernel4x8
#elseif SIMDKIT_AVX512
typealias DefaultGEMMMicroKernel = MicroKernel6x32
#elseif SIMDKIT_AVX2
typealias DefaultGEMMMicroKernel = MicroKernel6x16
#else
typealias DefaultGEMMMicroKernel = MicroKernel6x8
#endif

/// Vector helpers of the GEMM and GEMV fast paths.
enum GEMMOps {
  /// `value` rounded up to a multiple of `multiple`.
  @inline(__always)
  static func roundUp(_ value: Int, _ multiple: Int) -> Int {
    (value + multiple - 1) / multiple * multiple
  }

  @inline(__always)
  static func multiplyAdd(_ acc: SIMD8<Float>, _ a: SIMD8<Float>, _ b: SIMD8<Float>) -> SIMD8<Float> {
    #if SIMDKIT_FMA
    return acc.addingProduct(a, b)
    #else
    return acc + a * b
    #endif
  }

  @inline(__always)
  static func multiplyAdd(_ acc: SIMD4<Float>, _ a: SIMD4<Float>, _ b: SIMD4<Float>) -> SIMD4<Float> {
    #if SIMDKIT_FMA
    return acc.addingProduct(a, b)
    #else
    return acc + a * b
    #endif
  }

  @inline(__always)
  static func load8(_ p: UnsafePointer<Float>) -> SIMD8<Float> {
    UnsafeRawPointer(p).loadUnaligned(as: SIMD8<Float>.self)
  }

  @inline(__always)
  static func multiplyAdd(_ acc: SIMD16<Float>, _ a: SIMD16<Float>, _ b: SIMD16<Float>) -> SIMD16<Float> {
    #if SIMDKIT_FMA
    return acc.addingProduct(a, b)
    #else
    return acc + a * b
    #endif
  }

  @inline(__always)
  static func load16(_ p: UnsafePointer<Float>) -> SIMD16<Float> {
    UnsafeRawPointer(p).loadUnaligned(as: SIMD16<Float>.self)
  }

  @inline(__always)
  static func load4(_ p: UnsafePointer<Float>) -> SIMD4<Float> {
    UnsafeRawPointer(p).loadUnaligned(as: SIMD4<Float>.self)
  }

  /// `c[0..<8] = alpha * acc + beta * c[0..<8]`; beta == 0 does not read c.
  @inline(__always)
  static func storeBlock(_ acc: SIMD8<Float>, _ c: UnsafeMutablePointer<Float>, _ alpha: Float, _ beta: Float) {
    let raw = UnsafeMutableRawPointer(c)
    var value = acc * alpha
    if beta == 1 {
      value += raw.loadUnaligned(as: SIMD8<Float>.self)
    } else if beta != 0 {
      value += raw.loadUnaligned(as: SIMD8<Float>.self) * beta
    }
    raw.storeBytes(of: value, as: SIMD8<Float>.self)
  }

  /// `c[0..<16] = alpha * acc + beta * c[0..<16]`; beta == 0 does not read c.
  @inline(__always)
  static func storeBlock(_ acc: SIMD16<Float>, _ c: UnsafeMutablePointer<Float>, _ alpha: Float, _ beta: Float) {
    let raw = UnsafeMutableRawPointer(c)
    var value = acc * alpha
    if beta == 1 {
      value += raw.loadUnaligned(as: SIMD16<Float>.self)
    } else if beta != 0 {
      value += raw.loadUnaligned(as: SIMD16<Float>.self) * beta
    }
    raw.storeBytes(of: value, as: SIMD16<Float>.self)
  }

  /// `c[0..<4] = alpha * acc + beta * c[0..<4]`; beta == 0 does not read c.
  @inline(__always)
  static func storeBlock(_ acc: SIMD4<Float>, _ c: UnsafeMutablePointer<Float>, _ alpha: Float, _ beta: Float) {
    let raw = UnsafeMutableRawPointer(c)
    var value = acc * alpha
    if beta == 1 {
      value += raw.loadUnaligned(as: SIMD4<Float>.self)
    } else if beta != 0 {
      value += raw.loadUnaligned(as: SIMD4<Float>.self) * beta
    }
    raw.storeBytes(of: value, as: SIMD4<Float>.self)
  }
}

/// 6 x 16 with SIMD8<Float>: 12 accumulators, BLIS's AVX2 shape.
enum MicroKernel6x16: GEMMMicroKernel {
  static var mr: Int { 6 }
  static var nr: Int { 16 }

  static func run(
    kc: Int, a: UnsafePointer<Float>, b: UnsafePointer<Float>, bStride: Int,
    c: UnsafeMutablePointer<Float>, ldc: Int, alpha: Float, beta: Float
  ) {
    typealias V = SIMD8<Float>
    var c00 = V(), c01 = V(), c10 = V(), c11 = V(), c20 = V(), c21 = V()
    var c30 = V(), c31 = V(), c40 = V(), c41 = V(), c50 = V(), c51 = V()
    var pa = a, pb = b
    for _ in 0..<kc {
      let b0 = GEMMOps.load8(pb), b1 = GEMMOps.load8(pb + 8)
      var x = V(repeating: pa[0])
      c00 = GEMMOps.multiplyAdd(c00, x, b0); c01 = GEMMOps.multiplyAdd(c01, x, b1)
      x = V(repeating: pa[1])
      c10 = GEMMOps.multiplyAdd(c10, x, b0); c11 = GEMMOps.multiplyAdd(c11, x, b1)
      x = V(repeating: pa[2])
      c20 = GEMMOps.multiplyAdd(c20, x, b0); c21 = GEMMOps.multiplyAdd(c21, x, b1)
      x = V(repeating: pa[3])
      c30 = GEMMOps.multiplyAdd(c30, x, b0); c31 = GEMMOps.multiplyAdd(c31, x, b1)
      x = V(repeating: pa[4])
      c40 = GEMMOps.multiplyAdd(c40, x, b0); c41 = GEMMOps.multiplyAdd(c41, x, b1)
      x = V(repeating: pa[5])
      c50 = GEMMOps.multiplyAdd(c50, x, b0); c51 = GEMMOps.multiplyAdd(c51, x, b1)
      pa += 6
      pb += bStride
    }
    var row = c
    GEMMOps.storeBlock(c00, row, alpha, beta); GEMMOps.storeBlock(c01, row + 8, alpha, beta); row += ldc
    GEMMOps.storeBlock(c10, row, alpha, beta); GEMMOps.storeBlock(c11, row + 8, alpha, beta); row += ldc
    GEMMOps.storeBlock(c20, row, alpha, beta); GEMMOps.storeBlock(c21, row + 8, alpha, beta); row += ldc
    GEMMOps.storeBlock(c30, row, alpha, beta); GEMMOps.storeBlock(c31, row + 8, alpha, beta); row += ldc
    GEMMOps.storeBlock(c40, row, alpha, beta); GEMMOps.storeBlock(c41, row + 8, alpha, beta); row += ldc
    GEMMOps.storeBlock(c50, row, alpha, beta); GEMMOps.storeBlock(c51, row + 8, alpha, beta)
  }
}

/// 6 x 32 with SIMD16<Float>: 12 accumulators, for AVX-512 (32 zmm registers).
enum MicroKernel6x32: GEMMMicroKernel {
  static var mr: Int { 6 }
  static var nr: Int { 32 }

  static func run(
    kc: Int, a: UnsafePointer<Float>, b: UnsafePointer<Float>, bStride: Int,
    c: UnsafeMutablePointer<Float>, ldc: Int, alpha: Float, beta: Float
  ) {
    typealias V = SIMD16<Float>
    var c00 = V(), c01 = V(), c10 = V(), c11 = V(), c20 = V(), c21 = V()
    var c30 = V(), c31 = V(), c40 = V(), c41 = V(), c50 = V(), c51 = V()
    var pa = a, pb = b
    for _ in 0..<kc {
      let b0 = GEMMOps.load16(pb), b1 = GEMMOps.load16(pb + 16)
      var x = V(repeating: pa[0])
      c00 = GEMMOps.multiplyAdd(c00, x, b0); c01 = GEMMOps.multiplyAdd(c01, x, b1)
      x = V(repeating: pa[1])
      c10 = GEMMOps.multiplyAdd(c10, x, b0); c11 = GEMMOps.multiplyAdd(c11, x, b1)
      x = V(repeating: pa[2])
      c20 = GEMMOps.multiplyAdd(c20, x, b0); c21 = GEMMOps.multiplyAdd(c21, x, b1)
      x = V(repeating: pa[3])
      c30 = GEMMOps.multiplyAdd(c30, x, b0); c31 = GEMMOps.multiplyAdd(c31, x, b1)
      x = V(repeating: pa[4])
      c40 = GEMMOps.multiplyAdd(c40, x, b0); c41 = GEMMOps.multiplyAdd(c41, x, b1)
      x = V(repeating: pa[5])
      c50 = GEMMOps.multiplyAdd(c50, x, b0); c51 = GEMMOps.multiplyAdd(c51, x, b1)
      pa += 6
      pb += bStride
    }
    var row = c
    GEMMOps.storeBlock(c00, row, alpha, beta); GEMMOps.storeBlock(c01, row + 16, alpha, beta); row += ldc
    GEMMOps.storeBlock(c10, row, alpha, beta); GEMMOps.storeBlock(c11, row + 16, alpha, beta); row += ldc
    GEMMOps.storeBlock(c20, row, alpha, beta); GEMMOps.storeBlock(c21, row + 16, alpha, beta); row += ldc
    GEMMOps.storeBlock(c30, row, alpha, beta); GEMMOps.storeBlock(c31, row + 16, alpha, beta); row += ldc
    GEMMOps.storeBlock(c40, row, alpha, beta); GEMMOps.storeBlock(c41, row + 16, alpha, beta); row += ldc
    GEMMOps.storeBlock(c50, row, alpha, beta); GEMMOps.storeBlock(c51, row + 16, alpha, beta)
  }
}

/// 6 x 8 with SIMD4<Float>: 12 accumulators in 16 SSE/NEON registers.
enum MicroKernel6x8: GEMMMicroKernel {
  static var mr: Int { 6 }
  static var nr: Int { 8 }

  static func run(
    kc: Int, a: UnsafePointer<Float>, b: UnsafePointer<Float>, bStride: Int,
    c: UnsafeMutablePointer<Float>, ldc: Int, alpha: Float, beta: Float
  ) {
    typealias V = SIMD4<Float>
    var c00 = V(), c01 = V(), c10 = V(), c11 = V(), c20 = V(), c21 = V()
    var c30 = V(), c31 = V(), c40 = V(), c41 = V(), c50 = V(), c51 = V()
    var pa = a, pb = b
    for _ in 0..<kc {
      let b0 = GEMMOps.load4(pb), b1 = GEMMOps.load4(pb + 4)
      var x = V(repeating: pa[0])
      c00 = GEMMOps.multiplyAdd(c00, x, b0); c01 = GEMMOps.multiplyAdd(c01, x, b1)
      x = V(repeating: pa[1])
      c10 = GEMMOps.multiplyAdd(c10, x, b0); c11 = GEMMOps.multiplyAdd(c11, x, b1)
      x = V(repeating: pa[2])
      c20 = GEMMOps.multiplyAdd(c20, x, b0); c21 = GEMMOps.multiplyAdd(c21, x, b1)
      x = V(repeating: pa[3])
      c30 = GEMMOps.multiplyAdd(c30, x, b0); c31 = GEMMOps.multiplyAdd(c31, x, b1)
      x = V(repeating: pa[4])
      c40 = GEMMOps.multiplyAdd(c40, x, b0); c41 = GEMMOps.multiplyAdd(c41, x, b1)
      x = V(repeating: pa[5])
      c50 = GEMMOps.multiplyAdd(c50, x, b0); c51 = GEMMOps.multiplyAdd(c51, x, b1)
      pa += 6
      pb += bStride
    }
    var row = c
    GEMMOps.storeBlock(c00, row, alpha, beta); GEMMOps.storeBlock(c01, row + 4, alpha, beta); row += ldc
    GEMMOps.storeBlock(c10, row, alpha, beta); GEMMOps.storeBlock(c11, row + 4, alpha, beta); row += ldc
    GEMMOps.storeBlock(c20, row, alpha, beta); GEMMOps.storeBlock(c21, row + 4, alpha, beta); row += ldc
    GEMMOps.storeBlock(c30, row, alpha, beta); GEMMOps.storeBlock(c31, row + 4, alpha, beta); row += ldc
    GEMMOps.storeBlock(c40, row, alpha, beta); GEMMOps.storeBlock(c41, row + 4, alpha, beta); row += ldc
    GEMMOps.storeBlock(c50, row, alpha, beta); GEMMOps.storeBlock(c51, row + 4, alpha, beta)
  }
}

/// 4 x 8 with SIMD4<Float>: 8 accumulators, the wasm32 simd128 shape (see WASM-FACTS).
enum MicroKernel4x8: GEMMMicroKernel {
  static var mr: Int { 4 }
  static var nr: Int { 8 }

  static func run(
    kc: Int, a: UnsafePointer<Float>, b: UnsafePointer<Float>, bStride: Int,
    c: UnsafeMutablePointer<Float>, ldc: Int, alpha: Float, beta: Float
  ) {
    typealias V = SIMD4<Float>
    var c00 = V(), c01 = V(), c10 = V(), c11 = V()
    var c20 = V(), c21 = V(), c30 = V(), c31 = V()
    var pa = a, pb = b
    for _ in 0..<kc {
      let b0 = GEMMOps.load4(pb), b1 = GEMMOps.load4(pb + 4)
      var x = V(repeating: pa[0])
      c00 = GEMMOps.multiplyAdd(c00, x, b0); c01 = GEMMOps.multiplyAdd(c01, x, b1)
      x = V(repeating: pa[1])
      c10 = GEMMOps.multiplyAdd(c10, x, b0); c11 = GEMMOps.multiplyAdd(c11, x, b1)
      x = V(repeating: pa[2])
      c20 = GEMMOps.multiplyAdd(c20, x, b0); c21 = GEMMOps.multiplyAdd(c21, x, b1)
      x = V(repeating: pa[3])
      c30 = GEMMOps.multiplyAdd(c30, x, b0); c31 = GEMMOps.multiplyAdd(c31, x, b1)
      pa += 4
      pb += bStride
    }
    var row = c
    GEMMOps.storeBlock(c00, row, alpha, beta); GEMMOps.storeBlock(c01, row + 4, alpha, beta); row += ldc
    GEMMOps.storeBlock(c10, row, alpha, beta); GEMMOps.storeBlock(c11, row + 4, alpha, beta); row += ldc
    GEMMOps.storeBlock(c20, row, alpha, beta); GEMMOps.storeBlock(c21, row + 4, alpha, beta); row += ldc
    GEMMOps.storeBlock(c30, row, alpha, beta); GEMMOps.storeBlock(c31, row + 4, alpha, beta)
  }
}
