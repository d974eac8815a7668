// `ruvswarm train` and `ruvswarm run`: FANN `.data` files to `.net` files and back to outputs.
import ArgumentParser
import Foundation
import Neural
import NeuralIO

/// Names on the command line for FANN's algorithms and activations.
extension Network.TrainingAlgorithm: @retroactive ExpressibleByArgument {
  public init?(argument: String) {
    switch argument.lowercased() {
    case "incremental": self = .incremental
    case "batch": self = .batch
    case "rprop": self = .rprop
    case "quickprop": self = .quickprop
    case "sarprop": self = .sarprop
    default: return nil
    }
  }
  public static var allValueStrings: [String] { ["incremental", "batch", "rprop", "quickprop", "sarprop"] }
}

extension Network.StopFunction: @retroactive ExpressibleByArgument {
  public init?(argument: String) {
    switch argument.lowercased() {
    case "mse": self = .mse
    case "bit": self = .bit
    default: return nil
    }
  }
  public static var allValueStrings: [String] { ["mse", "bit"] }
}

extension ActivationFunction: @retroactive ExpressibleByArgument {
  static let names: [(String, ActivationFunction)] = [
    ("linear", .linear), ("threshold", .threshold), ("threshold-symmetric", .thresholdSymmetric),
    ("sigmoid", .sigmoid), ("sigmoid-stepwise", .sigmoidStepwise), ("sigmoid-symmetric", .sigmoidSymmetric),
    ("sigmoid-symmetric-stepwise", .sigmoidSymmetricStepwise), ("gaussian", .gaussian),
    ("gaussian-symmetric", .gaussianSymmetric), ("elliot", .elliot), ("elliot-symmetric", .elliotSymmetric),
    ("linear-piece", .linearPiece), ("linear-piece-symmetric", .linearPieceSymmetric),
    ("sin-symmetric", .sinSymmetric), ("cos-symmetric", .cosSymmetric), ("sin", .sin), ("cos", .cos),
    ("relu", .linearPieceRect), ("leaky-relu", .linearPieceRectLeaky),
  ]
  public init?(argument: String) {
    guard let f = ActivationFunction.names.first(where: { $0.0 == argument.lowercased() }) else { return nil }
    self = f.1
  }
  public static var allValueStrings: [String] { names.map { $0.0 } }
}

/// Reads a FANN `.data` file, with errors that name the file and line.
func loadData(_ path: String) throws -> TrainingData {
  guard FileManager.default.isReadableFile(atPath: path) else {
    throw CLIError(.noInput, "no such file or not readable", file: path)
  }
  do { return try NeuralFiles.loadData(path: path) } catch { throw CLIError.neural(error, file: path) }
}

/// `ruvswarm train`.
struct TrainCommand: CLICommand {
  static let configuration = CommandConfiguration(
    commandName: "train",
    abstract: "Train a FANN network on a .data file and save it as a .net file.",
    discussion: """
      The input and output layer sizes come from the data file; --hidden gives the hidden layers.
      Example: ruvswarm train xor.data -o xor.net --hidden 3 --algorithm rprop --desired-error 0.001
      """)

  @Argument(help: "Training data in FANN's .data format.") var data: String
  @Option(name: .shortAndLong, help: "Where to write the trained network (.net).") var output: String
  @Option(help: "Test data (.data) on which MSE and bit-fail are reported (default: the training data).")
  var test: String?
  @Option(parsing: .upToNextOption, help: "Hidden layer sizes, e.g. --hidden 8 4.") var hidden: [Int] = [3]
  @Option(help: "Training algorithm: incremental, batch, rprop, quickprop, sarprop.")
  var algorithm: Network.TrainingAlgorithm = .rprop
  @Option(help: "Hidden activation function.") var hiddenActivation: ActivationFunction = .sigmoidSymmetric
  @Option(help: "Output activation function.") var outputActivation: ActivationFunction = .sigmoidSymmetric
  @Option(help: "Learning rate (incremental, batch, quickprop).") var learningRate: Float = 0.7
  @Option(help: "Stop after this many epochs.") var maxEpochs: Int = 1000
  @Option(help: "Stop when the stop function reaches this value.") var desiredError: Float = 0.001
  @Option(help: "Stop function: mse or bit.") var stop: Network.StopFunction = .mse
  @Option(help: "An output counts as a bit fail when it is further than this from its target.")
  var bitFailLimit: Float = 0.35
  @Option(help: "Seed of the initial weights.") var seed: UInt64 = 42

  func validate() throws {
    guard maxEpochs >= 1 else { throw ValidationError("--max-epochs must be at least 1") }
    guard hidden.allSatisfy({ $0 >= 1 }) else { throw ValidationError("--hidden sizes must be at least 1") }
  }

  func execute(_ console: Console) throws {
    let train = try loadData(data)
    let testSet = try test.map(loadData) ?? train
    var net: Network
    do {
      net = try Network.standard(layers: [train.numInputs] + hidden + [train.numOutputs], seed: seed)
    } catch {
      throw CLIError.neural(error, file: nil)
    }
    net.setHiddenActivation(hiddenActivation)
    net.setOutputActivation(outputActivation)
    net.trainingAlgorithm = algorithm
    net.learningRate = learningRate
    net.stopFunction = stop
    net.bitFailLimit = bitFailLimit
    console.line("training \(net.layerSizes.map(String.init).joined(separator: "-")) on \(train.count) samples "
                 + "(\(algorithm.name), up to \(maxEpochs) epochs)")
    let bar = ProgressBar(label: "epochs", total: maxEpochs, console: console)
    let report: TrainingReport
    do {
      report = try net.train(on: train, maxEpochs: maxEpochs, reportEvery: 1, desiredError: desiredError) { r in
        bar.update(r.epoch)
        return true
      }
    } catch {
      throw CLIError.neural(error, file: data)
    }
    bar.finish()
    let mse: Float
    do { mse = try net.test(on: testSet) } catch { throw CLIError.neural(error, file: test ?? data) }
    let bitFail = net.bitFail
    do { try NeuralFiles.save(net, path: output) } catch { throw CLIError(.cantCreate, "cannot write the network", file: output) }
    console.line("epochs \(report.epoch), training MSE \(report.mse)")
    console.line("test on \(test ?? data): MSE \(mse), bit fail \(bitFail) of \(testSet.count * testSet.numOutputs)")
    console.line("saved \(output)")
  }
}

extension Network.TrainingAlgorithm {
  var name: String { Network.TrainingAlgorithm.allValueStrings[Int(rawValue)] }
}

/// `ruvswarm run`.
struct RunCommand: CLICommand {
  static let configuration = CommandConfiguration(
    commandName: "run",
    abstract: "Evaluate a .net network on inputs.",
    discussion: """
      Give inputs as comma-separated rows (--input -1,1 --input 1,1) or a .data file (--data), whose
      targets are then used to report MSE and bit-fail.
      """)

  @Argument(help: "The network (.net, FANN_FLO_2.1).") var network: String
  @Option(name: .shortAndLong, parsing: .unconditionalSingleValue, help: "One input row, values separated by commas (e.g. -1,1).") var input: [String] = []
  @Option(help: "A .data file: runs every sample and reports MSE and bit-fail.") var data: String?

  func validate() throws {
    guard !input.isEmpty || data != nil else { throw ValidationError("give --input or --data") }
  }

  func execute(_ console: Console) throws {
    guard FileManager.default.isReadableFile(atPath: network) else {
      throw CLIError(.noInput, "no such file or not readable", file: network)
    }
    var net: Network
    do { net = try NeuralFiles.loadNetwork(path: network) } catch { throw CLIError.neural(error, file: network) }
    for (k, row) in input.enumerated() {
      var values: [Float] = []
      for field in row.split(separator: ",", omittingEmptySubsequences: false) {
        guard let v = Float(field.trimmingCharacters(in: .whitespaces)), v.isFinite else {
          throw CLIError(.usage, "--input \(k + 1): \"\(field)\" is not a number")
        }
        values.append(v)
      }
      guard values.count == net.numInputs else {
        throw CLIError(.usage, "--input \(k + 1): the network takes \(net.numInputs) inputs, got \(values.count)")
      }
      let out = try net.run(values)
      console.line(row + " -> " + out.map { "\($0)" }.joined(separator: ","))
    }
    if let data {
      let set = try loadData(data)
      guard set.numInputs == net.numInputs, set.numOutputs == net.numOutputs else {
        throw CLIError(.dataError, "the data has \(set.numInputs) inputs and \(set.numOutputs) outputs, "
                       + "the network \(net.numInputs) and \(net.numOutputs)", file: data)
      }
      for i in 0..<set.count {
        let out = try net.run(set.input(i))
        console.line(out.map { "\($0)" }.joined(separator: " "))
      }
      let mse = try net.test(on: set)
      console.line("MSE \(mse), bit fail \(net.bitFail) of \(set.count * set.numOutputs)")
    }
  }
}
