// swift-tools-version: 6.1
//
// The `ruvswarm` command-line tool (issue 10), a native-only package.
//
// - `RuvSwarmCLI`: every command's logic (swift-argument-parser commands, progress bars, the demo
//   scenario), a library so that the tests drive the commands end to end in-process.
// - `ruvswarm`: the executable, a one-line `main.swift` calling `RuvSwarmCommand.main()`.
//
// Foundation is allowed here: this is a native tool, not domain code.
import PackageDescription

let package = Package(
  name: "CLI",
  products: [
    .executable(name: "ruvswarm", targets: ["ruvswarm"]),
    .library(name: "RuvSwarmCLI", targets: ["RuvSwarmCLI"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    .package(path: "../Neural"),
    .package(path: "../Forecasting"),
    .package(path: "../Core"),
    .package(path: "../Persistence"),
  ],
  targets: [
    .target(
      name: "RuvSwarmCLI",
      dependencies: [
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
        .product(name: "Neural", package: "Neural"),
        .product(name: "NeuralIO", package: "Neural"),
        .product(name: "Forecasting", package: "Forecasting"),
        .product(name: "ForecastingIO", package: "Forecasting"),
        .product(name: "Core", package: "Core"),
        .product(name: "CoreParallel", package: "Core"),
        .product(name: "Persistence", package: "Persistence"),
        .product(name: "PersistenceCore", package: "Persistence"),
      ]),
    .executableTarget(name: "ruvswarm", dependencies: ["RuvSwarmCLI"]),
    .testTarget(name: "RuvSwarmCLITests", dependencies: ["RuvSwarmCLI"], exclude: ["Fixtures"]),
  ]
)
