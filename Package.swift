// swift-tools-version: 6.1
//
// RuvSwarm, the umbrella package: one library product per domain.
//
// The targets point into the nested domain folders (each of which is also a package of its own,
// for contributors who run `swift test` inside one domain). A user who adds this repository by URL
// and depends on one product, say `SIMDKit`, compiles that product's targets and nothing else
// (Tests/IntegrationTests/ConsumerPackageTests.swift proves it). Test helpers, benchmark harnesses
// and tools stay in the domain packages; nothing here uses unsafe flags, which a package consumed
// by URL may not carry.
import PackageDescription

let package = Package(
  name: "RuvSwarm",
  products: [
    .library(name: "SIMDKit", targets: ["SIMDKit"]),
    .library(name: "Neural", targets: ["Neural"]),
    .library(name: "NeuralIO", targets: ["NeuralIO"]),
    .library(name: "Forecasting", targets: ["Forecasting"]),
    .library(name: "ForecastingIO", targets: ["ForecastingIO"]),
    .library(name: "Core", targets: ["Core"]),
    .library(name: "CoreParallel", targets: ["CoreParallel"]),
    .library(name: "Persistence", targets: ["Persistence"]),
    .library(name: "PersistenceCore", targets: ["PersistenceCore"]),
  ],
  targets: [
    // SIMDKit: portable kernels.
    .target(name: "SIMDKit", path: "SIMDKit/Sources/SIMDKit", exclude: ["SIMDKit.docc"],
            // Double.squareRoot() is a libm call in unoptimised native builds (PortableMath.pow).
            linkerSettings: [.linkedLibrary("m", .when(platforms: [.linux]))]),

    // Neural: FANN-compatible networks and differentiable layers; OpenBLAS natively.
    .systemLibrary(name: "COpenBLAS", path: "Neural/Sources/COpenBLAS", providers: [.apt(["libopenblas-dev"])]),
    .target(name: "Neural", dependencies: ["COpenBLAS", "SIMDKit"], path: "Neural/Sources/Neural", exclude: ["Neural.docc"]),
    .target(name: "NeuralIO", dependencies: ["Neural"], path: "Neural/Sources/NeuralIO"),

    // Forecasting: NeuralForecast-style models, data, metrics.
    .target(name: "Forecasting", dependencies: ["Neural"], path: "Forecasting/Sources/Forecasting", exclude: ["Forecasting.docc"]),
    .target(name: "ForecastingIO", dependencies: ["Forecasting"], path: "Forecasting/Sources/ForecastingIO"),

    // Core: agent swarms; CoreParallel is the native multi-core executor.
    .target(name: "Core", path: "Core/Sources/Core", exclude: ["Core.docc"]),
    .target(name: "CoreParallel", dependencies: ["Core"], path: "Core/Sources/CoreParallel"),

    // Persistence: SQLite storage; PersistenceCore stores Core's swarms.
    .systemLibrary(name: "CSQLite", path: "Persistence/Sources/CSQLite", providers: [.apt(["libsqlite3-dev"])]),
    .target(name: "Persistence", dependencies: ["CSQLite"], path: "Persistence/Sources/Persistence", exclude: ["Persistence.docc"]),
    .target(name: "PersistenceCore", dependencies: ["Persistence", "Core"], path: "Persistence/Sources/PersistenceCore"),

    // Cross-domain tests.
    .testTarget(
      name: "IntegrationTests",
      dependencies: ["SIMDKit", "Neural", "NeuralIO", "Forecasting", "ForecastingIO", "Core", "CoreParallel", "Persistence", "PersistenceCore"],
      path: "Tests/IntegrationTests"),
  ]
)
