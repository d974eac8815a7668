// The runtime chunk's own Swift: the two libc functions that would otherwise pull in WASI, rerouted
// to the loader's JS shims (module `ruvswarm`), so the runtime chunk imports nothing but these.
//
// Compiling this file in Embedded mode also emits the Embedded Swift runtime (swift_retain,
// swift_allocObject, … are defined in every Embedded object); the bundler exports them from here, so
// every domain chunk binds to this one copy. wasi-libc supplies malloc/free/posix_memalign (dlmalloc)
// and the memory primitives; compiler-rt the 128-bit integer helpers.

@_extern(wasm, module: "ruvswarm", name: "putchar")
func ruvswarmPutchar(_ character: Int32) -> Int32

@_extern(wasm, module: "ruvswarm", name: "random_fill")
func ruvswarmRandomFill(_ buffer: UnsafeMutableRawPointer?, _ count: Int)

/// `print` writes through `putchar`; the loader line-buffers it to `console.log`.
@_cdecl("putchar")
public func putchar(_ character: Int32) -> Int32 {
  ruvswarmPutchar(character)
}

/// Hashing seeds come from `arc4random_buf`; the loader fills them from `crypto.getRandomValues`.
@_cdecl("arc4random_buf")
public func arc4random_buf(_ buffer: UnsafeMutableRawPointer?, _ count: Int) {
  ruvswarmRandomFill(buffer, count)
}
