// The C math library behind one wall.
//
// Glibc natively. Embedded Swift on wasm32 has no libm: there SIMDKit's PortableMath supplies exp, log,
// sin, cos, pow and erfc (fdlibm's algorithms in Swift: within one ulp of Glibc, erfc within four),
// compiled into the chunk, so the runtime chunk carries no libm. Everything else in the module calls
// these wrappers.
#if canImport(Glibc)
import Glibc

@inline(__always) func mExp(_ x: Double) -> Double { Glibc.exp(x) }
@inline(__always) func mLog(_ x: Double) -> Double { Glibc.log(x) }
@inline(__always) func mSin(_ x: Double) -> Double { Glibc.sin(x) }
@inline(__always) func mCos(_ x: Double) -> Double { Glibc.cos(x) }
@inline(__always) func mPow(_ x: Double, _ y: Double) -> Double { Glibc.pow(x, y) }
@inline(__always) func mErfc(_ x: Double) -> Double { Glibc.erfc(x) }
#else
import SIMDKit

@inline(__always) func mExp(_ x: Double) -> Double { PortableMath.exp(x) }
@inline(__always) func mLog(_ x: Double) -> Double { PortableMath.log(x) }
@inline(__always) func mSin(_ x: Double) -> Double { PortableMath.sin(x) }
@inline(__always) func mCos(_ x: Double) -> Double { PortableMath.cos(x) }
@inline(__always) func mPow(_ x: Double, _ y: Double) -> Double { PortableMath.pow(x, y) }
@inline(__always) func mErfc(_ x: Double) -> Double { PortableMath.erfc(x) }
#endif
