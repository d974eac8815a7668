// Incremental (per-sample) training on dense nets: gemv forward, transposed gemv backward, and a
// vectorised weight update.
//
// The update Δ = (lr·error)·value + momentum·Δprev; w += Δ is elementwise, so the SIMD loop below
// computes exactly FANN's float values (no reduction, no fused multiply-add); only the forward and
// backward sums (gemv) differ from the reference in summation order.

extension Network {
  /// One incremental epoch on the fast path (dense nets).
  mutating func trainEpochIncrementalFast(on data: TrainingData, plan: FastPlan) throws(NeuralError)
    -> Float
  {
    try checkShape(data)
    try checkTrainable()
    guard data.count > 0 else { throw .emptyData }
    if prevWeightDeltas.count != totalConnections {
      prevWeightDeltas = [Float](repeating: 0, count: totalConnections)
    }
    resetMSE()
    let lr = learningRate, momentum = learningMomentum
    let nIn = numInputs, nOut = numOutputs
    for d in 0..<data.count {
      data.inputs.withUnsafeBufferPointer { forwardFast($0.baseAddress! + d * nIn, plan: plan) }
      data.outputs.withUnsafeBufferPointer { computeOutputErrors($0.baseAddress! + d * nOut) }
      weights.withUnsafeMutableBufferPointer { w in
        prevWeightDeltas.withUnsafeMutableBufferPointer { prev in
          trainErrors.withUnsafeMutableBufferPointer { e in
            values.withUnsafeBufferPointer { v in
              sums.withUnsafeBufferPointer { sm in
                // Backward: output layer down to the second hidden layer's inputs.
                var li = plan.layers.count - 1
                while li >= 1 {
                  let layer = plan.layers[li]
                  Kernel.gemvTransposedAccumulate(
                    m: layer.count, n: layer.inputs, a: w.baseAddress! + layer.weight,
                    lda: layer.inputs, x: e.baseAddress! + layer.first,
                    y: e.baseAddress! + layer.source)
                  let prevLayer = plan.layers[li - 1]
                  for k in prevLayer.first..<prevLayer.end {
                    e[k] *= activation[k].derivative(steepness: steepness[k], value: v[k], sum: sm[k])
                  }
                  li -= 1
                }
                // Update every layer's weights.
                for layer in plan.layers {
                  for r in 0..<layer.count {
                    let t = e[layer.first + r] * lr
                    let offset = layer.weight + r * layer.inputs
                    Network.updateRow(
                      w.baseAddress! + offset, prev.baseAddress! + offset,
                      v.baseAddress! + layer.source, count: layer.inputs, t: t, momentum: momentum)
                  }
                }
              }
            }
          }
        }
      }
    }
    return meanSquaredError
  }

  /// Δ = t·v + momentum·prev; w += Δ; prev = Δ, eight lanes at a time.
  @inline(__always)
  static func updateRow(
    _ w: UnsafeMutablePointer<Float>, _ prev: UnsafeMutablePointer<Float>,
    _ v: UnsafePointer<Float>, count: Int, t: Float, momentum: Float
  ) {
    var j = 0
    let t8 = SIMD8<Float>(repeating: t), m8 = SIMD8<Float>(repeating: momentum)
    while j + 8 <= count {
      let vv = UnsafeRawPointer(v + j).loadUnaligned(as: SIMD8<Float>.self)
      let pp = UnsafeRawPointer(prev + j).loadUnaligned(as: SIMD8<Float>.self)
      let ww = UnsafeRawPointer(w + j).loadUnaligned(as: SIMD8<Float>.self)
      let delta = t8 * vv + m8 * pp
      UnsafeMutableRawPointer(w + j).storeBytes(of: ww + delta, as: SIMD8<Float>.self)
      UnsafeMutableRawPointer(prev + j).storeBytes(of: delta, as: SIMD8<Float>.self)
      j += 8
    }
    while j < count {
      let delta = t * v[j] + momentum * prev[j]
      w[j] += delta
      prev[j] = delta
      j += 1
    }
  }
}
