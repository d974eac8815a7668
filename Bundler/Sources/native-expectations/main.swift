// Prints SIMDKit's native results on fixed inputs as JSON (inputs included), for the wasm tests in
// Node and in browsers to compare against: "results match the native build on the same inputs".
import SIMDKit
#if canImport(Glibc)
import Glibc
#endif

/// A small deterministic generator (SplitMix64), so the inputs need no files.
struct SplitMix {
  var state: UInt64
  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
  /// Uniform in [-1, 1), exactly representable.
  mutating func float() -> Float { Float(Int(next() >> 40) - (1 << 23)) / Float(1 << 23) }
  mutating func floats(_ count: Int) -> [Float] { (0..<count).map { _ in float() } }
}

func json(_ values: [Float]) -> String { "[" + values.map { "\($0)" }.joined(separator: ",") + "]" }

/// `native-expectations gemm-bench [n]`: native SIMDKit gemm GFLOP/s at n³ (default 256), best of 5
/// batches, for the Bundler's bench to compare the wasm variants against.
if CommandLine.arguments.count > 1 && CommandLine.arguments[1] == "gemm-bench" {
  let n = CommandLine.arguments.count > 2 ? Int(CommandLine.arguments[2]) ?? 256 : 256
  var generator = SplitMix(state: 7)
  let a = generator.floats(n * n), b = generator.floats(n * n)
  var c = [Float](repeating: 0, count: n * n)
  let clock = ContinuousClock()
  var best = Double.infinity
  var repetitions = 1
  for _ in 0..<5 {
    let elapsed = clock.measure {
      for _ in 0..<repetitions { try? Kernels.gemm(m: n, n: n, k: n, a: a, b: b, c: &c) }
    }
    let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
    best = Swift.min(best, seconds / Double(repetitions))
    if seconds < 0.2 { repetitions *= 2 }
  }
  let gflops = 2 * Double(n * n * n) / best / 1e9
  print("{\"n\":\(n),\"seconds\":\(best),\"gflops\":\(gflops),\"checksum\":\(c[0] + c[n * n - 1])}")
  exit(0)
}

var random = SplitMix(state: 42)
var cases: [String] = []
@MainActor func record(_ name: String, _ function: String, _ args: String, _ result: String) {
  cases.append("{\"name\":\"\(name)\",\"function\":\"\(function)\",\"args\":[\(args)],\"result\":\(result)}")
}
func errorName(_ error: KernelError) -> String {
  switch error {
  case .lengthMismatch: return "lengthMismatch"
  case .invalidDimension: return "invalidDimension"
  case .bufferTooSmall: return "bufferTooSmall"
  case .empty: return "empty"
  }
}
@MainActor func recordError(_ name: String, _ function: String, _ args: String, _ error: KernelError) {
  cases.append("{\"name\":\"\(name)\",\"function\":\"\(function)\",\"args\":[\(args)],\"error\":\"simdkit.\(errorName(error))\"}")
}

do throws(KernelError) {
  for n in [0, 1, 7, 33, 1000] {
    let x = random.floats(n), y = random.floats(n)
    record("dot \(n)", "dot", "\(json(x)),\(json(y))", "\(try Kernels.dot(x, y))")
    record("sum \(n)", "sum", json(x), "\(Kernels.sum(x))")
    record("add \(n)", "add", "\(json(x)),\(json(y))", json(try Kernels.add(x, y)))
    var z = y
    try Kernels.axpy(0.5, x, &z)
    record("axpy \(n)", "axpy", "0.5,\(json(x)),\(json(y))", json(z))
    if n > 0 {
      record("min \(n)", "min", json(x), "\(try Kernels.min(x))")
      record("max \(n)", "max", json(x), "\(try Kernels.max(x))")
      record("argmax \(n)", "argmax", json(x), "\(try Kernels.argmax(x))")
    }
    record("subtract \(n)", "subtract", "\(json(x)),\(json(y))", json(try Kernels.subtract(x, y)))
    record("multiply \(n)", "multiply", "\(json(x)),\(json(y))", json(try Kernels.multiply(x, y)))
    let nonzero = y.map { $0 == 0 ? Float(0.5) : $0 }
    record("divide \(n)", "divide", "\(json(x)),\(json(nonzero))", json(try Kernels.divide(x, nonzero)))
    record("softmax \(n)", "softmax", json(x), json(Kernels.softmax(x)))
    for f in [ActivationFunction.sigmoid, .sigmoidSymmetric, .relu, .elliot, .gaussian, .sin, .cos, .leakyReLU] {
      let out = try Kernels.activate(f, steepness: 0.75, x)
      record("activate \(f.rawValue) \(n)", "activate", "\(f.rawValue),0.75,\(json(x))", json(out))
      record("derivative \(f.rawValue) \(n)", "derivative", "\(f.rawValue),0.75,\(json(x)),\(json(out))",
             json(try Kernels.derivative(f, steepness: 0.75, x: x, y: out)))
    }
  }
  for (m, n, k) in [(1, 1, 1), (4, 8, 3), (17, 29, 13), (64, 64, 64)] {
    let a = random.floats(m * k), b = random.floats(k * n)
    var c = [Float](repeating: 0, count: m * n)
    try Kernels.gemm(m: m, n: n, k: k, a: a, b: b, c: &c)
    record("gemm \(m)x\(n)x\(k)", "gemm", "\(m),\(n),\(k),\(json(a)),\(json(b))", json(c))
    let x = random.floats(n), a2 = random.floats(m * n)
    var y = [Float](repeating: 0, count: m)
    try Kernels.gemv(m: m, n: n, a: a2, x: x, y: &y)
    record("gemv \(m)x\(n)", "gemv", "\(m),\(n),\(json(a2)),\(json(x))", json(y))
    let xt = random.floats(m)
    var yt = [Float](repeating: 0, count: n)
    try Kernels.gemv(trans: .transpose, m: m, n: n, a: a2, x: xt, y: &yt)
    record("gemvTransposed \(m)x\(n)", "gemvTransposed", "\(m),\(n),\(json(a2)),\(json(xt))", json(yt))
  }
} catch {
  fatalError("native expectations failed: \(error)")
}
do throws(KernelError) {
  _ = try Kernels.dot([1, 2, 3] as [Float], [1, 2])
} catch {
  recordError("dot length mismatch", "dot", "[1,2,3],[1,2]", error)
}
do throws(KernelError) {
  _ = try Kernels.min([Float]())
} catch {
  recordError("min of empty", "min", "[]", error)
}
do throws(KernelError) {
  var c = [Float](repeating: 0, count: 4)
  try Kernels.gemm(m: 2, n: 2, k: 2, a: [1, 2, 3], b: [1, 2, 3, 4], c: &c)
} catch {
  recordError("gemm short a", "gemm", "2,2,2,[1,2,3],[1,2,3,4]", error)
}
print("{\"cases\":[\n" + cases.joined(separator: ",\n") + "\n]}")
