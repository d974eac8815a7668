// The C math library behind one wall.
//
// Glibc natively; wasi-libc's libm on wasm32 (declared with `@_extern(c)`; the chunk links against
// wasi-libc, which defines them). Everything else in the module calls these wrappers.
#if canImport(Glibc)
import Glibc

@inline(__always) func mExp(_ x: Double) -> Double { Glibc.exp(x) }
@inline(__always) func mLog(_ x: Double) -> Double { Glibc.log(x) }
@inline(__always) func mSin(_ x: Double) -> Double { Glibc.sin(x) }
@inline(__always) func mCos(_ x: Double) -> Double { Glibc.cos(x) }
@inline(__always) func mPow(_ x: Double, _ y: Double) -> Double { Glibc.pow(x, y) }
@inline(__always) func mErfc(_ x: Double) -> Double { Glibc.erfc(x) }
#else
@_extern(c, "exp") func _fcExp(_ x: Double) -> Double
@_extern(c, "log") func _fcLog(_ x: Double) -> Double
@_extern(c, "sin") func _fcSin(_ x: Double) -> Double
@_extern(c, "cos") func _fcCos(_ x: Double) -> Double
@_extern(c, "pow") func _fcPow(_ x: Double, _ y: Double) -> Double
@_extern(c, "erfc") func _fcErfc(_ x: Double) -> Double

@inline(__always) func mExp(_ x: Double) -> Double { _fcExp(x) }
@inline(__always) func mLog(_ x: Double) -> Double { _fcLog(x) }
@inline(__always) func mSin(_ x: Double) -> Double { _fcSin(x) }
@inline(__always) func mCos(_ x: Double) -> Double { _fcCos(x) }
@inline(__always) func mPow(_ x: Double, _ y: Double) -> Double { _fcPow(x, y) }
@inline(__always) func mErfc(_ x: Double) -> Double { _fcErfc(x) }
#endif
