// swift-tools-version: 6.1
//
// Persistence as a package of its own: `swift test` here runs Persistence's tests and notebooks.
//
// - `CSQLite`: the system SQLite (Debian `libsqlite3-dev`), a module map and a tiny shim.
// - `Persistence`: the typed wrapper over the SQLite C API, migrations, schema and the stores.
//   Compiles natively and with Embedded Swift for wasm32 (scripts/checks/persistence-wasm.sh).
// - `PersistenceCore`: Core's swarms in a store: event log, checkpoints, restore after a restart
//   (`SwarmJournal`). Also Embedded-clean; a separate target so that users of the storage alone do
//   not compile Core.
// - `persistence-crasher` (Tests/Crasher): the child process the reliability tests start, kill
//   and restart; built by `swift build`, found by the tests next to their own binary.
// - `persistence-bench` (Bench/PersistenceBench): the benchmark harness,
//   `swift run -c release persistence-bench`. Both live outside Sources/: not library code.
import PackageDescription

let package = Package(
  name: "Persistence",
  products: [
    .library(name: "Persistence", targets: ["Persistence"]),
    .library(name: "PersistenceCore", targets: ["PersistenceCore"]),
  ],
  dependencies: [
    .package(path: "../Core"),
    .package(path: "../Notebook"),
  ],
  targets: [
    .systemLibrary(name: "CSQLite", providers: [.apt(["libsqlite3-dev"])]),
    .target(name: "Persistence", dependencies: ["CSQLite"], exclude: ["Persistence.docc"]),
    .target(name: "PersistenceCore", dependencies: ["Persistence", .product(name: "Core", package: "Core")]),
    .executableTarget(name: "persistence-crasher", dependencies: ["Persistence"], path: "Tests/Crasher"),
    .executableTarget(name: "persistence-bench",
                      dependencies: ["Persistence", "PersistenceCore", "CSQLite", .product(name: "Core", package: "Core")],
                      path: "Bench/PersistenceBench"),
    .testTarget(name: "PersistenceTests", dependencies: ["Persistence"]),
    .testTarget(name: "PersistenceCoreTests", dependencies: ["PersistenceCore", "Persistence", .product(name: "Core", package: "Core")]),
    .testTarget(name: "PersistenceNotebookTests",
                dependencies: ["Persistence", "PersistenceCore", .product(name: "Core", package: "Core")],
                plugins: [.plugin(name: "NotebookPlugin", package: "Notebook")]),
  ]
)
