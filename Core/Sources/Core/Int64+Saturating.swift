// Saturating arithmetic for the engine's utilisation counters.
//
// Busy and capacity are measured in slot-ticks: a number of slots times a span of the engine clock.
// A swarm run to the end of time (`run(until: .max)`) makes those products exceed Int64, and Swift's
// checked arithmetic would trap. Utilisation is a ratio of two such counters, so clamping both at
// Int64.max keeps it meaningful (and never above 1) instead of crashing the engine.

extension Int64 {
  /// `self + other`, clamped to `Int64.min ... Int64.max`.
  ///
  /// ```swift
  /// #expect(Int64.max.saturatingAdd(1) == .max)
  /// ```
  @inline(__always)
  func saturatingAdd(_ other: Int64) -> Int64 {
    let (sum, overflow) = addingReportingOverflow(other)
    return overflow ? (other > 0 ? .max : .min) : sum
  }

  /// `self * other`, clamped to `Int64.min ... Int64.max`.
  ///
  /// ```swift
  /// #expect(Int64.max.saturatingMultiply(2) == .max)
  /// ```
  @inline(__always)
  func saturatingMultiply(_ other: Int64) -> Int64 {
    let (product, overflow) = multipliedReportingOverflow(by: other)
    return overflow ? ((self < 0) == (other < 0) ? .max : .min) : product
  }
}

/// Slot-ticks of `slots` slots over the clock span `from ..< to`, saturating.
@inline(__always)
func slotTicks(_ slots: Int64, from start: Int64, to end: Int64) -> Int64 {
  let (span, overflow) = end.subtractingReportingOverflow(start)
  return slots.saturatingMultiply(overflow ? .max : span)
}
