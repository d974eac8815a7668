// The forecasting models the tool offers by name, and helpers shared by `forecast` and `demo`:
// building the models for a horizon and season, reading one series' forecast back from a table,
// and scoring forecasts against actuals.
import Forecasting

/// How the tool builds models.
struct ModelSetup {
  var horizon: Int
  var season: Int
  /// The shortest training series the models will see (sizes the MLP's input window).
  var shortest: Int
  var levels: [Double] = []
  var mlpSteps = 300
  var mlpHidden = 64
  var seed: UInt64 = 1
  var ensembleMethod: Ensemble.Method = .weighted

  static let names = ["naive", "snaive", "rwd", "average", "mlp", "ensemble"]

  /// The MLP's input window: up to 2h, leaving room for h targets and (ensemble) h validation steps.
  var mlpInput: Int { min(2 * horizon, shortest - 2 * horizon) }

  /// A model by name; throws a usage error for an unknown name or a series too short for the MLP.
  func model(_ name: String) throws -> any ForecastModel {
    switch name {
    case "naive": return Naive()
    case "snaive": return SeasonalNaive(seasonLength: season)
    case "rwd": return RandomWalkWithDrift()
    case "average": return HistoricAverage()
    case "mlp":
      guard mlpInput >= 1 else {
        throw CLIError(.dataError, "the shortest series (\(shortest) points) is too short for an MLP with horizon \(horizon)")
      }
      let m = MLP(inputSize: mlpInput, horizon: horizon, hiddenSize: mlpHidden, numLayers: 2, maxSteps: mlpSteps,
                  levels: levels)
      m.seed = seed
      return m
    case "ensemble":
      var members: [any ForecastModel] = [SeasonalNaive(seasonLength: season), RandomWalkWithDrift()]
      if mlpInput >= 1 { members.append(try model("mlp")) }
      return Ensemble(members: members, method: ensembleMethod, validationHorizon: horizon)
    default:
      throw CLIError(.usage, "unknown model \"\(name)\" (known: \(ModelSetup.names.joined(separator: ", ")))")
    }
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
