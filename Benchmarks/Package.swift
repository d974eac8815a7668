// swift-tools-version: 6.1
//
// Benchmarks for SIMDKit: a release-built harness that checks every answer against the scalar
// reference before timing, then reports ratios against a peer measured in the same run
// (single-threaded OpenBLAS for gemm/gemv, SIMDKit's own scalar reference for the SIMD paths).
// Run it with scripts/bench.sh (`make bench`), which adds the native CPU flags.
//
// Why not ordo-one/package-benchmark: version 1.38.1 needs ordo-one/swift-runtime-interposer
// on Linux with Swift 6.3, which is not among the packages this machine can resolve; and the
// requirement here is a ratio against a peer in the same run, which a plain harness gives with
// min-of-N timing and a handful of lines.
import PackageDescription

let package = Package(
  name: "Benchmarks",
  dependencies: [
    .package(path: "../SIMDKit"),
  ],
  targets: [
    .systemLibrary(
      name: "COpenBLAS",
      providers: [.apt(["libopenblas-dev"])]
    ),
    .executableTarget(
      name: "SIMDKitBench",
      dependencies: [
        "COpenBLAS",
        .product(name: "SIMDKit", package: "SIMDKit"),
      ]
    ),
  ]
)
