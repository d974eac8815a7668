// A fixture domain that depends on two others: it creates Probe objects and sums with SIMDKit.
import Probe
import SIMDKit

/// What the client domain reports.
public enum ClientError: Error {
  case unknownHandle(handle: Int)
}

/// Cross-chunk operations.
public enum Client {
  /// Creates an accumulator here (an object of the probe chunk's class), fills it with x, and
  /// registers it in the probe chunk's registry.
  public static func make(_ x: UnsafeBufferPointer<Float>) -> Int {
    let object = Accumulator()
    object.add(x)
    return Registry.insert(object)
  }

  /// Adds SIMDKit's sum of x to an existing accumulator, returning the new total.
  public static func addSum(_ handle: Int, _ x: UnsafeBufferPointer<Float>) throws(ClientError) -> Float {
    let object: Accumulator
    do {
      object = try Registry.lookup(handle)
    } catch {
      throw .unknownHandle(handle: handle)
    }
    object.total += Kernels.sum(x)
    object.count += x.count
    return object.total
  }
}
