// swift-tools-version: 6.1
//
// Core as a package of its own: `swift test` here runs Core's tests (and, once applied, its notebooks).
//
// Targets
// - Core          the deterministic, synchronous orchestration engine. Compiles natively and with
//                 Embedded Swift for wasm32 (scripts/checks/core-wasm.sh).
// - CoreParallel  native-only: runs a batch of agents' work on all cores (Dispatch) on top of Core.
// - core-bench    native-only benchmark harness (memory, scheduling throughput, parallel speed-up);
//                 lives outside Sources/ so that it is not part of the library or its coverage.
import PackageDescription

let package = Package(
  name: "Core",
  products: [
    .library(name: "Core", targets: ["Core"]),
    .library(name: "CoreParallel", targets: ["CoreParallel"]),
  ],
  dependencies: [.package(path: "../Notebook")],
  targets: [
    .target(name: "Core", exclude: ["Core.docc"]),
    .target(name: "CoreParallel", dependencies: ["Core"]),
    .executableTarget(name: "core-bench", dependencies: ["Core", "CoreParallel"], path: "Bench/CoreBench"),
    .testTarget(name: "CoreTests", dependencies: ["Core"]),
    .testTarget(name: "CoreParallelTests", dependencies: ["Core", "CoreParallel"]),
    .testTarget(
      name: "CoreNotebookTests", dependencies: ["Core"],
      plugins: [.plugin(name: "NotebookPlugin", package: "Notebook")]),
  ]
)
