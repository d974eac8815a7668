import Testing
@testable import BundlerKit

@Suite struct BuildPlanTests {
  @Test func symbolicPaths() {
    let path = SymbolicPath(.work, "simd")
    #expect(path.appending("a.o").description == "$WORK/simd/a.o")
    #expect(SymbolicPath(.out).appending("x").description == "$OUT/x")
    #expect(SymbolicPath(.out).description == "$OUT")
    #expect(path.appending("a.o").lastComponent == "a.o")
    #expect(SymbolicPath(.out, "a") < SymbolicPath(.work, "a"))
    #expect(Variant.scalar < Variant.simd)
  }

  @Test func stepDescriptions() {
    #expect(BuildStep.makeDirectory(SymbolicPath(.out)).description == "mkdir $OUT")
    #expect(BuildStep.write(SymbolicPath(.out, "a"), contents: "abc").description == "write $OUT/a (3 bytes, sha256 ba7816bf8f01)")
    #expect(BuildStep.copy(SymbolicPath(.repo, "a"), to: SymbolicPath(.out, "a")).description == "copy $REPO/a -> $OUT/a")
    #expect(BuildStep.run(.gzip, [.text("-9"), .path(SymbolicPath(.out, "x")), .exportUndefinedSymbols(of: [SymbolicPath(.work, "a.o")])], label: "l").description
      == "run [l] gzip -9 $OUT/x @export-undefined($WORK/a.o)")
    #expect(BuildStep.checkInstructions(SymbolicPath(.work, "a"), instructions: ["f32x4"], present: true).description == "check $WORK/a contains f32x4")
    #expect(BuildStep.checkInstructions(SymbolicPath(.work, "a"), instructions: ["v128", "i8x16"], present: false).description == "check $WORK/a has no v128, i8x16")
    #expect(BuildStep.publish(chunk: "c", kind: .domain, variant: .simd, from: SymbolicPath(.work, "c")).description == "publish domain c [simd] from $WORK/c")
    #expect(BuildStep.writeManifest(SymbolicPath(.out, "m")).description == "manifest $OUT/m")
    #expect(BuildStep.pruneChunks(SymbolicPath(.out, "chunks")).description == "prune $OUT/chunks")
    let plan = BuildPlan(prepare: [.makeDirectory(SymbolicPath(.out))], lanes: [], finish: [])
    #expect(plan.allSteps.count == 1 && plan == BuildPlan(prepare: [.makeDirectory(SymbolicPath(.out))], lanes: [], finish: []))
  }

  @Test func makespanSimulatesTheScheduler() {
    let a = SymbolicPath(.work, "a.o"), b = SymbolicPath(.work, "b.wasm"), c = SymbolicPath(.work, "c.o")
    let steps: [BuildStep] = [
      .run(.swiftc, [.text("-o"), .path(a)], label: "compile a"),
      .run(.wasmLd, [.path(a), .text("-o"), .path(b)], label: "link a"),
      .run(.swiftc, [.text("-o"), .path(c)], label: "compile c"),
    ]
    #expect(BuildPlan.dependencies(of: steps) == [[], [0], []])
    #expect(BuildPlan.makespan(of: steps, seconds: [10, 1, 5], workers: 2) == 11)
    #expect(BuildPlan.makespan(of: steps, seconds: [10, 1, 5], workers: 1) == 16)
    #expect(BuildPlan.makespan(of: steps, seconds: [10, 1, 5], workers: 3) == 11)
    #expect(BuildPlan.makespan(of: [], seconds: [], workers: 2) == 0)
    #expect(BuildPlan.criticalPath(of: steps, dependencies: [[], [0], []]) == [22, 2, 20])
  }
}
