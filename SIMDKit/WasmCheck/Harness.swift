// Runs SIMDKit's kernels inside WebAssembly and compares every fast path with its reference, the way
// Tests/SIMDKitTests does natively. Natively FloatVector is SIMD8<Float>; this harness is the only
// place the wasm32 code paths (SIMD4<Float>, SIMD2<Double>, f32x4 lowering) are *executed*.
// Built and run by scripts/checks/simdkit-wasm.sh (compiled in the same module as SIMDKit's sources,
// linked with wasm-ld against wasi-libc, run in Node). Returns the number of failed comparisons.

/// Distance in units in the last place; 0 when both are NaN.
func harnessULPs(_ a: Float, _ b: Float) -> Int {
  if a.isNaN || b.isNaN { return a.isNaN && b.isNaN ? 0 : Int.max }
  if a == b { return 0 }
  let ia = Int64(Int32(bitPattern: a.bitPattern)), ib = Int64(Int32(bitPattern: b.bitPattern))
  let oa = ia < 0 ? Int64(Int32.min) - ia : ia, ob = ib < 0 ? Int64(Int32.min) - ib : ib
  return Int((oa - ob).magnitude)
}

/// Deterministic data in [-scale, scale), with NaN, infinities, zeros and a denormal sprinkled in.
func harnessData(_ n: Int, seed: UInt64, scale: Float, edges: Bool) -> [Float] {
  var s = seed
  var x = (0..<n).map { _ -> Float in
    s = s &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
    return (Float(s >> 40) / Float(1 << 23) - 1) * scale
  }
  if edges {
    let specials: [Float] = [.nan, .infinity, -.infinity, 0, -0.0, 0x1p-140, 1e30, -1e30]
    for (k, v) in specials.enumerated() where n > 0 { x[(k * 7 + Int(seed % 5)) % n] = v }
  }
  return x
}

@_cdecl("simdkit_check")
public func simdkitCheck() -> Int32 {
  var failures: Int32 = 0
  let sizes = Array(0...33) + [1000, 4099]
  for n in sizes {
    let x = harnessData(n, seed: UInt64(n) + 1, scale: 4, edges: false)
    let y = harnessData(n, seed: UInt64(n) + 101, scale: 4, edges: false)
    let e = harnessData(n, seed: UInt64(n) + 201, scale: 30, edges: true)
    x.withUnsafeBufferPointer { px in
      y.withUnsafeBufferPointer { py in
        // dot and sum: the reordering bound 2(n+1)·eps·sum|t|.
        var mag: Float = 0
        for i in 0..<n { mag += (px[i] * py[i]).magnitude }
        let bound = 2 * Float(n + 1) * Float.ulpOfOne * mag * 2
        if (SIMDKernels.dot(px, py) - ReferenceKernels.dot(px, py)).magnitude > bound { failures += 1 }
        if (SIMDKernels.sum(px) - ReferenceKernels.sum(px)).magnitude > bound + 1e-3 { failures += 1 }
        let xd = x.map(Double.init), yd = y.map(Double.init)
        xd.withUnsafeBufferPointer { qx in
          yd.withUnsafeBufferPointer { qy in
            if (SIMDKernels.dot(qx, qy) - ReferenceKernels.dot(qx, qy)).magnitude > Double(bound) { failures += 1 }
          }
        }
        // axpy and element-wise: bit-identical.
        var a1 = y, a2 = y
        a1.withUnsafeMutableBufferPointer { SIMDKernels.axpy(1.25, px, $0) }
        a2.withUnsafeMutableBufferPointer { ReferenceKernels.axpy(1.25, px, $0) }
        if a1 != a2 { failures += 1 }
        var o1 = [Float](repeating: 0, count: n), o2 = o1
        o1.withUnsafeMutableBufferPointer { SIMDKernels.divide(px, py, into: $0) }
        o2.withUnsafeMutableBufferPointer { ReferenceKernels.divide(px, py, into: $0) }
        if o1 != o2 { failures += 1 }
      }
    }
    e.withUnsafeBufferPointer { pe in
      // Reductions: exact, NaN rule included.
      let m1 = SIMDKernels.max(pe), m2 = ReferenceKernels.max(pe)
      if (m1 == nil) != (m2 == nil) || (m1 != nil && harnessULPs(m1!, m2!) != 0) { failures += 1 }
      if SIMDKernels.argmax(pe) != ReferenceKernels.argmax(pe) { failures += 1 }
      let clean = e.map { $0.isNaN ? 0.5 : $0 }
      clean.withUnsafeBufferPointer { pc in
        if SIMDKernels.min(pc) != ReferenceKernels.min(pc) { failures += 1 }
        if SIMDKernels.argmax(pc) != ReferenceKernels.argmax(pc) { failures += 1 }
      }
      // Activations and derivatives, with the native tests' tolerances.
      for f in ActivationFunction.allCases {
        var f1 = [Float](repeating: 0, count: n), f2 = f1
        f1.withUnsafeMutableBufferPointer { SIMDKernels.activate(f, steepness: 0.75, pe, into: $0) }
        f2.withUnsafeMutableBufferPointer { ReferenceKernels.activate(f, steepness: 0.75, pe, into: $0) }
        var d1 = f1, d2 = f1
        f2.withUnsafeBufferPointer { py in
          d1.withUnsafeMutableBufferPointer { SIMDKernels.derivative(f, steepness: 0.75, x: pe, y: py, into: $0) }
          d2.withUnsafeMutableBufferPointer { ReferenceKernels.derivative(f, steepness: 0.75, x: pe, y: py, into: $0) }
        }
        for i in 0..<n {
          let ok = harnessULPs(f1[i], f2[i]) <= 4 || (f1[i] - f2[i]).magnitude <= 2.4e-7
          let okD = harnessULPs(d1[i], d2[i]) <= 4 || (d1[i] - d2[i]).magnitude <= 3e-7
          if !ok || !okD { failures += 1 }
        }
      }
    }
    // Softmax on finite data.
    let logits = harnessData(n, seed: UInt64(n) + 301, scale: 40, edges: false)
    var s1 = [Float](repeating: 0, count: n), s2 = s1
    logits.withUnsafeBufferPointer { pl in
      s1.withUnsafeMutableBufferPointer { SIMDKernels.softmax(pl, into: $0) }
      s2.withUnsafeMutableBufferPointer { ReferenceKernels.softmax(pl, into: $0) }
    }
    for i in 0..<n where harnessULPs(s1[i], s2[i]) > 4 + n / 4 && (s1[i] - s2[i]).magnitude > 1e-30 { failures += 1 }
  }
  return failures
}

/// Which path `Kernels` dispatches to in this build: 1 for SIMD, 0 for the reference.
@_cdecl("simdkit_path")
public func simdkitPath() -> Int32 { KernelPath.active == .simd ? 1 : 0 }
