import Foundation
import Testing
@testable import BundlerKit

@Suite struct ManifestTests {
  @Test func apiSectionFollowsTheDeclaration() throws {
    let spec = try Fixtures.domains()[2].spec
    let api = Manifest.API(spec)
    #expect(api.errorType == "KernelError")
    #expect(api.errors.first == Manifest.ErrorEntry(
      code: 1, name: "lengthMismatch",
      fields: [Manifest.Field(name: "expected", kind: "int"), Manifest.Field(name: "actual", kind: "int")],
      message: "length mismatch: expected {expected} elements, got {actual}"))
    let gemm = try #require(api.functions.first { $0.name == "gemm" })
    #expect(gemm.export == "simdkit_gemm" && gemm.returns == Manifest.Returns(kind: "f32[]", length: ["m", "n"]))
    #expect(api.functions.first { $0.name == "axpy" }?.returns.kind == "void")
    #expect(api.functions.first { $0.name == "argmax" }?.returns.kind == "i32")
    #expect(api.functions.first { $0.name == "axpy" }?.params.map(\.kind) == ["f32", "f32[]", "inout f32[]"])
  }

  @Test func jsonIsSortedAndRoundTrips() throws {
    let manifest = Manifest(
      version: "1", build: Manifest.BuildInfo(toolchain: "t", stackSize: 4, optimized: false, variants: ["simd": ["-x"]]),
      chunks: ["runtime": Manifest.Chunk(kind: .runtime, module: nil, dependencies: [], variants: [:], api: nil)])
    let text = try manifest.jsonText()
    #expect(text.hasSuffix("}\n") && text.contains("\"format\" : 1") && !text.contains("\\/"))
    #expect(text.range(of: "\"build\"")!.lowerBound < text.range(of: "\"chunks\"")!.lowerBound)
    #expect(try JSONDecoder().decode(Manifest.self, from: Data(text.utf8)) == manifest)
  }
}
