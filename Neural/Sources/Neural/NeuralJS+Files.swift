// NeuralJS file I/O: FANN `.net` and `.data` files as JS strings (or bytes), for the browser chunk.
//
// The chunk has no file system: JS fetches or reads a file and passes its text (UTF-8, or raw bytes);
// the same readers as natively (Network+NetFile.swift, TrainingData+DataFile.swift) parse it, so a
// malformed, truncated or hostile file is a typed `malformedFile(line:problem:)` naming the 1-based
// line, never a trap, and nothing huge is allocated from a header's counts. Training sets live in
// their own handle registry, so a set read once trains and tests any number of networks without
// crossing the boundary again.

nonisolated(unsafe) private var dataSets: [TrainingData?] = []

extension NeuralJS {
  /// The largest epoch count one call trains (keeps a JS call from running for hours by mistake).
  static let maxEpochs = 1 << 24

  /// Loads a network from the text of a `.net` file (`FANN_FLO_2.1`, or `FANN_FLO_2.0`): a new handle.
  ///
  /// ```swift
  /// let h = try Array(netText.utf8).withUnsafeBufferPointer { try NeuralJS.loadNet($0) }
  /// ```
  /// - Throws: `malformedFile(line:problem:)` naming the line where reading stopped.
  /// - Complexity: O(text length).
  public static func loadNet(_ text: UnsafeBufferPointer<UInt8>) throws(NeuralJSError) -> Int {
    let net: Network
    do { net = try Network(netFile: Array(text)) } catch { throw NeuralJSError(error) }
    return register(net)
  }

  /// The network as `.net` text (`FANN_FLO_2.1`, byte-identical to what `fann_save` writes).
  ///
  /// ```swift
  /// let text = try NeuralJS.saveNet(h)   // [UInt8], "FANN_FLO_2.1\n…"
  /// ```
  /// - Complexity: O(connections).
  public static func saveNet(_ handle: Int) throws(NeuralJSError) -> [UInt8] {
    try with(handle) { (net: inout Network) throws(NeuralError) in net.netFile() }
  }

  /// Reads a training set from the text of a FANN `.data` file: a new data handle.
  ///
  /// ```swift
  /// let d = try Array("4 2 1\n-1 -1\n-1\n-1 1\n1\n1 -1\n1\n1 1\n-1\n".utf8)
  ///   .withUnsafeBufferPointer { try NeuralJS.readData($0) }
  /// ```
  /// - Throws: `malformedFile(line:problem:)` naming the line where reading stopped.
  /// - Complexity: O(text length).
  public static func readData(_ text: UnsafeBufferPointer<UInt8>) throws(NeuralJSError) -> Int {
    let set: TrainingData
    do { set = try TrainingData(dataFile: Array(text)) } catch { throw NeuralJSError(error) }
    if let free = dataSets.firstIndex(where: { $0 == nil }) {
      dataSets[free] = set
      return free
    }
    dataSets.append(set)
    return dataSets.count - 1
  }

  static func dataSet(_ handle: Int) throws(NeuralJSError) -> TrainingData {
    guard handle >= 0, handle < dataSets.count, let set = dataSets[handle] else {
      throw .unknownData(handle: handle)
    }
    return set
  }

  /// The training set as `.data` text (byte-identical to what `fann_save_train` writes).
  ///
  /// ```swift
  /// let text = try NeuralJS.saveData(d)   // "4 2 1\n-1 -1 \n-1 \n…"
  /// ```
  /// - Complexity: O(count · (inputs + outputs)).
  public static func saveData(_ handle: Int) throws(NeuralJSError) -> [UInt8] {
    try dataSet(handle).dataFile()
  }

  /// Frees a training set.
  ///
  /// ```swift
  /// try NeuralJS.destroyData(d)
  /// ```
  public static func destroyData(_ handle: Int) throws(NeuralJSError) {
    _ = try dataSet(handle)
    dataSets[handle] = nil
  }

  /// The number of samples in a training set.
  ///
  /// ```swift
  /// try NeuralJS.dataCount(d)   // 4
  /// ```
  public static func dataCount(_ handle: Int) throws(NeuralJSError) -> Int { try dataSet(handle).count }

  /// Inputs per sample of a training set.
  ///
  /// ```swift
  /// try NeuralJS.dataInputs(d)   // 2
  /// ```
  public static func dataInputs(_ handle: Int) throws(NeuralJSError) -> Int { try dataSet(handle).numInputs }

  /// Outputs per sample of a training set.
  ///
  /// ```swift
  /// try NeuralJS.dataOutputs(d)   // 1
  /// ```
  public static func dataOutputs(_ handle: Int) throws(NeuralJSError) -> Int { try dataSet(handle).numOutputs }

  /// Trains `epochs` epochs of the network's algorithm on a training set; returns the last epoch's MSE.
  ///
  /// ```swift
  /// let mse = try NeuralJS.trainOnData(h, data: d, epochs: 100)
  /// ```
  /// - Throws: `shapeMismatch` when the set's widths differ from the network's.
  /// - Complexity: O(epochs · count · connections).
  public static func trainOnData(_ handle: Int, data: Int, epochs: Int) throws(NeuralJSError) -> Float {
    guard epochs >= 1, epochs <= Self.maxEpochs else { throw .invalidArgument(name: "epochs", value: epochs) }
    let set = try dataSet(data)
    return try with(handle) { (net: inout Network) throws(NeuralError) in
      var mse: Float = 0
      for _ in 0..<epochs { mse = try net.trainEpoch(on: set) }
      return mse
    }
  }

  /// Trains until the MSE reaches `desiredError` or `maxEpochs` epochs ran (`fann_train_on_data`);
  /// returns the epochs run.
  ///
  /// ```swift
  /// let epochs = try NeuralJS.trainToError(h, data: d, maxEpochs: 1000, desiredError: 0.001)
  /// ```
  /// - Complexity: O(epochs · count · connections).
  public static func trainToError(_ handle: Int, data: Int, maxEpochs: Int, desiredError: Float)
    throws(NeuralJSError) -> Int
  {
    guard maxEpochs >= 1, maxEpochs <= Self.maxEpochs else {
      throw .invalidArgument(name: "epochs", value: maxEpochs)
    }
    guard desiredError.isFinite, desiredError >= 0 else {
      throw .invalidArgument(name: "desired error", value: desiredError.isFinite ? Int(desiredError) : -1)
    }
    let set = try dataSet(data)
    return try with(handle) { (net: inout Network) throws(NeuralError) in
      try net.train(on: set, maxEpochs: maxEpochs, desiredError: desiredError).epoch
    }
  }

  /// The network's MSE on a training set, without training (`fann_test_data`).
  ///
  /// ```swift
  /// let mse = try NeuralJS.testOnData(h, data: d)
  /// ```
  /// - Complexity: O(count · connections).
  public static func testOnData(_ handle: Int, data: Int) throws(NeuralJSError) -> Float {
    let set = try dataSet(data)
    return try with(handle) { (net: inout Network) throws(NeuralError) in try net.test(on: set) }
  }

  /// Runs every sample of row-major `inputs` (count × numInputs) with one gemm per layer per chunk;
  /// returns count × numOutputs outputs, row-major.
  ///
  /// ```swift
  /// let ys = try NeuralJS.runBatch(h, inputs: xs)   // [Float]
  /// ```
  /// - Complexity: O(count · connections).
  public static func runBatch(_ handle: Int, inputs: UnsafeBufferPointer<Float>) throws(NeuralJSError) -> [Float] {
    try with(handle) { (net: inout Network) throws(NeuralError) in
      guard !inputs.isEmpty else { throw NeuralError.emptyData }
      return try net.runBatch(Array(inputs))
    }
  }
}
