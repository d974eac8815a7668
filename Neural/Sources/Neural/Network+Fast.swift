// Fast paths: whole-epoch training as matrix–matrix products, and gemv forward passes.
//
// Applies to nets whose every layer is *dense*: its trainable neurons read the same consecutive
// neuron range (standard layered nets: the previous layer with its bias; shortcut nets: every
// earlier neuron), with any connection-less (bias) neurons at the end of the layer. Then the
// weights of a layer already are a row-major out × in matrix inside `weights`.
//
// Batch layout. A chunk of B samples is kept *neuron-major*: V (values), S (sums) and E (errors) are
// totalNeurons × ld matrices whose row k holds neuron k's B samples contiguously (ld ≥ B). Then
//   forward   S[layer, :] = W · V[inputs, :]                        (gemm)
//   backward  E[inputs, :] += Wᵀ · E[layer, :]                      (gemm, output layer down)
//   slopes    G += E[layer, :] · V[inputs, :]ᵀ                      (gemm, accumulated over chunks)
// and every elementwise step (steepness, clamp, activation, derivative) runs over one neuron's
// contiguous samples with one function and one steepness (ActivationFunction+Lanes.swift), whatever
// the per-neuron activations are. When only the first layer reads the input layer (layered nets), the
// input rows are not copied: the first layer's gemms read the row-major samples directly (transB) and
// its bias column is added separately ("direct input").
// Output errors, MSE and bit fails are computed sample by sample in FANN's order, so the MSE
// accumulates exactly as the reference's; only the gemm summation order and the vector exp/tanh
// differ, and results match the reference to float rounding (tests: NetworkFastTests). The workspace
// is kept with the network between epochs (no allocation per epoch). Sparse nets and incremental
// training use the reference (incremental: Network+Incremental.swift).

struct FastPlan {
  struct Layer {
    var first: Int  // first neuron
    var count: Int  // neurons with connections
    var end: Int  // one past the layer's last neuron (biases included)
    var source: Int  // first source neuron
    var inputs: Int  // sources per neuron
    var weight: Int  // offset of the layer's first weight
  }
  var layers: [Layer]
  /// Only the first layer reads input neurons, and it reads exactly inputs + bias: the batch paths
  /// then read the samples in place instead of copying them into V.
  var directInput: Bool

  init?(_ net: Network) {
    var layers = [Layer]()
    let cs = net.connectionStart
    for l in 1..<net.numLayers {
      let start = net.layerStart[l], end = net.layerStart[l + 1]
      var count = 0
      while start + count < end, cs[start + count + 1] > cs[start + count] { count += 1 }
      for k in (start + count)..<end where cs[k + 1] != cs[k] { return nil }
      guard count > 0 else { return nil }
      let n = cs[start + 1] - cs[start]
      let s0 = Int(net.sources[cs[start]])
      for k in start..<(start + count) {
        guard cs[k + 1] - cs[k] == n else { return nil }
        for (j, c) in (cs[k]..<cs[k + 1]).enumerated() where Int(net.sources[c]) != s0 + j {
          return nil
        }
      }
      layers.append(Layer(first: start, count: count, end: end, source: s0, inputs: n, weight: cs[start]))
    }
    self.layers = layers
    let inputEnd = net.layerStart[1]
    directInput =
      layers[0].source == 0 && layers[0].inputs == inputEnd
      && layers.dropFirst().allSatisfy { $0.source >= inputEnd }
  }
}

extension Network {
  /// Runs one input through the network with a gemv per layer (falls back to the reference for
  /// sparse nets). Matches ``runReference(_:)`` to float rounding.
  ///
  /// ```swift
  /// var net = try Network.standard(layers: [784, 128, 10], seed: 1)
  /// let y = try net.runFast([Float](repeating: 0.5, count: 784))
  /// ```
  /// - Complexity: O(connections).
  public mutating func runFast(_ input: [Float]) throws(NeuralError) -> [Float] {
    guard input.count == numInputs else {
      throw .shapeMismatch(expected: numInputs, actual: input.count)
    }
    guard let plan else { return try run(input) }
    input.withUnsafeBufferPointer { forwardFast($0.baseAddress!, plan: plan) }
    return Array(values[firstOutput..<(firstOutput + numOutputs)])
  }

  /// The bit-exact FANN forward pass (`fann_run` summation order); same as ``run(_:)``.
  ///
  /// ```swift
  /// let y = try net.runReference([0.5, -0.5])
  /// ```
  public mutating func runReference(_ input: [Float]) throws(NeuralError) -> [Float] {
    try run(input)
  }

  mutating func forwardFast(_ input: UnsafePointer<Float>, plan: FastPlan) {
    let nIn = numInputs
    weights.withUnsafeBufferPointer { w in
      activation.withUnsafeBufferPointer { act in
        steepness.withUnsafeBufferPointer { st in
          values.withUnsafeMutableBufferPointer { v in
            sums.withUnsafeMutableBufferPointer { sm in
              let vp = v.baseAddress!, sp = sm.baseAddress!
              vp.update(from: input, count: nIn)
              vp[nIn] = 1
              for layer in plan.layers {
                Kernel.gemv(
                  m: layer.count, n: layer.inputs, a: w.baseAddress! + layer.weight, lda: layer.inputs,
                  x: vp + layer.source, y: sp + layer.first)
                // Runs of neurons sharing function and steepness go through the vector kernels.
                var k = layer.first
                let last = layer.first + layer.count
                while k < last {
                  let f = act[k], s = st[k]
                  var e = k + 1
                  while e < last, act[e] == f, st[e] == s { e += 1 }
                  ActivationFunction.activateRun(f, steepness: s, sums: sp + k, values: vp + k, count: e - k)
                  k = e
                }
                for k in last..<layer.end { vp[k] = 1 }
              }
            }
          }
        }
      }
    }
  }

  /// Runs every row of `inputs` (count × numInputs, row-major) and returns count × numOutputs
  /// outputs, one gemm per layer per chunk of samples.
  ///
  /// ```swift
  /// let outs = try net.runBatch(data.inputs)   // row-major outputs
  /// ```
  /// - Complexity: O(count · connections).
  public mutating func runBatch(_ inputs: [Float]) throws(NeuralError) -> [Float] {
    guard inputs.count % numInputs == 0 else {
      throw .shapeMismatch(expected: (inputs.count / numInputs + 1) * numInputs, actual: inputs.count)
    }
    let n = inputs.count / numInputs
    let nOut = numOutputs, o0 = firstOutput
    var out = [Float](repeating: 0, count: n * nOut)
    guard let plan else {
      for d in 0..<n {
        let y = try run(Array(inputs[(d * numInputs)..<((d + 1) * numInputs)]))
        for j in 0..<nOut { out[d * nOut + j] = y[j] }
      }
      return out
    }
    var ws = takeWorkspace(rows: n)
    let ld = ws.ld
    var start = 0
    while start < n {
      let b = min(ld, n - start)
      inputs.withUnsafeBufferPointer { inp in
        batchForward(inp.baseAddress! + start * numInputs, rows: b, plan: plan, ws: &ws)
      }
      ws.values.withUnsafeBufferPointer { v in
        out.withUnsafeMutableBufferPointer { o in
          for j in 0..<nOut {
            let row = v.baseAddress! + (o0 + j) * ld
            for d in 0..<b { o[(start + d) * nOut + j] = row[d] }
          }
        }
      }
      start += b
    }
    workspace = ws
    return out
  }

  /// The cached chunk workspace, sized for this topology (taken out of `self`, so no copy-on-write
  /// copy is made while it is filled; callers put it back).
  mutating func takeWorkspace(rows n: Int) -> BatchWorkspace {
    let ld = min(n, BatchWorkspace.chunk)
    if let ws = workspace, ws.neurons == totalNeurons, ws.ld >= ld {
      workspace = nil
      return ws
    }
    workspace = nil
    return BatchWorkspace(ld: ld, neurons: totalNeurons)
  }

  /// Forward pass of `rows` samples (row-major at `input`) into the workspace matrices.
  mutating func batchForward(
    _ input: UnsafePointer<Float>, rows b: Int, plan: FastPlan, ws: inout BatchWorkspace
  ) {
    let nIn = numInputs, ld = ws.ld
    weights.withUnsafeBufferPointer { w in
      activation.withUnsafeBufferPointer { act in
        steepness.withUnsafeBufferPointer { st in
          ws.values.withUnsafeMutableBufferPointer { vb in
            ws.sums.withUnsafeMutableBufferPointer { sb in
              let v = vb.baseAddress!, sm = sb.baseAddress!, wp = w.baseAddress!
              if !plan.directInput {
                // Transpose the chunk's inputs into V's input rows, 8 samples at a time.
                var d0 = 0
                while d0 < b {
                  let d1 = min(d0 + 8, b)
                  for i in 0..<nIn {
                    let row = v + i * ld
                    for d in d0..<d1 { row[d] = input[d * nIn + i] }
                  }
                  d0 = d1
                }
              }
              (v + nIn * ld).update(repeating: 1, count: b)
              for (li, layer) in plan.layers.enumerated() {
                let s = sm + layer.first * ld
                if li == 0 && plan.directInput {
                  Kernel.gemm(
                    transA: false, transB: true, m: layer.count, n: b, k: nIn, alpha: 1,
                    a: wp + layer.weight, lda: layer.inputs, b: input, ldb: nIn, beta: 0, c: s, ldc: ld)
                  for r in 0..<layer.count {
                    let bias = wp[layer.weight + r * layer.inputs + nIn]
                    let row = s + r * ld
                    for d in 0..<b { row[d] += bias }
                  }
                } else {
                  Kernel.gemm(
                    transA: false, transB: false, m: layer.count, n: b, k: layer.inputs, alpha: 1,
                    a: wp + layer.weight, lda: layer.inputs, b: v + layer.source * ld, ldb: ld, beta: 0,
                    c: s, ldc: ld)
                }
                for k in layer.first..<(layer.first + layer.count) {
                  ActivationFunction.activateRun(
                    act[k], steepness: st[k], sums: sm + k * ld, values: v + k * ld, count: b)
                }
                for k in (layer.first + layer.count)..<layer.end { (v + k * ld).update(repeating: 1, count: b) }
              }
            }
          }
        }
      }
    }
  }

  /// One whole-epoch step of batch/RPROP/quickprop/SARPROP over the data in matrix form.
  mutating func trainEpochFast(on data: TrainingData, plan: FastPlan) throws(NeuralError) -> Float {
    try checkShape(data)
    try checkTrainable()
    guard data.count > 0 else { throw .emptyData }
    if trainingAlgorithm != .batch && prevTrainSlopes.count != totalConnections {
      clearTrainArrays()
    }
    if trainSlopes.count != totalConnections {
      trainSlopes = [Float](repeating: 0, count: totalConnections)
    }
    resetMSE()
    let n = data.count
    var ws = takeWorkspace(rows: n)
    var start = 0
    while start < n {
      let b = min(ws.ld, n - start)
      data.inputs.withUnsafeBufferPointer { inp in
        batchForward(inp.baseAddress! + start * numInputs, rows: b, plan: plan, ws: &ws)
        data.outputs.withUnsafeBufferPointer { out in
          batchBackward(
            out.baseAddress! + start * numOutputs, input: inp.baseAddress! + start * numInputs, rows: b,
            plan: plan, ws: &ws)
        }
      }
      start += b
    }
    workspace = ws
    applyEpochUpdate(count: n)
    return meanSquaredError
  }

  /// Output errors, backpropagation and slope accumulation for one chunk (`input` is the chunk's
  /// row-major samples, read by the first layer in direct-input mode).
  mutating func batchBackward(
    _ desired: UnsafePointer<Float>, input: UnsafePointer<Float>, rows b: Int, plan: FastPlan,
    ws: inout BatchWorkspace
  ) {
    let nOut = numOutputs, o0 = firstOutput, nIn = numInputs, ld = ws.ld
    let tanh = errorFunction == .tanh
    ws.values.withUnsafeBufferPointer { vb in
      ws.sums.withUnsafeBufferPointer { sb in
        ws.errors.withUnsafeMutableBufferPointer { eb in
          let v = vb.baseAddress!, sm = sb.baseAddress!, e = eb.baseAddress!
          // Output errors, sample by sample in FANN's order (MSE accumulates identically).
          for d in 0..<b {
            for j in 0..<nOut {
              let k = o0 + j
              let value = v[k * ld + d]
              var diff = updateMSE(k, desired[d * nOut + j] - value)
              if tanh {
                if diff < -0.9999999 {
                  diff = -17
                } else if diff > 0.9999999 {
                  diff = 17
                } else {
                  diff = Float(cLog((1.0 + Double(diff)) / (1.0 - Double(diff))))
                }
              }
              e[k * ld + d] =
                activation[k].derivative(steepness: steepness[k], value: value, sum: sm[k * ld + d]) * diff
              numMSE += 1
            }
          }
          // Hidden errors accumulate from every later layer (shortcut nets): start from zero.
          let hidden = layerStart[1]
          (e + hidden * ld).update(repeating: 0, count: (o0 - hidden) * ld)
          weights.withUnsafeBufferPointer { w in
            trainSlopes.withUnsafeMutableBufferPointer { gb in
              activation.withUnsafeBufferPointer { act in
                steepness.withUnsafeBufferPointer { st in
                  let wp = w.baseAddress!, g = gb.baseAddress!
                  for li in stride(from: plan.layers.count - 1, through: 0, by: -1) {
                    let layer = plan.layers[li]
                    let el = e + layer.first * ld
                    // Slopes of this layer's weights (its errors are final here).
                    if li == 0 && plan.directInput {
                      Kernel.gemm(
                        transA: false, transB: false, m: layer.count, n: nIn, k: b, alpha: 1, a: el, lda: ld,
                        b: input, ldb: nIn, beta: 1, c: g + layer.weight, ldc: layer.inputs)
                      for r in 0..<layer.count {
                        let row = el + r * ld
                        var total: Float = 0
                        for d in 0..<b { total += row[d] }
                        g[layer.weight + r * layer.inputs + nIn] += total
                      }
                    } else {
                      Kernel.gemm(
                        transA: false, transB: true, m: layer.count, n: layer.inputs, k: b, alpha: 1, a: el,
                        lda: ld, b: v + layer.source * ld, ldb: ld, beta: 1, c: g + layer.weight,
                        ldc: layer.inputs)
                    }
                    guard li >= 1 else { continue }
                    // Errors of the sources that are hidden neurons (input neurons need none).
                    let skip = max(0, hidden - layer.source)
                    Kernel.gemm(
                      transA: true, transB: false, m: layer.inputs - skip, n: b, k: layer.count, alpha: 1,
                      a: wp + layer.weight + skip, lda: layer.inputs, b: el, ldb: ld, beta: 1,
                      c: e + (layer.source + skip) * ld, ldc: ld)
                    // Derivatives of the previous layer's trainable neurons.
                    let prev = plan.layers[li - 1]
                    for k in prev.first..<(prev.first + prev.count) {
                      ActivationFunction.multiplyDerivativeRun(
                        act[k], steepness: st[k], values: v + k * ld, sums: sm + k * ld, errors: e + k * ld,
                        count: b)
                    }
                  }
                }
              }
            }
          }
        }
      }
    }
  }
}

/// Per-chunk matrices of the batch paths: neurons × ld each, neuron-major (row k = neuron k's samples).
struct BatchWorkspace {
  /// Samples per chunk: small enough that the three matrices of a mid-sized net stay in L2.
  static let chunk = 256
  /// Leading dimension (samples per row).
  let ld: Int
  let neurons: Int
  var values: [Float]
  var sums: [Float]
  var errors: [Float]
  init(ld: Int, neurons: Int) {
    self.ld = ld
    self.neurons = neurons
    values = [Float](repeating: 0, count: ld * neurons)
    sums = [Float](repeating: 0, count: ld * neurons)
    errors = [Float](repeating: 0, count: ld * neurons)
  }
}
