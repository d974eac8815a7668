// The harness: timing (min of N samples), deterministic inputs, answer checks and the report table.
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

/// CPU seconds of the calling thread: what timings use. Every timed kernel, OpenBLAS included
/// (pinned to one thread, it runs in the caller), runs on this thread, and time the thread spends
/// descheduled while other processes use the shared cores is not counted. (Their cache pollution
/// still is; on an idle machine this equals wall time.)
func cpuNow() -> Double {
  var ts = timespec()
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts)
  return Double(ts.tv_sec) + Double(ts.tv_nsec) * 1e-9
}

/// Seconds per call of each body, measured interleaved: after one warm-up call each, every body
/// is calibrated to repeat for at least `minSample` seconds per sample, then the bodies take turns,
/// sample by sample, and each keeps its minimum. Taking turns means a peer and our kernel see the
/// same machine load (this machine is shared), and the minimum is the least noisy estimate: noise
/// only ever adds time.
func measure(samples: Int = 7, minSample: Double = 0.05, _ bodies: [() -> Void]) -> [Double] {
  var reps = [Int]()
  var best = [Double]()
  for body in bodies {
    body()
    var count = 1
    while true {
      let t0 = cpuNow()
      for _ in 0..<count { body() }
      let dt = cpuNow() - t0
      if dt >= minSample {
        best.append(dt / Double(count))
        break
      }
      count *= dt <= 0 ? 16 : max(2, Int((minSample / dt).rounded(.up)))
    }
    reps.append(count)
  }
  for _ in 1..<samples {
    for (index, body) in bodies.enumerated() {
      let t0 = cpuNow()
      for _ in 0..<reps[index] { body() }
      best[index] = min(best[index], (cpuNow() - t0) / Double(reps[index]))
    }
  }
  return best
}

/// Deterministic uniform floats in [-1, 1) (SplitMix64).
func randomFloats(_ count: Int, seed: UInt64) -> [Float] {
  var state = seed
  return (0..<count).map { _ in
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    z ^= z >> 31
    return Float(z >> 40) / Float(1 << 23) - 1
  }
}

/// Stops the run: a benchmark whose answer is wrong must not report a speed.
func abortRun(_ message: String) -> Never {
  print("ANSWER CHECK FAILED: \(message)")
  exit(1)
}

/// Checks `got` against `expected` element-wise: |got - expected| <= 2 (k + 2) eps * bound[i],
/// where bound[i] is the magnitude of the sum behind element i (|A||B| for a product).
func checkClose(
  _ what: String, got: [Float], expected: [Float], bound: [Float], k: Int,
  indices: some Sequence<Int>
) {
  let eps = Double(Float.ulpOfOne)
  var worst = 0.0
  var checked = 0
  for i in indices {
    let diff = abs(Double(got[i]) - Double(expected[i]))
    let limit = 2 * Double(k + 2) * eps * Double(bound[i]) + 1e-30
    if !(diff <= limit) {
      abortRun("\(what): element \(i) is \(got[i]), expected \(expected[i]) (limit \(limit))")
    }
    worst = max(worst, diff / max(Double(bound[i]), 1e-30))
    checked += 1
  }
  print("  check \(what): \(checked) elements within 2(k+2)eps|A||B|, worst |diff|/(|A||B|) = \(format(worst, scientific: true))")
}

/// `x` with `decimals` digits after the point (or in scientific form), without Foundation.
func format(_ x: Double, decimals: Int = 1, scientific: Bool = false) -> String {
  if !x.isFinite { return "\(x)" }
  if scientific {
    if x == 0 { return "0" }
    var exponent = 0
    var mantissa = abs(x)
    while mantissa >= 10 { mantissa /= 10; exponent += 1 }
    while mantissa < 1 { mantissa *= 10; exponent -= 1 }
    return (x < 0 ? "-" : "") + format(mantissa, decimals: 2) + "e" + String(exponent)
  }
  var scale = 1.0
  for _ in 0..<decimals { scale *= 10 }
  let scaled = (abs(x) * scale).rounded()
  let whole = Int(scaled / scale)
  let fraction = Int(scaled) - whole * Int(scale)
  var text = (x < 0 && scaled != 0 ? "-" : "") + String(whole)
  if decimals > 0 {
    let digits = String(fraction)
    text += "." + String(repeating: "0", count: decimals - digits.count) + digits
  }
  return text
}

/// One line of the final table.
struct Row {
  var kernel: String
  var size: String
  var ours: Double
  var peerName: String
  var peer: Double
  var unit: String
  /// The ratio ours/peer the row must reach, or nil for a row that is only reported.
  var target: Double?

  var ratio: Double { ours / peer }
}

func pad(_ text: String, _ width: Int, right: Bool = false) -> String {
  let fill = String(repeating: " ", count: max(0, width - text.count))
  return right ? fill + text : text + fill
}

/// Prints the final table: kernel, size, ours, peer, ratio, target, met / not met.
func printTable(_ rows: [Row]) {
  let header = [
    pad("kernel", 22), pad("size", 14), pad("ours", 12, right: true), pad("peer", 28, right: true),
    pad("ratio", 8, right: true), pad("target", 8, right: true), "  result",
  ].joined(separator: " ")
  print(header)
  print(String(repeating: "-", count: header.count))
  for row in rows {
    let target = row.target.map { ">= " + format($0, decimals: 2) } ?? "-"
    let result = row.target.map { row.ratio >= $0 ? "met" : "NOT MET" } ?? "reported"
    print([
      pad(row.kernel, 22), pad(row.size, 14),
      pad(format(row.ours) + " " + row.unit, 12, right: true),
      pad(row.peerName + " " + format(row.peer) + " " + row.unit, 28, right: true),
      pad(format(row.ratio, decimals: 2) + "x", 8, right: true), pad(target, 8, right: true),
      "  " + result,
    ].joined(separator: " "))
  }
}
