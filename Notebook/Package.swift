// swift-tools-version: 6.1
//
// Notebook: the build-tool plugin that turns Markdown notebooks into Swift Testing tests.
//
// A domain applies `NotebookPlugin` to a test target; the plugin runs `notebook-gen` once per notebook
// (the package README.md and every Sources/*/*.docc/NN-*.md) and compiles the generated tests into
// that target. See README.md.
import PackageDescription

let package = Package(
  name: "Notebook",
  products: [
    .plugin(name: "NotebookPlugin", targets: ["NotebookPlugin"]),
  ],
  targets: [
    .target(name: "NotebookCore"),
    .executableTarget(name: "notebook-gen", dependencies: ["NotebookCore"]),
    .plugin(name: "NotebookPlugin", capability: .buildTool(), dependencies: ["notebook-gen"]),
    .testTarget(name: "NotebookCoreTests", dependencies: ["NotebookCore"], exclude: ["Fixtures"]),
    .testTarget(name: "NotebookPluginTests"),
  ]
)
