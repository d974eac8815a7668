// swift-tools-version: 6.1
//
// SIMDKit as a package of its own: `swift test` here runs SIMDKit's tests and notebooks.
import PackageDescription

let package = Package(
  name: "SIMDKit",
  products: [
    .library(name: "SIMDKit", targets: ["SIMDKit"]),
  ],
  targets: [
    .target(name: "SIMDKit", exclude: ["SIMDKit.docc"]),
    .testTarget(name: "SIMDKitTests", dependencies: ["SIMDKit"]),
  ]
)
