// Exact discrete Fourier transforms as constant matrices in the graph, and FEDformer's
// frequency-enhanced blocks built on them (Zhou et al. 2022, NeuralForecast's `models.fedformer`).
//
// Real DFT of x[0..<L] at frequency f: Re X_f = Σ_t x_t cos(2πft/L), Im X_f = −Σ_t x_t sin(2πft/L)
// (`torch.fft.rfft`). Inverse of a half spectrum Y_0..Y_{⌊L/2⌋} (`torch.fft.irfft(n: L)`):
// x_t = (1/L) Σ_f c_f (Re Y_f cos(2πft/L) − Im Y_f sin(2πft/L)), c_0 = 1, c_{L/2} = 1 (L even), else 2;
// the imaginary parts of Y_0 and Y_{L/2} are ignored, as the reference does.
//
// - `FourierBlock` (frequency-enhanced block): per head, the spectrum of the projected queries at M
//   fixed random frequencies (at most ⌊L/2⌋, drawn once from the model's seed, sorted) is multiplied by
//   a learned complex `[E, E]` matrix per mode; the products are written to the first M frequencies
//   (the reference stores mode i at index i, not at its source frequency) and transformed back.
// - `FourierCrossAttention` (frequency-enhanced attention): spectra of queries and keys at their fixed
//   modes, attention scores Xqᵀ·Xk (complex, per head), activated by a softmax of their moduli
//   (FEDformer's `activation="softmax"` option), applied to the key spectra, mixed by learned complex
//   weights and written back at the query modes, scaled by 1/(D·D), transformed back.
// The `[B, H, E, L]` result is read as `[B, L, H·E]` without permuting, as the reference's `view` does.
// Stated differences: the cross attention uses the softmax activation (the reference default, complex
// tanh, needs sine and cosine of graph values, which Neural has no op for); complex weights are stored
// per head and mode as `[H·M, E, E]` real and imaginary parameters (a permutation of PyTorch's
// `[H, E, E, M]`); the modulus has 1e-12 under its root so that its gradient stays finite.
import Neural

/// Real DFT and inverse-DFT matrices for sequences of one length.
enum DFT {
  /// `[L, F]` matrices (cos, −sin) of the forward transform at `frequencies`.
  static func forward(_ length: Int, _ frequencies: [Int]) -> (re: [Float], im: [Float]) {
    let n = frequencies.count
    var re = [Float](repeating: 0, count: length * n), im = re
    for t in 0..<length {
      for (j, f) in frequencies.enumerated() {
        let a = 2 * Double.pi * Double((f * t) % length) / Double(length)
        re[t * n + j] = Float(mCos(a))
        im[t * n + j] = Float(-mSin(a))
      }
    }
    return (re, im)
  }

  /// `[F, L]` matrices of the inverse transform of a half spectrum whose only non-zero bins are
  /// `frequencies` (each ≤ ⌊L/2⌋).
  static func inverse(_ length: Int, _ frequencies: [Int]) -> (re: [Float], im: [Float]) {
    let n = frequencies.count
    var re = [Float](repeating: 0, count: n * length), im = re
    for (j, f) in frequencies.enumerated() {
      let edge = f == 0 || 2 * f == length
      let c = (edge ? 1.0 : 2.0) / Double(length)
      for t in 0..<length {
        let a = 2 * Double.pi * Double((f * t) % length) / Double(length)
        re[j * length + t] = Float(c * mCos(a))
        im[j * length + t] = edge ? 0 : Float(-c * mSin(a))
      }
    }
    return (re, im)
  }

  /// FEDformer's `get_frequency_modes(length, modes, "random")`: min(modes, ⌊L/2⌋) distinct frequencies
  /// from 0..<⌊L/2⌋, shuffled by `rng` (Fisher–Yates), sorted.
  static func randomModes(_ length: Int, _ modes: Int, using rng: inout NeuralRandom) -> [Int] {
    var index = Array(0..<(length / 2))
    if index.count > 1 {
      for i in stride(from: index.count - 1, to: 0, by: -1) { index.swapAt(i, rng.below(i + 1)) }
    }
    return Array(index.prefix(min(modes, length / 2))).sorted()
  }
}

/// `[B, H, E, M]` spectra mixed per head and mode by complex `[E, E]` weights (stored `[H·M, E, E]`):
/// out[b, h, o, m] = Σ_e x[b, h, e, m] · W[h·M + m, e, o].
func complexModeMix(_ xr: Var, _ xi: Var, _ wr: Var, _ wi: Var, in g: Graph) throws(TensorError) -> (Var, Var) {
  let b = xr.shape[0], h = xr.shape[1], e = xr.shape[2], m = xr.shape[3]
  func toModes(_ x: Var) throws(TensorError) -> Var {
    let t = try g.transpose(try g.transpose(try g.transpose(x, 0, 1), 1, 3), 2, 3)     // [H, M, B, E]
    return try g.reshape(t, Shape(h * m, b, e))
  }
  func fromModes(_ y: Var) throws(TensorError) -> Var {
    let t = try g.reshape(y, Shape(h, m, b, e))
    return try g.transpose(try g.transpose(try g.transpose(t, 2, 3), 1, 3), 0, 1)     // [B, H, E, M]
  }
  let ar = try toModes(xr), ai = try toModes(xi)
  let yr = try g.sub(try g.matmul(ar, wr), try g.matmul(ai, wi))
  let yi = try g.add(try g.matmul(ar, wi), try g.matmul(ai, wr))
  return (try fromModes(yr), try fromModes(yi))
}

/// `[B, L, H·E]` read as `[B, H, E, L]` (the reference's permute of a `[B, L, H, E]` view).
func headsByChannelsByTime(_ x: Var, heads: Int, in g: Graph) throws(TensorError) -> Var {
  let b = x.shape[0], l = x.shape[1], e = x.shape[2] / heads
  return try g.transpose(try g.transpose(try g.reshape(x, Shape(b, l, heads, e)), 1, 2), 2, 3)
}

/// FEDformer's frequency-enhanced block (FEB-f).
final class FourierBlock: SequenceMixer {
  let heads: Int
  let modes: [Int]
  let weightRe, weightIm: Parameter

  init(dimension: Int, heads: Int, length: Int, modes: Int, using rng: inout NeuralRandom) {
    self.heads = heads
    self.modes = DFT.randomModes(length, modes, using: &rng)
    let e = dimension / heads, scale = 1 / Float(dimension * dimension)
    let shape = Shape(heads * self.modes.count, e, e)
    weightRe = Parameter(Tensor(uniform: shape, low: 0, high: scale, using: &rng))
    weightIm = Parameter(Tensor(uniform: shape, low: 0, high: scale, using: &rng))
  }

  var parameters: [Parameter] { [weightRe, weightIm] }

  func mix(_ q: Var, _ k: Var, _ v: Var, in g: Graph) throws(TensorError) -> Var {
    let b = q.shape[0], l = q.shape[1], d = q.shape[2]
    guard !modes.isEmpty else { return g.constant(Tensor(zeros: q.shape)) }
    let x = try headsByChannelsByTime(q, heads: heads, in: g)                       // [B, H, E, L]
    let f = DFT.forward(l, modes), m = modes.count
    let xr = try g.matmul(x, g.constant(Tensor(shape: Shape(l, m), scalars: f.re)))
    let xi = try g.matmul(x, g.constant(Tensor(shape: Shape(l, m), scalars: f.im)))
    let (yr, yi) = try complexModeMix(xr, xi, g.param(weightRe), g.param(weightIm), in: g)
    let inv = DFT.inverse(l, Array(0..<m))                                          // mode i written at bin i
    let out = try g.add(try g.matmul(yr, g.constant(Tensor(shape: Shape(m, l), scalars: inv.re))),
                        try g.matmul(yi, g.constant(Tensor(shape: Shape(m, l), scalars: inv.im))))
    return try g.reshape(out, Shape(b, l, d))
  }
}

/// FEDformer's frequency-enhanced cross attention (FEA-f) with the softmax activation.
final class FourierCrossAttention: SequenceMixer {
  let heads: Int
  let queryModes, keyModes: [Int]
  let weightRe, weightIm: Parameter

  init(dimension: Int, heads: Int, queryLength: Int, keyLength: Int, modes: Int, using rng: inout NeuralRandom) {
    self.heads = heads
    queryModes = DFT.randomModes(queryLength, modes, using: &rng)
    keyModes = DFT.randomModes(keyLength, modes, using: &rng)
    let e = dimension / heads, scale = 1 / Float(dimension * dimension)
    let shape = Shape(heads * queryModes.count, e, e)
    weightRe = Parameter(Tensor(uniform: shape, low: 0, high: scale, using: &rng))
    weightIm = Parameter(Tensor(uniform: shape, low: 0, high: scale, using: &rng))
  }

  var parameters: [Parameter] { [weightRe, weightIm] }

  func mix(_ q: Var, _ k: Var, _ v: Var, in g: Graph) throws(TensorError) -> Var {
    let b = q.shape[0], l = q.shape[1], s = k.shape[1], d = q.shape[2]
    guard !queryModes.isEmpty, !keyModes.isEmpty else { return g.constant(Tensor(zeros: q.shape)) }
    let mq = queryModes.count, mk = keyModes.count
    let xq = try headsByChannelsByTime(q, heads: heads, in: g)                      // [B, H, E, L]
    let xk = try headsByChannelsByTime(k, heads: heads, in: g)                      // [B, H, E, S]
    let fq = DFT.forward(l, queryModes), fk = DFT.forward(s, keyModes)
    let qr = try g.matmul(xq, g.constant(Tensor(shape: Shape(l, mq), scalars: fq.re)))
    let qi = try g.matmul(xq, g.constant(Tensor(shape: Shape(l, mq), scalars: fq.im)))
    let kr = try g.matmul(xk, g.constant(Tensor(shape: Shape(s, mk), scalars: fk.re)))
    let ki = try g.matmul(xk, g.constant(Tensor(shape: Shape(s, mk), scalars: fk.im)))
    // Scores [B, H, Mq, Mk] = Xqᵀ·Xk (complex), activated by softmax(|·|).
    let qrT = try g.transpose(qr, 2, 3), qiT = try g.transpose(qi, 2, 3)
    let sr = try g.sub(try g.matmul(qrT, kr), try g.matmul(qiT, ki))
    let si = try g.add(try g.matmul(qrT, ki), try g.matmul(qiT, kr))
    let modulus = try g.apply(.sqrt, try g.add(try g.add(try g.apply(.square, sr), try g.apply(.square, si)),
                                               scalar: 1e-12))
    let a = try g.softmax(modulus)
    // Xk·Aᵀ: [B, H, E, Mk] · [B, H, Mk, Mq] → [B, H, E, Mq].
    let aT = try g.transpose(a, 2, 3)
    let (yr, yi) = try complexModeMix(try g.matmul(kr, aT), try g.matmul(ki, aT), g.param(weightRe),
                                      g.param(weightIm), in: g)
    let inv = DFT.inverse(l, queryModes)
    let out = try g.add(try g.matmul(yr, g.constant(Tensor(shape: Shape(mq, l), scalars: inv.re))),
                        try g.matmul(yi, g.constant(Tensor(shape: Shape(mq, l), scalars: inv.im))))
    return try g.reshape(try g.mul(out, scalar: 1 / Float(d * d)), Shape(b, l, d))
  }
}
