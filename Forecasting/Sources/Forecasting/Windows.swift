// Sliding windows: the training examples of window-based models (NeuralForecast's `input_size`,
// `h`, `step_size`).
//
// A window of a series y starting at s has input y[s ..< s+inputSize] and target
// y[s+inputSize ..< s+inputSize+horizon]. Starts run from the last possible one backwards by `step`,
// so the most recent observations are always used, then are returned in ascending order.

/// Windows over the series of a frame, flattened row-major.
///
/// ```swift
/// let w = try Windows(frame, inputSize: 24, horizon: 12, step: 1)
/// w.count                 // number of windows over all series
/// w.input(0)              // the first window's 24 inputs
/// w.target(0)             // its 12 targets
/// ```
public struct Windows: Equatable, Sendable {
  public let inputSize: Int
  public let horizon: Int
  /// Inputs, `count × inputSize`.
  public private(set) var inputs: [Double] = []
  /// Targets, `count × horizon`.
  public private(set) var targets: [Double] = []
  /// For each window, the index of its series in the frame.
  public private(set) var seriesIndex: [Int] = []
  /// For each window, the index of its first target in its series (the cutoff is one before).
  public private(set) var targetStart: [Int] = []

  /// Cuts every series of `frame` into windows; series too short for one window are skipped.
  ///
  /// - Throws: ``ForecastError/invalidArgument(_:)`` when a size or the step is < 1 (input ≥ 1,
  ///   horizon ≥ 1, step ≥ 1).
  /// - Complexity: O(windows · (inputSize + horizon)).
  public init(_ frame: SeriesFrame, inputSize: Int, horizon: Int, step: Int = 1) throws(ForecastError) {
    guard inputSize >= 1, horizon >= 1, step >= 1 else {
      throw .invalidArgument("windows need inputSize, horizon and step >= 1")
    }
    self.inputSize = inputSize
    self.horizon = horizon
    for (k, s) in frame.series.enumerated() where s.count >= inputSize + horizon {
      var starts: [Int] = []
      var start = s.count - inputSize - horizon
      while start >= 0 {
        starts.append(start)
        start -= step
      }
      for st in starts.reversed() {
        inputs.append(contentsOf: s.y[st..<(st + inputSize)])
        targets.append(contentsOf: s.y[(st + inputSize)..<(st + inputSize + horizon)])
        seriesIndex.append(k)
        targetStart.append(st + inputSize)
      }
    }
  }

  /// Number of windows.
  public var count: Int { seriesIndex.count }

  /// Inputs of window `i`.
  public func input(_ i: Int) -> [Double] { Array(inputs[(i * inputSize)..<((i + 1) * inputSize)]) }

  /// Targets of window `i`.
  public func target(_ i: Int) -> [Double] { Array(targets[(i * horizon)..<((i + 1) * horizon)]) }
}
