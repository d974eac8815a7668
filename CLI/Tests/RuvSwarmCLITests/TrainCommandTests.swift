import Foundation
import Neural
import NeuralIO
import Testing
@testable import RuvSwarmCLI

@Suite struct TrainCommandTests {
  @Test func trainsXorAndReportsMSEAndBitFail() throws {
    let dir = Paths.temporary()
    let net = dir + "/xor.net"
    let r = ruvswarm(["train", Paths.xor, "-o", net, "--hidden", "3", "--algorithm", "rprop", "--desired-error", "0.001"])
    #expect(r.code == 0, "\(r.errors)")
    #expect(r.output.contains("training 2-3-1 on 4 samples (rprop"))
    #expect(r.output.contains("bit fail 0 of 4"))
    var trained = try NeuralFiles.loadNetwork(path: net)
    #expect(try trained.run([-1, 1])[0] > 0.5)
    #expect(try trained.run([1, 1])[0] < -0.5)

    let run = ruvswarm(["run", net, "--input", "-1,1", "-i", "1, 1", "--data", Paths.xor])
    #expect(run.code == 0, "\(run.errors)")
    let lines = run.output.split(separator: "\n")
    #expect(lines[0].hasPrefix("-1,1 -> 0.9") || lines[0].hasPrefix("-1,1 -> 1"))
    #expect(lines.count == 7)
    #expect(lines[6].hasPrefix("MSE ") && lines[6].hasSuffix("bit fail 0 of 4"))
  }

  @Test(arguments: ["incremental", "batch", "quickprop", "sarprop"])
  func everyAlgorithmRuns(algorithm: String) {
    let dir = Paths.temporary()
    let r = ruvswarm(["train", Paths.xor, "-o", dir + "/n.net", "--algorithm", algorithm, "--max-epochs", "5",
                      "--stop", "bit", "--bit-fail-limit", "0.2", "--hidden-activation", "elliot-symmetric",
                      "--output-activation", "linear", "--learning-rate", "0.5", "--test", Paths.xor, "--seed", "3"])
    #expect(r.code == 0, "\(r.errors)")
    #expect(r.output.contains("(\(algorithm), up to 5 epochs)"))
    #expect(FileManager.default.fileExists(atPath: dir + "/n.net"))
  }

  @Test func activationNamesRoundTrip() {
    for name in ActivationFunction.allValueStrings { #expect(ActivationFunction(argument: name) != nil) }
    #expect(ActivationFunction(argument: "nope") == nil)
    #expect(Network.TrainingAlgorithm(argument: "nope") == nil)
    #expect(Network.StopFunction(argument: "MSE") == .mse)
    #expect(Network.StopFunction(argument: "x") == nil)
  }

  @Test func malformedDataNamesFileAndLine() {
    let bad = writeTemporary("bad.data", "2 2 1\n-1 -1\n-1\n-1 oops\n1\n")
    let r = ruvswarm(["train", bad, "-o", Paths.temporary() + "/x.net"])
    #expect(r.code == 65)
    #expect(r.errors.contains(bad + ":4: a number could not be read"))
  }

  @Test func missingFilesAndBadArguments() {
    let out = Paths.temporary() + "/x.net"
    #expect(ruvswarm(["train", "/nonexistent/x.data", "-o", out]).code == 66)
    #expect(ruvswarm(["train", Paths.xor, "-o", out, "--max-epochs", "0"]).code == 64)
    #expect(ruvswarm(["train", Paths.xor, "-o", out, "--hidden", "0"]).code == 64)
    #expect(ruvswarm(["train", Paths.xor, "-o", out, "--algorithm", "magic"]).code == 64)
    #expect(ruvswarm(["train", Paths.xor, "-o", "/nonexistent/dir/x.net", "--max-epochs", "1"]).code == 73)
    let wide = writeTemporary("wide.data", "1 3 1\n1 2 3\n1\n")
    #expect(ruvswarm(["train", Paths.xor, "-o", out, "--test", wide, "--max-epochs", "1"]).code == 65)
  }

  @Test func runRejectsBadInputs() throws {
    let dir = Paths.temporary()
    let net = dir + "/xor.net"
    #expect(ruvswarm(["train", Paths.xor, "-o", net, "--max-epochs", "2"]).code == 0)
    #expect(ruvswarm(["run", net]).code == 64)
    #expect(ruvswarm(["run", dir + "/missing.net", "-i", "1,1"]).code == 66)
    let notNet = writeTemporary("x.net", "FANN_FLO_9.9\n")
    let r = ruvswarm(["run", notNet, "-i", "1,1"])
    #expect(r.code == 65 && r.errors.contains(notNet + ":1:"))
    #expect(ruvswarm(["run", net, "-i", "1,x"]).errors.contains("--input 1: \"x\" is not a number"))
    #expect(ruvswarm(["run", net, "-i", "1,2,3"]).code == 64)
    let three = writeTemporary("three.data", "1 3 1\n1 2 3\n1\n")
    #expect(ruvswarm(["run", net, "--data", three]).code == 65)
  }
}
