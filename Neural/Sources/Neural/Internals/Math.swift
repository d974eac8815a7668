// The C math library behind one wall.
//
// FANN evaluates exp, log, sin, cos and pow in double precision (its float results are the double
// results rounded to float). We call the same libm functions: Glibc natively, wasi-libc's libm on
// wasm32 (declared with `@_extern(c)`; the chunk links against wasi-libc, which defines them).
#if canImport(Glibc)
import Glibc

@inline(__always) func cExp(_ x: Double) -> Double { Glibc.exp(x) }
@inline(__always) func cLog(_ x: Double) -> Double { Glibc.log(x) }
@inline(__always) func cSin(_ x: Double) -> Double { Glibc.sin(x) }
@inline(__always) func cCos(_ x: Double) -> Double { Glibc.cos(x) }
@inline(__always) func cPow(_ x: Double, _ y: Double) -> Double { Glibc.pow(x, y) }
#else
@_extern(c, "exp") func _neuralExp(_ x: Double) -> Double
@_extern(c, "log") func _neuralLog(_ x: Double) -> Double
@_extern(c, "sin") func _neuralSin(_ x: Double) -> Double
@_extern(c, "cos") func _neuralCos(_ x: Double) -> Double
@_extern(c, "pow") func _neuralPow(_ x: Double, _ y: Double) -> Double

@inline(__always) func cExp(_ x: Double) -> Double { _neuralExp(x) }
@inline(__always) func cLog(_ x: Double) -> Double { _neuralLog(x) }
@inline(__always) func cSin(_ x: Double) -> Double { _neuralSin(x) }
@inline(__always) func cCos(_ x: Double) -> Double { _neuralCos(x) }
@inline(__always) func cPow(_ x: Double, _ y: Double) -> Double { _neuralPow(x, y) }
#endif

/// FANN's `fann_exp2(x)`: `exp(ln 2 · x)` in double, rounded to Float.
@inline(__always) func fannExp2(_ x: Float) -> Float { Float(cExp(0.69314718055994530942 * Double(x))) }
