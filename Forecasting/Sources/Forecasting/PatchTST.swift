// PatchTST: Nie, Nguyen, Sinthong & Kalagnanam, "A Time Series is Worth 64 Words: Long-term Forecasting
// with Transformers" (ICLR 2023), as NeuralForecast implements it (`neuralforecast.models.patchtst`),
// one channel (channel independence makes every series its own channel).
//
// Architecture: the window, padded at the end by repeating its last value `stride` times
// (`padding_patch="end"`), is cut into N = ⌊(inputSize − patchLength)/stride⌋ + 2 patches of
// `patchLength` values; each patch is embedded by Linear(patchLength → hiddenSize) plus a learned
// positional embedding (initialised U(±0.02), `pe="zeros"`, `learn_pe=True`), passed through dropout and
// `encoderLayers` Transformer encoder layers (`heads` heads, feed-forward `linearHiddenSize`, GELU),
// flattened, and mapped by the flatten head Linear(N·hiddenSize → horizon·Q).
// The patching is a constant gather matrix in the graph.
// Stated differences from NeuralForecast's defaults: the encoder layers are Neural's pre-norm
// LayerNorm layers (PatchTST's `norm="LayerNorm"`, `pre_norm=True` options; its default is post-norm
// BatchNorm); RevIN is replaced by the per-window scaler every model here uses (`scaler`); the flatten
// head reads patches patch-major (a fixed permutation of its weights).
// Defaults as NeuralForecast: 3 layers, 16 heads, hidden 128, feed-forward 256, dropout 0.2,
// patch 16, stride 8.
import Neural

/// PatchTST forecaster (Nie et al. 2023).
///
/// ```swift
/// let m = PatchTST(inputSize: 24, horizon: 12, patchLength: 8, stride: 4, hiddenSize: 16, heads: 2)
/// try m.fit(train, progress: nil)
/// let f = try m.forecast(train, h: 12, levels: [])
/// ```
/// - Complexity: O(encoderLayers · (N²·hidden + N·hidden·linearHiddenSize)) per window.
public final class PatchTST: WindowNetwork {
  public let patchLength: Int
  public let stride: Int
  public let encoderLayers: Int
  public let heads: Int
  public let hiddenSize: Int
  public let linearHiddenSize: Int
  /// Dropout probability in [0, 1).
  public let dropout: Double
  var embedding: Dense?
  var position: Parameter?
  var layers: [TransformerEncoderLayer] = []
  var head: Dense?

  /// - Throws: ``ForecastError/invalidArgument(_:)`` unless 1 ≤ patchLength ≤ inputSize, stride ≥ 1, heads divides hiddenSize, dropout in [0, 1).
  public init(inputSize: Int, horizon: Int, patchLength: Int = 16, stride: Int = 8, encoderLayers: Int = 3,
              heads: Int = 16, hiddenSize: Int = 128, linearHiddenSize: Int = 256, dropout: Double = 0.2,
              maxSteps: Int = 5000, batchSize: Int = 32, learningRate: Double = 1e-4, scaler: ScalerKind = .identity,
              levels: [Double] = [], alias: String = "PatchTST") throws(ForecastError) {
    guard patchLength >= 1 && patchLength <= inputSize && stride >= 1 && encoderLayers >= 1 && heads >= 1
                   && hiddenSize % heads == 0 && linearHiddenSize >= 1 && dropout >= 0 && dropout < 1 else { throw .invalidArgument("PatchTST sizes") }
    self.patchLength = patchLength
    self.stride = stride
    self.encoderLayers = encoderLayers
    self.heads = heads
    self.hiddenSize = hiddenSize
    self.linearHiddenSize = linearHiddenSize
    self.dropout = dropout
    try super.init(kind: "PatchTST", inputSize: inputSize, horizon: horizon, maxSteps: maxSteps, batchSize: batchSize,
               learningRate: learningRate, scaler: scaler, levels: levels, alias: alias)
  }

  /// Number of patches N.
  public var patchCount: Int { (inputSize - patchLength) / stride + 2 }

  /// The `[inputSize, N·patchLength]` gather matrix: patch n, position k reads value
  /// min(n·stride + k, inputSize − 1) (the end padding repeats the last value).
  public var patchMatrix: [Double] {
    let n = patchCount, w = n * patchLength
    var m = [Double](repeating: 0, count: inputSize * w)
    for p in 0..<n {
      for k in 0..<patchLength { m[min(p * stride + k, inputSize - 1) * w + p * patchLength + k] = 1 }
    }
    return m
  }

  override func configuration() -> [Double] {
    [Double(patchLength), Double(stride), Double(encoderLayers), Double(heads), Double(hiddenSize),
     Double(linearHiddenSize), dropout]
  }

  static func decodeConfig(_ c: WindowNetwork.Common, _ config: [Double]) throws(ForecastError) -> PatchTST? {
    guard config.count == 7 else { return nil }
    let v = config.map { Int(exactly: $0) ?? -1 }
    guard (1...c.inputSize).contains(v[0]), (1...65536).contains(v[1]), (1...64).contains(v[2]),
          (1...256).contains(v[3]), (1...8192).contains(v[4]), v[4] % v[3] == 0, (1...65536).contains(v[5]),
          config[6] >= 0, config[6] < 1 else { return nil }
    return try PatchTST(inputSize: c.inputSize, horizon: c.horizon, patchLength: v[0], stride: v[1], encoderLayers: v[2],
                    heads: v[3], hiddenSize: v[4], linearHiddenSize: v[5], dropout: config[6], maxSteps: c.maxSteps,
                    batchSize: c.batchSize, learningRate: c.learningRate, scaler: c.scaler, levels: c.levels,
                    alias: c.alias)
  }

  override func build(_ rng: inout NeuralRandom) -> [Parameter] {
    let e = Dense(inputSize: patchLength, outputSize: hiddenSize, using: &rng)
    let pos = Parameter(Tensor(uniform: Shape(patchCount, hiddenSize), low: -0.02, high: 0.02, using: &rng))
    layers = (0..<encoderLayers).map { _ in
      TransformerEncoderLayer(dimension: hiddenSize, heads: heads, feedForward: linearHiddenSize,
                              dropout: Float(dropout), using: &rng)
    }
    let h = Dense(inputSize: patchCount * hiddenSize, outputSize: horizon * outputCount, using: &rng)
    embedding = e
    position = pos
    head = h
    return e.parameters + [pos] + layers.flatMap { $0.parameters } + h.parameters
  }

  override func network(_ x: Var, in g: Graph) throws(TensorError) -> Var {
    guard let embedding, let position, let head else { throw .invalidArgument }
    let b = x.shape[0], n = patchCount
    let gather = g.constant(Tensor(shape: Shape(inputSize, n * patchLength), scalars: patchMatrix.map { Float($0) }))
    let patches = try g.reshape(try g.matmul(x, gather), Shape(b, n, patchLength))
    var z = try g.dropout(try g.add(try embedding(patches, in: g), g.param(position)), p: Float(dropout))
    for layer in layers { z = try layer(z, in: g) }
    let y = try head(try g.reshape(z, Shape(b, n * hiddenSize)), in: g)
    return try g.reshape(y, Shape(b, horizon, outputCount))
  }
}
