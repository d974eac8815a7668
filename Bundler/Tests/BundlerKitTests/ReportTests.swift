import Testing
@testable import BundlerKit

@Suite struct ReportTests {
  @Test func tableAndTargets() throws {
    let file = Manifest.File(file: "chunks/a.simd.0.wasm", size: 1000, gzip: 500, brotli: 400, integrity: "sha256-x", sha256: "0")
    let manifest = Manifest(
      version: "0", build: Manifest.BuildInfo(toolchain: "t", stackSize: 1, optimized: true, variants: [:]),
      chunks: ["runtime": Manifest.Chunk(kind: .runtime, module: nil, dependencies: [], variants: ["simd": file], api: nil),
               "averyveryverylongname": Manifest.Chunk(kind: .domain, module: "A", dependencies: ["runtime"], variants: ["simd": file], api: nil)])
    let text = Report.text(manifest: manifest, seconds: 12.34, out: "dist")
    try Fixtures.snapshot(text + "\n", "report.txt")
    #expect(text.contains("in 12.3 s") && text.contains("build ok") && text.contains("runtime 400 B brotli (< 10000 B: ok)"))
    let slow = Report.text(manifest: manifest, seconds: 99, out: "dist")
    #expect(slow.contains("build MISSED"))
    #expect(Report.text(manifest: manifest, seconds: 20, out: "d", toolSeconds: 11.04).contains("(target < 30 s, 11.0 s CPU in tools)"))
    #expect(Report.text(manifest: manifest, seconds: 80, out: "d", toolSeconds: 40, predictedTwoCoreSeconds: 21.26)
      .contains("(target < 30 s, 40.0 s CPU in tools; on 2 idle cores: 21.3 s (ok))"))
    #expect(Report.text(manifest: manifest, seconds: 80, out: "d", predictedTwoCoreSeconds: 31).contains("; on 2 idle cores: 31.0 s (MISSED))"))
  }
}
