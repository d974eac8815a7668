import Neural
import Testing

/// Reference updates written out per step (PyTorch's formulas), for one scalar parameter.
@Suite struct OptimizerTests {
  func run(_ rule: OptimizerRule, steps: Int = 5) -> [Float] {
    let p = Parameter(Tensor(shape: Shape(2), scalars: [1, -2]))
    let opt = Optimizer([p], rule: rule, learningRate: 0.1)
    var out: [Float] = []
    for _ in 0..<steps {
      // loss = Σ w², gradient 2w.
      p.grad = Tensor(shape: Shape(2), scalars: p.value.scalars.map { 2 * $0 })
      opt.step()
      out.append(p.value.scalars[0])
      #expect(p.grad.scalars == [0, 0])
    }
    #expect(opt.stepCount == steps)
    return out
  }

  @Test func sgdVariants() {
    // Plain: w ← w − 0.1·2w = 0.8w.
    #expect(run(.sgd()).enumerated().allSatisfy { Swift.abs($0.element - Float(Double.pow(0.8, $0.offset + 1))) < 1e-6 })
    // Momentum 0.9, reference loop.
    var w: Float = 1, v: Float = 0, wn: Float = 1, vn: Float = 0
    var ref: [Float] = [], refN: [Float] = []
    for t in 0..<5 {
      let g = 2 * w
      v = t == 0 ? g : 0.9 * v + g
      w -= 0.1 * v
      ref.append(w)
      let gn = 2 * wn + 0.01 * wn
      vn = t == 0 ? gn : 0.9 * vn + gn
      wn -= 0.1 * (gn + 0.9 * vn)
      refN.append(wn)
    }
    #expect(zip(run(.sgd(momentum: 0.9)), ref).allSatisfy { Swift.abs($0 - $1) < 1e-6 })
    #expect(zip(run(.sgd(momentum: 0.9, nesterov: true, weightDecay: 0.01)), refN).allSatisfy { Swift.abs($0 - $1) < 1e-6 })
  }

  @Test func adamFamily() {
    func reference(decoupled: Bool, wd: Float) -> [Float] {
      var w: Float = 1, m: Float = 0, s: Float = 0
      var out: [Float] = []
      for t in 1...5 {
        var g = 2 * w
        if decoupled { w -= 0.1 * wd * w } else { g += wd * w }
        m = 0.9 * m + 0.1 * g
        s = 0.999 * s + 0.001 * g * g
        let mh = m / (1 - Float(Double.pow(0.9, t))), sh = s / (1 - Float(Double.pow(0.999, t)))
        w -= 0.1 * mh / (sh.squareRoot() + 1e-8)
        out.append(w)
      }
      return out
    }
    #expect(zip(run(.adam(weightDecay: 0.1)), reference(decoupled: false, wd: 0.1)).allSatisfy { Swift.abs($0 - $1) < 1e-5 })
    #expect(zip(run(.adamW(weightDecay: 0.1)), reference(decoupled: true, wd: 0.1)).allSatisfy { Swift.abs($0 - $1) < 1e-5 })
  }

  @Test func rmsProp() {
    for mu: Float in [0, 0.5] {
      var w: Float = 1, s: Float = 0, b: Float = 0
      var ref: [Float] = []
      for _ in 0..<5 {
        let g = 2 * w
        s = 0.99 * s + 0.01 * g * g
        let u = g / (s.squareRoot() + 1e-8)
        if mu == 0 { w -= 0.1 * u } else { b = mu * b + u; w -= 0.1 * b }
        ref.append(w)
      }
      #expect(zip(run(.rmsProp(momentum: mu)), ref).allSatisfy { Swift.abs($0 - $1) < 1e-5 })
    }
  }

  @Test func clipping() {
    let a = Parameter(Tensor(zeros: Shape(2))), b = Parameter(Tensor(zeros: Shape(1)))
    a.grad = Tensor(shape: Shape(2), scalars: [3, 0])
    b.grad = Tensor(shape: Shape(1), scalars: [4])
    let norm = GradientClipping.clipNorm([a, b], maxNorm: 1)
    #expect(norm == 5)
    #expect(Swift.abs(a.grad.scalars[0] - 0.6) < 1e-5 && Swift.abs(b.grad.scalars[0] - 0.8) < 1e-5)
    #expect(GradientClipping.clipNorm([a, b], maxNorm: 10) < 1.0001)
    GradientClipping.clipValue([a, b], limit: 0.7)
    #expect(b.grad.scalars == [0.7])
    let opt = Optimizer([a], rule: .sgd(), learningRate: 1)
    opt.zeroGrad()
    #expect(a.grad.scalars == [0, 0])
  }
}

extension Double {
  static func pow(_ x: Double, _ n: Int) -> Double { (0..<n).reduce(1) { r, _ in r * x } }
}

@Suite struct ScheduleTests {
  @Test func stepCosineOneCycle() {
    let s = LearningRateSchedule.step(initial: 1, every: 10, gamma: 0.5)
    #expect(s.rate(at: 0) == 1 && Swift.abs(s.rate(at: 25) - 0.25) < 1e-6)
    let c = LearningRateSchedule.cosine(initial: 0.1, minimum: 0.01, steps: 100)
    #expect(Swift.abs(c.rate(at: 0) - 0.1) < 1e-7 && Swift.abs(c.rate(at: 50) - 0.055) < 1e-6)
    #expect(Swift.abs(c.rate(at: 200) - 0.01) < 1e-7)
    let o = LearningRateSchedule.oneCycle(maximum: 1, steps: 100)
    #expect(Swift.abs(o.rate(at: 0) - 0.04) < 1e-6)
    #expect(Swift.abs(o.rate(at: 29) - 1) < 1e-6)
    #expect(Swift.abs(o.rate(at: 99) - 0.04 / 1e4) < 1e-7)
    #expect(o.rate(at: 60) < o.rate(at: 40))
  }

  @Test func plateauAndEarlyStopping() {
    var p = ReduceOnPlateau(factor: 0.5, patience: 2, minimum: 0.02)
    var lr: Float = 0.1
    for loss: Float in [1, 0.5, 0.5, 0.5, 0.5] { lr = p.update(loss: loss, rate: lr) }
    #expect(lr == 0.05 && p.best == 0.5)
    for _ in 0..<9 { lr = p.update(loss: 0.6, rate: lr) }
    #expect(lr == 0.02)
    var stop = EarlyStopping(patience: 2, minDelta: 0.01)
    let decisions = [stop.shouldStop(loss: 1), stop.shouldStop(loss: 0.995), stop.shouldStop(loss: 1.2)]
    #expect(decisions == [false, false, true])
    #expect(stop.bestIndex == 0 && stop.best == 1)
  }
}
