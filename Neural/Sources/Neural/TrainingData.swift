// TrainingData: FANN's `struct fann_train_data`, stored as two row-major matrices.
//
// Rows are samples. `inputs` is count × numInputs, `outputs` count × numOutputs, contiguous, so
// the whole-epoch fast paths can hand them to gemm without copying.

/// A set of (input, desired output) samples.
///
/// ```swift
/// let xor = try TrainingData(inputs: [[-1, -1], [-1, 1], [1, -1], [1, 1]],
///                            outputs: [[-1], [1], [1], [-1]])
/// xor.count        // 4
/// xor.input(1)     // [-1, 1]
/// ```
public struct TrainingData: Sendable, Equatable {
  /// Values per input row.
  public let numInputs: Int
  /// Values per output row.
  public let numOutputs: Int
  /// count × numInputs, row-major.
  public internal(set) var inputs: [Float]
  /// count × numOutputs, row-major.
  public internal(set) var outputs: [Float]

  /// Number of samples.
  public var count: Int { numInputs == 0 ? 0 : inputs.count / numInputs }

  /// Builds a set from flat row-major matrices.
  ///
  /// ```swift
  /// let d = try TrainingData(numInputs: 2, numOutputs: 1, inputs: [0, 1], outputs: [1])
  /// ```
  public init(numInputs: Int, numOutputs: Int, inputs: [Float], outputs: [Float])
    throws(NeuralError)
  {
    guard numInputs >= 1, numOutputs >= 1 else { throw .invalidArgument(.layers) }
    guard inputs.count % numInputs == 0 else {
      throw .shapeMismatch(expected: (inputs.count / numInputs + 1) * numInputs, actual: inputs.count)
    }
    let n = inputs.count / numInputs
    guard outputs.count == n * numOutputs else {
      throw .shapeMismatch(expected: n * numOutputs, actual: outputs.count)
    }
    self.numInputs = numInputs
    self.numOutputs = numOutputs
    self.inputs = inputs
    self.outputs = outputs
  }

  /// Builds a set from rows; every row must have the width of the first.
  ///
  /// ```swift
  /// let d = try TrainingData(inputs: [[0, 0], [1, 1]], outputs: [[0], [1]])
  /// ```
  public init(inputs: [[Float]], outputs: [[Float]]) throws(NeuralError) {
    guard let first = inputs.first, let firstOut = outputs.first else { throw .emptyData }
    guard inputs.count == outputs.count else {
      throw .shapeMismatch(expected: inputs.count, actual: outputs.count)
    }
    var flatIn = [Float](), flatOut = [Float]()
    for row in inputs {
      guard row.count == first.count else {
        throw .shapeMismatch(expected: first.count, actual: row.count)
      }
      flatIn.append(contentsOf: row)
    }
    for row in outputs {
      guard row.count == firstOut.count else {
        throw .shapeMismatch(expected: firstOut.count, actual: row.count)
      }
      flatOut.append(contentsOf: row)
    }
    try self.init(numInputs: first.count, numOutputs: firstOut.count, inputs: flatIn, outputs: flatOut)
  }

  /// Input row `i`.
  ///
  /// ```swift
  /// let row = data.input(0)
  /// ```
  public func input(_ i: Int) -> [Float] {
    Array(inputs[(i * numInputs)..<((i + 1) * numInputs)])
  }

  /// Desired-output row `i`.
  ///
  /// ```swift
  /// let row = data.output(0)
  /// ```
  public func output(_ i: Int) -> [Float] {
    Array(outputs[(i * numOutputs)..<((i + 1) * numOutputs)])
  }

  // MARK: Set operations

  /// Shuffles the samples (FANN's `fann_shuffle_train_data` swap pattern, with `NeuralRandom`).
  ///
  /// ```swift
  /// var rng = NeuralRandom(seed: 1)
  /// data.shuffle(using: &rng)
  /// ```
  /// - Complexity: O(count · (inputs + outputs)).
  public mutating func shuffle(using rng: inout NeuralRandom) {
    let n = count
    guard n > 1 else { return }
    for d in 0..<n {
      let s = rng.below(n)
      if s == d { continue }
      for i in 0..<numInputs { inputs.swapAt(d * numInputs + i, s * numInputs + i) }
      for o in 0..<numOutputs { outputs.swapAt(d * numOutputs + o, s * numOutputs + o) }
    }
  }

  /// `length` samples starting at `position` (`fann_subset_train_data`).
  ///
  /// ```swift
  /// let firstTwo = try data.subset(position: 0, length: 2)
  /// ```
  public func subset(position: Int, length: Int) throws(NeuralError) -> TrainingData {
    guard position >= 0, length >= 1, position <= count - length else {
      throw .invalidArgument(.range)
    }
    return try TrainingData(
      numInputs: numInputs, numOutputs: numOutputs,
      inputs: Array(inputs[(position * numInputs)..<((position + length) * numInputs)]),
      outputs: Array(outputs[(position * numOutputs)..<((position + length) * numOutputs)]))
  }

  /// This set followed by `other` (`fann_merge_train_data`).
  ///
  /// ```swift
  /// let both = try a.merged(with: b)
  /// ```
  public func merged(with other: TrainingData) throws(NeuralError) -> TrainingData {
    guard other.numInputs == numInputs else {
      throw .shapeMismatch(expected: numInputs, actual: other.numInputs)
    }
    guard other.numOutputs == numOutputs else {
      throw .shapeMismatch(expected: numOutputs, actual: other.numOutputs)
    }
    return try TrainingData(
      numInputs: numInputs, numOutputs: numOutputs, inputs: inputs + other.inputs,
      outputs: outputs + other.outputs)
  }

  /// Scales all inputs linearly into [min, max] (`fann_scale_input_train_data`).
  ///
  /// ```swift
  /// data.scaleInputs(to: -1, 1)
  /// ```
  public mutating func scaleInputs(to newMin: Float, _ newMax: Float) {
    TrainingData.scale(&inputs, newMin, newMax)
  }

  /// Scales all desired outputs into [min, max] (`fann_scale_output_train_data`).
  ///
  /// ```swift
  /// data.scaleOutputs(to: 0, 1)
  /// ```
  public mutating func scaleOutputs(to newMin: Float, _ newMax: Float) {
    TrainingData.scale(&outputs, newMin, newMax)
  }

  /// `fann_scale_data`: maps [old min, old max] of all values onto [newMin, newMax], clamped.
  static func scale(_ data: inout [Float], _ newMin: Float, _ newMax: Float) {
    guard let first = data.first else { return }
    var oldMin = first, oldMax = first
    for v in data {
      if v < oldMin { oldMin = v }
      if v > oldMax { oldMax = v }
    }
    let factor = (newMax - newMin) / (oldMax - oldMin)
    for i in data.indices {
      var t = (data[i] - oldMin) * factor + newMin
      if t < newMin { t = newMin } else if t > newMax { t = newMax }
      data[i] = t
    }
  }
}
