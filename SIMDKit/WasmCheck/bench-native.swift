// The native driver of the bench (see Bench.swift): prints one line per kernel,
// "name simd-ns reference-ns", per call on n = 4096 floats (best of 5 batches).
let names = ["dot", "sum", "max", "argmax", "axpy", "multiply", "sigmoid", "tanh", "sin", "sigmoid'", "softmax"]
let data = BenchData()
let clock = ContinuousClock()
var sink: Float = 0
func nanoseconds(_ d: Duration) -> Double {
  Double(d.components.seconds) * 1e9 + Double(d.components.attoseconds) / 1e9
}
for k in 0..<benchKernelCount {
  var best = [Double.infinity, Double.infinity]
  for (p, reference) in [false, true].enumerated() {
    let reps: Int32 = k >= 6 ? 200 : 2_000
    sink += benchRun(data, k, reference, reps / 10)  // warm-up
    for _ in 0..<5 {
      var c: Float = 0
      let d = clock.measure { c = benchRun(data, k, reference, reps) }
      sink += c
      best[p] = Swift.min(best[p], nanoseconds(d) / Double(reps))
    }
  }
  print(names[Int(k)], Int(best[0]), Int(best[1]))
}
if sink == 42 { print("") }
