import Testing
@testable import BundlerKit

@Suite struct TypeScriptGeneratorTests {
  @Test func snapshot() throws {
    let specs = try Planner.dependencyOrder(try Fixtures.domains()).map(\.spec)
    let text = TypeScriptGenerator.declarations(for: specs)
    try Fixtures.snapshot(text, "domains.d.ts.txt")
    #expect(text.contains("  gemm(m: number, n: number, k: number, a: Float32Array, b: Float32Array): Float32Array;"))
    #expect(text.contains("  axpy(a: number, x: Float32Array, y: Float32Array): void;"))
    #expect(text.contains("export type SimdkitDomainErrorCode = 'simdkit.lengthMismatch' | "))
  }

  @Test func emptyBuild() {
    let text = TypeScriptGenerator.declarations(for: [])
    #expect(text.contains("export interface Domains {\n}") && text.contains("export type DomainErrorCode =\n  never;"))
    let bare = APISpec(domain: "bare", module: "Bare")
    #expect(TypeScriptGenerator.declarations(for: [bare]).contains("export type BareDomainErrorCode = never;"))
  }
}
