// What Neural's notebooks share (README.md and Neural.docc/NN-*.md are compiled into this module).
import Neural
import NeuralIO

/// `<repo>/../shared/datasets/<relative>`, found from this file's path.
func dataset(_ relative: String) -> String {
  var parts = "\(#filePath)".split(separator: "/", omittingEmptySubsequences: false)
  parts.removeLast(4)  // …/<repo>/Neural/Tests/NeuralNotebookTests/NotebookSupport.swift
  return parts.joined(separator: "/") + "/../shared/datasets/" + relative
}

/// Whether two floats agree to `rel` relative (with a tiny absolute floor).
func near(_ a: Float, _ b: Float, rel: Float = 1e-6) -> Bool {
  abs(a - b) <= max(rel * max(abs(a), abs(b)), 1e-7)
}
