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
    #expect(text.contains("  echo(text: string): string;") && text.contains("  reversed(data: Uint8Array): Uint8Array;"))
    #expect(text.contains("  scale(factor: number, x: Float64Array): Float64Array;") && text.contains("  cumulative(x: Int32Array): Int32Array;"))
    #expect(text.contains("  halves(x: Float32Array): Float32Array;") && text.contains("  negate(x: Float64Array): void;"))
    #expect(text.contains("export type ProbeDomainErrorCode = 'probe.unknownHandle' | 'probe.notADigit' | 'probe.negativeSize' | 'probe.tooLarge';"))
  }

  @Test func emptyBuild() {
    let text = TypeScriptGenerator.declarations(for: [])
    #expect(text.contains("export interface Domains {\n}") && text.contains("export type DomainErrorCode =\n  never;"))
    let bare = APISpec(domain: "bare", module: "Bare")
    #expect(TypeScriptGenerator.declarations(for: [bare]).contains("export type BareDomainErrorCode = never;"))
    let twice = APISpec(domain: "two", module: "Two", errorSets: [
      ErrorSet(type: "A", cases: [ErrorCase(code: 1, name: "same", fields: [], message: "")]),
      ErrorSet(type: "B", cases: [ErrorCase(code: 1, name: "same", fields: [], message: "")]),
    ])
    #expect(TypeScriptGenerator.declarations(for: [twice]).contains("export type TwoDomainErrorCode = 'two.same';"))
  }
}
