// NeuralIO: the native-only wall between `Neural` (which parses bytes) and the file system.
//
// `Neural` itself never touches files, so it compiles for wasm32 with Embedded Swift; this target
// reads and writes whole files through the C library (Glibc) and hands bytes across.
#if canImport(Glibc)
import Glibc
#endif
import Neural

/// Reading and writing whole files as bytes, plus `.net`/`.data` conveniences.
///
/// ```swift
/// let net = try NeuralFiles.loadNetwork(path: "xor_float.net")
/// try NeuralFiles.save(net, path: "/tmp/copy.net")
/// ```
public enum NeuralFiles {
  /// The whole content of the file at `path`.
  ///
  /// ```swift
  /// let bytes = try NeuralFiles.read(path: "xor.data")
  /// ```
  /// - Complexity: O(file size).
  public static func read(path: String) throws(NeuralError) -> [UInt8] {
    guard let f = fopen(path, "rb") else { throw .io(errno: errno) }
    defer { fclose(f) }
    var out = [UInt8]()
    var chunk = [UInt8](repeating: 0, count: 1 << 16)
    while true {
      let n = chunk.withUnsafeMutableBytes { fread($0.baseAddress, 1, $0.count, f) }
      if n > 0 { out.append(contentsOf: chunk[0..<n]) }
      if n < chunk.count {
        if ferror(f) != 0 { throw .io(errno: errno) }
        break
      }
    }
    return out
  }

  /// Writes `bytes` to `path`, replacing the file.
  ///
  /// ```swift
  /// try NeuralFiles.write(Array("4 2 1\n".utf8), path: "/tmp/x.data")
  /// ```
  public static func write(_ bytes: [UInt8], path: String) throws(NeuralError) {
    guard let f = fopen(path, "wb") else { throw .io(errno: errno) }
    let n = bytes.withUnsafeBytes { fwrite($0.baseAddress, 1, $0.count, f) }
    let closed = fclose(f)
    guard n == bytes.count, closed == 0 else { throw .io(errno: errno) }
  }

  /// Loads a `.net` file (`fann_create_from_file`).
  ///
  /// ```swift
  /// var net = try NeuralFiles.loadNetwork(path: "xor_float.net")
  /// ```
  public static func loadNetwork(path: String) throws(NeuralError) -> Network {
    try Network(netFile: read(path: path))
  }

  /// Saves a network as `FANN_FLO_2.1` (`fann_save`).
  ///
  /// ```swift
  /// try NeuralFiles.save(net, path: "/tmp/net.net")
  /// ```
  public static func save(_ network: Network, path: String) throws(NeuralError) {
    try write(network.netFile(), path: path)
  }

  /// Loads a `.data` file (`fann_read_train_from_file`).
  ///
  /// ```swift
  /// let data = try NeuralFiles.loadData(path: "xor.data")
  /// ```
  public static func loadData(path: String) throws(NeuralError) -> TrainingData {
    try TrainingData(dataFile: read(path: path))
  }

  /// Saves training data the way `fann_save_train` does.
  ///
  /// ```swift
  /// try NeuralFiles.save(data, path: "/tmp/x.data")
  /// ```
  public static func save(_ data: TrainingData, path: String) throws(NeuralError) {
    try write(data.dataFile(), path: path)
  }
}
