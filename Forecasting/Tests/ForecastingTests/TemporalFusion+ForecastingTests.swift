import Foundation
import Testing
import Neural
@testable import Forecasting

@Suite struct TemporalFusionLayersTests {
  @Test func gatedLinearUnitMatchesItsDefinition() throws {
    var rng = NeuralRandom(seed: 1)
    let glu = GatedLinearUnit(inputSize: 3, outputSize: 2, using: &rng)
    let x = Tensor(normal: Shape(4, 3), mean: 0, std: 1, using: &rng)
    let g = Graph()
    let y = try g.value(try glu(g.constant(x), in: g)).scalars
    let w = glu.linear.weight.value.scalars
    for r in 0..<4 {
      var z = [Float](repeating: 0, count: 4)
      for o in 0..<4 { for i in 0..<3 { z[o] += x.scalars[r * 3 + i] * w[i * 4 + o] } }
      for o in 0..<2 { #expect(abs(y[r * 2 + o] - z[o] / (1 + Float(exp(Double(-z[o + 2]))))) < 1e-5) }
    }
  }

  @Test func gatedResidualNetworkShapesContextAndNorm() throws {
    var rng = NeuralRandom(seed: 2)
    let g = Graph()
    let a = g.constant(Tensor(normal: Shape(2, 5, 4), mean: 0, std: 1, using: &rng))
    let c = g.constant(Tensor(normal: Shape(2, 3), mean: 0, std: 1, using: &rng))
    let grn = GatedResidualNetwork(inputSize: 4, hiddenSize: 4, contextSize: 3, dropout: 0, using: &rng)
    #expect(grn.skip == nil && grn.norm != nil)
    let y = try g.value(try grn(a, context: c, in: g))
    #expect(y.shape == Shape(2, 5, 4))
    // LayerNorm output: every row has mean 0 (γ = 1, β = 0 at initialisation).
    for r in 0..<10 { #expect(abs((0..<4).map { y.scalars[r * 4 + $0] }.reduce(0, +)) < 1e-4) }
    // The context moves the output; width 1 skips the norm and projects the skip.
    #expect(try g.value(try grn(a, in: g)).scalars != y.scalars)
    let one = GatedResidualNetwork(inputSize: 4, hiddenSize: 6, outputSize: 1, dropout: 0, using: &rng)
    #expect(one.norm == nil && one.skip != nil)
    #expect(try one(a, in: g).shape == Shape(2, 5, 1))
  }

  @Test func variableSelectionWeightsAreADistribution() throws {
    var rng = NeuralRandom(seed: 3)
    let vsn = VariableSelection(hiddenSize: 4, variables: 3, dropout: 0, using: &rng)
    let g = Graph()
    let x = g.constant(Tensor(normal: Shape(2, 5, 3, 4), mean: 0, std: 1, using: &rng))
    let (y, w) = try vsn(x, context: g.constant(Tensor(zeros: Shape(2, 4))), in: g)
    #expect(y.shape == Shape(2, 5, 4) && w.shape == Shape(2, 5, 3))
    let wv = try g.value(w).scalars
    for r in 0..<10 { #expect(abs(wv[r * 3] + wv[r * 3 + 1] + wv[r * 3 + 2] - 1) < 1e-5) }
    // Static form: [B, V, hidden] → [B, hidden].
    let (s, sw) = try vsn(g.constant(Tensor(normal: Shape(2, 3, 4), mean: 0, std: 1, using: &rng)), context: nil, in: g)
    #expect(s.shape == Shape(2, 4) && sw.shape == Shape(2, 3))
  }

  @Test func interpretableAttentionIsCausal() throws {
    var rng = NeuralRandom(seed: 4)
    let att = InterpretableAttention(hiddenSize: 6, heads: 3, attentionDropout: 0, dropout: 0, using: &rng)
    var x = Tensor(normal: Shape(1, 5, 6), mean: 0, std: 1, using: &rng)
    let g = Graph()
    let a = try g.value(try att(g.constant(x), in: g)).scalars
    for i in 24..<30 { x.scalars[i] += 3 }                 // change only the last position
    let b = try g.value(try att(g.constant(x), in: g)).scalars
    #expect(Array(a[0..<24]) == Array(b[0..<24]))
    #expect(Array(a[24..<30]) != Array(b[24..<30]))
    // Position 0 attends only to itself: its output is out_proj(v_0).
    let qkv = try g.value(try att.projection(g.constant(x), in: g)).scalars
    let w = att.output.weight.value.scalars
    for o in 0..<6 {
      var ref: Float = 0
      for k in 0..<2 { ref += qkv[12 + k] * w[k * 6 + o] }
      #expect(abs(b[o] - ref) < 1e-5)
    }
  }

  @Test func continuousEmbeddingScalesVectors() throws {
    var rng = NeuralRandom(seed: 5)
    let e = ContinuousEmbedding(variables: 2, hiddenSize: 3, using: &rng)
    let g = Graph()
    let y = try g.value(try e(g.constant(Tensor(shape: Shape(1, 2), scalars: [2, -1])), in: g)).scalars
    let v = e.vectors.value.scalars
    for f in 0..<2 { for d in 0..<3 { #expect(abs(y[f * 3 + d] - [2, -1][f] * v[f * 3 + d]) < 1e-6) } }
  }
}
