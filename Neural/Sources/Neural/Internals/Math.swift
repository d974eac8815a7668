// The C math library behind one wall.
//
// FANN evaluates exp, log, sin, cos and pow in double precision (its float results are the double
// results rounded to float). Natively we call the same libm functions (Glibc), which keeps outputs and
// training traces bit-identical to libfann. Embedded Swift on wasm32 has no libm: there SIMDKit's
// PortableMath supplies them (fdlibm's algorithms in Swift, within one ulp of Glibc), compiled into the
// Neural chunk, so the runtime chunk carries no libm.
#if canImport(Glibc)
import Glibc

@inline(__always) func cExp(_ x: Double) -> Double { Glibc.exp(x) }
@inline(__always) func cLog(_ x: Double) -> Double { Glibc.log(x) }
@inline(__always) func cSin(_ x: Double) -> Double { Glibc.sin(x) }
@inline(__always) func cCos(_ x: Double) -> Double { Glibc.cos(x) }
@inline(__always) func cPow(_ x: Double, _ y: Double) -> Double { Glibc.pow(x, y) }
#else
import SIMDKit

@inline(__always) func cExp(_ x: Double) -> Double { PortableMath.exp(x) }
@inline(__always) func cLog(_ x: Double) -> Double { PortableMath.log(x) }
@inline(__always) func cSin(_ x: Double) -> Double { PortableMath.sin(x) }
@inline(__always) func cCos(_ x: Double) -> Double { PortableMath.cos(x) }
@inline(__always) func cPow(_ x: Double, _ y: Double) -> Double { PortableMath.pow(x, y) }
#endif

/// FANN's `fann_exp2(x)`: `exp(ln 2 · x)` in double, rounded to Float.
@inline(__always) func fannExp2(_ x: Float) -> Float { Float(cExp(0.69314718055994530942 * Double(x))) }
