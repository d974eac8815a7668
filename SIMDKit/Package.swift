// swift-tools-version: 6.1
//
// SIMDKit as a package of its own: `swift test` here runs SIMDKit's tests and notebooks
// (README.md and Sources/SIMDKit/SIMDKit.docc/NN-*.md, compiled into SIMDKitNotebookTests by the
// NotebookPlugin of ../Notebook).
import PackageDescription

let package = Package(
  name: "SIMDKit",
  products: [
    .library(name: "SIMDKit", targets: ["SIMDKit"]),
  ],
  dependencies: [
    .package(path: "../Notebook"),
  ],
  targets: [
    .target(name: "SIMDKit", exclude: ["SIMDKit.docc"],
            // Double.squareRoot() is a libm call in unoptimised native builds (PortableMath.pow).
            linkerSettings: [.linkedLibrary("m", .when(platforms: [.linux]))]),
    .testTarget(name: "SIMDKitTests", dependencies: ["SIMDKit"]),
    .testTarget(
      name: "SIMDKitNotebookTests", dependencies: ["SIMDKit"],
      plugins: [.plugin(name: "NotebookPlugin", package: "Notebook")]),
  ]
)
