// forecast-bench: fits our models on competition groups written by scripts/bench-forecast.py and
// prints one CSV line per (group, model): mean sMAPE, mean MASE over the group's series and the
// wall-clock seconds of fit + forecast for the whole group.
//
// Usage: forecast-bench DIR   (DIR holds groups.csv = group,freq,h,m and train_<group>.csv /
// test_<group>.csv in long format). Run by `make bench-forecast`; not a unit test.
import Forecasting
import ForecastingIO
import Foundation

func fail(_ message: String) -> Never {
  FileHandle.standardError.write((message + "\n").data(using: .utf8)!)
  exit(1)
}

let args = CommandLine.arguments
guard args.count == 2 else { fail("usage: forecast-bench DIR") }
let dir = args[1]
let groups: [[String]]
do {
  groups = try ForecastCSV.read(dir + "/groups.csv").split(separator: "\n").dropFirst().map {
    $0.split(separator: ",").map(String.init)
  }
} catch { fail("cannot read groups.csv: \(error)") }

/// Neural models are on unless FORECAST_BENCH_NEURAL=0 (statistical models and ensembles only).
let neural = ProcessInfo.processInfo.environment["FORECAST_BENCH_NEURAL"] != "0"

print("group,model,series,smape,mase,seconds")
for g in groups {
  guard g.count == 4, let h = Int(g[2]), let m = Int(g[3]) else { fail("bad groups.csv line") }
  let name = g[0]
  do {
    let freq = try Frequency.parse(g[1])
    let train = try ForecastCSV.readFrame(path: dir + "/train_\(name).csv", freq: freq)
    let test = try ForecastCSV.readFrame(path: dir + "/test_\(name).csv", freq: freq)
    let minLen = train.series.map { $0.count }.min() ?? 0
    // The weighted ensemble validates on the last v observations, so a network's window must fit the
    // shortest series without them too: input = min(2h, shortest − h − v) (M3's yearly series are short).
    let v = max(1, h / 2)
    let inputSize = max(1, min(2 * h, minLen - h - v))
    let steps = 500
    func mlp(_ seed: UInt64) throws -> MLP {
      let net = try MLP(inputSize: inputSize, horizon: h, hiddenSize: 128, numLayers: 2, maxSteps: 600, batchSize: 64,
                        learningRate: 1e-3, scaler: .standard, loss: .mae)
      net.seed = seed
      return net
    }
    func seasonal() throws -> any ForecastModel { m > 1 ? try SeasonalNaive(seasonLength: m) : Naive(alias: "SeasonalNaive") }
    func es(_ t: SmoothingTrend) throws -> ExponentialSmoothing { try ExponentialSmoothing(trend: t, seasonLength: m) }
    func theta() throws -> Theta { try Theta(seasonLength: m) }
    // The neural zoo on the same windows, window-standardised, `steps` Adam steps of 64 windows.
    func network(_ label: String) throws -> any ForecastModel {
      let n: WindowNetwork
      switch label {
      case "NLinear": n = try NLinear(inputSize: inputSize, horizon: h, maxSteps: steps, batchSize: 64, learningRate: 1e-2,
                                      scaler: .standard)
      case "DLinear": n = try DLinear(inputSize: inputSize, horizon: h, movingAverageWindow: max(3, m | 1), maxSteps: steps,
                                      batchSize: 64, learningRate: 1e-2, scaler: .standard)
      case "NBEATS": n = try NBEATS(inputSize: inputSize, horizon: h, hiddenSize: 128, maxSteps: steps, batchSize: 64,
                                    scaler: .standard)
      case "NHITS": n = try NHITS(inputSize: inputSize, horizon: h, hiddenSize: 128, maxSteps: steps, batchSize: 64,
                                  scaler: .standard)
      case "LSTM": n = try LSTM(inputSize: inputSize, horizon: h, encoderHiddenSize: 32, encoderLayers: 1,
                                decoderHiddenSize: 32, maxSteps: steps, batchSize: 64, scaler: .standard)
      case "TCN": n = try TCN(inputSize: inputSize, horizon: h, dilations: [1, 2, 4], encoderHiddenSize: 32,
                              decoderHiddenSize: 32, maxSteps: steps, batchSize: 64, scaler: .standard)
      case "TiDE": n = try TiDE(inputSize: inputSize, horizon: h, hiddenSize: 64, decoderOutputSize: 8,
                                temporalDecoderSize: 16, dropout: 0.1, maxSteps: steps, batchSize: 64, scaler: .standard)
      case "PatchTST":
        let patch = max(1, inputSize / 3)
        n = try PatchTST(inputSize: inputSize, horizon: h, patchLength: patch, stride: max(1, patch / 2), encoderLayers: 2,
                         heads: 4, hiddenSize: 16, linearHiddenSize: 32, dropout: 0.1, maxSteps: steps, batchSize: 64,
                         learningRate: 1e-3, scaler: .standard)
      default: n = try DeepAR(inputSize: inputSize, horizon: h, lstmHiddenSize: 32, lstmLayers: 1, samples: 100,
                              maxSteps: steps, batchSize: 64, scaler: .standard)
      }
      n.alias = label
      return n
    }
    var models: [(String, () throws -> any ForecastModel)] = [
      ("Naive", { Naive() }),
      ("SeasonalNaive", { try seasonal() }),
      ("RWD", { RandomWalkWithDrift() }),
      ("HistoricAverage", { HistoricAverage() }),
      ("SES", { try es(.none) }),
      ("Holt", { try es(.additive) }),
      ("Damped", { try es(.damped) }),
      ("ETS", { try es(.auto) }),
      ("Theta", { try theta() }),
      ("MLP", { try mlp(1) }),
      // The M3/M4 "Comb" benchmark: SES, Holt and damped averaged.
      ("Comb", { try Ensemble(members: [try es(.none), try es(.additive), try es(.damped)], method: .mean, alias: "Comb") }),
      ("Ensemble-median", {
        try Ensemble(members: [try seasonal(), RandomWalkWithDrift(), try mlp(2)], method: .median, alias: "Ensemble-median")
      }),
      ("Ensemble-stacking", {
        try Ensemble(members: [try seasonal(), RandomWalkWithDrift(), try mlp(4)],
                     method: .stacking, validationHorizon: v, alias: "Ensemble-stacking")
      }),
      ("Ensemble-weighted", {
        try Ensemble(members: [try seasonal(), RandomWalkWithDrift(), try mlp(3)],
                     method: .weighted, validationHorizon: v, alias: "Ensemble-weighted")
      }),
      // Statistical and neural members together.
      ("Ensemble-mean-TDM", {
        try Ensemble(members: [try theta(), try es(.damped), try mlp(5)], method: .mean, alias: "Ensemble-mean-TDM")
      }),
      ("Ensemble-median-TDEM", {
        try Ensemble(members: [try theta(), try es(.damped), try es(.auto), try mlp(6)], method: .median,
                     alias: "Ensemble-median-TDEM")
      }),
    ]
    if neural {
      for label in ["NLinear", "DLinear", "NBEATS", "NHITS", "LSTM", "TCN", "TiDE", "PatchTST", "DeepAR"] {
        models.append((label, { try network(label) }))
      }
    }
    for (label, make) in models {
      do {
        let model = try make()
        let start = Date()
        try model.fit(train, progress: nil)
        let f = try model.forecast(train, h: h, levels: [])
        let seconds = Date().timeIntervalSince(start)
        var smape = 0.0, mase = 0.0
        for (k, s) in test.series.enumerated() {
          smape += try Metrics.smape(s.y, f[k].mean)
          let ins = train.series[k].y
          mase += try Metrics.mase(s.y, f[k].mean, insample: ins, seasonLength: ins.count > m ? m : 1)
        }
        let n = Double(test.series.count)
        print("\(name),\(label),\(test.series.count),\(smape / n),\(mase / n),\(seconds)")
      } catch {
        FileHandle.standardError.write("forecast-bench: group \(name), \(label) failed: \(error)\n".data(using: .utf8)!)
      }
    }
  } catch {
    fail("group \(name): \(error)")
  }
}
