// Test support: fixture paths (found from #filePath, never hard-coded) and a libfann wrapper.
import CFloatFANN
import Glibc
import Neural
import NeuralIO

enum Fixture {
  /// `<repo>/../shared/datasets`, found from this file's path.
  static let datasets: String = {
    var parts = "\(#filePath)".split(separator: "/", omittingEmptySubsequences: false)
    // …/<repo>/Neural/Tests/NeuralTests/Support.swift → …/<repo>
    parts.removeLast(4)
    return parts.joined(separator: "/") + "/../shared/datasets"
  }()
  static func net(_ name: String) -> String { datasets + "/fann-nets/" + name }
  static func fann(_ name: String) -> String { datasets + "/fann/" + name }
  static func bytes(_ path: String) throws -> [UInt8] { try NeuralFiles.read(path: path) }

  /// A fresh temporary directory.
  static func tempDirectory() -> String {
    var template = Array("/tmp/neural-tests-XXXXXX".utf8CString)
    let p = template.withUnsafeMutableBufferPointer { mkdtemp($0.baseAddress!) }
    return String(cString: p!)
  }
}

/// Relative difference with an absolute floor, for comparing floats.
func close(_ a: Float, _ b: Float, rel: Float = 1e-6, abs floor: Float = 1e-7) -> Bool {
  Swift.abs(a - b) <= max(rel * max(Swift.abs(a), Swift.abs(b)), floor)
}

/// A libfann (float) network, destroyed on deinit.
final class PeerNet {
  let ann: UnsafeMutablePointer<fann>
  init?(file: String) {
    guard let a = fann_create_from_file(file) else { return nil }
    ann = a
  }
  init(standard layers: [UInt32]) {
    ann = layers.withUnsafeBufferPointer {
      fann_create_standard_array(UInt32(layers.count), $0.baseAddress!)
    }
  }
  deinit { fann_destroy(ann) }
  func run(_ input: [Float]) -> [Float] {
    var x = input
    let out = x.withUnsafeMutableBufferPointer { fann_run(ann, $0.baseAddress!)! }
    return (0..<Int(fann_get_num_output(ann))).map { out[$0] }
  }
  func save(_ path: String) { fann_save(ann, path) }
}

/// A libfann training set, destroyed on deinit.
final class PeerData {
  let data: UnsafeMutablePointer<fann_train_data>
  init?(file: String) {
    guard let d = fann_read_train_from_file(file) else { return nil }
    data = d
  }
  deinit { fann_destroy_train(data) }
}
