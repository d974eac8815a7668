// differentiable-bench: times one training step (forward, backward, Adam) of the 2-layer LSTM and
// of the small Transformer encoder of `TrainingBenchmark`, natively, and prints them beside the
// same steps in wasm (measured by wasm-bench/bench-wasm.sh, passed in with --wasm) and in PyTorch
// CPU with the same number of threads, run by this process in the same run (--python).
//
//   differentiable-bench [--threads N] [--steps N] [--python PATH] [--wasm FILE]
//
// scripts/bench-differentiable.sh builds everything and passes both. The loss must fall over the
// timed steps in every implementation (checked before any time is reported; exit 1 otherwise).
// With one thread every clock is the process's CPU time (robust to other load on the machine);
// with more threads, wall-clock time.
import COpenBLAS
import Glibc
import Neural

var threads = 1, steps = 30
var python: String?, wasmFile: String?
var args = CommandLine.arguments.dropFirst().makeIterator()
func usage() -> Never {
  print("usage: differentiable-bench [--threads N] [--steps N] [--python PATH] [--wasm FILE]")
  exit(2)
}
while let a = args.next() {
  switch a {
  case "--threads": threads = Int(args.next() ?? "") ?? 0
  case "--steps": steps = Int(args.next() ?? "") ?? 0
  case "--python":
    guard let p = args.next() else { usage() }
    python = p
  case "--wasm":
    guard let w = args.next() else { usage() }
    wasmFile = w
  default: usage()
  }
}
guard threads >= 1, steps >= 3 else { usage() }
openblas_set_num_threads(Int32(threads))
let cpuClock = threads == 1

/// `<repo>/Neural/tools/torch-fixtures`, from this file's path.
let toolDir: String = {
  var parts = "\(#filePath)".split(separator: "/", omittingEmptySubsequences: false)
  parts.removeLast(2)
  return parts.joined(separator: "/")
}()

/// Milliseconds on the benchmark's clock.
func now() -> Double {
  var ts = timespec()
  clock_gettime(cpuClock ? CLOCK_PROCESS_CPUTIME_ID : CLOCK_MONOTONIC, &ts)
  return Double(ts.tv_sec) * 1e3 + Double(ts.tv_nsec) / 1e6
}

func median(_ xs: [Double]) -> Double {
  let s = xs.sorted()
  return s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2
}

func fmt(_ x: Double, _ digits: Double = 100) -> String { "\((x * digits).rounded() / digits)" }

/// One measured implementation of a model's step.
struct Result {
  var ms: Double
  var first: Double
  var last: Double
}

/// Reads "<model> <ms> <first loss> <last loss>" lines; a model whose loss did not fall fails the run.
func parse(_ text: String, source: String) -> [String: Result] {
  var out: [String: Result] = [:]
  for line in text.split(separator: "\n") {
    let f = line.split(separator: " ")
    guard f.count == 4, let ms = Double(f[1]), let a = Double(f[2]), let b = Double(f[3]) else { continue }
    guard b < a, ms > 0 else {
      print("\(source) \(f[0]): the loss did not fall (\(a) -> \(b)); no time reported")
      exit(1)
    }
    out[String(f[0])] = Result(ms: ms, first: a, last: b)
  }
  return out
}

func readAll(_ file: UnsafeMutablePointer<FILE>) -> String {
  var text = ""
  var line = [CChar](repeating: 0, count: 512)
  while fgets(&line, 512, file) != nil {
    text += String(decoding: line.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
  }
  return text
}

let models: [(String, TrainingBenchmark.Model)] = [("lstm", .lstm), ("transformer", .transformer)]
var ours: [String: Result] = [:]
for (name, model) in models {
  do {
    let bench = try TrainingBenchmark(model)
    var losses: [Float] = []
    var times: [Double] = []
    for s in 0..<(steps + 3) {
      let t0 = now()
      let loss = try bench.step()
      let t1 = now()
      losses.append(loss)
      if s >= 3 { times.append(t1 - t0) }
    }
    guard losses.allSatisfy({ $0.isFinite }), losses.last! < losses.first! else {
      print("\(name): the loss did not fall (\(losses.first!) -> \(losses.last!)); no time reported")
      exit(1)
    }
    ours[name] = Result(ms: median(times), first: Double(losses.first!), last: Double(losses.last!))
  } catch {
    print("\(name): \(error)")
    exit(1)
  }
}

var torch: [String: Result] = [:]
if let python {
  let clock = cpuClock ? "cpu" : "wall"
  let cmd = "OMP_NUM_THREADS=\(threads) '\(python)' '\(toolDir)/bench_torch.py' \(threads) \(steps) \(clock)"
  guard let pipe = popen(cmd, "r") else {
    print("could not run \(cmd)")
    exit(1)
  }
  let text = readAll(pipe)
  guard pclose(pipe) == 0 else {
    print("PyTorch run failed: \(cmd)")
    exit(1)
  }
  torch = parse(text, source: "PyTorch")
  guard torch.count == models.count else {
    print("PyTorch printed no result for every model:\n\(text)")
    exit(1)
  }
}

var wasm: [String: Result] = [:]
if let wasmFile {
  guard let file = fopen(wasmFile, "r") else {
    print("cannot read \(wasmFile)")
    exit(1)
  }
  wasm = parse(readAll(file), source: "wasm")
  fclose(file)
  guard wasm.count == models.count else {
    print("\(wasmFile) holds no result for every model")
    exit(1)
  }
}

let clockName = cpuClock ? "process CPU time" : "wall-clock time"
print("training step (forward + backward + Adam), batch 32 × sequence 24, width 64")
print("\(threads) thread(s), median of \(steps) steps after 3 warm-up steps, \(clockName); ratio > 1: we are faster")
var header = "model".padding(13) + "native ms".padding(11)
if !wasm.isEmpty { header += "wasm ms".padding(10) }
if !torch.isEmpty { header += "PyTorch ms".padding(12) + "PyTorch/native".padding(16) }
if !torch.isEmpty && !wasm.isEmpty { header += "PyTorch/wasm".padding(14) }
header += "native loss first→last"
print(header)
for (name, _) in models {
  let n = ours[name]!
  var line = name.padding(13) + fmt(n.ms).padding(11)
  if let w = wasm[name] { line += fmt(w.ms).padding(10) }
  if let t = torch[name] {
    line += fmt(t.ms).padding(12) + (fmt(t.ms / n.ms) + "×").padding(16)
    if let w = wasm[name] { line += (fmt(t.ms / w.ms) + "×").padding(14) }
  }
  line += "\(fmt(n.first, 1e4))→\(fmt(n.last, 1e4))"
  print(line)
}
if torch.isEmpty { print("(PyTorch not measured: scripts/bench-differentiable.sh --with-torch sets up its venv)") }

extension String {
  func padding(_ n: Int) -> String { count >= n ? self + " " : self + String(repeating: " ", count: n - count) }
}
