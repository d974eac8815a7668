// The training driver: `fann_train_on_data` with a callback that can stop training.

/// What the training driver reports to its callback.
///
/// ```swift
/// _ = try net.train(on: xor, maxEpochs: 1000, reportEvery: 100, desiredError: 0.001) { r in
///   print(r.epoch, r.mse); return true     // false stops training
/// }
/// ```
public struct TrainingReport: Sendable, Equatable {
  /// The epoch just finished (1-based).
  public var epoch: Int
  /// The MSE accumulated during that epoch.
  public var mse: Float
  /// The bit fails counted during that epoch.
  public var bitFail: Int
}

extension Network {
  /// One epoch of the configured algorithm (`fann_train_epoch`), on the fastest exact-enough path:
  /// whole-epoch matrix products for batch, RPROP, quickprop and SARPROP on dense nets, gemv and
  /// vectorised updates for incremental training on dense nets, the scalar reference otherwise. Returns the MSE accumulated during the epoch.
  ///
  /// ```swift
  /// var net = try Network.standard(layers: [2, 3, 1], seed: 1)
  /// let mse = try net.trainEpoch(on: xor)
  /// ```
  /// - Complexity: O(count · connections).
  public mutating func trainEpoch(on data: TrainingData) throws(NeuralError) -> Float {
    if let plan {
      if trainingAlgorithm == .incremental {
        return try trainEpochIncrementalFast(on: data, plan: plan)
      }
      return try trainEpochFast(on: data, plan: plan)
    }
    return try trainEpochReference(on: data)
  }

  /// Whether the stop function is satisfied (`fann_desired_error_reached`).
  func desiredErrorReached(_ desired: Float) -> Bool {
    switch stopFunction {
    case .mse: return meanSquaredError <= desired
    case .bit: return Float(bitFail) <= desired
    }
  }

  /// Trains for up to `maxEpochs` epochs or until the stop function reaches `desiredError`
  /// (`fann_train_on_data`). Every `reportEvery` epochs (and on the first, last and final epoch)
  /// `callback` gets a report; returning false stops training.
  ///
  /// ```swift
  /// var net = try Network.standard(layers: [2, 3, 1], seed: 1)
  /// let last = try net.train(on: xor, maxEpochs: 500, desiredError: 0.001)
  /// last.mse   // MSE of the final epoch
  /// ```
  /// - Complexity: O(maxEpochs · count · connections).
  @discardableResult
  public mutating func train(
    on data: TrainingData, maxEpochs: Int, reportEvery: Int = 0, desiredError: Float,
    callback: ((TrainingReport) -> Bool)? = nil
  ) throws(NeuralError) -> TrainingReport {
    guard maxEpochs >= 1 else { throw .invalidArgument(.range) }
    var report = TrainingReport(epoch: 0, mse: 0, bitFail: 0)
    for epoch in 1...maxEpochs {
      let mse = try trainEpoch(on: data)
      report = TrainingReport(epoch: epoch, mse: mse, bitFail: bitFail)
      let reached = desiredErrorReached(desiredError)
      if reportEvery > 0, let callback,
        epoch % reportEvery == 0 || epoch == maxEpochs || epoch == 1 || reached
      {
        if !callback(report) { break }
      }
      if reached { break }
    }
    return report
  }
}
