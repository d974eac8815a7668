// Negative log-likelihoods of probabilistic forecasts, averaged over elements. The distribution
// parameters are Vars of the target's shape (apply softplus to keep scales positive); a
// non-positive scale, degree of freedom, rate or dispersion, or a negative count, is a typed
// error (`.outOfDomain`), checked before anything is recorded.
//
//   Normal(μ, σ):        log σ + ½ log 2π + ½ z²,  z = (y − μ)/σ
//       ∂μ = −z/σ,  ∂σ = (1 − z²)/σ
//   Student-t(μ, s, ν):  −lnΓ((ν+1)/2) + lnΓ(ν/2) + ½ ln(νπ) + ln s + (ν+1)/2 · ln(1 + z²/ν)
//       ∂μ = −(ν+1) z / (s(ν + z²)),  ∂s = 1/s − (ν+1) z² / (s(ν + z²)),
//       ∂ν = ½[ψ(ν/2) − ψ((ν+1)/2)] + 1/(2ν) + ½ ln(1 + z²/ν) − (ν+1) z² / (2ν(ν + z²))
//   Poisson(λ):          λ − y ln λ + lnΓ(y + 1)                ∂λ = 1 − y/λ
//   Negative binomial (mean μ, dispersion α; r = 1/α, variance μ + αμ²):
//       −lnΓ(y + r) + lnΓ(r) + lnΓ(y + 1) + (r + y) ln(r + μ) − r ln r − y ln μ
//       ∂μ = (r + y)/(r + μ) − y/μ
//       ∂r = ψ(r) − ψ(y + r) + ln(r + μ) + (r + y)/(r + μ) − ln r − 1,   ∂α = −∂r / α²
// Everything is evaluated in Double and rounded once.

extension Graph {
  /// Gaussian negative log-likelihood of `target` under N(`mean`, `scale`²) (scale > 0).
  ///
  /// ```swift
  /// let g = Graph()
  /// let l = try g.normalNLL(mean: g.constant(Tensor(scalar: 0)), scale: g.constant(Tensor(scalar: 1)),
  ///                         target: g.constant(Tensor(scalar: 0)))      // 0.9189
  /// ```
  /// - Complexity: O(count).
  public func normalNLL(mean: Var, scale: Var, target: Var) throws(TensorError) -> Var {
    try likelihood(.normalNLL, [mean, scale, target], positive: [1])
  }

  /// Student-t negative log-likelihood with location `mean`, `scale` > 0 and `degrees` > 0.
  ///
  /// ```swift
  /// let g = Graph(); let one = g.constant(Tensor(scalar: 1))
  /// let l = try g.studentTNLL(mean: one, scale: one, degrees: one, target: one)
  /// ```
  /// - Complexity: O(count).
  public func studentTNLL(mean: Var, scale: Var, degrees: Var, target: Var) throws(TensorError) -> Var {
    try likelihood(.studentTNLL, [mean, scale, degrees, target], positive: [1, 2])
  }

  /// Poisson negative log-likelihood of counts `target` (>= 0) under `rate` > 0.
  ///
  /// ```swift
  /// let g = Graph()
  /// let l = try g.poissonNLL(rate: g.constant(Tensor(scalar: 2)), target: g.constant(Tensor(scalar: 3)))
  /// ```
  /// - Complexity: O(count).
  public func poissonNLL(rate: Var, target: Var) throws(TensorError) -> Var {
    try likelihood(.poissonNLL, [rate, target], positive: [0], counts: 1)
  }

  /// Negative-binomial negative log-likelihood of counts `target` (>= 0) with `mean` > 0 and
  /// `dispersion` α > 0 (variance μ + αμ²).
  ///
  /// ```swift
  /// let g = Graph()
  /// let l = try g.negativeBinomialNLL(mean: g.constant(Tensor(scalar: 2)),
  ///   dispersion: g.constant(Tensor(scalar: 0.5)), target: g.constant(Tensor(scalar: 3)))
  /// ```
  /// - Complexity: O(count).
  public func negativeBinomialNLL(mean: Var, dispersion: Var, target: Var) throws(TensorError) -> Var {
    try likelihood(.negBinNLL, [mean, dispersion, target], positive: [0, 1], counts: 2)
  }

  func likelihood(
    _ op: Op, _ xs: [Var], positive: [Int], counts: Int = -1
  ) throws(TensorError) -> Var {
    for x in xs {
      try check(x)
      guard x.shape == xs[0].shape else { throw .shapeMismatch(xs[0].shape, x.shape) }
    }
    let n = xs[0].shape.count
    for k in positive {
      let p = val(xs[k].id)
      for j in 0..<n where !(p[j] > 0 && p[j].isFinite) { throw .outOfDomain }
    }
    if counts >= 0 {
      let p = val(xs[counts].id)
      for j in 0..<n where !(p[j] >= 0 && p[j].isFinite) { throw .outOfDomain }
    }
    let id = make(
      op, Shape(), xs[0].id, xs[1].id, xs.count > 2 ? xs[2].id : -1, xs.count > 3 ? xs[3].id : -1)
    var total: Double = 0
    let a = val(xs[0].id), b = val(xs[1].id)
    let c = xs.count > 2 ? val(xs[2].id) : a, d = xs.count > 3 ? val(xs[3].id) : a
    for j in 0..<n {
      switch op {
      case .normalNLL:
        let s = Double(b[j]), z = (Double(c[j]) - Double(a[j])) / s
        total += cLog(s) + 0.918_938_533_204_672_74 + 0.5 * z * z
      case .studentTNLL:
        let s = Double(b[j]), nu = Double(c[j]), z = (Double(d[j]) - Double(a[j])) / s
        total += -FastMath.lgamma((nu + 1) / 2) + FastMath.lgamma(nu / 2)
          + 0.5 * cLog(nu * Double.pi) + cLog(s) + (nu + 1) / 2 * cLog(1 + z * z / nu)
      case .poissonNLL:
        let lam = Double(a[j]), y = Double(b[j])
        total += lam - y * cLog(lam) + FastMath.lgamma(y + 1)
      default:
        let mu = Double(a[j]), r = 1 / Double(b[j]), y = Double(c[j])
        total += -FastMath.lgamma(y + r) + FastMath.lgamma(r) + FastMath.lgamma(y + 1)
          + (r + y) * cLog(r + mu) - r * cLog(r) - y * cLog(mu)
      }
    }
    val(id).pointee = Float(total / Double(Swift.max(n, 1)))
    return v(id)
  }

  func backwardLikelihood(_ node: Node, _ i: Int) {
    let n = nodes[node.a].shape.count
    let scale = Double(grad(i).pointee) / Double(Swift.max(n, 1))
    let a = val(node.a), b = val(node.b)
    let c = node.c >= 0 ? val(node.c) : a, d = node.d >= 0 ? val(node.d) : a
    let ga = grad(node.a), gb = grad(node.b)
    let gc = node.c >= 0 ? grad(node.c) : ga, gd = node.d >= 0 ? grad(node.d) : ga
    let na = nodes[node.a].needsGrad, nb = nodes[node.b].needsGrad
    let nc = node.c >= 0 && nodes[node.c].needsGrad, nd = node.d >= 0 && nodes[node.d].needsGrad
    for j in 0..<n {
      switch node.op {
      case .normalNLL:
        let s = Double(b[j]), z = (Double(c[j]) - Double(a[j])) / s
        if na { ga[j] += Float(-z / s * scale) }
        if nb { gb[j] += Float((1 - z * z) / s * scale) }
        if nc { gc[j] += Float(z / s * scale) }
      case .studentTNLL:
        let s = Double(b[j]), nu = Double(c[j]), z = (Double(d[j]) - Double(a[j])) / s
        let q = nu + z * z
        let dmu = -(nu + 1) * z / (s * q)
        if na { ga[j] += Float(dmu * scale) }
        if nb { gb[j] += Float((1 / s - (nu + 1) * z * z / (s * q)) * scale) }
        if nc {
          let dnu =
            0.5 * (FastMath.digamma(nu / 2) - FastMath.digamma((nu + 1) / 2)) + 1 / (2 * nu)
            + 0.5 * cLog(1 + z * z / nu) - (nu + 1) * z * z / (2 * nu * q)
          gc[j] += Float(dnu * scale)
        }
        if nd { gd[j] += Float(-dmu * scale) }
      case .poissonNLL:
        let lam = Double(a[j]), y = Double(b[j])
        if na { ga[j] += Float((1 - y / lam) * scale) }
        if nb { gb[j] += Float((-cLog(lam) + FastMath.digamma(y + 1)) * scale) }
      default:
        let mu = Double(a[j]), alpha = Double(b[j]), r = 1 / alpha, y = Double(c[j])
        if na { ga[j] += Float(((r + y) / (r + mu) - y / mu) * scale) }
        if nb {
          let dr =
            FastMath.digamma(r) - FastMath.digamma(y + r) + cLog(r + mu) + (r + y) / (r + mu)
            - cLog(r) - 1
          gb[j] += Float(-dr / (alpha * alpha) * scale)
        }
        if nc {
          let dy = -FastMath.digamma(y + r) + FastMath.digamma(y + 1) + cLog(r + mu) - cLog(mu)
          gc[j] += Float(dy * scale)
        }
      }
    }
  }
}
