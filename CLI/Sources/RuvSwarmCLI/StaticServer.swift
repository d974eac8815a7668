// The static HTTP/1.1 server behind `ruvswarm serve`: the wasm bundle and the playground, on 127.0.0.1.
//
// Purpose: let a browser load the playground and the lazily linked chunks from one origin, under the
// strict Content-Security-Policy the loader was written for, with the MIME types that
// `WebAssembly.compileStreaming` requires. It is a development server for one person's machine, not a
// production web server.
//
// Invariants, in priority order:
//   1. Nothing outside the mounted folders is ever read: the request path is percent-decoded once, split
//      into segments, and refused when a segment is empty-after-decoding-with-a-slash, `.`, `..`, starts
//      with a dot, or holds a NUL, a backslash or a control character; the resolved file's real path
//      (symlinks followed) must still lie inside the mount's real path.
//   2. Every response carries the CSP (`script-src 'self' 'wasm-unsafe-eval'`, no inline script or
//      style), `X-Content-Type-Options: nosniff`, and cross-origin isolation (COOP/COEP/CORP), so the
//      page gets precise timers and the loader can report SharedArrayBuffer support truthfully.
//   3. Only known file types are served, each with its exact MIME type (`application/wasm`, `text/javascript`, …);
//      folders are never listed (a folder serves its `index.html` or nothing).
//   4. Bad requests get a status code, never a crash: 400 malformed, 404 missing, 405 not GET/HEAD,
//      431 oversized header, 505 not HTTP/1.x.
//
// Design: one listening socket (POSIX, Glibc), an accept loop that polls so `stop()` returns promptly,
// and one short-lived connection per request (`Connection: close`) handled on a concurrent queue. The
// routing (`response(method:target:)`) is a pure function of the request line and the disk, which is
// what the tests exercise most; the socket layer only reads a header and writes bytes.
//
// References: RFC 9110 (HTTP semantics), RFC 9112 (HTTP/1.1 message syntax), CSP Level 3
// ('wasm-unsafe-eval'), the WebAssembly JS API (compileStreaming needs `application/wasm`).
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A static file server bound to 127.0.0.1.
///
/// ```swift
/// let server = try StaticServer(mounts: [.init(prefix: "/", path: "Playground"), .init(prefix: "/dist/", path: "dist")], port: 0)
/// server.start()
/// print("http://127.0.0.1:\(server.port)/")
/// server.stop()
/// ```
public final class StaticServer: @unchecked Sendable {
  /// A URL prefix served from a folder (prefix ends with `/`) or one file (prefix is the exact path).
  public struct Mount: Equatable, Sendable {
    public var prefix: String
    public var path: String
    public init(prefix: String, path: String) {
      self.prefix = prefix
      self.path = path
    }
  }

  /// A response before it is written: status, headers, body.
  public struct Response: Equatable, Sendable {
    public var status: Int
    public var headers: [(String, String)]
    public var body: Data

    public static func == (a: Response, b: Response) -> Bool {
      a.status == b.status && a.body == b.body && a.headers.map { $0.0 + ":" + $0.1 } == b.headers.map { $0.0 + ":" + $0.1 }
    }

    /// The value of header `name` (case-insensitive), if present.
    public func header(_ name: String) -> String? {
      headers.first { $0.0.lowercased() == name.lowercased() }?.1
    }

    /// The status line and headers as sent, then the blank line.
    public func head() -> Data {
      var text = "HTTP/1.1 \(status) \(StaticServer.reason(status))\r\n"
      for (name, value) in headers { text += "\(name): \(value)\r\n" }
      return Data((text + "\r\n").utf8)
    }
  }

  /// The Content-Security-Policy of every response: only same-origin scripts, styles, fetches and images
  /// (plus `data:` images), wasm compilation allowed, no inline code, no plugins, no framing.
  public static let contentSecurityPolicy =
    "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:; "
    + "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"

  /// File extension → MIME type. Anything else is not served.
  public static let mimeTypes: [String: String] = [
    "html": "text/html; charset=utf-8", "js": "text/javascript; charset=utf-8",
    "mjs": "text/javascript; charset=utf-8", "css": "text/css; charset=utf-8",
    "json": "application/json", "wasm": "application/wasm", "svg": "image/svg+xml", "png": "image/png",
    "ico": "image/x-icon", "txt": "text/plain; charset=utf-8", "csv": "text/csv; charset=utf-8",
    "data": "text/plain; charset=utf-8", "train": "text/plain; charset=utf-8",
    "test": "text/plain; charset=utf-8", "net": "text/plain; charset=utf-8", "ts": "text/plain; charset=utf-8",
    "map": "application/json", "webmanifest": "application/manifest+json",
  ]

  /// The longest request header accepted (bytes up to the blank line).
  public static let maxHeaderBytes = 16 * 1024

  public let mounts: [Mount]
  /// The bound port (the kernel's choice when 0 was asked for).
  public private(set) var port: UInt16 = 0
  private let log: (@Sendable (String) -> Void)?
  private var listener: Int32 = -1
  private let state = NSLock()
  private var running = false
  private var acceptThread: Thread?
  private let finished = DispatchSemaphore(value: 0)
  private let connections = DispatchQueue(label: "ruvswarm.serve", attributes: .concurrent)

  /// Binds 127.0.0.1:`port` (0: any free port) and listens; `log` receives one line per request.
  /// Throws `CLIError(.unavailable)` when the port is taken or the socket cannot be made.
  public init(mounts: [Mount], port: UInt16, log: (@Sendable (String) -> Void)? = nil) throws {
    self.mounts = mounts.sorted { $0.prefix.count > $1.prefix.count }
    self.log = log
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    guard fd >= 0 else { throw CLIError(.unavailable, "cannot create a socket (errno \(errno))") }
    var yes: Int32 = 1
    setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_port = port.bigEndian
    address.sin_addr.s_addr = UInt32(0x7F00_0001).bigEndian
    let bound = withUnsafePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
    }
    guard bound == 0, listen(fd, 64) == 0 else {
      let code = errno
      close(fd)
      throw CLIError(.unavailable, code == EADDRINUSE
        ? "port \(port) on 127.0.0.1 is in use (choose another with --port, or --port 0 for any free one)"
        : "cannot listen on 127.0.0.1:\(port) (errno \(code))")
    }
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    _ = withUnsafeMutablePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
    }
    self.port = UInt16(bigEndian: address.sin_port)
    self.listener = fd
  }

  deinit { stop() }

  /// The address to open: `http://127.0.0.1:<port>/`.
  public var url: String { "http://127.0.0.1:\(port)/" }

  /// Starts accepting connections on a background thread.
  public func start() {
    state.lock()
    defer { state.unlock() }
    guard !running, listener >= 0 else { return }
    running = true
    let thread = Thread { [self] in acceptLoop() }
    thread.name = "ruvswarm.serve.accept"
    acceptThread = thread
    thread.start()
  }

  /// Stops accepting, closes the socket and waits for the accept loop to end. Idempotent.
  public func stop() {
    state.lock()
    let wasRunning = running
    running = false
    state.unlock()
    if wasRunning { finished.wait() }
    state.lock()
    if listener >= 0 { close(listener); listener = -1 }
    state.unlock()
  }

  /// Blocks the calling thread until `stop()` is called from another one.
  public func wait() {
    while isRunning { usleep(200_000) }
  }

  private var isRunning: Bool { state.withLock { running } }

  private func acceptLoop() {
    while isRunning {
      var descriptor = pollfd(fd: listener, events: Int16(POLLIN), revents: 0)
      guard poll(&descriptor, 1, 100) > 0 else { continue }
      let client = accept(listener, nil, nil)
      guard client >= 0 else { continue }
      connections.async { [self] in handle(client) }
    }
    finished.signal()
  }

  /// Reads one request from `client`, answers it, and closes the connection.
  private func handle(_ client: Int32) {
    defer { close(client) }
    var timeout = timeval(tv_sec: 10, tv_usec: 0)
    setsockopt(client, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
    var buffer = [UInt8](repeating: 0, count: 4096)
    var header = Data()
    var complete = false
    while header.count <= Self.maxHeaderBytes {
      let n = recv(client, &buffer, buffer.count, 0)
      if n <= 0 { break }
      header.append(contentsOf: buffer[0..<n])
      if header.range(of: Data("\r\n\r\n".utf8)) != nil { complete = true; break }
    }
    let (response, line) = answer(header: header, complete: complete)
    log?("\(line) \(response.status) \(response.body.count) B")
    var bytes = response.head()
    if !line.hasPrefix("HEAD ") { bytes.append(response.body) }
    bytes.withUnsafeBytes { raw in
      var sent = 0
      while sent < raw.count {
        let n = send(client, raw.baseAddress! + sent, raw.count - sent, Int32(MSG_NOSIGNAL))
        if n <= 0 { return }
        sent += n
      }
    }
    // A lingering close: send our FIN, then read what the client still sends until it closes (or a
    // second passes), so that unread request bytes do not turn the close into a reset that could
    // destroy the response before the client has read it.
    shutdown(client, Int32(SHUT_WR))
    timeout = timeval(tv_sec: 1, tv_usec: 0)
    setsockopt(client, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
    var drained = 0
    while drained < 1 << 20 {
      let n = recv(client, &buffer, buffer.count, 0)
      if n <= 0 { break }
      drained += n
    }
  }

  /// The response to a raw request header (everything up to the blank line) and the request line to log.
  func answer(header: Data, complete: Bool) -> (Response, String) {
    let end = header.range(of: Data("\r\n\r\n".utf8))?.upperBound ?? header.count
    guard end <= Self.maxHeaderBytes else { return (Self.error(431), "(oversized request)") }
    guard complete else { return (Self.error(400), "(incomplete request)") }
    let lineEnd = header.firstIndex { $0 == 13 || $0 == 10 } ?? header.endIndex
    let requestLine = String(decoding: header[..<lineEnd], as: UTF8.self)
    let parts = requestLine.split(separator: " ", omittingEmptySubsequences: false)
    guard parts.count == 3 else { return (Self.error(400), String(requestLine.prefix(200))) }
    let logged = "\(parts[0]) \(parts[1].prefix(200))"
    guard parts[2].hasPrefix("HTTP/1.") else { return (Self.error(505), logged) }
    return (response(method: String(parts[0]), target: String(parts[1])), logged)
  }

  /// The response to `method target` (a pure function of the request and the mounted folders).
  ///
  /// ```swift
  /// server.response(method: "GET", target: "/dist/manifest.json").status   // 200
  /// server.response(method: "GET", target: "/../etc/passwd").status        // 400
  /// ```
  public func response(method: String, target: String) -> Response {
    guard method == "GET" || method == "HEAD" else {
      var r = Self.error(405)
      r.headers.append(("Allow", "GET, HEAD"))
      return r
    }
    guard let path = Self.decodePath(target) else { return Self.error(400) }
    guard let file = resolve(path) else { return Self.error(404) }
    guard let ext = file.split(separator: "/").last?.split(separator: ".").last.map({ $0.lowercased() }),
          let type = Self.mimeTypes[ext] else { return Self.error(404) }
    guard let body = FileManager.default.contents(atPath: file) else { return Self.error(404) }
    let immutable = path.contains("/chunks/") && ext == "wasm"
    return Response(status: 200, headers: Self.commonHeaders(type: type, length: body.count)
      + [("Cache-Control", immutable ? "public, max-age=31536000, immutable" : "no-cache")], body: body)
  }

  /// The request target's path, percent-decoded, or nil when it is malformed or tries to leave its folder.
  ///
  /// Accepted: `/`, `/a/b.js`, `/a%20b.css?x=1`. Refused: no leading `/`, `..` or `.` segments,
  /// dot-files, `//`, NUL or control bytes, backslashes, bad `%` escapes, non-UTF-8 bytes.
  static func decodePath(_ target: String) -> String? {
    var raw = Substring(target)
    if let cut = raw.firstIndex(where: { $0 == "?" || $0 == "#" }) { raw = raw[..<cut] }
    guard raw.hasPrefix("/") else { return nil }
    var bytes: [UInt8] = []
    var iterator = Array(raw.utf8).makeIterator()
    while let b = iterator.next() {
      if b == UInt8(ascii: "%") {
        guard let h = iterator.next(), let l = iterator.next(), let hi = hex(h), let lo = hex(l) else { return nil }
        bytes.append(hi << 4 | lo)
      } else {
        bytes.append(b)
      }
    }
    guard let path = String(validating: bytes, as: UTF8.self) else { return nil }
    for scalar in path.unicodeScalars where scalar.value < 0x20 || scalar.value == 0x7F || scalar == "\\" {
      return nil
    }
    let segments = path.dropFirst().split(separator: "/", omittingEmptySubsequences: false)
    for (i, segment) in segments.enumerated() {
      if segment.isEmpty && i != segments.count - 1 { return nil }
      if segment.hasPrefix(".") { return nil }
    }
    return path
  }

  private static func hex(_ c: UInt8) -> UInt8? {
    switch c {
    case UInt8(ascii: "0")...UInt8(ascii: "9"): return c - UInt8(ascii: "0")
    case UInt8(ascii: "a")...UInt8(ascii: "f"): return c - UInt8(ascii: "a") + 10
    case UInt8(ascii: "A")...UInt8(ascii: "F"): return c - UInt8(ascii: "A") + 10
    default: return nil
    }
  }

  /// The file a decoded path names, or nil: the longest matching mount, `index.html` for a folder,
  /// and the real path (symlinks resolved) inside the mount's real path.
  func resolve(_ path: String) -> String? {
    for mount in mounts {
      let root = URL(fileURLWithPath: mount.path).resolvingSymlinksInPath().path
      var candidate: String
      if mount.prefix.hasSuffix("/") {
        guard path.hasPrefix(mount.prefix) || path + "/" == mount.prefix else { continue }
        let rest = path.count >= mount.prefix.count ? String(path.dropFirst(mount.prefix.count)) : ""
        candidate = rest.isEmpty ? root : root + "/" + rest
      } else {
        guard path == mount.prefix else { continue }
        candidate = root
      }
      var isFolder: ObjCBool = false
      guard FileManager.default.fileExists(atPath: candidate, isDirectory: &isFolder) else { return nil }
      if isFolder.boolValue { candidate += candidate.hasSuffix("/") ? "index.html" : "/index.html" }
      let real = URL(fileURLWithPath: candidate).resolvingSymlinksInPath().path
      guard real == root || real.hasPrefix(root.hasSuffix("/") ? root : root + "/") else { return nil }
      guard FileManager.default.fileExists(atPath: real, isDirectory: &isFolder), !isFolder.boolValue else { return nil }
      return real
    }
    return nil
  }

  /// Headers on every response.
  static func commonHeaders(type: String, length: Int) -> [(String, String)] {
    [("Content-Type", type), ("Content-Length", "\(length)"),
     ("Content-Security-Policy", contentSecurityPolicy), ("X-Content-Type-Options", "nosniff"),
     ("Referrer-Policy", "no-referrer"), ("Cross-Origin-Opener-Policy", "same-origin"),
     ("Cross-Origin-Embedder-Policy", "require-corp"), ("Cross-Origin-Resource-Policy", "same-origin"),
     ("Connection", "close")]
  }

  /// A plain-text error response.
  static func error(_ status: Int) -> Response {
    let body = Data("\(status) \(reason(status))\n".utf8)
    return Response(status: status, headers: commonHeaders(type: "text/plain; charset=utf-8", length: body.count)
      + [("Cache-Control", "no-store")], body: body)
  }

  /// The reason phrase of a status code.
  static func reason(_ status: Int) -> String {
    switch status {
    case 200: return "OK"
    case 400: return "Bad Request"
    case 404: return "Not Found"
    case 405: return "Method Not Allowed"
    case 431: return "Request Header Fields Too Large"
    case 505: return "HTTP Version Not Supported"
    default: return "Error"
    }
  }
}
