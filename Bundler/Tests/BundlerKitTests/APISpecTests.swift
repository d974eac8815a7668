import Testing
@testable import BundlerKit

@Suite struct APISpecTests {
  @Test func simdkitDeclarationParses() throws {
    let spec = try Fixtures.domains()[2].spec
    #expect(spec.domain == "simdkit" && spec.module == "SIMDKit" && spec.simdRequired && spec.depends.isEmpty)
    #expect(spec.errorType == "KernelError")
    #expect(spec.errors.map(\.name) == ["lengthMismatch", "invalidDimension", "bufferTooSmall", "empty"])
    #expect(spec.errors[2].fields.map(\.kind) == [.name, .int, .int])
    let gemm = try #require(spec.functions.first { $0.name == "gemm" })
    #expect(gemm.params.map(\.kind) == [.i32, .i32, .i32, .array, .array])
    #expect(gemm.returns == .array(length: [.parameter("m"), .parameter("n")]))
    #expect(spec.exportName(of: gemm) == "simdkit_gemm")
    #expect(spec.glueFile == "SIMDKit+JSExports.swift")
    #expect(spec.errorRecordSlots == 1 + ErrorRecord.nameSlots + 2)
    #expect(spec.errorRecordSlots <= ErrorRecord.slots)
  }

  @Test func minimalDeclaration() throws {
    let spec = try APISpec(parsing: "domain demo\nmodule Demo\nfunction twice(x: f32) -> f32\n  swift: x * 2\n")
    #expect(spec == APISpec(domain: "demo", module: "Demo", functions: [
      Function(name: "twice", params: [Param(name: "x", kind: .f32)], returns: .scalar(.f32), swift: "x * 2")
    ]))
    #expect(spec.errorRecordSlots == 0)
  }

  @Test func everyParameterAndResultKind() throws {
    let spec = try APISpec(parsing: """
      # comment
      domain k
      module K
      depends a b

      function f(a: f32, b: f64, c: i32, d: f32[], e: inout f32[]) -> f64
        /// one
        ///two
        swift: 1
      function g() -> i32
        swift: 2
      function h(n: i32, x: f32[]) -> f32[4*n*x.length]
        swift: ()
      function v()
        swift: ()
      """)
    #expect(spec.depends == ["a", "b"])
    #expect(spec.functions[0].params.map(\.kind) == [.f32, .f64, .i32, .array, .mutableArray])
    #expect(spec.functions[0].doc == ["one", "two"])
    #expect(spec.functions[0].returns == .scalar(.f64))
    #expect(spec.functions[1].returns == .scalar(.i32))
    #expect(spec.functions[2].returns == .array(length: [.literal(4), .parameter("n"), .lengthOf("x")]))
    #expect(spec.functions[2].returns != .void)
    #expect(spec.functions[3].returns == .void)
    #expect(LengthFactor.lengthOf("x").spelling == "x.length")
    #expect(ParamKind.allCases.filter(\.isArray) == [.array, .mutableArray, .f64Array, .mutableF64Array, .i32Array, .mutableI32Array, .bytes, .string])
    #expect(ParamKind.allCases.filter(\.isMutable) == [.mutableArray, .mutableF64Array, .mutableI32Array])
    #expect(try ParamKind(parsing: " inout f32[] ") == .mutableArray)
  }

  @Test func buffersStringsAndOwnedResults() throws {
    let spec = try APISpec(parsing: """
      domain k
      module K
      function a(s: string, b: bytes, d: f64[], i: i32[], m: inout f64[], n: inout i32[]) -> string
        swift: s
      function b(x: bytes) -> bytes
        swift: x
      function c(x: f64[]) -> f64[x.length]
        swift: ()
      function d(n: i32, s: string) -> i32[n*s.length]
        swift: ()
      function e() -> f32[]
        swift: []
      function f() -> f64[]
        swift: []
      function g() -> i32[]
        swift: []
      """)
    #expect(spec.functions[0].params.map(\.kind) == [.string, .bytes, .f64Array, .i32Array, .mutableF64Array, .mutableI32Array])
    #expect(spec.functions[0].params.map { $0.kind.element } == [.u8, .u8, .f64, .i32, .f64, .i32])
    #expect(ParamKind.f32.element == nil)
    #expect(spec.functions.map(\.returns) == [
      .owned(.string), .owned(.bytes), .array(.f64, length: [.lengthOf("x")]),
      .array(.i32, length: [.parameter("n"), .lengthOf("s")]), .owned(.f32Array), .owned(.f64Array), .owned(.i32Array),
    ])
    #expect(OwnedResult.allCases.map(\.element) == [.f32, .f64, .i32, .u8, .u8])
    #expect(Element.allCases.map(\.swiftType) == ["Float", "Double", "Int32", "UInt8"])
    #expect(Element.allCases.map(\.typedArray) == ["Float32Array", "Float64Array", "Int32Array", "Uint8Array"])
  }

  @Test func cSourcesAndPreparations() throws {
    let spec = try APISpec(parsing: """
      domain c
      module C
      prepare src ../fetch.sh
      csource C/a.c $src/b.c
      csource C/c.c
      cinclude include $src
      cflags -DX=1 -O2
      cflags -DY
      """)
    #expect(spec.preparations == [Preparation(name: "src", script: "../fetch.sh")])
    #expect(spec.cSources == ["C/a.c", "$src/b.c", "C/c.c"] && spec.cIncludes == ["include", "$src"])
    #expect(spec.cFlags == ["-DX=1", "-O2", "-DY"] && spec.hasC)
    let other = try APISpec(parsing: "domain c\nmodule C\nprepare more ../more.sh\ncsource C/a.c C/d.c\ncinclude include\ncflags -DZ")
    let merged = try APISpec.merging([spec, other])
    #expect(merged.preparations.map(\.name) == ["src", "more"] && merged.cSources == ["C/a.c", "$src/b.c", "C/c.c", "C/d.c"])
    #expect(merged.cIncludes == ["include", "$src"] && merged.cFlags == ["-DX=1", "-O2", "-DY", "-DZ"])
    #expect(try APISpec.merging([spec, spec]).preparations.count == 1)
    let clash = try APISpec(parsing: "domain c\nmodule C\nprepare src ../other.sh")
    #expect { try APISpec.merging([spec, clash]) } throws: { ($0 as? SpecError)?.message.contains("preparation 'src' is declared twice") == true }
    #expect(!(try APISpec(parsing: "domain c\nmodule C")).hasC)
  }

  @Test func jsModules() throws {
    let spec = try APISpec(parsing: "domain p\nmodule P\njsmodule JS/p.mjs JS/s.mjs\njsmodule JS/legacy.js")
    #expect(spec.jsModules == ["JS/p.mjs", "JS/s.mjs", "JS/legacy.js"])
    #expect(APISpec.moduleName("JS/p.mjs") == "p.mjs" && APISpec.moduleName("p.mjs") == "p.mjs")
    #expect(APISpec.declarationName("JS/p.mjs") == "JS/p.d.mts" && APISpec.declarationName("JS/legacy.js") == "JS/legacy.d.ts")
    let other = try APISpec(parsing: "domain p\nmodule P\njsmodule JS/s.mjs JS/t.mjs")
    #expect(try APISpec.merging([spec, other]).jsModules == ["JS/p.mjs", "JS/s.mjs", "JS/legacy.js", "JS/t.mjs"])
    let clash = try APISpec(parsing: "domain p\nmodule P\njsmodule Other/p.mjs")
    #expect { try APISpec.merging([spec, clash]) } throws: { ($0 as? SpecError)?.message.contains("two JS modules named 'p.mjs'") == true }
    #expect(try APISpec(parsing: "domain p\nmodule P").jsModules.isEmpty)
  }

  @Test func tryIsAWord() {
    func f(_ swift: String) -> Function { Function(name: "f", params: [], returns: .void, swift: swift) }
    #expect(f("try g()").throws && f("x(try g())").throws && f("try").throws && f("(try? g()) ?? 0").throws)
    #expect(!f("Registry.insert(x)").throws && !f("retry()").throws && !f("tryAgain()").throws && !f("a.try_x").throws)
  }

  @Test func filesOfOneDomainMerge() throws {
    let a = try APISpec(parsing: "domain d\nmodule D\ndepends x\nerror A\ncase 1 a \"a\"\nfunction f()\n  swift: try f()")
    let b = try APISpec(parsing: "domain d\nmodule D\ndepends x y\nsimd required\nerror B\ncase 1 b \"b\"\nfunction g()\n  swift: try g()\nfunction h()\n  swift: h()")
    let merged = try APISpec.merging([a, b])
    #expect(merged.depends == ["x", "y"] && merged.simdRequired)
    #expect(merged.errorSets.map(\.type) == ["A", "B"] && merged.functions.map(\.name) == ["f", "g", "h"])
    #expect(merged.functions.map(\.errorType) == ["A", "B", "B"])
    #expect(merged.errorSet(of: merged.functions[1])?.cases.map(\.name) == ["b"])
    #expect(merged.errorType == "A" && merged.errors.map(\.name) == ["a"])
    let none = try APISpec(parsing: "domain d\nmodule D")
    #expect(none.errorType == nil && none.errors.isEmpty && none.errorRecordSlots == 0)
    let failures: [([APISpec], String)] = [
      ([], "no declarations to merge"),
      ([a, try APISpec(parsing: "domain e\nmodule D")], "cannot merge domain 'e' into 'd'"),
      ([a, try APISpec(parsing: "domain d\nmodule E")], "names two modules, D and E"),
      ([a, a], "error type 'A' is declared by two files"),
      ([a, try APISpec(parsing: "domain d\nmodule D\nfunction f()\n  swift: 1")], "function 'f' is declared by two files"),
    ]
    for (parts, message) in failures {
      #expect { try APISpec.merging(parts) } throws: { ($0 as? SpecError)?.message.contains(message) == true }
    }
  }

  @Test func errorCases() throws {
    let spec = try APISpec(parsing: """
      domain e
      module E
      error Failure
      case 1 plain "it failed"
      case 7 rich(count: int, label: name) "{label}: {count}"
      function f() -> f32
        swift: try thing()
      """)
    #expect(spec.errors == [
      ErrorCase(code: 1, name: "plain", fields: [], message: "it failed"),
      ErrorCase(code: 7, name: "rich", fields: [("count", .int), ("label", .name)], message: "{label}: {count}"),
    ])
    #expect(spec.errors[0] != spec.errors[1])
    #expect("{a} and {b} {".placeholders == ["a", "b"])
  }

  static let invalid: [(String, Int, String)] = [
    ("module M", 0, "missing 'domain' line"),
    ("domain d", 0, "missing 'module' line"),
    ("domain D\nmodule M", 1, "lowercase identifier"),
    ("domain d\nmodule 9M", 2, "not an identifier"),
    ("domain d\nmodule M\nsimd maybe", 3, "expected 'simd required'"),
    ("domain d\nmodule M\nerror 1x", 3, "not an identifier"),
    ("domain d\nmodule M\ncase 1 a \"m\"", 3, "'case' before 'error'"),
    ("domain d\nmodule M\nerror E\ncase 0 a \"m\"", 4, "positive integer"),
    ("domain d\nmodule M\nerror E\ncase 1 a", 4, "quoted message"),
    ("domain d\nmodule M\nerror E\ncase 1 a(x: float) \"m\"", 4, "'int' or 'name'"),
    ("domain d\nmodule M\nerror E\ncase 1 a \"{nope}\"", 4, "names no field"),
    ("domain d\nmodule M\nerror E\ncase 1 a \"m\"\ncase 1 b \"m\"", 5, "declared twice"),
    ("domain d\nmodule M\nbogus", 3, "unknown keyword 'bogus'"),
    ("domain d\nmodule M\nfunction f()", 3, "has no 'swift:' line"),
    ("domain d\nmodule M\nfunction f()\n  swift: 1\n  swift: 2", 5, "a second 'swift:' line"),
    ("domain d\nmodule M\nfunction f()\n  swift:", 4, "empty 'swift:' expression"),
    ("domain d\nmodule M\nfunction f()\n  oops", 4, "expected '///' or 'swift:'"),
    ("domain d\nmodule M\nfunction f()\n  swift: 1\nfunction f()\n  swift: 1", 5, "declared twice"),
    ("domain d\nmodule M\nfunction f(x: f16)\n  swift: 1", 3, "unknown parameter type 'f16'"),
    ("domain d\nmodule M\nfunction f() -> u8\n  swift: 1", 3, "unknown result type 'u8'"),
    ("domain d\nmodule M\nfunction f() -> f32[n]\n  swift: 1", 3, "not an i32 parameter"),
    ("domain d\nmodule M\nfunction f() -> f32[x.length]\n  swift: 1", 3, "names no array parameter"),
    ("domain d\nmodule M\nfunction f() -> f32[-1]\n  swift: 1", 3, "bad length factor"),
    ("domain d\nmodule M\nfunction f(result: f32[]) -> f32[result.length]\n  swift: 1", 3, "'result' is reserved"),
    ("domain d\nmodule M\nfunction f(ret: f32)\n  swift: 1", 3, "'ret' is reserved"),
    ("domain d\nmodule M\nerror A\nerror B", 4, "a second 'error' line"),
    ("domain d\nmodule M\nprepare x", 3, "expected 'prepare <name> <script>'"),
    ("domain d\nmodule M\nprepare 1x a.sh", 3, "expected 'prepare <name> <script>'"),
    ("domain d\nmodule M\nprepare x a.sh\nprepare x b.sh", 4, "preparation 'x' is declared twice"),
    ("domain d\nmodule M\ncsource", 3, "needs at least one path"),
    ("domain d\nmodule M\ncsource /abs/a.c", 3, "must be relative"),
    ("domain d\nmodule M\ncsource a.h", 3, "is not a .c file"),
    ("domain d\nmodule M\ncinclude $nope/x", 3, "names no preparation 'nope'"),
    ("domain d\nmodule M\njsmodule", 3, "'jsmodule' needs at least one path"),
    ("domain d\nmodule M\njsmodule /abs/a.mjs", 3, "must be a path inside the domain folder"),
    ("domain d\nmodule M\njsmodule ../Other/a.mjs", 3, "must be a path inside the domain folder"),
    ("domain d\nmodule M\njsmodule $x/a.mjs", 3, "must be a path inside the domain folder"),
    ("domain d\nmodule M\njsmodule JS/a.ts", 3, "is not a .mjs or .js file"),
    ("domain d\nmodule M\njsmodule JS/a.mjs\njsmodule Other/a.mjs", 4, "a second JS module named 'a.mjs'"),
    ("domain d\nmodule M\nfunction f() -> u8[]\n  swift: 1", 3, "unknown result type 'u8[]'"),
    ("domain d\nmodule M\nfunction f(x f32)\n  swift: 1", 3, "expected 'name: type'"),
    ("domain d\nmodule M\nfunction f(1x: f32)\n  swift: 1", 3, "not an identifier"),
    ("domain d\nmodule M\nfunction f(x: f32, x: f32)\n  swift: 1", 3, "declared twice"),
    ("domain d\nmodule M\nfunction f(x: f32\n  swift: 1", 3, "missing ')'"),
    ("domain d\nmodule M\nfunction 2f(x: f32)\n  swift: 1", 3, "not an identifier"),
    ("domain d\nmodule M\nfunction -\n  swift: 1", 3, "not an identifier"),
    ("domain d\nmodule M\nfunction f() -> f32\n  swift: try g()", 0, "no 'error' type"),
  ]

  @Test(arguments: invalid)
  func invalidDeclarations(text: String, line: Int, message: String) {
    #expect {
      try APISpec(parsing: text)
    } throws: { error in
      guard let error = error as? SpecError else { return false }
      return error.line == line && error.message.contains(message)
    }
  }

  @Test func errorDescriptions() {
    #expect(SpecError(line: 3, message: "bad").description == "line 3: bad")
    #expect(SpecError(line: 0, message: "bad").description == "bad")
    #expect(throws: SpecError.self) { try ParamKind(parsing: "f8") }
    #expect("_a1".isIdentifier && !"".isIdentifier && !"a-b".isIdentifier && !"é".isIdentifier)
    #expect("  x \t".trimmingSpaces == "x")
    #expect("word".splitFirstWord() == ("word", ""))
  }
}
