// swift-tools-version: 6.1
//
// Persistence as a package of its own: `swift test` here runs Persistence's tests and notebooks.
//
// - `CSQLite`: the system SQLite (Debian `libsqlite3-dev`), a module map and a tiny shim.
// - `Persistence`: the typed wrapper over the SQLite C API, migrations, schema and the stores.
//   Compiles natively and with Embedded Swift for wasm32 (scripts/checks/persistence-wasm.sh).
// - `persistence-crasher` (Tests/Crasher): the child process the reliability tests start, kill
//   and restart; built by `swift build`, found by the tests next to their own binary.
// - `persistence-bench` (Bench/PersistenceBench): the benchmark harness,
//   `swift run -c release persistence-bench`. Both live outside Sources/: not library code.
import PackageDescription

let package = Package(
  name: "Persistence",
  products: [
    .library(name: "Persistence", targets: ["Persistence"]),
  ],
  dependencies: [
    .package(path: "../Notebook"),
  ],
  targets: [
    .systemLibrary(name: "CSQLite", providers: [.apt(["libsqlite3-dev"])]),
    .target(name: "Persistence", dependencies: ["CSQLite"], exclude: ["Persistence.docc"]),
    .executableTarget(name: "persistence-crasher", dependencies: ["Persistence"], path: "Tests/Crasher"),
    .executableTarget(name: "persistence-bench", dependencies: ["Persistence", "CSQLite"], path: "Bench/PersistenceBench"),
    .testTarget(name: "PersistenceTests", dependencies: ["Persistence"]),
    .testTarget(name: "PersistenceNotebookTests", dependencies: ["Persistence"],
                plugins: [.plugin(name: "NotebookPlugin", package: "Notebook")]),
  ]
)
