import Testing
@testable import RuvSwarmCLI

@Suite struct ProgressTests {
  @Test func textShowsCountRateAndETA() {
    #expect(ProgressBar.text(label: "x", current: 5, total: 10, elapsed: 2, width: 10)
            == "x [#####.....] 5/10 2.5/s ETA 2.0s")
    #expect(ProgressBar.text(label: "x", current: 10, total: 10, elapsed: 2, bar: false) == "x 10/10 5.0/s done in 2.0s")
    #expect(ProgressBar.text(label: "x", current: 0, total: 10, elapsed: 0, bar: false) == "x 0/10 0.0/s ETA --")
    #expect(ProgressBar.text(label: "x", current: 3, total: 10, elapsed: 1, bar: false, final: true)
            == "x 3/10 3.0/s done in 1.0s")
  }

  @Test func durations() {
    #expect(ProgressBar.duration(0.25) == "250ms")
    #expect(ProgressBar.duration(12.34) == "12.3s")
    #expect(ProgressBar.duration(245) == "4m05s")
  }

  @Test func plainLinesAtMostEveryTenthAndAFinalLine() {
    var t = 0.0
    let c = Console.capturing(terminal: false)
    let bar = ProgressBar(label: "work", total: 100, console: c) { t }
    for i in 1...100 {
      t += 0.5
      bar.update(i)
    }
    bar.finish()
    bar.finish()
    let lines = c.output.split(separator: "\n")
    #expect(lines.count == 11)
    #expect(lines.first == "work 1/100 2.0/s ETA 49.5s")
    #expect(lines.last == "work 100/100 2.0/s done in 50.0s")
    #expect(!c.output.contains("\r"))
  }

  @Test func aTerminalRedrawsOneLine() {
    var t = 0.0
    let c = Console.capturing(terminal: true)
    let bar = ProgressBar(label: "t", total: 4, console: c) { t }
    for i in 1...4 {
      t += 1
      bar.update(i)
    }
    bar.finish()
    #expect(c.output.hasPrefix("\rt [######.................."))
    #expect(c.output.hasSuffix("4/4 1.0/s done in 4.0s\u{1B}[K\n"))
    #expect(c.output.filter { $0 == "\n" }.count == 1)
  }

  @Test func updatesBeyondTheTotalAreClamped() {
    let c = Console.capturing()
    let bar = ProgressBar(label: "z", total: 0, console: c) { 1 }
    bar.update(7)
    #expect(bar.current == 1)
  }
}
