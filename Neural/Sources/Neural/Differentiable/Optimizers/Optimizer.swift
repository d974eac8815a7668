// First-order optimizers over a fixed list of parameters (PyTorch's update rules, so a step here
// matches `torch.optim` at the same hyperparameters).
//
//   SGD:      v ← μv + (g + λw);  w ← w − η·(nesterov ? g + λw + μv : v)     (μ = 0: plain SGD)
//   Adam:     m ← β₁m + (1−β₁)g,  s ← β₂s + (1−β₂)g²,  w ← w − η·m̂/(√ŝ + ε)   (g includes λw)
//   AdamW:    w ← w − ηλw first (decoupled weight decay), then the Adam step without λ
//   RMSprop:  s ← αs + (1−α)g²,  w ← w − η·g/(√s + ε)   (optionally with momentum)
// `step()` applies the update and zeroes every gradient, ready for the next backward.
// State (moments) is allocated once, at construction, one buffer per parameter.

/// Which update rule an ``Optimizer`` applies.
///
/// ```swift
/// let rule = OptimizerRule.adamW(beta1: 0.9, beta2: 0.999, epsilon: 1e-8, weightDecay: 0.01)
/// ```
public enum OptimizerRule: Sendable {
  /// Stochastic gradient descent with optional momentum, Nesterov momentum and L2 weight decay.
  case sgd(momentum: Float = 0, nesterov: Bool = false, weightDecay: Float = 0)
  /// Adam (L2 weight decay added to the gradient).
  case adam(beta1: Float = 0.9, beta2: Float = 0.999, epsilon: Float = 1e-8, weightDecay: Float = 0)
  /// AdamW: Adam with decoupled weight decay.
  case adamW(beta1: Float = 0.9, beta2: Float = 0.999, epsilon: Float = 1e-8, weightDecay: Float = 0.01)
  /// RMSprop with smoothing `alpha` and optional momentum.
  case rmsProp(alpha: Float = 0.99, epsilon: Float = 1e-8, momentum: Float = 0, weightDecay: Float = 0)
}

/// Updates parameters from their gradients.
///
/// ```swift
/// var rng = NeuralRandom(seed: 1)
/// let model = Dense(inputSize: 2, outputSize: 1, using: &rng)
/// let opt = Optimizer(model.parameters, rule: .adam(), learningRate: 1e-3)
/// // ... g.backward(loss) ...
/// opt.step()
/// ```
public final class Optimizer {
  /// The parameters updated by ``step()``.
  public let parameters: [Parameter]
  /// The rule.
  public let rule: OptimizerRule
  /// The learning rate of the next step (schedules set it).
  public var learningRate: Float
  /// Steps taken so far.
  public private(set) var stepCount = 0
  var first: [[Float]]
  var second: [[Float]]

  /// An optimizer for `parameters`.
  public init(_ parameters: [Parameter], rule: OptimizerRule, learningRate: Float) {
    self.parameters = parameters
    self.rule = rule
    self.learningRate = learningRate
    first = parameters.map { [Float](repeating: 0, count: $0.value.count) }
    second = parameters.map { [Float](repeating: 0, count: $0.value.count) }
  }

  /// Zeroes every gradient without updating.
  ///
  /// ```swift
  /// // opt.zeroGrad()
  /// ```
  public func zeroGrad() { for p in parameters { p.zeroGrad() } }

  /// Applies one update with the current ``learningRate`` and zeroes the gradients.
  /// - Complexity: O(total parameter count).
  public func step() {
    stepCount += 1
    let lr = learningRate
    for k in parameters.indices {
      let p = parameters[k]
      let n = p.value.count
      p.value.scalars.withUnsafeMutableBufferPointer { w in
        p.grad.scalars.withUnsafeMutableBufferPointer { g in
          first[k].withUnsafeMutableBufferPointer { m in
            second[k].withUnsafeMutableBufferPointer { s in
              switch rule {
              case let .sgd(mu, nesterov, wd):
                for j in 0..<n {
                  let gj = g[j] + wd * w[j]
                  if mu == 0 {
                    w[j] -= lr * gj
                  } else {
                    m[j] = stepCount == 1 ? gj : mu * m[j] + gj
                    w[j] -= lr * (nesterov ? gj + mu * m[j] : m[j])
                  }
                }
              case let .adam(b1, b2, eps, wd), let .adamW(b1, b2, eps, wd):
                var decoupled = false
                if case .adamW = rule { decoupled = true }
                let c1 = 1 - Optimizer.power(b1, stepCount), c2 = 1 - Optimizer.power(b2, stepCount)
                for j in 0..<n {
                  var gj = g[j]
                  if decoupled { w[j] -= lr * wd * w[j] } else { gj += wd * w[j] }
                  m[j] = b1 * m[j] + (1 - b1) * gj
                  s[j] = b2 * s[j] + (1 - b2) * gj * gj
                  let mh = m[j] / c1, sh = s[j] / c2
                  w[j] -= lr * mh / (sh.squareRoot() + eps)
                }
              case let .rmsProp(alpha, eps, mu, wd):
                for j in 0..<n {
                  let gj = g[j] + wd * w[j]
                  s[j] = alpha * s[j] + (1 - alpha) * gj * gj
                  let u = gj / (s[j].squareRoot() + eps)
                  if mu == 0 {
                    w[j] -= lr * u
                  } else {
                    m[j] = mu * m[j] + u
                    w[j] -= lr * m[j]
                  }
                }
              }
              for j in 0..<n { g[j] = 0 }
            }
          }
        }
      }
    }
  }

  static func power(_ x: Float, _ n: Int) -> Float {
    Float(cExp(Double(n) * cLog(Double(x))))
  }
}

/// Gradient clipping.
///
/// ```swift
/// // let norm = GradientClipping.clipNorm(model.parameters, maxNorm: 1)
/// ```
public enum GradientClipping {
  /// Scales all gradients together so their global L2 norm is at most `maxNorm`; returns the norm
  /// before clipping (as `torch.nn.utils.clip_grad_norm_`).
  /// - Complexity: O(total parameter count).
  @discardableResult
  public static func clipNorm(_ parameters: [Parameter], maxNorm: Float) -> Float {
    var total: Double = 0
    for p in parameters { for x in p.grad.scalars { total += Double(x) * Double(x) } }
    let norm = Float(total.squareRoot())
    if norm > maxNorm && norm > 0 {
      let s = maxNorm / (norm + 1e-6)
      for p in parameters {
        p.grad.scalars.withUnsafeMutableBufferPointer { g in for j in 0..<g.count { g[j] *= s } }
      }
    }
    return norm
  }

  /// Clamps every gradient element to [−limit, limit].
  /// - Complexity: O(total parameter count).
  public static func clipValue(_ parameters: [Parameter], limit: Float) {
    for p in parameters {
      p.grad.scalars.withUnsafeMutableBufferPointer { g in
        for j in 0..<g.count { g[j] = Swift.min(Swift.max(g[j], -limit), limit) }
      }
    }
  }
}
