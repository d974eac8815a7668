// swift-tools-version: 6.1
//
// Neural as a package of its own: `swift test` here runs Neural's tests and notebooks (README.md
// and Sources/Neural/Neural.docc/NN-*.md, compiled into NeuralNotebookTests by ../Notebook's plugin).
//
// - `Neural`: the domain module (Embedded-Swift clean; compiles for wasm32-unknown-none-wasm).
//   Natively its whole-epoch fast paths call OpenBLAS through `COpenBLAS`.
// - `NeuralIO`: native-only file adapter (reads and writes `.net` / `.data` files by path).
// - `CFloatFANN`: libfann's float build, linked only by the tests and the benchmark harness,
//   which compare us with the peer in the same process.
// - `neural-bench`: the benchmark harness (connection-updates/s and forward µs against libfann).
// - `differentiable-bench`: training-step time of the differentiable layers against PyTorch CPU.
import PackageDescription

let package = Package(
  name: "Neural",
  products: [
    .library(name: "Neural", targets: ["Neural"]),
    .library(name: "NeuralIO", targets: ["NeuralIO"]),
  ],
  dependencies: [
    .package(path: "../SIMDKit"),
    .package(path: "../Notebook"),
  ],
  targets: [
    .systemLibrary(
      name: "COpenBLAS", path: "Sources/COpenBLAS",
      providers: [.apt(["libopenblas-dev"])]),
    .systemLibrary(
      name: "CFloatFANN", path: "Sources/CFloatFANN",
      providers: [.apt(["libfann-dev"])]),
    // Natively the fast paths call OpenBLAS; SIMDKit's gemm serves them where OpenBLAS is absent (wasm32).
    .target(name: "Neural", dependencies: ["COpenBLAS", "SIMDKit"], exclude: ["Neural.docc"]),
    .target(name: "NeuralIO", dependencies: ["Neural"]),
    .executableTarget(
      name: "neural-bench", dependencies: ["Neural", "NeuralIO", "CFloatFANN"],
      path: "Benchmarks/NeuralBench",
      swiftSettings: [.unsafeFlags(["-Ounchecked"])]),
    // Training-step time of the differentiable layers (LSTM, Transformer) against PyTorch CPU:
    // scripts/bench-differentiable.sh.
    .executableTarget(
      name: "differentiable-bench", dependencies: ["Neural", "COpenBLAS"],
      path: "tools/torch-fixtures/DifferentiableBench"),
    .testTarget(name: "NeuralTests", dependencies: ["Neural", "NeuralIO", "CFloatFANN"]),
    .testTarget(
      name: "NeuralNotebookTests", dependencies: ["Neural", "NeuralIO"],
      plugins: [.plugin(name: "NotebookPlugin", package: "Notebook")]),
  ]
)
