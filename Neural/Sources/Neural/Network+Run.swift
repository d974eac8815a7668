// The forward pass (`fann_run`), scalar reference.
//
// FANN's float arithmetic, reproduced so outputs are bit-identical to libfann's:
// - sum = the `n mod 4` leading products w[2]·v[2], w[1]·v[1], w[0]·v[0] (in that order), then
//   blocks of four added as `sum += ((a + b) + c) + d`;
// - sum *= steepness, clamped to ±(150 / steepness);
// - value = activation(sum); neurons without connections (biases) output 1.
// This is the oracle for the fast paths in Network+Fast.swift.

extension Network {
  /// Runs one input vector through the network and returns the outputs (`fann_run`).
  ///
  /// Throws ``NeuralError/shapeMismatch(expected:actual:)`` when `input.count != numInputs`.
  ///
  /// ```swift
  /// var net = try Network.standard(layers: [2, 3, 1], seed: 1)
  /// let out = try net.run([0.5, -0.5])   // [Float] with one element
  /// ```
  /// - Complexity: O(connections).
  public mutating func run(_ input: [Float]) throws(NeuralError) -> [Float] {
    guard input.count == numInputs else {
      throw .shapeMismatch(expected: numInputs, actual: input.count)
    }
    input.withUnsafeBufferPointer { forwardReference($0.baseAddress!) }
    return Array(values[firstOutput..<(firstOutput + numOutputs)])
  }

  /// The scalar forward pass over `numInputs` floats at `input`; fills `values` and `sums`.
  mutating func forwardReference(_ input: UnsafePointer<Float>) {
    let nIn = numInputs
    let layers = numLayers
    let starts = layerStart
    weights.withUnsafeBufferPointer { w in
      sources.withUnsafeBufferPointer { src in
        connectionStart.withUnsafeBufferPointer { cs in
          activation.withUnsafeBufferPointer { act in
            steepness.withUnsafeBufferPointer { st in
              values.withUnsafeMutableBufferPointer { v in
                sums.withUnsafeMutableBufferPointer { sm in
                  for i in 0..<nIn { v[i] = input[i] }
                  v[nIn] = 1
                  for l in 1..<layers {
                    for k in starts[l]..<starts[l + 1] {
                      let first = cs[k], count = cs[k + 1] - first
                      if count == 0 {
                        v[k] = 1
                        continue
                      }
                      var sum: Float = 0
                      let rem = count & 3
                      if rem >= 3 { sum += w[first + 2] * v[Int(src[first + 2])] }
                      if rem >= 2 { sum += w[first + 1] * v[Int(src[first + 1])] }
                      if rem >= 1 { sum += w[first] * v[Int(src[first])] }
                      var i = rem
                      while i != count {
                        let c = first + i
                        sum +=
                          w[c] * v[Int(src[c])] + w[c + 1] * v[Int(src[c + 1])]
                          + w[c + 2] * v[Int(src[c + 2])] + w[c + 3] * v[Int(src[c + 3])]
                        i += 4
                      }
                      let s = st[k]
                      sum = s * sum
                      let maxSum = 150 / s
                      if sum > maxSum { sum = maxSum } else if sum < -maxSum { sum = -maxSum }
                      sm[k] = sum
                      v[k] = act[k].value(sum)
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
