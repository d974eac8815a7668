import Foundation
import Testing
@testable import RuvSwarmCLI

@Suite struct DemoCommandTests {
  @Test func theScenarioRunsStoresAndScores() throws {
    let dir = Paths.temporary()
    let db = dir + "/ruvswarm.db"
    let r = ruvswarm(["demo", "--datasets", Paths.forecast, "--db", db, "--output", dir + "/out", "--agents", "2",
                      "--mlp-steps", "10", "--only", "lynx,ausbeer"])
    #expect(r.code == 0, "\(r.errors)")
    #expect(r.output.contains("swarm demo-1: 2 forecasting agents + 1 coordinator, 2 series"))
    #expect(r.output.contains("series 2/2"))
    #expect(r.output.contains("Held-out accuracy"))
    #expect(r.output.contains("swarm: 3 tasks succeeded, 0 failed"))
    #expect(FileManager.default.fileExists(atPath: dir + "/out/lynx.svg"))
    #expect(FileManager.default.fileExists(atPath: dir + "/out/ausbeer-forecast.csv"))
    let inspect = ruvswarm(["swarm", "inspect", "demo-1", "--db", db])
    #expect(inspect.output.contains("tasks: 3 (completed 3)"))
    let memory = ruvswarm(["memory", "list", "--db", db, "--namespace", "agent-1", "--prefix", "demo-1/"])
    #expect(memory.output.contains("MASE"))
    let second = ruvswarm(["demo", "--datasets", Paths.forecast, "--db", db, "--output", dir + "/out",
                           "--mlp-steps", "5", "--only", "lynx"])
    #expect(second.output.contains("swarm demo-2"))
  }

  @Test func manifestErrors() throws {
    let bad = writeTemporary("manifest.csv", "unique_id,file,freq,m,h\nx,x.csv,M,zero,1\n")
    #expect(throws: CLIError(.dataError, "expected unique_id,file,freq,m,h with positive m and h", file: bad, line: 2)) {
      try readManifest(bad)
    }
    let empty = writeTemporary("manifest.csv", "unique_id,file,freq,m,h\n")
    #expect(throws: CLIError.self) { try readManifest(empty) }
    #expect(throws: CLIError.self) { try readManifest("/nonexistent/manifest.csv") }
    let quoted = writeTemporary("manifest.csv", "unique_id,file,freq,m,h,source\r\na,a.csv,M,12,6,\"x, y\"\r\n")
    #expect(try readManifest(quoted) == [ManifestEntry(id: "a", file: "a.csv", freq: "M", season: 12, horizon: 6)])
  }

  @Test func demoErrors() {
    let dir = Paths.temporary()
    #expect(ruvswarm(["demo", "--agents", "0"]).code == 64)
    #expect(ruvswarm(["demo", "--mlp-steps", "0"]).code == 64)
    #expect(ruvswarm(["demo", "--datasets", Paths.forecast, "--only", "nothing"]).code == 64)
    let missing = writeTemporary("manifest.csv", "unique_id,file,freq,m,h\na,gone.csv,M,12,6\n")
    let folder = (missing as NSString).deletingLastPathComponent
    #expect(ruvswarm(["demo", "--datasets", folder, "--db", dir + "/d.db"]).code == 66)
    try? Data("unique_id,ds,y\na,2020-01-01,x\n".utf8).write(to: URL(fileURLWithPath: folder + "/gone.csv"))
    #expect(ruvswarm(["demo", "--datasets", folder, "--db", dir + "/d.db"]).code == 65)
    try? Data("unique_id,ds,y\na,2020-01-01,1\na,2020-02-01,2\n".utf8).write(to: URL(fileURLWithPath: folder + "/gone.csv"))
    #expect(ruvswarm(["demo", "--datasets", folder, "--db", dir + "/d.db", "--output", "/proc/none"]).code == 73)
    let short = ruvswarm(["demo", "--datasets", folder, "--db", dir + "/d.db", "--output", dir + "/o"])
    #expect(short.code == 1 && short.output.contains("FAILED a:"))
    #expect(ruvswarm(["demo", "--datasets", Paths.forecast, "--only", "lynx", "--db", "/nonexistent/d.db"]).code == 74)
  }

  @Test func findUpwardsFindsTheSharedData() {
    #expect(findUpwards("definitely/not/here/\(UUID().uuidString)") == nil)
  }

  @Test func bundleDelegationReportsFailures() {
    let empty = Paths.temporary()
    let r = ruvswarm(["bundle", "--bundler-dir", empty])
    #expect(r.code == 69 && r.errors.contains("the Bundler failed"))
    #expect(ruvswarm(["bundle", "--bundler-dir", empty + "/missing"]).code == 69)
    let demo = ruvswarm(["demo", "--datasets", Paths.forecast, "--only", "lynx", "--mlp-steps", "5", "--db",
                         empty + "/d.db", "--output", empty + "/o", "--bundle", "--bundler-dir", empty])
    #expect(demo.code == 69 && demo.output.contains("Held-out accuracy"))
  }
}
