import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Testing
@testable import RuvSwarmCLI
#if canImport(Glibc)
import Glibc
#endif

/// A site in a temporary folder: `site/index.html`, `site/app.js`, `site/sub/index.html`, `site/.secret.js`,
/// `dist/chunks/a.1234.wasm`, `dist/manifest.json`, `outside.js` (next to `site`, must never be served),
/// `site/escape.js` (a symlink to `outside.js`) and `one.mjs` (mounted as a single file).
struct Site {
  let root = Paths.temporary()
  var site: String { root + "/site" }
  var dist: String { root + "/dist" }

  init() {
    for (path, text) in [("site/index.html", "<!doctype html>"), ("site/app.js", "export {}"), ("site/styles.css", "body{}"),
                         ("site/sub/index.html", "sub"), ("site/nodex/readme.md", "x"), ("site/.secret.js", "secret"),
                         ("site/notes.swift", "let x = 1"), ("dist/chunks/a.1234.wasm", "\0asm"),
                         ("dist/manifest.json", "{}"), ("outside.js", "outside"), ("one.mjs", "export const one = 1")] {
      let file = root + "/" + path
      try! FileManager.default.createDirectory(atPath: (file as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
      try! Data(text.utf8).write(to: URL(fileURLWithPath: file))
    }
    try! FileManager.default.createSymbolicLink(atPath: site + "/escape.js", withDestinationPath: root + "/outside.js")
    try! FileManager.default.createSymbolicLink(atPath: site + "/inside.js", withDestinationPath: site + "/app.js")
  }

  func server(port: UInt16 = 0, log: (@Sendable (String) -> Void)? = nil) throws -> StaticServer {
    try StaticServer(mounts: [.init(prefix: "/", path: site), .init(prefix: "/dist/", path: dist),
                              .init(prefix: "/modules/one.mjs", path: root + "/one.mjs")], port: port, log: log)
  }
}

/// Sends `request` bytes to 127.0.0.1:`port` and returns everything the server answered.
func rawRequest(_ request: String, port: UInt16) -> String {
  let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
  defer { close(fd) }
  var address = sockaddr_in()
  address.sin_family = sa_family_t(AF_INET)
  address.sin_port = port.bigEndian
  address.sin_addr.s_addr = UInt32(0x7F00_0001).bigEndian
  let connected = withUnsafePointer(to: &address) {
    $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
  }
  guard connected == 0 else { return "" }
  let bytes = Array(request.utf8)
  _ = bytes.withUnsafeBytes { send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
  shutdown(fd, Int32(SHUT_WR))
  var out = [UInt8]()
  var buffer = [UInt8](repeating: 0, count: 4096)
  while true {
    let n = recv(fd, &buffer, buffer.count, 0)
    if n <= 0 { break }
    out += buffer[0..<n]
  }
  return String(decoding: out, as: UTF8.self)
}

@Suite struct StaticServerTests {
  @Test(arguments: [
    ("/", 200, "text/html; charset=utf-8"), ("/index.html", 200, "text/html; charset=utf-8"),
    ("/app.js", 200, "text/javascript; charset=utf-8"), ("/styles.css?v=2#top", 200, "text/css; charset=utf-8"),
    ("/sub/", 200, "text/html; charset=utf-8"), ("/sub", 200, "text/html; charset=utf-8"),
    ("/dist/chunks/a.1234.wasm", 200, "application/wasm"), ("/dist/manifest.json", 200, "application/json"),
    ("/modules/one.mjs", 200, "text/javascript; charset=utf-8"), ("/inside.js", 200, "text/javascript; charset=utf-8"),
    ("/%61pp.js", 200, "text/javascript; charset=utf-8"),
  ])
  func servesKnownFilesWithTheirTypes(target: String, status: Int, type: String) throws {
    let site = Site()
    let server = try site.server()
    let r = server.response(method: "GET", target: target)
    #expect(r.status == status)
    #expect(r.header("content-type") == type)
    #expect(r.header("Content-Length") == "\(r.body.count)")
    #expect(r.header("Content-Security-Policy") == StaticServer.contentSecurityPolicy)
    #expect(r.header("X-Content-Type-Options") == "nosniff")
    #expect(r.header("Cross-Origin-Embedder-Policy") == "require-corp")
  }

  @Test(arguments: [
    ("/../outside.js", 400), ("/..%2foutside.js", 400), ("/%2e%2e/outside.js", 400), ("/sub/../../outside.js", 400),
    ("/dist/../../outside.js", 400), ("/./app.js", 400), ("/.secret.js", 400), ("//etc/passwd", 400),
    ("/app.js%00.html", 400), ("/..\\outside.js", 400), ("/%5c..%5coutside.js", 400), ("/%zz", 400), ("/%4", 400),
    ("/%ff.js", 400), ("app.js", 400), ("http://example.com/app.js", 400), ("/a\u{7f}.js", 400),
    ("/escape.js", 404), ("/notes.swift", 404), ("/nodex/", 404), ("/missing.js", 404), ("/dist/chunks/", 404),
    ("/modules/one.mjs/x", 404), ("/modules/", 404), ("/dist/nothing.json", 404),
  ])
  func refusesTraversalAndUnknownFiles(target: String, status: Int) throws {
    let site = Site()
    let server = try site.server()
    let r = server.response(method: "GET", target: target)
    #expect(r.status == status, "\(target)")
    #expect(!String(decoding: r.body, as: UTF8.self).contains("outside"))
    #expect(r.header("Content-Security-Policy") == StaticServer.contentSecurityPolicy)
  }

  @Test func methodsAndCaching() throws {
    let server = try Site().server()
    let post = server.response(method: "POST", target: "/app.js")
    #expect(post.status == 405 && post.header("Allow") == "GET, HEAD")
    #expect(server.response(method: "HEAD", target: "/app.js").status == 200)
    #expect(server.response(method: "GET", target: "/dist/chunks/a.1234.wasm").header("Cache-Control")?.contains("immutable") == true)
    #expect(server.response(method: "GET", target: "/dist/manifest.json").header("Cache-Control") == "no-cache")
    #expect(server.url == "http://127.0.0.1:\(server.port)/")
    #expect(StaticServer.reason(418) == "Error")
    #expect(String(decoding: server.response(method: "PUT", target: "/").head(), as: UTF8.self)
      .hasPrefix("HTTP/1.1 405 Method Not Allowed\r\n"))
  }

  @Test func requestLines() throws {
    let server = try Site().server()
    func status(_ header: String, complete: Bool = true) -> Int {
      server.answer(header: Data(header.utf8), complete: complete).0.status
    }
    #expect(status("GET /app.js HTTP/1.1\r\nHost: x\r\n\r\n") == 200)
    #expect(status("GET /app.js HTTP/1.0\r\n\r\n") == 200)
    #expect(status("GET /app.js\r\n\r\n") == 400)
    #expect(status("GET  /app.js HTTP/1.1\r\n\r\n") == 400)
    #expect(status("GET /app.js HTTP/2.0\r\n\r\n") == 505)
    #expect(status("GET /app.js HTTP/1.1\r\n", complete: false) == 400)
    #expect(status(String(repeating: "x", count: StaticServer.maxHeaderBytes + 1), complete: false) == 431)
    #expect(status("GET /" + String(repeating: "x", count: StaticServer.maxHeaderBytes) + " HTTP/1.1\r\n\r\n") == 431)
    #expect(server.answer(header: Data("DELETE /x HTTP/1.1\r\n\r\n".utf8), complete: true).1 == "DELETE /x")
  }

  @Test func overTheWire() throws {
    let site = Site()
    let lines = LockedLines()
    let server = try site.server(log: { lines.append($0) })
    server.start()
    server.start()  // idempotent
    defer { server.stop() }
    let ok = rawRequest("GET /app.js HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n", port: server.port)
    #expect(ok.hasPrefix("HTTP/1.1 200 OK\r\n"))
    #expect(ok.contains("\r\nContent-Type: text/javascript; charset=utf-8\r\n"))
    #expect(ok.contains("\r\nContent-Security-Policy: default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:; connect-src 'self';"))
    #expect(ok.hasSuffix("\r\n\r\nexport {}"))
    let head = rawRequest("HEAD /app.js HTTP/1.1\r\n\r\n", port: server.port)
    #expect(head.hasPrefix("HTTP/1.1 200 OK\r\n") && head.hasSuffix("\r\n\r\n") && head.contains("Content-Length: 9\r\n"))
    // Raw targets that a URL library would normalise before sending.
    #expect(rawRequest("GET /../outside.js HTTP/1.1\r\n\r\n", port: server.port).hasPrefix("HTTP/1.1 400 "))
    #expect(rawRequest("GET /sub/../../outside.js HTTP/1.1\r\n\r\n", port: server.port).hasPrefix("HTTP/1.1 400 "))
    #expect(rawRequest("GET /escape.js HTTP/1.1\r\n\r\n", port: server.port).hasPrefix("HTTP/1.1 404 "))
    #expect(rawRequest("garbage\r\n\r\n", port: server.port).hasPrefix("HTTP/1.1 400 "))
    #expect(rawRequest("GET /app.js HTTP/1.1\r\n", port: server.port).hasPrefix("HTTP/1.1 400 "))
    #expect(rawRequest("GET /" + String(repeating: "a", count: 20_000) + " HTTP/1.1\r\n\r\n", port: server.port)
      .hasPrefix("HTTP/1.1 431 "))
    let wasm = try #require(URLSession.sharedDataSync(URL(string: server.url + "dist/chunks/a.1234.wasm")!))
    #expect(wasm.1 == "application/wasm" && wasm.0 == Data("\0asm".utf8))
    #expect(lines.all.contains("GET /app.js 200 9 B"))
    #expect(lines.all.contains("HEAD /app.js 200 9 B"))
    #expect(lines.all.contains("GET /../outside.js 400 16 B"))
    server.stop()
    server.stop()  // idempotent
    #expect(rawRequest("GET / HTTP/1.1\r\n\r\n", port: server.port) == "")
  }

  @Test func aTakenPortIsATypedError() throws {
    let first = try Site().server()
    #expect(throws: CLIError(.unavailable, "port \(first.port) on 127.0.0.1 is in use (choose another with --port, or --port 0 for any free one)")) {
      _ = try Site().server(port: first.port)
    }
  }

  @Test func waitReturnsAfterStop() throws {
    let server = try Site().server()
    server.start()
    let done = DispatchSemaphore(value: 0)
    Thread { server.wait(); done.signal() }.start()
    server.stop()
    #expect(done.wait(timeout: .now() + 30) == .success)
  }
}

/// Lines collected from several threads.
final class LockedLines: @unchecked Sendable {
  private let lock = NSLock()
  private var lines: [String] = []
  func append(_ line: String) { lock.withLock { lines.append(line) } }
  var all: [String] { lock.withLock { lines } }
}

extension URLSession {
  /// GETs `url` and waits: (body, content type), or nil on a transport error.
  static func sharedDataSync(_ url: URL) -> (Data, String?)? {
    let box = LockedResult()
    let done = DispatchSemaphore(value: 0)
    URLSession.shared.dataTask(with: url) { data, response, _ in
      if let data { box.set((data, (response as? HTTPURLResponse)?.value(forHTTPHeaderField: "Content-Type"))) }
      done.signal()
    }.resume()
    done.wait()
    return box.value
  }
}

final class LockedResult: @unchecked Sendable {
  private let lock = NSLock()
  private var stored: (Data, String?)?
  func set(_ v: (Data, String?)) { lock.withLock { stored = v } }
  var value: (Data, String?)? { lock.withLock { stored } }
}
