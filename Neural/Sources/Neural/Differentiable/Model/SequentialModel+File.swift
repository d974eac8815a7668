// SequentialModel ↔ ModelFile: the architecture, loss and optimizer settings go into the file's
// configuration entries, the weights into tensors p0, p1, … (``ModelFile/init(parametersOf:)``).
//
// | key                         | kind   | meaning                                            |
// |-----------------------------|--------|----------------------------------------------------|
// | model.sequential            | int    | 1 (this layout's version)                          |
// | model.seed                  | int    | the seed (UInt64 bit pattern)                      |
// | input.rank, input.0, input.1| int    | one sample's shape                                 |
// | layers                      | int    | number of layers                                   |
// | layer.K.kind … .causal      | int    | LayerSpec fields (kind, size, count, dilation,     |
// |                             |        | activation raw value, causal 0/1)                  |
// | layer.K.rate                | double | LayerSpec.rate                                     |
// | loss, loss.parameter        | int, double | 0 MSE, 1 MAE, 2 Huber (delta), 3 pinball (q)  |
// | optimizer                   | int    | 0 SGD, 1 Adam, 2 AdamW, 3 RMSprop                  |
// | optimizer.0 … optimizer.3   | double | the rule's numbers in declaration order            |
// | optimizer.nesterov          | int    | SGD's Nesterov flag                                |
// | learningRate, clipNorm      | double |                                                    |
// Optimizer moments are not saved: a loaded model resumes with fresh moments.
// Decoding validates everything through the same checks as building by hand; integers that do not
// fit this platform's Int (wasm32 has 32-bit Ints) are malformed, not truncated.

extension SequentialModel {
  /// The model as a ``ModelFile`` (architecture, loss, optimizer settings and weights).
  ///
  /// ```swift
  /// let m = try SequentialModel(inputShape: Shape(3)); try m.add(LayerSpec(.dense, size: 2))
  /// let copy = try SequentialModel(file: m.file())
  /// ```
  /// - Complexity: O(parameters).
  public func file() -> ModelFile {
    var f = ModelFile(parametersOf: self)
    func int(_ key: String, _ x: Int) { f.config.append(ModelFile.Entry(key: key, value: .int(Int64(x)))) }
    func real(_ key: String, _ x: Float) { f.config.append(ModelFile.Entry(key: key, value: .double(Double(x)))) }
    int("model.sequential", 1)
    f.config.append(ModelFile.Entry(key: "model.seed", value: .int(Int64(bitPattern: seed))))
    int("input.rank", inputShape.rank)
    for (i, d) in inputShape.dims.enumerated() { int("input.\(i)", d) }
    int("layers", specs.count)
    for (k, s) in specs.enumerated() {
      int("layer.\(k).kind", s.kind.rawValue)
      int("layer.\(k).size", s.size)
      int("layer.\(k).count", s.count)
      int("layer.\(k).dilation", s.dilation)
      int("layer.\(k).activation", Int(s.activation.rawValue))
      int("layer.\(k).causal", s.causal ? 1 : 0)
      real("layer.\(k).rate", s.rate)
    }
    switch loss {
    case .mse: int("loss", 0); real("loss.parameter", 0)
    case .mae: int("loss", 1); real("loss.parameter", 0)
    case .huber(let d): int("loss", 2); real("loss.parameter", d)
    case .pinball(let q): int("loss", 3); real("loss.parameter", q)
    }
    var numbers: [Float] = []
    var nesterov = false
    switch rule {
    case let .sgd(mu, n, wd):
      int("optimizer", 0)
      numbers = [mu, wd]
      nesterov = n
    case let .adam(b1, b2, eps, wd):
      int("optimizer", 1)
      numbers = [b1, b2, eps, wd]
    case let .adamW(b1, b2, eps, wd):
      int("optimizer", 2)
      numbers = [b1, b2, eps, wd]
    case let .rmsProp(alpha, eps, mu, wd):
      int("optimizer", 3)
      numbers = [alpha, eps, mu, wd]
    }
    for (i, x) in numbers.enumerated() { real("optimizer.\(i)", x) }
    int("optimizer.nesterov", nesterov ? 1 : 0)
    real("learningRate", learningRate)
    real("clipNorm", clipNorm)
    return f
  }

  /// The model file's bytes.
  ///
  /// ```swift
  /// let m = try SequentialModel(inputShape: Shape(3)); let bytes = m.encoded()
  /// ```
  /// - Complexity: O(parameters).
  public func encoded() -> [UInt8] { file().encoded() }

  /// Rebuilds a model from a file written by ``file()``: a file that is not one, or whose
  /// architecture is invalid or disagrees with its tensors, is a typed error.
  ///
  /// ```swift
  /// let m = try SequentialModel(inputShape: Shape(3)); try m.add(LayerSpec(.dense, size: 2))
  /// let copy = try SequentialModel(decoding: m.encoded())
  /// ```
  /// - Complexity: O(file size).
  public convenience init(file f: ModelFile) throws(ModelFileError) {
    func raw(_ key: String) throws(ModelFileError) -> Int64 {
      guard case .int(let x)? = f.value(key) else { throw .malformed }
      return x
    }
    func int(_ key: String) throws(ModelFileError) -> Int {
      guard let x = Int(exactly: try raw(key)) else { throw .malformed }
      return x
    }
    func real(_ key: String) throws(ModelFileError) -> Float {
      guard case .double(let x)? = f.value(key) else { throw .malformed }
      return Float(x)
    }
    guard try int("model.sequential") == 1 else { throw .malformed }
    let rank = try int("input.rank")
    guard rank == 1 || rank == 2 else { throw .malformed }
    var dims: [Int] = []
    for i in 0..<rank { dims.append(try int("input.\(i)")) }
    for d in dims where d < 1 || d > SequentialModel.maxSize { throw .malformed }
    let seed = UInt64(bitPattern: try raw("model.seed"))
    do { try self.init(inputShape: Shape(dims), seed: seed) } catch { throw .malformed }
    let n = try int("layers")
    guard n >= 0, n <= SequentialModel.maxLayers else { throw .malformed }
    for k in 0..<n {
      guard let kind = LayerKind(rawValue: try int("layer.\(k).kind")),
        let a = UInt8(exactly: try int("layer.\(k).activation")).flatMap(Activation.init(rawValue:))
      else { throw .malformed }
      let spec = LayerSpec(
        kind, size: try int("layer.\(k).size"), count: try int("layer.\(k).count"),
        dilation: try int("layer.\(k).dilation"), activation: a, rate: try real("layer.\(k).rate"),
        causal: try int("layer.\(k).causal") != 0)
      do { try add(spec) } catch { throw .malformed }
    }
    let p = try real("loss.parameter")
    let losses: [PointLoss] = [.mse, .mae, .huber(delta: p), .pinball(quantile: p)]
    let lossIndex = try int("loss")
    guard lossIndex >= 0, lossIndex < losses.count else { throw .malformed }
    do { try setLoss(losses[lossIndex]) } catch { throw .malformed }
    let kind = try int("optimizer")
    var x: [Float] = []
    for i in 0..<(kind == 0 ? 2 : 4) { x.append(try real("optimizer.\(i)")) }
    let r: OptimizerRule
    switch kind {
    case 0: r = .sgd(momentum: x[0], nesterov: try int("optimizer.nesterov") != 0, weightDecay: x[1])
    case 1: r = .adam(beta1: x[0], beta2: x[1], epsilon: x[2], weightDecay: x[3])
    case 2: r = .adamW(beta1: x[0], beta2: x[1], epsilon: x[2], weightDecay: x[3])
    case 3: r = .rmsProp(alpha: x[0], epsilon: x[1], momentum: x[2], weightDecay: x[3])
    default: throw .malformed
    }
    let lr = try real("learningRate"), clip = try real("clipNorm")
    do { try setOptimizer(r, learningRate: lr, clipNorm: clip) } catch { throw .malformed }
    guard f.tensors.count == parameters.count else { throw .malformed }
    try f.load(into: self)
  }

  /// Rebuilds a model from model-file bytes (see ``init(file:)``).
  /// - Complexity: O(bytes).
  public convenience init(decoding bytes: [UInt8]) throws(ModelFileError) {
    try self.init(file: try ModelFile(decoding: bytes))
  }
}
