// Progress bars for long work: training epochs, cross-validation windows, swarm runs.
//
// On a terminal the bar redraws one line (`\r`): `label [#####.....] 42/100 12.3/s ETA 4s`.
// Elsewhere (a pipe, a log file, the tests) it prints a plain line at most every `plainEvery`
// percent, and always at the end, so logs stay short and readable. The clock is injected so that
// the rate and ETA text can be tested without timing anything.
import Foundation

/// A progress indicator with current/total, rate and ETA.
///
/// ```swift
/// let bar = ProgressBar(label: "train", total: 100, console: console)
/// for i in 1...100 { bar.update(i) }
/// bar.finish()
/// ```
public final class ProgressBar {
  let label: String
  let total: Int
  let console: Console
  let clock: () -> Double
  let start: Double
  let width = 24
  private(set) var current = 0
  private var lastPlainStep = -1
  private var finished = false

  /// A bar for `total` steps (at least 1 is assumed); `clock` returns seconds.
  public init(label: String, total: Int, console: Console,
              clock: @escaping () -> Double = { ProcessInfo.processInfo.systemUptime }) {
    self.label = label
    self.total = max(1, total)
    self.console = console
    self.clock = clock
    start = clock()
  }

  /// The text of the bar at `current` steps after `elapsed` seconds.
  ///
  /// - Complexity: O(width).
  public static func text(label: String, current: Int, total: Int, elapsed: Double, width: Int = 24,
                          bar: Bool = true, final: Bool = false) -> String {
    let fraction = min(1, Double(current) / Double(max(1, total)))
    let rate = elapsed > 0 ? Double(current) / elapsed : 0
    let remaining = rate > 0 ? Double(total - current) / rate : 0
    var s = label + " "
    if bar {
      let filled = Int(fraction * Double(width))
      s += "[" + String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled) + "] "
    }
    s += "\(current)/\(total) " + String(format: "%.1f/s", rate)
    s += current >= total || final ? " done in " + duration(elapsed) : " ETA " + (rate > 0 ? duration(remaining) : "--")
    return s
  }

  /// Seconds as `850ms`, `12.3s` or `4m05s`.
  public static func duration(_ seconds: Double) -> String {
    if seconds < 1 { return "\(Int((seconds * 1000).rounded()))ms" }
    if seconds < 60 { return String(format: "%.1fs", seconds) }
    let s = Int(seconds.rounded())
    return "\(s / 60)m" + String(format: "%02ds", s % 60)
  }

  /// Moves the bar to `current` steps.
  public func update(_ current: Int) {
    self.current = min(current, total)
    let elapsed = clock() - start
    if console.isTerminal {
      console.write("\r" + ProgressBar.text(label: label, current: self.current, total: total, elapsed: elapsed,
                                            width: width) + "\u{1B}[K")
    } else {
      let step = self.current * 10 / total
      if step > lastPlainStep {
        lastPlainStep = step
        if self.current < total {
          console.line(ProgressBar.text(label: label, current: self.current, total: total, elapsed: elapsed, bar: false))
        }
      }
    }
  }

  /// Ends the bar with its final line.
  public func finish() {
    guard !finished else { return }
    finished = true
    let line = ProgressBar.text(label: label, current: current, total: total, elapsed: clock() - start,
                                width: width, bar: console.isTerminal, final: true)
    console.write(console.isTerminal ? "\r" + line + "\u{1B}[K\n" : line + "\n")
  }
}
