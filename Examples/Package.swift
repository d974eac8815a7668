// swift-tools-version: 6.1
//
// Example programs for RuvSwarm. `gemm-demo` is what `make demo` runs (scripts/demo.sh builds it
// in release with the native CPU flags).
import PackageDescription

let package = Package(
  name: "Examples",
  products: [
    .executable(name: "gemm-demo", targets: ["GEMMDemo"]),
  ],
  dependencies: [
    .package(path: "../SIMDKit"),
  ],
  targets: [
    .executableTarget(
      name: "GEMMDemo",
      dependencies: [.product(name: "SIMDKit", package: "SIMDKit")]
    ),
  ]
)
