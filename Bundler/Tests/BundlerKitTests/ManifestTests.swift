import Foundation
import Testing
@testable import BundlerKit

@Suite struct ManifestTests {
  @Test func apiSectionFollowsTheDeclaration() throws {
    let spec = try Fixtures.domains()[2].spec
    let api = Manifest.API(spec)
    #expect(api.errorTypes.map(\.type) == ["KernelError"])
    #expect(api.errorTypes[0].errors.first == Manifest.ErrorEntry(
      code: 1, name: "lengthMismatch",
      fields: [Manifest.Field(name: "expected", kind: "int"), Manifest.Field(name: "actual", kind: "int")],
      message: "length mismatch: expected {expected} elements, got {actual}"))
    let gemm = try #require(api.functions.first { $0.name == "gemm" })
    #expect(gemm.export == "simdkit_gemm" && gemm.returns == Manifest.Returns(kind: "f32[]", length: ["m", "n"]))
    #expect(api.functions.first { $0.name == "axpy" }?.returns.kind == "void")
    #expect(api.functions.first { $0.name == "argmax" }?.returns.kind == "i32")
    #expect(api.functions.first { $0.name == "axpy" }?.params.map(\.kind) == ["f32", "f32[]", "inout f32[]"])
    #expect(gemm.errorType == "KernelError")
  }

  @Test func everyFunctionNamesItsErrorEnum() throws {
    let probe = try Fixtures.domains()[1].spec
    let api = Manifest.API(probe)
    #expect(api.errorTypes.map(\.type) == ["ProbeError", "ProbeDataError"])
    #expect(api.errorTypes.map { $0.errors[0].code } == [1, 1])
    func entry(_ name: String) -> Manifest.FunctionEntry? { api.functions.first { $0.name == name } }
    #expect(entry("total")?.errorType == "ProbeError" && entry("digits")?.errorType == "ProbeDataError")
    #expect(entry("create")?.errorType == nil && entry("echo")?.errorType == nil)
    #expect(entry("echo")?.returns == Manifest.Returns(kind: "string", length: nil))
    #expect(entry("echo")?.params.map(\.kind) == ["string"])
    #expect(entry("reversed")?.returns == Manifest.Returns(kind: "bytes", length: nil))
    #expect(entry("positives")?.returns == Manifest.Returns(kind: "f64[]", length: nil))
    #expect(entry("ramp")?.returns == Manifest.Returns(kind: "f64[]", length: ["count"]))
    #expect(entry("squares")?.returns == Manifest.Returns(kind: "i32[]", length: ["x.length"]))
    #expect(entry("increment")?.params.map(\.kind) == ["inout i32[]"])
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
