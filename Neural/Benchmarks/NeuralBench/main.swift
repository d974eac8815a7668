// neural-bench: Neural against libfann (float) in the same process, same nets, same data.
//
//   swift run -c release neural-bench              throughput + forward pass
//   swift run -c release neural-bench speed DIR    the same, and also writes the benchmark's initial
//                                                  nets (DIR/<problem>.net, DIR/mnist.net) and libfann's
//                                                  figures (DIR/libfann.tsv) for the wasm bench
//                                                  (Benchmarks/wasm-bench.mjs, scripts/bench-neural.sh)
//   swift run -c release neural-bench forward      the forward pass only
//   swift run -c release neural-bench quality      final test MSE on the 16 FANN problems against
//                                                  libfann float AND double (C helper built with cc)
// Every timing first checks the answer (our epoch MSE against libfann's), then times.
// Timing: thread CPU time (OpenBLAS runs single-threaded: OPENBLAS_NUM_THREADS=1), in rounds that
// alternate libfann and ours; each side reports its best round (the figure least disturbed by other
// processes on a shared machine) and the forward pass also its median round.
import CFloatFANN
import Glibc
import Neural
import NeuralIO

func now() -> Double {
  var ts = timespec()
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts)
  return Double(ts.tv_sec) + Double(ts.tv_nsec) * 1e-9
}

/// Seconds of `body`, `rounds` times, alternating with `peer`; returns (peer, ours) round times.
func alternate(rounds: Int, peer: () -> Void, ours: () throws -> Void) rethrows -> ([Double], [Double]) {
  var p = [Double](), o = [Double]()
  for _ in 0..<rounds {
    var t0 = now()
    peer()
    p.append(now() - t0)
    t0 = now()
    try ours()
    o.append(now() - t0)
  }
  return (p, o)
}

func median(_ x: [Double]) -> Double { x.sorted()[x.count / 2] }

/// Where `speed DIR` writes nets and libfann's figures (nil: nowhere).
let exportDir: String? = CommandLine.arguments.count > 2 ? CommandLine.arguments[2] : nil
nonisolated(unsafe) var peerFigures = ""

func format(_ x: Double, _ decimals: Int = 2) -> String {
  var buf = [CChar](repeating: 0, count: 64)
  _ = withVaList([x]) { vsnprintf(&buf, 64, "%.\(decimals)f", $0) }
  return String(cString: buf)
}

let datasets: String = {
  var parts = "\(#filePath)".split(separator: "/", omittingEmptySubsequences: false)
  parts.removeLast(4)  // …/<repo>/Neural/Benchmarks/NeuralBench/main.swift
  return parts.joined(separator: "/") + "/../shared/datasets/fann/"
}()

let tmp: String = {
  var template = Array("/tmp/neural-bench-XXXXXX".utf8CString)
  let p = template.withUnsafeMutableBufferPointer { mkdtemp($0.baseAddress!) }
  return String(cString: p!)
}()

struct Problem {
  var name: String
  var hidden: [Int]
}

let problems: [Problem] = [
  Problem(name: "mushroom", hidden: [32]), Problem(name: "robot", hidden: [96]),
  Problem(name: "gene", hidden: [32]), Problem(name: "soybean", hidden: [32]),
  Problem(name: "thyroid", hidden: [32]), Problem(name: "building", hidden: [32]),
]

func throughput() throws {
  print("Training throughput, million connection-updates/s (connections × samples × epochs / s)")
  print("problem      net            conns  algorithm    libfann      ours    ratio")
  for p in problems {
    let data = try NeuralFiles.loadData(path: datasets + p.name + ".train")
    let layers = [data.numInputs] + p.hidden + [data.numOutputs]
    var net = try Network.standard(layers: layers, seed: 1)
    net.setHiddenActivation(.sigmoidSymmetric)
    net.setOutputActivation(.sigmoid)
    let path = (exportDir ?? tmp) + "/\(p.name).net"
    try NeuralFiles.save(net, path: path)
    guard let peerData = fann_read_train_from_file(datasets + p.name + ".train") else { continue }
    defer { fann_destroy_train(peerData) }
    for algorithm in [Network.TrainingAlgorithm.batch, .rprop, .quickprop, .incremental] {
      guard let peer = fann_create_from_file(path) else { continue }
      defer { fann_destroy(peer) }
      fann_set_training_algorithm(peer, fann_train_enum(algorithm.rawValue))
      var ours = net
      ours.trainingAlgorithm = algorithm
      // Check the answer first: our FANN-order reference epoch equals libfann's bit for bit, and
      // the fast path agrees to 1e-4 (batch algorithms) or 5 % (incremental, where per-sample
      // updates amplify float rounding; FANN-SEMANTICS.md).
      var reference = ours
      let r = try reference.trainEpochReference(on: data)
      let a = try ours.trainEpoch(on: data)
      let b = fann_train_epoch(peer, peerData)
      let tolerance: Float = algorithm == .incremental ? 5e-2 : 1e-4
      guard r == b, abs(a - b) <= tolerance * max(abs(a), abs(b)) else {
        print("\(p.name) \(algorithm): MSE mismatch ours \(a), reference \(r), libfann \(b)")
        continue
      }
      let work = Double(net.totalConnections * data.count)
      var epochs = max(1, Int(4e7 / work))
      if algorithm == .incremental { epochs = max(1, epochs / 2) }
      let (peerTimes, ourTimes) = try alternate(
        rounds: 5, peer: { for _ in 0..<epochs { _ = fann_train_epoch(peer, peerData) } },
        ours: { for _ in 0..<epochs { _ = try ours.trainEpoch(on: data) } })
      let peerM = work * Double(epochs) / peerTimes.min()! / 1e6
      let ourM = work * Double(epochs) / ourTimes.min()! / 1e6
      // problem, algorithm number, connections, samples, libfann's first-epoch MSE, libfann, ours
      peerFigures += "\(p.name)\t\(algorithm.rawValue)\t\(net.totalConnections)\t\(data.count)\t"
        + exact(b) + "\t\(format(peerM, 1))\t\(format(ourM, 1))\n"
      let name = p.name.padding(12) + (layers.map { "\($0)" }.joined(separator: "-")).padding(14)
      print(name + "\(net.totalConnections)".padding(7) + "\(algorithm)".padding(12)
        + format(peerM, 0).leftPadding(8) + format(ourM, 0).leftPadding(10)
        + (format(ourM / peerM) + "x").leftPadding(9))
    }
  }
}

func forward() throws {
  var net = try Network.standard(layers: [784, 128, 10], seed: 1)
  net.setHiddenActivation(.sigmoidSymmetric)
  net.setOutputActivation(.sigmoid)
  let path = (exportDir ?? tmp) + "/mnist.net"
  try NeuralFiles.save(net, path: path)
  guard let peer = fann_create_from_file(path) else { return }
  defer { fann_destroy(peer) }
  var rng = NeuralRandom(seed: 3)
  var x = (0..<784).map { _ in rng.unit() }
  let y = try net.runFast(x)
  let py = x.withUnsafeMutableBufferPointer { fann_run(peer, $0.baseAddress!)! }
  let peerOutputs = Array(UnsafeBufferPointer(start: py, count: 10))
  if let exportDir {  // the input, for the wasm bench (one value per line)
    let f = fopen(exportDir + "/mnist.input", "w")
    for v in x { fputs(exact(v) + "\n", f) }
    fclose(f)
  }
  for j in 0..<10 where abs(y[j] - py[j]) > 1e-5 { print("forward mismatch at \(j)") }
  let runs = 1000
  let (peerT, fastT) = try alternate(
    rounds: 21, peer: { for _ in 0..<runs { _ = x.withUnsafeMutableBufferPointer { fann_run(peer, $0.baseAddress!) } } },
    ours: { for _ in 0..<runs { _ = try net.runFast(x) } })
  let (_, refT) = try alternate(rounds: 5, peer: {}, ours: { for _ in 0..<(runs / 10) { _ = try net.run(x) } })
  let batch = (0..<(784 * 1000)).map { _ in rng.unit() }
  let outs = try net.runBatch(batch)
  for d in stride(from: 0, to: 1000, by: 111) {
    let r = try net.run(Array(batch[(d * 784)..<((d + 1) * 784)]))
    for j in 0..<10 where abs(outs[d * 10 + j] - r[j]) > 1e-5 { print("batch mismatch at \(d), \(j)") }
  }
  let (_, batchT) = try alternate(rounds: 11, peer: {}, ours: { _ = try net.runBatch(batch) })
  let us = { (t: Double, n: Int) in t / Double(n) * 1e6 }
  let peerBest = us(peerT.min()!, runs), peerMedian = us(median(peerT), runs)
  let fastBest = us(fastT.min()!, runs), fastMedian = us(median(fastT), runs)
  let batchBest = us(batchT.min()!, 1000), batchMedian = us(median(batchT), 1000)
  print("")
  print("Forward pass 784-128-10 (µs per sample, thread CPU time; best and median of the rounds)")
  print("                           best   median")
  print("  libfann fann_run      " + format(peerBest).leftPadding(8) + format(peerMedian).leftPadding(9))
  print("  ours runFast (gemv)   " + format(fastBest).leftPadding(8) + format(fastMedian).leftPadding(9)
    + "   (" + format(peerBest / fastBest) + "x best, " + format(peerMedian / fastMedian) + "x median)")
  print("  ours run (FANN order) " + format(us(refT.min()!, runs / 10)).leftPadding(8)
    + format(us(median(refT), runs / 10)).leftPadding(9))
  print("  ours runBatch (gemm)  " + format(batchBest).leftPadding(8) + format(batchMedian).leftPadding(9)
    + "   (" + format(peerBest / batchBest) + "x best; 1000 samples per call)")
  // The forward pass: libfann's outputs (for the wasm bench's answer check) and µs per sample.
  peerFigures += "mnist\t-1\t\(net.totalConnections)\t1\t" + peerOutputs.map { exact($0) }.joined(separator: ",")
    + "\t\(format(peerBest, 3))\t\(format(fastBest, 3))\n"
}

/// Builds fann_quality.c against `library` (floatfann or doublefann) into the temp directory.
func buildHelper(_ library: String, header: String) -> String? {
  let source = String("\(#filePath)".dropLast("NeuralBench/main.swift".count)) + "fann_quality.c"
  let out = tmp + "/fann_quality_" + library
  let cmd = "cc -O2 -DFANN_HEADER='<\(header)>' -o \(out) \(source) -l\(library) -lm"
  return system(cmd) == 0 ? out : nil
}

func runHelper(_ helper: String, _ args: String) -> (Float, Float)? {
  guard let f = popen(helper + " " + args, "r") else { return nil }
  defer { pclose(f) }
  var buf = [CChar](repeating: 0, count: 256)
  guard fgets(&buf, 256, f) != nil else { return nil }
  let parts = String(cString: buf).split(separator: " ")
  guard parts.count == 2, let a = Float(parts[0]), let b = Float(parts[1].dropLast()) else { return nil }
  return (a, b)
}

func quality() throws {
  guard let fHelper = buildHelper("floatfann", header: "floatfann.h"),
    let dHelper = buildHelper("doublefann", header: "doublefann.h")
  else {
    print("could not build the libfann helper")
    exit(1)
  }
  let all = [
    "abelone", "bank32fm", "bank32nh", "building", "census-house", "diabetes", "gene", "kin32fm",
    "mushroom", "parity13", "parity8", "pumadyn-32fm", "robot", "soybean", "thyroid", "two-spiral",
  ]
  print("Final test MSE after the same epochs of RPROP from the same initial net")
  print("problem        epochs  FANN float   FANN double  ours(fast)   ours(ref)    in band")
  var failures = 0
  for name in all {
    let train = try NeuralFiles.loadData(path: datasets + name + ".train")
    let test = try NeuralFiles.loadData(path: datasets + name + ".test")
    var net = try Network.standard(layers: [train.numInputs, 16, train.numOutputs], seed: 5)
    var rng = NeuralRandom(seed: 6)
    try net.initWeights(from: train, using: &rng)
    let path = tmp + "/q-\(name).net"
    try NeuralFiles.save(net, path: path)
    let epochs = 200
    let args = "\(path) \(datasets)\(name).train \(datasets)\(name).test \(epochs) 2"
    guard let (_, fTest) = runHelper(fHelper, args), let (_, dTest) = runHelper(dHelper, args) else {
      print("\(name): helper failed")
      failures += 1
      continue
    }
    var fast = try NeuralFiles.loadNetwork(path: path)
    var ref = fast
    for _ in 0..<epochs {
      _ = try fast.trainEpoch(on: train)
      _ = try ref.trainEpochReference(on: train)
    }
    let oursFast = try fast.test(on: test)
    let oursRef = try ref.test(on: test)
    // The band: FANN's own float/double spread, widened by 10 % (training is chaotic).
    let lo = min(fTest, dTest), hi = max(fTest, dTest)
    let slack = max(0.1 * hi, 1e-6)
    let inBand = oursFast >= lo - slack && oursFast <= hi + slack
    if !inBand { failures += 1 }
    print(name.padding(15) + "\(epochs)".padding(8) + sci(fTest) + sci(dTest) + sci(oursFast)
      + sci(oursRef) + (inBand ? "yes" : "NO"))
  }
  print("problems outside the band: \(failures)")
}

/// `%.9e`: enough digits to round-trip a Float.
func exact(_ x: Float) -> String {
  var buf = [CChar](repeating: 0, count: 64)
  _ = withVaList([Double(x)]) { vsnprintf(&buf, 64, "%.9e", $0) }
  return String(cString: buf)
}

func sci(_ x: Float) -> String {
  var buf = [CChar](repeating: 0, count: 64)
  _ = withVaList([Double(x)]) { vsnprintf(&buf, 64, "%.4e", $0) }
  return String(cString: buf).padding(13)
}

extension String {
  func padding(_ n: Int) -> String { count >= n ? self + " " : self + String(repeating: " ", count: n - count) }
  func leftPadding(_ n: Int) -> String { count >= n ? self : String(repeating: " ", count: n - count) + self }
}

let mode = CommandLine.arguments.dropFirst().first ?? "speed"
if mode == "quality" {
  try quality()
} else if mode == "forward" {
  try forward()
} else {
  try forward()
  print("")
  try throughput()
  if let exportDir {
    // Tab-separated: problem, algorithm (-1: forward pass), connections, samples, libfann's answer,
    // libfann's figure, ours (M connection-updates/s; µs per sample for the forward pass). The
    // wasm bench (Benchmarks/wasm-bench.mjs) checks its answers against these, then times.
    let f = fopen(exportDir + "/libfann.tsv", "w")
    fputs(peerFigures, f)
    fclose(f)
  }
}
system("rm -rf " + tmp)
