// differentiable-bench: times one training step of the 2-layer LSTM and of the small Transformer
// encoder of `TrainingBenchmark`, and — when PyTorch is installed in
// Neural/tools/torch-fixtures/.venv (`--setup-venv` creates it) — the same step in PyTorch CPU with
// the same number of threads, in the same run, and prints the ratio.
//
//   differentiable-bench [--threads N] [--steps N] [--setup-venv] [--no-torch]
//
// The loss must fall over the timed steps (checked before any time is reported).
import COpenBLAS
import Glibc
import Neural

var threads = 1, steps = 30, setup = false, useTorch = true
var args = CommandLine.arguments.dropFirst().makeIterator()
while let a = args.next() {
  switch a {
  case "--threads": threads = Int(args.next() ?? "") ?? 1
  case "--steps": steps = Int(args.next() ?? "") ?? 30
  case "--setup-venv": setup = true
  case "--no-torch": useTorch = false
  default:
    print("usage: differentiable-bench [--threads N] [--steps N] [--setup-venv] [--no-torch]")
    exit(2)
  }
}
openblas_set_num_threads(Int32(threads))

/// `<repo>/Neural/tools/torch-fixtures`, from this file's path.
let toolDir: String = {
  var parts = "\(#filePath)".split(separator: "/", omittingEmptySubsequences: false)
  parts.removeLast(2)
  return parts.joined(separator: "/")
}()

func now() -> Double {
  var ts = timespec()
  clock_gettime(CLOCK_MONOTONIC, &ts)
  return Double(ts.tv_sec) * 1e3 + Double(ts.tv_nsec) / 1e6
}

func median(_ xs: [Double]) -> Double {
  let s = xs.sorted()
  return s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2
}

func fmt(_ x: Double) -> String {
  let r = (x * 1000).rounded() / 1000
  return "\(r)"
}

var ours: [(String, Double, Float, Float)] = []
for (name, model) in [("lstm", TrainingBenchmark.Model.lstm), ("transformer", .transformer)] {
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
    guard losses.last! < losses.first! else {
      print("\(name): the loss did not fall (\(losses.first!) -> \(losses.last!)); no time reported")
      exit(1)
    }
    ours.append((name, median(times), losses.first!, losses.last!))
  } catch {
    print("\(name): \(error)")
    exit(1)
  }
}

let python = toolDir + "/.venv/bin/python"
if setup && access(python, X_OK) != 0 {
  let cmd = "python3 -m venv '\(toolDir)/.venv' && '\(python)' -m pip install -q -r '\(toolDir)/requirements.txt'"
  print("setting up PyTorch: \(cmd)")
  if system(cmd) != 0 { print("venv setup failed") }
}
var torch: [String: Double] = [:]
if useTorch && access(python, X_OK) == 0 {
  let cmd = "OMP_NUM_THREADS=\(threads) '\(python)' '\(toolDir)/bench_torch.py' \(threads) \(steps) 2>/dev/null"
  if let pipe = popen(cmd, "r") {
    var line = [CChar](repeating: 0, count: 512)
    while fgets(&line, 512, pipe) != nil {
      let fields = String(cString: line).split(separator: " ")
      if fields.count >= 2, let ms = Double(fields[1].split(separator: "\n")[0]) { torch[String(fields[0])] = ms }
    }
    pclose(pipe)
  }
}

print("training step, batch 32 × sequence 24, width 64, \(threads) thread(s), median of \(steps) steps")
print("model        Neural ms   loss first→last        PyTorch ms   PyTorch / Neural")
for (name, ms, first, last) in ours {
  var line = name.padding(13) + fmt(ms).padding(12) + "\(first)→\(last)".padding(23)
  if let t = torch[name] {
    line += fmt(t).padding(13) + fmt(t / ms) + "×"
  } else {
    line += "(PyTorch not installed: --setup-venv)"
  }
  print(line)
}

extension String {
  func padding(_ n: Int) -> String { count >= n ? self + " " : self + String(repeating: " ", count: n - count) }
}
