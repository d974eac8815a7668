// `.data` files (FANN-FORMATS.md §2): a header `num_data num_input num_output`, then the values as
// a stream of whitespace-separated numbers (line structure, tabs, CRLF are all accepted, as by
// libfann's fscanf reader).
//
// Stricter than libfann, because the input may be hostile: NaN/inf values, missing values, a
// header whose counts exceed what the file could hold (so no huge allocation), and non-whitespace
// after the last value are errors naming the line.
// The writer reproduces `fann_save_train` byte for byte, quirks included: a value that is an
// integer to within 1e-6 is printed as the *truncated* `(int)x`, anything else with `%f`.

extension TrainingData {
  /// Reads a FANN `.data` file from its bytes.
  ///
  /// ```swift
  /// let xor = try TrainingData(dataFile: Array("1 2 1\n-1 1\n1\n".utf8))
  /// xor.input(0)   // [-1, 1]
  /// ```
  /// - Complexity: O(file size).
  public init(dataFile bytes: [UInt8]) throws(NeuralError) {
    var sc = TextScanner(bytes)
    let limit = bytes.count
    let n = try sc.unsigned(limit: limit)
    let ni = try sc.unsigned(limit: limit)
    let no = try sc.unsigned(limit: limit)
    guard n >= 1, ni >= 1, no >= 1 else { throw .malformedFile(line: sc.line, problem: .badCount) }
    // Every value takes at least two bytes (a digit and a separator).
    let (perRow, o1) = (ni + no).multipliedReportingOverflow(by: 1)
    let (needed, o2) = perRow.multipliedReportingOverflow(by: n)
    guard !o1, !o2, needed <= (limit + 1) / 2 else {
      throw .malformedFile(line: sc.line, problem: .badCount)
    }
    var inputs = [Float](repeating: 0, count: n * ni)
    var outputs = [Float](repeating: 0, count: n * no)
    for d in 0..<n {
      for i in 0..<ni { inputs[d * ni + i] = try sc.float() }
      for o in 0..<no { outputs[d * no + o] = try sc.float() }
    }
    try sc.expectEnd()
    try self.init(numInputs: ni, numOutputs: no, inputs: inputs, outputs: outputs)
  }

  /// The set as `fann_save_train` writes it (byte-identical).
  ///
  /// ```swift
  /// let bytes = xor.dataFile()   // "4 2 1\n-1 -1 \n-1 \n…"
  /// ```
  /// - Complexity: O(count · (inputs + outputs)).
  public func dataFile() -> [UInt8] {
    var o = [UInt8]()
    o.reserveCapacity(count * (numInputs + numOutputs) * 9 + 32)
    FANNText.appendInt(count, to: &o)
    o.append(0x20)
    FANNText.appendInt(numInputs, to: &o)
    o.append(0x20)
    FANNText.appendInt(numOutputs, to: &o)
    o.append(0x0A)
    for d in 0..<count {
      for i in 0..<numInputs { TrainingData.appendValue(inputs[d * numInputs + i], to: &o) }
      o.append(0x0A)
      for j in 0..<numOutputs { TrainingData.appendValue(outputs[d * numOutputs + j], to: &o) }
      o.append(0x0A)
    }
    return o
  }

  /// FANN's test `(int)floor(x+0.5)*1000000 == (int)floor(x*1000000.0+0.5)`, then `%d` of the
  /// truncated value or `%f`. The int products wrap like C's on x86 (values beyond ±2147 print as `%f`).
  static func appendValue(_ x: Float, to o: inout [UInt8]) {
    let dx = Double(x)
    func cInt(_ v: Double) -> Int32 {
      // x86 cvttsd2si: out-of-range and NaN give INT_MIN.
      guard v.isFinite, v < 2_147_483_648, v >= -2_147_483_648 else { return Int32.min }
      return Int32(v)
    }
    let a = cInt((dx + 0.5).rounded(.down)) &* 1_000_000
    let b = cInt((dx * 1_000_000.0 + 0.5).rounded(.down))
    if a == b {
      FANNText.appendInt(Int(cInt(dx)), to: &o)
    } else {
      FANNText.appendFixed(dx, to: &o)
    }
    o.append(0x20)
  }
}
