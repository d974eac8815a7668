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

// Heap accounting. The runtime is linked with `--wrap=malloc` (and free, calloc, realloc,
// posix_memalign, aligned_alloc): every allocation in every chunk, the Swift runtime's and the
// loader's included, goes through these wrappers, which keep the bytes in use (dlmalloc's usable
// size of every live block) and their peak. wasi-libc's dlmalloc is built without mallinfo, so the
// count is kept here. The loader reads it with ruvswarm_heap_in_use / ruvswarm_heap_peak.

@_extern(c, "__real_malloc") func realMalloc(_ size: Int) -> UnsafeMutableRawPointer?
@_extern(c, "__real_free") func realFree(_ pointer: UnsafeMutableRawPointer?)
@_extern(c, "__real_calloc") func realCalloc(_ count: Int, _ size: Int) -> UnsafeMutableRawPointer?
@_extern(c, "__real_realloc") func realRealloc(_ pointer: UnsafeMutableRawPointer?, _ size: Int) -> UnsafeMutableRawPointer?
@_extern(c, "__real_posix_memalign")
func realPosixMemalign(_ result: UnsafeMutablePointer<UnsafeMutableRawPointer?>, _ alignment: Int, _ size: Int) -> Int32
@_extern(c, "__real_aligned_alloc") func realAlignedAlloc(_ alignment: Int, _ size: Int) -> UnsafeMutableRawPointer?
@_extern(c, "malloc_usable_size") func mallocUsableSize(_ pointer: UnsafeMutableRawPointer?) -> Int

nonisolated(unsafe) var heapInUse = 0
nonisolated(unsafe) var heapPeak = 0

@inline(__always)
func account(_ pointer: UnsafeMutableRawPointer?) -> UnsafeMutableRawPointer? {
  if let pointer {
    heapInUse &+= mallocUsableSize(pointer)
    if heapInUse > heapPeak { heapPeak = heapInUse }
  }
  return pointer
}

@_cdecl("__wrap_malloc")
public func wrapMalloc(_ size: Int) -> UnsafeMutableRawPointer? { account(realMalloc(size)) }

@_cdecl("__wrap_calloc")
public func wrapCalloc(_ count: Int, _ size: Int) -> UnsafeMutableRawPointer? { account(realCalloc(count, size)) }

@_cdecl("__wrap_aligned_alloc")
public func wrapAlignedAlloc(_ alignment: Int, _ size: Int) -> UnsafeMutableRawPointer? {
  account(realAlignedAlloc(alignment, size))
}

@_cdecl("__wrap_posix_memalign")
public func wrapPosixMemalign(_ result: UnsafeMutablePointer<UnsafeMutableRawPointer?>, _ alignment: Int, _ size: Int) -> Int32 {
  let status = realPosixMemalign(result, alignment, size)
  if status == 0 { _ = account(result.pointee) }
  return status
}

@_cdecl("__wrap_free")
public func wrapFree(_ pointer: UnsafeMutableRawPointer?) {
  if let pointer { heapInUse &-= mallocUsableSize(pointer) }
  realFree(pointer)
}

@_cdecl("__wrap_realloc")
public func wrapRealloc(_ pointer: UnsafeMutableRawPointer?, _ size: Int) -> UnsafeMutableRawPointer? {
  let old = pointer.map { mallocUsableSize($0) } ?? 0
  guard let moved = realRealloc(pointer, size) else {
    // dlmalloc frees the block for a zero size; otherwise the old block is untouched.
    if size == 0 && pointer != nil { heapInUse &-= old }
    return nil
  }
  heapInUse &-= old
  return account(moved)
}

/// Bytes in live heap blocks (usable sizes), for the loader's memoryStats().
@_cdecl("ruvswarm_heap_in_use")
public func ruvswarmHeapInUse() -> Int { heapInUse }

/// The most bytes ever in live heap blocks.
@_cdecl("ruvswarm_heap_peak")
public func ruvswarmHeapPeak() -> Int { heapPeak }
