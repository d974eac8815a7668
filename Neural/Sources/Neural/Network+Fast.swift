// Fast paths: whole-epoch training as matrix–matrix products, and gemv forward passes.
//
// Applies to nets whose every layer is *dense*: its trainable neurons read the same consecutive
// neuron range (standard layered nets: the previous layer with its bias; shortcut nets: every
// earlier neuron), with any connection-less (bias) neurons at the end of the layer. Then the
// weights of a layer already are a row-major out × in matrix inside `weights`, and with a
// chunk of B samples kept as B × totalNeurons matrices V (values), S (sums), E (errors):
//   forward   S[:, layer] = V[:, inputs] · Wᵀ                    (gemm)
//   backward  E[:, inputs] += E[:, layer] · W                     (gemm, output layer down)
//   slopes    G += E[:, layer]ᵀ · V[:, inputs]                    (gemm, accumulated over chunks)
// Activations, derivatives, MSE and bit fails are the same elementwise code as the reference, in
// the same sample order, so only the gemm summation order differs: results match the reference to
// float rounding (tests: NetworkFastTests). Sparse nets and incremental training use the reference.

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
      values.withUnsafeMutableBufferPointer { v in
        sums.withUnsafeMutableBufferPointer { sm in
          for i in 0..<nIn { v[i] = input[i] }
          v[nIn] = 1
          for layer in plan.layers {
            Kernel.gemv(
              m: layer.count, n: layer.inputs, a: w.baseAddress! + layer.weight, lda: layer.inputs,
              x: v.baseAddress! + layer.source, y: sm.baseAddress! + layer.first)
            for k in layer.first..<(layer.first + layer.count) {
              let s = steepness[k]
              var sum = s * sm[k]
              let maxSum = 150 / s
              if sum > maxSum { sum = maxSum } else if sum < -maxSum { sum = -maxSum }
              sm[k] = sum
              v[k] = activation[k].value(sum)
            }
            for k in (layer.first + layer.count)..<layer.end { v[k] = 1 }
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
    var out = [Float](repeating: 0, count: n * numOutputs)
    guard let plan else {
      for d in 0..<n {
        let y = try run(Array(inputs[(d * numInputs)..<((d + 1) * numInputs)]))
        for j in 0..<numOutputs { out[d * numOutputs + j] = y[j] }
      }
      return out
    }
    var ws = BatchWorkspace(rows: min(n, BatchWorkspace.chunk), neurons: totalNeurons)
    var start = 0
    while start < n {
      let b = min(BatchWorkspace.chunk, n - start)
      inputs.withUnsafeBufferPointer { inp in
        batchForward(inp.baseAddress! + start * numInputs, rows: b, plan: plan, ws: &ws)
      }
      for d in 0..<b {
        for j in 0..<numOutputs {
          out[(start + d) * numOutputs + j] = ws.values[d * totalNeurons + firstOutput + j]
        }
      }
      start += b
    }
    return out
  }

  /// Forward pass of `rows` samples into the workspace matrices.
  mutating func batchForward(
    _ input: UnsafePointer<Float>, rows: Int, plan: FastPlan, ws: inout BatchWorkspace
  ) {
    let t = totalNeurons, nIn = numInputs
    weights.withUnsafeBufferPointer { w in
      ws.values.withUnsafeMutableBufferPointer { v in
        ws.sums.withUnsafeMutableBufferPointer { sm in
          for d in 0..<rows {
            let row = v.baseAddress! + d * t
            for i in 0..<nIn { row[i] = input[d * nIn + i] }
            row[nIn] = 1
          }
          for layer in plan.layers {
            Kernel.gemm(
              transA: false, transB: true, m: rows, n: layer.count, k: layer.inputs, alpha: 1,
              a: v.baseAddress! + layer.source, lda: t, b: w.baseAddress! + layer.weight,
              ldb: layer.inputs, beta: 0, c: sm.baseAddress! + layer.first, ldc: t)
            for k in layer.first..<(layer.first + layer.count) {
              let s = steepness[k]
              let maxSum = 150 / s
              let f = activation[k]
              for d in 0..<rows {
                var sum = s * sm[d * t + k]
                if sum > maxSum { sum = maxSum } else if sum < -maxSum { sum = -maxSum }
                sm[d * t + k] = sum
                v[d * t + k] = f.value(sum)
              }
            }
            for d in 0..<rows {
              for k in (layer.first + layer.count)..<layer.end { v[d * t + k] = 1 }
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
    var ws = BatchWorkspace(rows: min(n, BatchWorkspace.chunk), neurons: totalNeurons)
    var start = 0
    while start < n {
      let b = min(BatchWorkspace.chunk, n - start)
      data.inputs.withUnsafeBufferPointer { inp in
        batchForward(inp.baseAddress! + start * numInputs, rows: b, plan: plan, ws: &ws)
      }
      data.outputs.withUnsafeBufferPointer { out in
        batchBackward(out.baseAddress! + start * numOutputs, rows: b, plan: plan, ws: &ws)
      }
      start += b
    }
    applyEpochUpdate(count: n)
    return meanSquaredError
  }

  /// Output errors, backpropagation and slope accumulation for one chunk.
  mutating func batchBackward(
    _ desired: UnsafePointer<Float>, rows: Int, plan: FastPlan, ws: inout BatchWorkspace
  ) {
    let t = totalNeurons, nOut = numOutputs, o0 = firstOutput
    let tanh = errorFunction == .tanh
    for i in 0..<(rows * t) { ws.errors[i] = 0 }
    // Output errors, sample by sample in FANN's order (MSE accumulates identically).
    for d in 0..<rows {
      for j in 0..<nOut {
        let k = o0 + j
        let value = ws.values[d * t + k]
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
        ws.errors[d * t + k] =
          activation[k].derivative(steepness: steepness[k], value: value, sum: ws.sums[d * t + k]) * diff
        numMSE += 1
      }
    }
    weights.withUnsafeBufferPointer { w in
      trainSlopes.withUnsafeMutableBufferPointer { g in
        ws.values.withUnsafeBufferPointer { v in
          ws.sums.withUnsafeBufferPointer { sm in
            ws.errors.withUnsafeMutableBufferPointer { e in
              for li in stride(from: plan.layers.count - 1, through: 0, by: -1) {
                let layer = plan.layers[li]
                // Slopes of this layer's weights (errors are final here).
                Kernel.gemm(
                  transA: true, transB: false, m: layer.count, n: layer.inputs, k: rows, alpha: 1,
                  a: e.baseAddress! + layer.first, lda: t, b: v.baseAddress! + layer.source, ldb: t,
                  beta: 1, c: g.baseAddress! + layer.weight, ldc: layer.inputs)
                guard li >= 1 else { continue }
                Kernel.gemm(
                  transA: false, transB: false, m: rows, n: layer.inputs, k: layer.count, alpha: 1,
                  a: e.baseAddress! + layer.first, lda: t, b: w.baseAddress! + layer.weight,
                  ldb: layer.inputs, beta: 1, c: e.baseAddress! + layer.source, ldc: t)
                // Derivatives of the previous layer (all its neurons, as FANN does).
                let prev = plan.layers[li - 1]
                for k in prev.first..<prev.end {
                  let f = activation[k], s = steepness[k]
                  for d in 0..<rows {
                    let idx = d * t + k
                    e[idx] *= f.derivative(steepness: s, value: v[idx], sum: sm[idx])
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

/// Per-chunk matrices of the batch paths (rows × totalNeurons each).
struct BatchWorkspace {
  static let chunk = 1024
  var values: [Float]
  var sums: [Float]
  var errors: [Float]
  init(rows: Int, neurons: Int) {
    values = [Float](repeating: 0, count: rows * neurons)
    sums = [Float](repeating: 0, count: rows * neurons)
    errors = [Float](repeating: 0, count: rows * neurons)
  }
}
