// Learning-rate schedules (PyTorch's formulas) and early stopping.
//   step:       η₀ · γ^⌊t / s⌋
//   cosine:     η_min + (η₀ − η_min)(1 + cos(π t / T))/2,  t clamped to T
//   one-cycle:  linear warm-up from η_max/div to η_max over the first `warmup` fraction, then
//               cosine annealing down to η_max/(div · finalDiv) (PyTorch's OneCycleLR,
//               anneal_strategy="cos", three_phase=False)
//   plateau:    multiply by `factor` after `patience` evaluations without an improvement
//               greater than `threshold` (relative), not below `minimum`.

/// A learning rate as a function of the step number.
///
/// ```swift
/// let s = LearningRateSchedule.cosine(initial: 0.1, minimum: 0, steps: 100)
/// s.rate(at: 50)      // 0.05
/// ```
public enum LearningRateSchedule: Sendable {
  /// Multiply by `gamma` every `every` steps.
  case step(initial: Float, every: Int, gamma: Float)
  /// Cosine annealing from `initial` to `minimum` over `steps`.
  case cosine(initial: Float, minimum: Float, steps: Int)
  /// One-cycle policy peaking at `maximum`.
  case oneCycle(maximum: Float, steps: Int, warmup: Float = 0.3, divFactor: Float = 25, finalDivFactor: Float = 1e4)

  /// The rate at step `t` (0-based).
  /// - Complexity: O(1).
  public func rate(at t: Int) -> Float {
    switch self {
    case let .step(initial, every, gamma):
      return initial * Optimizer.power(gamma, t / Swift.max(every, 1))
    case let .cosine(initial, minimum, steps):
      let x = Double(Swift.min(t, steps)) / Double(Swift.max(steps, 1))
      return minimum + (initial - minimum) * Float((1 + cCos(Double.pi * x)) / 2)
    case let .oneCycle(maximum, steps, warmup, div, finalDiv):
      let start = maximum / div, end = start / finalDiv
      let up = Swift.max(Int(Float(steps) * warmup) - 1, 1)
      let down = Swift.max(steps - 1 - up, 1)
      func anneal(_ a: Float, _ b: Float, _ f: Double) -> Float {
        b + (a - b) * Float((1 + cCos(Double.pi * Swift.min(f, 1))) / 2)
      }
      if t <= up { return anneal(start, maximum, Double(t) / Double(up)) }
      return anneal(maximum, end, Double(t - up) / Double(down))
    }
  }
}

/// Reduce the learning rate when a metric stops improving (PyTorch's ReduceLROnPlateau, mode
/// "min", relative threshold).
///
/// ```swift
/// var plateau = ReduceOnPlateau(factor: 0.5, patience: 2)
/// var lr: Float = 0.1
/// for loss: Float in [1, 1, 1, 1] { lr = plateau.update(loss: loss, rate: lr) }   // 0.05
/// ```
public struct ReduceOnPlateau: Sendable {
  /// Multiplier applied to the rate on a plateau (0 < factor < 1).
  public let factor: Float
  /// Evaluations without improvement tolerated before reducing.
  public let patience: Int
  /// Relative improvement that counts (loss < best · (1 − threshold)).
  public let threshold: Float
  /// The rate never goes below this.
  public let minimum: Float
  /// The best loss seen.
  public private(set) var best = Float.infinity
  var bad = 0

  /// A plateau detector.
  public init(factor: Float = 0.1, patience: Int = 10, threshold: Float = 1e-4, minimum: Float = 0) {
    self.factor = factor
    self.patience = patience
    self.threshold = threshold
    self.minimum = minimum
  }

  /// Records `loss` and returns the (possibly reduced) rate.
  public mutating func update(loss: Float, rate: Float) -> Float {
    if loss < best * (1 - threshold) {
      best = loss
      bad = 0
      return rate
    }
    bad += 1
    if bad > patience {
      bad = 0
      return Swift.max(rate * factor, minimum)
    }
    return rate
  }
}

/// Stops training when a validation loss has not improved by `minDelta` for `patience` checks.
///
/// ```swift
/// var stop = EarlyStopping(patience: 2)
/// stop.shouldStop(loss: 1.0)   // false
/// stop.shouldStop(loss: 1.1)   // false
/// stop.shouldStop(loss: 1.2)   // true
/// ```
public struct EarlyStopping: Sendable {
  /// Checks without improvement tolerated before stopping.
  public let patience: Int
  /// Improvement (absolute) that counts.
  public let minDelta: Float
  /// The best loss so far.
  public private(set) var best = Float.infinity
  /// The check (0-based) where ``best`` was seen (restore that epoch's weights).
  public private(set) var bestIndex = -1
  var checks = 0

  /// A stopper.
  public init(patience: Int, minDelta: Float = 0) {
    self.patience = patience
    self.minDelta = minDelta
  }

  /// Records `loss`; true once `patience` checks in a row brought no improvement.
  public mutating func shouldStop(loss: Float) -> Bool {
    defer { checks += 1 }
    if loss < best - minDelta {
      best = loss
      bestIndex = checks
      return false
    }
    return checks - bestIndex >= patience
  }
}
