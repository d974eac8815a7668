import Testing
@testable import BundlerKit

@Suite struct WasmModuleTests {
  @Test func readsImportsExportsAndDylink() throws {
    let bytes = WasmWriter.module(
      imports: [("env", "memory", .memory), ("env", "__indirect_function_table", .table), ("env", "f", .function),
                ("GOT.mem", "g", .global), ("env", "t", .tag)],
      exports: [("h", .function), ("d", .global)], dylink: (300, ["libother.so"]))
    let module = try WasmModule(parsing: bytes)
    #expect(module.imports.map(\.name) == ["memory", "__indirect_function_table", "f", "g", "t"])
    #expect(module.imports.map(\.kind) == [.memory, .table, .function, .global, .tag])
    #expect(module.imports[3].module == "GOT.mem")
    #expect(module.exports.map(\.name) == ["h", "d"] && module.exports.map(\.kind) == [.function, .global])
    #expect(module.isSideModule && module.memorySize == 300 && module.needed == ["libother.so"])
    #expect(module == (try WasmModule(parsing: bytes)))
    let main = try WasmModule(parsing: WasmWriter.module())
    #expect(!main.isSideModule && main.imports.isEmpty && main != module)
  }

  static let corrupt: [([UInt8], String)] = [
    ([1, 2, 3], "not a wasm module"),
    ([0, 0x61, 0x73, 0x6d, 2, 0, 0, 0], "unsupported wasm version"),
    ([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0, 2, 50, 1], "section 2 runs past the end"),
    ([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0, 2, 2, 1, 9], "name runs past the end"),
    ([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0, 2, 1, 1], "unexpected end of module"),
    ([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0, 2, 6, 0x80, 0x80, 0x80, 0x80, 0x80, 0x01], "LEB128 too long"),
    ([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0, 2, 6, 1, 1, 0x61, 1, 0x62, 9], "bad import kind 9"),
    ([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0, 7, 5, 1, 1, 0x61, 9, 0], "bad export kind 9"),
    ([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0, 0, 12, 8] + Array("dylink.0".utf8) + [1, 9, 0], "dylink.0 subsection runs past the end"),
  ]

  @Test(arguments: corrupt)
  func corruptModulesAreErrorsNotTraps(bytes: [UInt8], message: String) {
    #expect(throws: WasmFormatError(message: message)) { try WasmModule(parsing: bytes) }
  }

  @Test func truncationAtEveryLengthIsAnErrorOrAShorterModule() throws {
    let bytes = WasmWriter.module(imports: [("env", "f", .function)], exports: [("h", .function)], dylink: (8, ["x"]))
    let whole = try WasmModule(parsing: bytes)
    var errors = 0
    for length in 0..<bytes.count {
      // A cut at a section boundary leaves a valid module with fewer sections; any other cut is an error.
      do {
        let prefix = try WasmModule(parsing: Array(bytes[0..<length]))
        #expect(prefix.imports.count <= whole.imports.count && prefix.exports.isEmpty)
      } catch {
        errors += 1
      }
    }
    #expect(errors >= bytes.count - 4)
    #expect(WasmFormatError(message: "m").description == "m")
  }
}
