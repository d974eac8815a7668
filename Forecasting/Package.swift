// swift-tools-version: 6.1
//
// Forecasting as a package of its own: `swift test` here runs its tests and notebooks
// (README.md and Sources/Forecasting/Forecasting.docc/NN-*.md, compiled into
// ForecastingNotebookTests by the NotebookPlugin of ../Notebook).
//
// - `Forecasting`: the domain module (Embedded-Swift clean; compiles for wasm32-unknown-none-wasm).
// - `ForecastingIO`: native-only adapter (Foundation): CSV files in and out.
// - `forecast-bench`: the benchmark executable behind scripts/bench-forecast.sh.
import PackageDescription

let package = Package(
  name: "Forecasting",
  products: [
    .library(name: "Forecasting", targets: ["Forecasting"]),
    .library(name: "ForecastingIO", targets: ["ForecastingIO"]),
  ],
  dependencies: [
    .package(path: "../Notebook"),
    .package(path: "../Neural"),
  ],
  targets: [
    .target(
      name: "Forecasting", dependencies: [.product(name: "Neural", package: "Neural")],
      exclude: ["Forecasting.docc"]),
    .target(name: "ForecastingIO", dependencies: ["Forecasting"]),
    .executableTarget(
      name: "forecast-bench", dependencies: ["Forecasting", "ForecastingIO"],
      path: "Benchmarks/ForecastBench"),
    .testTarget(name: "ForecastingTests", dependencies: ["Forecasting", "ForecastingIO"], exclude: ["Fixtures"]),
    .testTarget(
      name: "ForecastingNotebookTests", dependencies: ["Forecasting", "ForecastingIO"],
      plugins: [.plugin(name: "NotebookPlugin", package: "Notebook")]),
  ]
)
