// swift-tools-version: 6.1
//
// The Bundler: builds every domain into lazily loaded wasm chunks that share one memory,
// plus manifest.json, loader.js, loader.d.ts and package.json. A native tool (Foundation is fine here).
import PackageDescription

let package = Package(
  name: "Bundler",
  products: [
    .library(name: "BundlerKit", targets: ["BundlerKit"]),
    .executable(name: "bundler", targets: ["bundler"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    .package(path: "../SIMDKit"),
    .package(path: "../Notebook"),
  ],
  targets: [
    .target(name: "BundlerKit", exclude: ["BundlerKit.docc"]),
    .executableTarget(
      name: "bundler",
      dependencies: ["BundlerKit", .product(name: "ArgumentParser", package: "swift-argument-parser")]
    ),
    // Test support: SIMDKit's native results on fixed inputs, which the wasm tests must reproduce.
    .executableTarget(name: "native-expectations", dependencies: [.product(name: "SIMDKit", package: "SIMDKit")]),
    .testTarget(name: "BundlerKitTests", dependencies: ["BundlerKit"], exclude: ["Fixtures"]),
    .testTarget(
      name: "BundlerKitNotebookTests", dependencies: ["BundlerKit"],
      plugins: [.plugin(name: "NotebookPlugin", package: "Notebook")]),
  ]
)
