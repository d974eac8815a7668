// gemm-demo: multiplies matrices through SIMDKit at a few sizes, checks every result against the
// scalar reference (ReferenceKernels) and prints the error and the speed in a table.
//
//   swift run -c release gemm-demo            (scripts/demo.sh adds the native CPU flags)
import SIMDKit

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Seconds on a monotonic clock.
func now() -> Double {
  var ts = timespec()
  clock_gettime(CLOCK_MONOTONIC, &ts)
  return Double(ts.tv_sec) + Double(ts.tv_nsec) * 1e-9
}

/// Deterministic floats in [-1, 1).
func randomFloats(_ count: Int, seed: UInt64) -> [Float] {
  var state = seed
  return (0..<count).map { _ in
    state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
    return Float(state >> 40) / Float(1 << 23) - 1
  }
}

/// `x` with `decimals` digits after the point, or as d.dde±x when `scientific`.
func format(_ x: Double, decimals: Int = 1, scientific: Bool = false) -> String {
  if scientific {
    if x == 0 { return "0" }
    var exponent = 0
    var mantissa = abs(x)
    while mantissa >= 10 { mantissa /= 10; exponent += 1 }
    while mantissa < 1 { mantissa *= 10; exponent -= 1 }
    return format(mantissa, decimals: 2) + "e" + (exponent < 0 ? "-" : "+") + String(abs(exponent))
  }
  var scale = 1.0
  for _ in 0..<decimals { scale *= 10 }
  let scaled = (x * scale).rounded()
  let whole = Int(scaled / scale)
  let fraction = String(Int(scaled) - whole * Int(scale))
  return decimals == 0
    ? String(whole) : String(whole) + "." + String(repeating: "0", count: decimals - fraction.count) + fraction
}

func pad(_ text: String, _ width: Int) -> String {
  String(repeating: " ", count: max(0, width - text.count)) + text
}

struct Shape {
  var m: Int, n: Int, k: Int
  var transA: Transpose = .none, transB: Transpose = .none
}

let shapes = [
  Shape(m: 64, n: 64, k: 64),
  Shape(m: 100, n: 37, k: 250, transA: .transpose),
  Shape(m: 256, n: 256, k: 256),
  Shape(m: 384, n: 200, k: 512, transB: .transpose),
  Shape(m: 512, n: 512, k: 512),
]

print("SIMDKit gemm demo: C = A * B through Kernels.gemm, checked against ReferenceKernels.gemm")
print("")
let header = [
  pad("m", 5), pad("n", 5), pad("k", 5), pad("op", 4), pad("max rel err", 12), pad("SIMDKit GF/s", 13),
  pad("scalar GF/s", 12), pad("speed-up", 9), "  check",
].joined(separator: " ")
print(header)
print(String(repeating: "-", count: header.count))

var failures = 0
for (index, s) in shapes.enumerated() {
  let aCount = s.m * s.k, bCount = s.k * s.n
  let a = randomFloats(aCount, seed: UInt64(2 * index + 1))
  let b = randomFloats(bCount, seed: UInt64(2 * index + 2))
  var fast = [Float](repeating: 0, count: s.m * s.n)
  var slow = fast
  do {
    // Time the best of a few runs of each; the first run is the one checked.
    var fastSeconds = Double.infinity, slowSeconds = Double.infinity
    for _ in 0..<5 {
      let t0 = now()
      try Kernels.gemm(transA: s.transA, transB: s.transB, m: s.m, n: s.n, k: s.k, a: a, b: b, c: &fast)
      fastSeconds = min(fastSeconds, now() - t0)
    }
    for _ in 0..<2 {
      let t0 = now()
      try ReferenceKernels.gemm(
        transA: s.transA, transB: s.transB, m: s.m, n: s.n, k: s.k, a: a, b: b, c: &slow)
      slowSeconds = min(slowSeconds, now() - t0)
    }
    // Max relative error, relative to the largest reference element.
    var maxDiff: Float = 0, maxRef: Float = 0
    for i in fast.indices {
      maxDiff = max(maxDiff, abs(fast[i] - slow[i]))
      maxRef = max(maxRef, abs(slow[i]))
    }
    let relative = Double(maxDiff / max(maxRef, .leastNormalMagnitude))
    // Bound: the summation-order difference of two float dot products of length k.
    let ok = relative <= 2 * Double(s.k + 2) * Double(Float.ulpOfOne)
    if !ok { failures += 1 }
    let flops = 2 * Double(s.m) * Double(s.n) * Double(s.k)
    let op = (s.transA == .none ? "N" : "T") + (s.transB == .none ? "N" : "T")
    print([
      pad(String(s.m), 5), pad(String(s.n), 5), pad(String(s.k), 5), pad(op, 4),
      pad(format(relative, scientific: true), 12), pad(format(flops / fastSeconds / 1e9), 13),
      pad(format(flops / slowSeconds / 1e9, decimals: 2), 12),
      pad(format(slowSeconds / fastSeconds) + "x", 9), ok ? "  ok" : "  MISMATCH",
    ].joined(separator: " "))
  } catch {
    print("gemm rejected \(s.m)x\(s.n)x\(s.k): \(error)")
    failures += 1
  }
}

// Bad input is a typed error, never a crash.
var small = [Float](repeating: 0, count: 3)
do {
  try Kernels.gemm(m: 2, n: 2, k: 2, a: [1, 2, 3, 4], b: [5, 6, 7, 8], c: &small)
  print("expected an error for a 3-element C")
  failures += 1
} catch {
  print("")
  print("a 2x2 product into a 3-element C throws: \(error)")
}

print(failures == 0 ? "all results match the reference" : "\(failures) result(s) do NOT match the reference")
exit(failures == 0 ? 0 : 1)
