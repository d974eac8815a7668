// The forecasting models the tool offers by name, and helpers shared by `forecast` and `demo`:
// building the models for a horizon and season, reading one series' forecast back from a table,
// and scoring forecasts against actuals.
import Forecasting

/// How the tool builds models.
///
/// Statistical baselines (`naive`, `snaive`, `rwd`, `average`, `window`), the MLP, the neural models of
/// the Forecasting zoo by their lower-case names, and `ensemble` (snaive, rwd and mlp combined). Every
/// neural model sees the same input window (`mlpInput`), trains `mlpSteps` Adam steps with its own
/// published architecture at a small width (`mlpHidden`) and is seeded with `seed`.
struct ModelSetup {
  var horizon: Int
  var season: Int
  /// The shortest training series the models will see (sizes the networks' input window).
  var shortest: Int
  var levels: [Double] = []
  var mlpSteps = 300
  var mlpHidden = 64
  var seed: UInt64 = 1
  var ensembleMethod: Ensemble.Method = .weighted

  static let statistical = ["naive", "snaive", "rwd", "average", "window"]
  static let neural = ["mlp", "nlinear", "dlinear", "nbeats", "nbeatsi", "nhits", "rnn", "lstm", "gru", "tcn", "tide",
                       "patchtst", "deepar"]
  static let names = statistical + neural + ["ensemble"]

  /// The networks' input window: up to 2h, leaving room for h targets and (ensemble) h validation steps.
  var mlpInput: Int { min(2 * horizon, shortest - 2 * horizon) }

  /// A model by name; throws a usage error for an unknown name and a data error for a series too short
  /// for a network.
  func model(_ name: String) throws -> any ForecastModel {
    do {
      switch name {
      case "naive": return Naive()
      case "snaive": return try SeasonalNaive(seasonLength: season)
      case "rwd": return RandomWalkWithDrift()
      case "average": return HistoricAverage()
      case "window": return try WindowAverage(windowSize: max(1, season))
      case "ensemble":
        var members: [any ForecastModel] = [try SeasonalNaive(seasonLength: season), RandomWalkWithDrift()]
        if mlpInput >= 1 { members.append(try model("mlp")) }
        return try Ensemble(members: members, method: ensembleMethod, validationHorizon: horizon)
      default:
        guard ModelSetup.neural.contains(name) else {
          throw CLIError(.usage, "unknown model \"\(name)\" (known: \(ModelSetup.names.joined(separator: ", ")))")
        }
        guard mlpInput >= 1 else {
          throw CLIError(.dataError,
                         "the shortest series (\(shortest) points) is too short for \(name) with horizon \(horizon)")
        }
        return try network(name, input: mlpInput)
      }
    } catch let e as ForecastError {
      throw CLIError.forecast(e, file: nil)
    }
  }

  /// The neural model `name` (one of `ModelSetup.neural`) on windows of `input` values.
  func network(_ name: String, input: Int) throws(ForecastError) -> any ForecastModel {
    let h = horizon, steps = mlpSteps, hidden = mlpHidden
    let m: any ForecastModel
    switch name {
    case "mlp":
      m = try MLP(inputSize: input, horizon: h, hiddenSize: hidden, numLayers: 2, maxSteps: steps, levels: levels)
    case "nlinear":
      m = try NLinear(inputSize: input, horizon: h, maxSteps: steps, learningRate: 1e-2, levels: levels)
    case "dlinear":
      m = try DLinear(inputSize: input, horizon: h, movingAverageWindow: max(3, season | 1), maxSteps: steps,
                      learningRate: 1e-2, levels: levels)
    case "nbeats":
      m = try NBEATS(inputSize: input, horizon: h, stacks: [.identity, .identity, .identity], hiddenSize: hidden,
                     maxSteps: steps, scaler: .standard, levels: levels, alias: "NBEATS")
    case "nbeatsi":
      m = try NBEATS(inputSize: input, horizon: h, stacks: [.trend, .seasonality], hiddenSize: hidden, maxSteps: steps,
                     scaler: .standard, levels: levels, alias: "NBEATSi")
    case "nhits":
      m = try NHITS(inputSize: input, horizon: h, hiddenSize: hidden, maxSteps: steps, scaler: .standard,
                    levels: levels)
    case "rnn":
      m = try RNN(inputSize: input, horizon: h, encoderHiddenSize: max(1, hidden / 2), decoderHiddenSize: max(1, hidden / 2),
                  maxSteps: steps, levels: levels)
    case "lstm":
      m = try LSTM(inputSize: input, horizon: h, encoderHiddenSize: max(1, hidden / 2), decoderHiddenSize: max(1, hidden / 2),
                   maxSteps: steps, levels: levels)
    case "gru":
      m = try GRU(inputSize: input, horizon: h, encoderHiddenSize: max(1, hidden / 2), decoderHiddenSize: max(1, hidden / 2),
                  maxSteps: steps, levels: levels)
    case "tcn":
      m = try TCN(inputSize: input, horizon: h, encoderHiddenSize: max(1, hidden / 2), decoderHiddenSize: max(1, hidden / 2),
                  maxSteps: steps, levels: levels)
    case "tide":
      m = try TiDE(inputSize: input, horizon: h, hiddenSize: hidden, decoderOutputSize: 8, temporalDecoderSize: 16,
                   dropout: 0.1, maxSteps: steps, scaler: .standard, levels: levels)
    case "patchtst":
      let patch = min(input, max(1, input / 4))
      m = try PatchTST(inputSize: input, horizon: h, patchLength: patch, stride: max(1, patch / 2), encoderLayers: 2,
                       heads: 4, hiddenSize: 16, linearHiddenSize: 32, dropout: 0.1, maxSteps: steps,
                       learningRate: 1e-3, scaler: .standard, levels: levels)
    default:
      m = try DeepAR(inputSize: input, horizon: h, lstmHiddenSize: max(1, hidden / 2), lstmLayers: 2, samples: 200,
                     maxSteps: steps)
    }
    m.seed = seed
    return m
  }

  func models(_ names: [String]) throws -> [any ForecastModel] {
    var seen: [String] = []
    var out: [any ForecastModel] = []
    for n in names where !seen.contains(n) {
      seen.append(n)
      out.append(try model(n))
    }
    return out
  }
}

extension Ensemble.Method {
  init?(name: String) {
    switch name {
    case "mean": self = .mean
    case "median": self = .median
    case "weighted": self = .weighted
    case "stacking": self = .stacking
    default: return nil
    }
  }
}

/// The forecast of model `alias` for series `id` in a table, with its intervals.
func seriesForecast(_ table: ForecastTable, id: String, alias: String, levels: [Double]) throws -> SeriesForecast {
  let rows = table.rows(for: id)
  let mean = try rows.column(alias)
  var intervals: [PredictionInterval] = []
  for level in levels {
    let names = ForecastTable.intervalNames(alias, level: level)
    if let lo = try? rows.column(names.lo), let hi = try? rows.column(names.hi) {
      intervals.append(PredictionInterval(level: level, lo: lo, hi: hi))
    }
  }
  return SeriesForecast(mean: mean, intervals: intervals)
}

/// Accuracy of one forecast against actuals.
struct Score {
  var mase: Double
  var smape: Double
  var mae: Double

  init(actual: [Double], forecast: [Double], insample: [Double], season: Int) throws {
    let m = insample.count > season ? season : 1
    mase = try Metrics.mase(actual, forecast, insample: insample, seasonLength: m)
    smape = try Metrics.smape(actual, forecast)
    mae = try Metrics.mae(actual, forecast)
  }
}

/// A number with `digits` decimals.
func fixed(_ x: Double, _ digits: Int = 3) -> String {
  guard x.isFinite else { return "n/a" }
  var p = 1.0
  for _ in 0..<digits { p *= 10 }
  let r = (abs(x) * p).rounded()
  let whole = Int(r / p), frac = Int(r.truncatingRemainder(dividingBy: p))
  var f = String(frac)
  while f.count < digits { f = "0" + f }
  return (x < 0 && r != 0 ? "-" : "") + String(whole) + (digits > 0 ? "." + f : "")
}

/// Left-aligned text padded to `width`.
func pad(_ s: String, _ width: Int, right: Bool = false) -> String {
  let n = max(0, width - s.count)
  return right ? String(repeating: " ", count: n) + s : s + String(repeating: " ", count: n)
}
