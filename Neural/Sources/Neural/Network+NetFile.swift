// `.net` files: FANN_FLO_2.1 read and write (byte-identical to libfann's `fann_save`), FANN_FLO_2.0
// read, FANN_FIX_2.0 export (`fann_save_to_fixed`). Layout and number formats: FANN-FORMATS.md §1.
//
// Reader rules (stricter than libfann where libfann would crash or misbehave):
// - the first line must be exactly `FANN_FLO_2.1` or `FANN_FLO_2.0` followed by LF; a CR anywhere
//   in the version line is `.carriageReturn` (libfann rejects CRLF files the same way);
// - fields come in FANN's fixed order; whitespace between tokens is free, as with scanf;
// - counts are bounded by the file size before anything is allocated (each neuron entry needs at
//   least 7 bytes, each connection 5), so a hostile header cannot make us allocate gigabytes;
// - NaN/inf weights or steepnesses, out-of-range enums, connections to non-earlier neurons and
//   non-whitespace after the connections line are errors naming the line.

/// Input and output scaling parameters (`fann_set_scaling_params`; the `scale_*` block).
///
/// ```swift
/// let s = Scaling(inputs: 2, outputs: 1)   // identity: mean 0, deviation 1, new min -1, factor 1
/// ```
public struct Scaling: Sendable, Equatable {
  public var meanIn: [Float], deviationIn: [Float], newMinIn: [Float], factorIn: [Float]
  public var meanOut: [Float], deviationOut: [Float], newMinOut: [Float], factorOut: [Float]

  /// FANN's reset values (`fann_allocate_scale`): mean 0, deviation 1, new minimum −1, factor 1.
  public init(inputs: Int, outputs: Int) {
    meanIn = [Float](repeating: 0, count: inputs)
    deviationIn = [Float](repeating: 1, count: inputs)
    newMinIn = [Float](repeating: -1, count: inputs)
    factorIn = [Float](repeating: 1, count: inputs)
    meanOut = [Float](repeating: 0, count: outputs)
    deviationOut = [Float](repeating: 1, count: outputs)
    newMinOut = [Float](repeating: -1, count: outputs)
    factorOut = [Float](repeating: 1, count: outputs)
  }
}

extension Network {
  /// Reads a `.net` file (FANN_FLO_2.1 or FANN_FLO_2.0) from its bytes.
  ///
  /// ```swift
  /// var net = try Network(netFile: bytes)       // bytes of xor_float.net
  /// let y = try net.run([-1, 1])                // [0.9886813]
  /// ```
  /// - Complexity: O(file size).
  public init(netFile bytes: [UInt8]) throws(NeuralError) {
    var sc = TextScanner(bytes)
    // Version line.
    let lineEnd = bytes.firstIndex(of: 0x0A) ?? bytes.count
    if bytes[0..<lineEnd].contains(0x0D) { throw .malformedFile(line: 1, problem: .carriageReturn) }
    let version = bytes[0..<lineEnd]
    let is21 = version.elementsEqual("FANN_FLO_2.1".utf8)
    guard is21 || version.elementsEqual("FANN_FLO_2.0".utf8), lineEnd < bytes.count else {
      throw .malformedFile(line: 1, problem: .wrongVersion)
    }
    sc.position = lineEnd
    let limit = bytes.count
    try sc.expect("num_layers=")
    let numLayers = try sc.unsigned(limit: limit)
    guard numLayers >= 2 else { throw .malformedFile(line: sc.line, problem: .badCount) }
    var p = Parameters()
    try sc.expect("learning_rate=")
    p.learningRate = try sc.float()
    try sc.expect("connection_rate=")
    p.connectionRate = try sc.float()
    try sc.expect("network_type=")
    guard let type = NetworkType(rawValue: UInt32(try sc.unsigned(limit: 1 << 20))) else {
      throw .malformedFile(line: sc.line, problem: .badEnum)
    }
    try sc.expect("learning_momentum=")
    p.momentum = try sc.float()
    try sc.expect("training_algorithm=")
    guard let algorithm = TrainingAlgorithm(rawValue: UInt32(try sc.unsigned(limit: 1 << 20)))
    else { throw .malformedFile(line: sc.line, problem: .badEnum) }
    try sc.expect("train_error_function=")
    guard let errorFunction = ErrorFunction(rawValue: UInt32(try sc.unsigned(limit: 1 << 20)))
    else { throw .malformedFile(line: sc.line, problem: .badEnum) }
    try sc.expect("train_stop_function=")
    guard let stopFunction = StopFunction(rawValue: UInt32(try sc.unsigned(limit: 1 << 20)))
    else { throw .malformedFile(line: sc.line, problem: .badEnum) }
    var c = CascadeParameters()
    try sc.expect("cascade_output_change_fraction=")
    c.outputChangeFraction = try sc.float()
    try sc.expect("quickprop_decay=")
    p.quickpropDecay = try sc.float()
    try sc.expect("quickprop_mu=")
    p.quickpropMu = try sc.float()
    try sc.expect("rprop_increase_factor=")
    p.rpropIncrease = try sc.float()
    try sc.expect("rprop_decrease_factor=")
    p.rpropDecrease = try sc.float()
    try sc.expect("rprop_delta_min=")
    p.rpropDeltaMin = try sc.float()
    try sc.expect("rprop_delta_max=")
    p.rpropDeltaMax = try sc.float()
    try sc.expect("rprop_delta_zero=")
    p.rpropDeltaZero = try sc.float()
    // UInt32.max does not fit Int on wasm32 (32-bit Int): there, epoch counts past Int32.max are
    // rejected as `.badCount` instead (FANN's defaults are 12 to 150).
    let u32 = Int(clamping: UInt32.max)
    try sc.expect("cascade_output_stagnation_epochs=")
    c.outputStagnationEpochs = UInt32(try sc.unsigned(limit: u32))
    try sc.expect("cascade_candidate_change_fraction=")
    c.candidateChangeFraction = try sc.float()
    try sc.expect("cascade_candidate_stagnation_epochs=")
    c.candidateStagnationEpochs = UInt32(try sc.unsigned(limit: u32))
    try sc.expect("cascade_max_out_epochs=")
    c.maxOutEpochs = UInt32(try sc.unsigned(limit: u32))
    try sc.expect("cascade_min_out_epochs=")
    c.minOutEpochs = UInt32(try sc.unsigned(limit: u32))
    try sc.expect("cascade_max_cand_epochs=")
    c.maxCandEpochs = UInt32(try sc.unsigned(limit: u32))
    try sc.expect("cascade_min_cand_epochs=")
    c.minCandEpochs = UInt32(try sc.unsigned(limit: u32))
    try sc.expect("cascade_num_candidate_groups=")
    c.numCandidateGroups = UInt32(try sc.unsigned(limit: 1 << 16))
    try sc.expect("bit_fail_limit=")
    p.bitFailLimit = try sc.float()
    try sc.expect("cascade_candidate_limit=")
    c.candidateLimit = try sc.float()
    try sc.expect("cascade_weight_multiplier=")
    c.weightMultiplier = try sc.float()
    try sc.expect("cascade_activation_functions_count=")
    let nf = try sc.unsigned(limit: limit / 2)
    try sc.expect("cascade_activation_functions=")
    var functions = [ActivationFunction]()
    for _ in 0..<nf {
      guard let f = ActivationFunction(rawValue: UInt32(try sc.unsigned(limit: 1 << 20))) else {
        throw .malformedFile(line: sc.line, problem: .badEnum)
      }
      functions.append(f)
    }
    c.activationFunctions = functions
    try sc.expect("cascade_activation_steepnesses_count=")
    let ns = try sc.unsigned(limit: limit / 2)
    try sc.expect("cascade_activation_steepnesses=")
    var steeps = [Float]()
    for _ in 0..<ns { steeps.append(try sc.float()) }
    c.activationSteepnesses = steeps
    try sc.expect("layer_sizes=")
    var sizes = [Int]()
    var totalNeurons = 0
    for _ in 0..<numLayers {
      let s = try sc.unsigned(limit: limit)
      guard s >= 1 else { throw .malformedFile(line: sc.line, problem: .badCount) }
      sizes.append(s)
      totalNeurons += s
      guard totalNeurons <= limit / 7 else {
        throw .malformedFile(line: sc.line, problem: .badCount)
      }
    }
    let inputs = sizes[0] - 1
    let outputs = type == .layer ? sizes[numLayers - 1] - 1 : sizes[numLayers - 1]
    guard inputs >= 1, outputs >= 1 else { throw .malformedFile(line: sc.line, problem: .badCount) }
    var scaling: Scaling? = nil
    if sc.peek("scale_included=") {
      try sc.expect("scale_included=")
      let included = try sc.unsigned(limit: 1)
      if included == 1 {
        var s = Scaling(inputs: inputs, outputs: outputs)
        try sc.expect("scale_mean_in=")
        for i in 0..<inputs { s.meanIn[i] = try sc.float() }
        try sc.expect("scale_deviation_in=")
        for i in 0..<inputs { s.deviationIn[i] = try sc.float() }
        try sc.expect("scale_new_min_in=")
        for i in 0..<inputs { s.newMinIn[i] = try sc.float() }
        try sc.expect("scale_factor_in=")
        for i in 0..<inputs { s.factorIn[i] = try sc.float() }
        try sc.expect("scale_mean_out=")
        for i in 0..<outputs { s.meanOut[i] = try sc.float() }
        try sc.expect("scale_deviation_out=")
        for i in 0..<outputs { s.deviationOut[i] = try sc.float() }
        try sc.expect("scale_new_min_out=")
        for i in 0..<outputs { s.newMinOut[i] = try sc.float() }
        try sc.expect("scale_factor_out=")
        for i in 0..<outputs { s.factorOut[i] = try sc.float() }
        scaling = s
      }
    }
    try sc.expect("neurons (num_inputs, activation_function, activation_steepness)=")
    var perNeuron = [Int]()
    perNeuron.reserveCapacity(totalNeurons)
    var activation = [ActivationFunction]()
    activation.reserveCapacity(totalNeurons)
    var steepness = [Float]()
    steepness.reserveCapacity(totalNeurons)
    var totalConnections = 0
    for _ in 0..<totalNeurons {
      try sc.expect("(")
      let n = try sc.unsigned(limit: limit / 5)
      totalConnections += n
      guard totalConnections <= limit / 5 else {
        throw .malformedFile(line: sc.line, problem: .badCount)
      }
      try sc.expect(",")
      guard let f = ActivationFunction(rawValue: UInt32(try sc.unsigned(limit: 1 << 20))) else {
        throw .malformedFile(line: sc.line, problem: .badEnum)
      }
      try sc.expect(",")
      let s = try sc.float()
      try sc.expect(")")
      perNeuron.append(n)
      activation.append(f)
      steepness.append(s)
    }
    try sc.expect("connections (connected_to_neuron, weight)=")
    let connectionsLine = sc.line
    var sources = [Int32]()
    sources.reserveCapacity(totalConnections)
    var weights = [Float]()
    weights.reserveCapacity(totalConnections)
    for _ in 0..<totalConnections {
      try sc.expect("(")
      let s = try sc.unsigned(limit: totalNeurons)
      try sc.expect(",")
      let w = try sc.float()
      try sc.expect(")")
      sources.append(Int32(s))
      weights.append(w)
    }
    try sc.expectEnd()
    do {
      self = try Network(
        type: type, connectionRate: p.connectionRate, layerSizes: sizes,
        inputsPerNeuron: perNeuron, sources: sources, weights: weights, activation: activation,
        steepness: steepness)
    } catch {
      throw .malformedFile(line: connectionsLine, problem: .badConnection)
    }
    learningRate = p.learningRate
    learningMomentum = p.momentum
    trainingAlgorithm = algorithm
    self.errorFunction = errorFunction
    self.stopFunction = stopFunction
    bitFailLimit = p.bitFailLimit
    quickpropDecay = p.quickpropDecay
    quickpropMu = p.quickpropMu
    rpropIncreaseFactor = p.rpropIncrease
    rpropDecreaseFactor = p.rpropDecrease
    rpropDeltaMin = p.rpropDeltaMin
    rpropDeltaMax = p.rpropDeltaMax
    rpropDeltaZero = p.rpropDeltaZero
    cascade = c
    self.scaling = scaling
  }

  private struct Parameters {
    var learningRate: Float = 0, connectionRate: Float = 0, momentum: Float = 0
    var quickpropDecay: Float = 0, quickpropMu: Float = 0
    var rpropIncrease: Float = 0, rpropDecrease: Float = 0
    var rpropDeltaMin: Float = 0, rpropDeltaMax: Float = 0, rpropDeltaZero: Float = 0
    var bitFailLimit: Float = 0
  }

  /// The network as a `FANN_FLO_2.1` file, byte-identical to libfann's `fann_save`.
  ///
  /// ```swift
  /// let bytes = net.netFile()
  /// String(decoding: bytes.prefix(12), as: UTF8.self)   // "FANN_FLO_2.1"
  /// ```
  /// - Complexity: O(connections).
  public func netFile() -> [UInt8] { write(fixed: nil) }

  /// The network as a `FANN_FIX_2.0` fixed-point file (`fann_save_to_fixed`) and its decimal point.
  ///
  /// ```swift
  /// let (bytes, decimalPoint) = net.fixedPointFile()
  /// ```
  public func fixedPointFile() -> (bytes: [UInt8], decimalPoint: Int) {
    // The largest Σ|w| into any neuron decides how many bits the integer part needs.
    var maxPossible: Float = 0
    for k in layerStart[1]..<totalNeurons {
      var current: Float = 0
      for c in connectionStart[k]..<connectionStart[k + 1] { current += abs(weights[c]) }
      if current > maxPossible { maxPossible = current }
    }
    var bits = 0
    while maxPossible >= 1 {
      maxPossible = Float(Double(maxPossible) / 2.0)
      bits += 1
    }
    let calculated = (32 - 2 - bits) / 2
    let decimalPoint = max(calculated, 0)
    return (write(fixed: decimalPoint), calculated)
  }

  private func write(fixed decimalPoint: Int?) -> [UInt8] {
    var o = [UInt8]()
    o.reserveCapacity(2048 + totalConnections * 40)
    func text(_ s: StaticString) {
      s.withUTF8Buffer { o.append(contentsOf: $0) }
    }
    func uint(_ v: Int) { FANNText.appendInt(v, to: &o) }
    func u32(_ v: UInt32) { FANNText.appendUnsigned(UInt64(v), to: &o) }
    func f(_ x: Float) { FANNText.appendFixed(Double(x), to: &o) }
    let multiplier: Float = decimalPoint.map { Float(1 << $0) } ?? 1
    /// FANN's `(int) floor(x * multiplier + 0.5)`.
    func fixedValue(_ x: Float) -> Int {
      let r = (Double(x * multiplier) + 0.5).rounded(.down)
      return r >= 2_147_483_647 ? Int(Int32.max) : (r <= -2_147_483_648 ? Int(Int32.min) : Int(r))
    }
    /// `%u` of an int (negative values wrap like C's).
    func unsignedFixed(_ x: Float) {
      FANNText.appendUnsigned(UInt64(UInt32(bitPattern: Int32(fixedValue(x)))), to: &o)
    }
    func e(_ x: Float) {
      if decimalPoint != nil { unsignedFixed(x) } else { FANNText.appendExponential(Double(x), to: &o) }
    }
    if let decimalPoint {
      text("FANN_FIX_2.0\ndecimal_point=")
      uint(decimalPoint)
      text("\n")
    } else {
      text("FANN_FLO_2.1\n")
    }
    text("num_layers="); uint(numLayers)
    text("\nlearning_rate="); f(learningRate)
    text("\nconnection_rate="); f(connectionRate)
    text("\nnetwork_type="); uint(Int(networkType.rawValue))
    text("\nlearning_momentum="); f(learningMomentum)
    text("\ntraining_algorithm="); uint(Int(trainingAlgorithm.rawValue))
    text("\ntrain_error_function="); uint(Int(errorFunction.rawValue))
    text("\ntrain_stop_function="); uint(Int(stopFunction.rawValue))
    text("\ncascade_output_change_fraction="); f(cascade.outputChangeFraction)
    text("\nquickprop_decay="); f(quickpropDecay)
    text("\nquickprop_mu="); f(quickpropMu)
    text("\nrprop_increase_factor="); f(rpropIncreaseFactor)
    text("\nrprop_decrease_factor="); f(rpropDecreaseFactor)
    text("\nrprop_delta_min="); f(rpropDeltaMin)
    text("\nrprop_delta_max="); f(rpropDeltaMax)
    text("\nrprop_delta_zero="); f(rpropDeltaZero)
    text("\ncascade_output_stagnation_epochs="); u32(cascade.outputStagnationEpochs)
    text("\ncascade_candidate_change_fraction="); f(cascade.candidateChangeFraction)
    text("\ncascade_candidate_stagnation_epochs="); u32(cascade.candidateStagnationEpochs)
    text("\ncascade_max_out_epochs="); u32(cascade.maxOutEpochs)
    text("\ncascade_min_out_epochs="); u32(cascade.minOutEpochs)
    text("\ncascade_max_cand_epochs="); u32(cascade.maxCandEpochs)
    text("\ncascade_min_cand_epochs="); u32(cascade.minCandEpochs)
    text("\ncascade_num_candidate_groups="); u32(cascade.numCandidateGroups)
    text("\nbit_fail_limit="); e(bitFailLimit)
    text("\ncascade_candidate_limit="); e(cascade.candidateLimit)
    text("\ncascade_weight_multiplier="); e(cascade.weightMultiplier)
    text("\ncascade_activation_functions_count="); uint(cascade.activationFunctions.count)
    text("\ncascade_activation_functions=")
    for a in cascade.activationFunctions { uint(Int(a.rawValue)); text(" ") }
    text("\ncascade_activation_steepnesses_count="); uint(cascade.activationSteepnesses.count)
    text("\ncascade_activation_steepnesses=")
    for s in cascade.activationSteepnesses { e(s); text(" ") }
    text("\nlayer_sizes=")
    for l in 0..<numLayers { uint(layerStart[l + 1] - layerStart[l]); text(" ") }
    text("\n")
    if decimalPoint == nil {
      if let s = scaling {
        text("scale_included=1\n")
        func row(_ name: StaticString, _ values: [Float]) {
          text(name)
          for v in values { f(v); text(" ") }
          text("\n")
        }
        row("scale_mean_in=", s.meanIn)
        row("scale_deviation_in=", s.deviationIn)
        row("scale_new_min_in=", s.newMinIn)
        row("scale_factor_in=", s.factorIn)
        row("scale_mean_out=", s.meanOut)
        row("scale_deviation_out=", s.deviationOut)
        row("scale_new_min_out=", s.newMinOut)
        row("scale_factor_out=", s.factorOut)
      } else {
        text("scale_included=0\n")
      }
    }
    text("neurons (num_inputs, activation_function, activation_steepness)=")
    for k in 0..<totalNeurons {
      text("(")
      uint(connectionStart[k + 1] - connectionStart[k])
      text(", ")
      uint(Int(activation[k].rawValue))
      text(", ")
      e(steepness[k])
      text(") ")
    }
    text("\nconnections (connected_to_neuron, weight)=")
    for c in 0..<totalConnections {
      text("(")
      uint(Int(sources[c]))
      text(", ")
      if decimalPoint != nil {
        FANNText.appendInt(fixedValue(weights[c]), to: &o)
      } else {
        FANNText.appendExponential(Double(weights[c]), to: &o)
      }
      text(") ")
    }
    text("\n")
    return o
  }
}
