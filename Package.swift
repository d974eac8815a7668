// swift-tools-version: 6.1
//
// RuvSwarm, the umbrella package: one library product per domain.
//
// The targets point into the nested domain folders (each of which is also a package of its own,
// for contributors who run `swift test` inside one domain). A user who adds this repository by URL
// and depends on one product, say `SIMDKit`, compiles that product's targets and nothing else.
import PackageDescription

let package = Package(
  name: "RuvSwarm",
  products: [
    .library(name: "SIMDKit", targets: ["SIMDKit"]),
  ],
  targets: [
    .target(name: "SIMDKit", path: "SIMDKit/Sources/SIMDKit", exclude: ["SIMDKit.docc"]),
    .testTarget(name: "IntegrationTests", dependencies: ["SIMDKit"], path: "Tests/IntegrationTests"),
  ]
)
