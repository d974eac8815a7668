// One series' forecast from a network's quantile outputs, shared by every model that outputs quantiles
// per step (MLP, the WindowNetwork models and the CovariateNetwork models).
extension SeriesForecast {
  /// `value(j, q)` is the scaled output for quantile `q` at step `j`, for `j` in `0..<steps`. Each step's
  /// outputs are sorted, so quantiles never cross, and then unscaled. The median becomes the mean. Each
  /// requested level with both bounds among `quantiles` gives an interval, but only for a model trained
  /// with levels (`trainedLevels` non-empty).
  init(quantileOutputs value: (Int, Int) -> Double, steps: Int, quantiles: [Double], scaler: Scaler,
       levels: [Double], trainedLevels: [Double]) {
    let nq = quantiles.count
    var perQuantile = [[Double]](repeating: [], count: nq)
    for j in 0..<steps {
      let sorted = (0..<nq).map { value(j, $0) }.sorted()
      for qi in 0..<nq { perQuantile[qi].append(scaler.inverse(sorted[qi])) }
    }
    self.init(mean: perQuantile[quantiles.firstIndex(of: 0.5)!])
    for level in levels.sorted() where !trainedLevels.isEmpty {
      let lo = quantiles.firstIndex(of: 0.5 - level / 200)!, hi = quantiles.firstIndex(of: 0.5 + level / 200)!
      intervals.append(PredictionInterval(level: level, lo: perQuantile[lo], hi: perQuantile[hi]))
    }
  }
}
