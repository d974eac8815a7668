// Input/output scaling (`fann_set_scaling_params`, `fann_scale_input`, `fann_descale_output`, …).
//
// FANN standardises each column, then maps the standardised value from the nominal range [−1, 1]
// to [new_min, new_max]:  scaled = ((x − mean) / deviation − (−1)) · factor + new_min, with
// factor = (new_max − new_min) / 2 and deviation the population standard deviation. Descaling
// inverts it. All arithmetic in Float, in FANN's order.

extension Network {
  /// Computes input and output scaling parameters from `data` (`fann_set_scaling_params`).
  ///
  /// ```swift
  /// try net.setScalingParameters(from: data, inputMin: -1, inputMax: 1, outputMin: -1, outputMax: 1)
  /// ```
  /// - Complexity: O(data values).
  public mutating func setScalingParameters(
    from data: TrainingData, inputMin: Float, inputMax: Float, outputMin: Float, outputMax: Float
  ) throws(NeuralError) {
    try checkShape(data)
    var s = scaling ?? Scaling(inputs: numInputs, outputs: numOutputs)
    Network.fit(data.inputs, columns: numInputs, rows: data.count, newMin: inputMin, newMax: inputMax,
      mean: &s.meanIn, deviation: &s.deviationIn, newMinimum: &s.newMinIn, factor: &s.factorIn)
    Network.fit(data.outputs, columns: numOutputs, rows: data.count, newMin: outputMin,
      newMax: outputMax, mean: &s.meanOut, deviation: &s.deviationOut, newMinimum: &s.newMinOut,
      factor: &s.factorOut)
    scaling = s
  }

  static func fit(
    _ values: [Float], columns: Int, rows: Int, newMin: Float, newMax: Float, mean: inout [Float],
    deviation: inout [Float], newMinimum: inout [Float], factor: inout [Float]
  ) {
    if rows == 0 {
      for i in 0..<columns {
        mean[i] = 0
        deviation[i] = 1
        newMinimum[i] = -1
        factor[i] = 1
      }
      return
    }
    for i in 0..<columns { mean[i] = 0 }
    for d in 0..<rows { for i in 0..<columns { mean[i] += values[d * columns + i] } }
    for i in 0..<columns { mean[i] /= Float(rows) }
    for i in 0..<columns { deviation[i] = 0 }
    for d in 0..<rows {
      for i in 0..<columns {
        let x = values[d * columns + i] - mean[i]
        deviation[i] += x * x
      }
    }
    for i in 0..<columns {
      deviation[i] = (deviation[i] / Float(rows)).squareRoot()
      factor[i] = (newMax - newMin) / (1.0 - (-1.0))
      newMinimum[i] = newMin
    }
  }

  /// Scales an input vector with the stored parameters (`fann_scale_input`).
  ///
  /// ```swift
  /// let x = try net.scaleInput([1000, 2])
  /// ```
  public func scaleInput(_ input: [Float]) throws(NeuralError) -> [Float] {
    guard let s = scaling else { throw .invalidArgument(.range) }
    guard input.count == numInputs else {
      throw .shapeMismatch(expected: numInputs, actual: input.count)
    }
    return (0..<numInputs).map { i in
      ((input[i] - s.meanIn[i]) / s.deviationIn[i] - (-1.0)) * s.factorIn[i] + s.newMinIn[i]
    }
  }

  /// Scales a desired-output vector (`fann_scale_output`).
  ///
  /// ```swift
  /// let y = try net.scaleOutput([999.5])
  /// ```
  public func scaleOutput(_ output: [Float]) throws(NeuralError) -> [Float] {
    guard let s = scaling else { throw .invalidArgument(.range) }
    guard output.count == numOutputs else {
      throw .shapeMismatch(expected: numOutputs, actual: output.count)
    }
    return (0..<numOutputs).map { i in
      ((output[i] - s.meanOut[i]) / s.deviationOut[i] - (-1.0)) * s.factorOut[i] + s.newMinOut[i]
    }
  }

  /// Undoes ``scaleInput(_:)`` (`fann_descale_input`).
  ///
  /// ```swift
  /// let original = try net.descaleInput(try net.scaleInput([3, 4]))
  /// ```
  public func descaleInput(_ input: [Float]) throws(NeuralError) -> [Float] {
    guard let s = scaling else { throw .invalidArgument(.range) }
    guard input.count == numInputs else {
      throw .shapeMismatch(expected: numInputs, actual: input.count)
    }
    return (0..<numInputs).map { i in
      ((input[i] - s.newMinIn[i]) / s.factorIn[i] + (-1.0)) * s.deviationIn[i] + s.meanIn[i]
    }
  }

  /// Turns a network output back into the original output units (`fann_descale_output`).
  ///
  /// ```swift
  /// let y = try net.descaleOutput(try net.run(x))
  /// ```
  public func descaleOutput(_ output: [Float]) throws(NeuralError) -> [Float] {
    guard let s = scaling else { throw .invalidArgument(.range) }
    guard output.count == numOutputs else {
      throw .shapeMismatch(expected: numOutputs, actual: output.count)
    }
    return (0..<numOutputs).map { i in
      ((output[i] - s.newMinOut[i]) / s.factorOut[i] + (-1.0)) * s.deviationOut[i] + s.meanOut[i]
    }
  }

  /// Scales every sample of `data` in place (`fann_scale_train`).
  ///
  /// ```swift
  /// try net.scale(&data)
  /// ```
  public func scale(_ data: inout TrainingData) throws(NeuralError) {
    try checkShape(data)
    for d in 0..<data.count {
      let x = try scaleInput(data.input(d))
      let y = try scaleOutput(data.output(d))
      for i in 0..<numInputs { data.inputs[d * numInputs + i] = x[i] }
      for j in 0..<numOutputs { data.outputs[d * numOutputs + j] = y[j] }
    }
  }

  /// Removes the scaling parameters (`fann_clear_scaling_params` then no `scale_*` block).
  ///
  /// ```swift
  /// net.clearScaling()
  /// ```
  public mutating func clearScaling() { scaling = nil }
}
