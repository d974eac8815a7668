// FANNText: the C `printf`/`scanf` conversions FANN's files use, reimplemented without libc.
//
// Why: `.net` files must round-trip byte for byte, and Embedded Swift on wasm32 has neither
// `String(format:)` nor a float parser (`Float("1.5")` needs a strtof nobody ships there).
//
// Formatting is exact. A Float promoted to Double is m·2^e with m < 2^53; its decimal expansion is
// computed exactly with a small base-10^9 big integer (m·2^e for e ≥ 0, m·5^−e · 10^e for e < 0) and
// rounded half-to-even at the requested digit, as glibc's printf does:
// - `%.20e`: 21 significant digits, exponent with sign and at least two digits;
// - `%f`: six decimals; a negative value (even −0) keeps its '-'.
// Parsing accepts strtof's decimal syntax (`1`, `-2.5E+1`, `.5`), hex floats (`0x1p-2`) and
// inf/nan (reported to the caller, who rejects them). Decimal values are assembled from at most 19
// significant digits in a UInt64 and scaled in Double by exact powers of ten, then rounded to
// Float: exact for every string `%.20e` produced from a Float, and within one Float ulp otherwise.

enum FANNText {
  // MARK: Formatting

  /// Appends the decimal digits of `v`.
  static func appendInt(_ v: Int, to out: inout [UInt8]) {
    if v < 0 { out.append(UInt8(ascii: "-")) }
    appendUnsigned(UInt64(v.magnitude), to: &out)
  }

  /// Appends the decimal digits of `m` (UInt64, so values past Int32.max print on wasm32 too).
  static func appendUnsigned(_ value: UInt64, to out: inout [UInt8]) {
    var m = value
    var tmp = [UInt8]()
    repeat {
      tmp.append(UInt8(ascii: "0") + UInt8(m % 10))
      m /= 10
    } while m > 0
    out.append(contentsOf: tmp.reversed())
  }

  /// Exact decimal digits of |x| (most significant first, no leading zeros) and the power of ten
  /// of the last digit: |x| = digits · 10^exp10. Zero gives `([], 0)`.
  static func exactDecimal(_ x: Double) -> (digits: [UInt8], exp10: Int) {
    let a = x.magnitude
    if a == 0 || !a.isFinite { return ([], 0) }
    var m = a.significandBitPattern | (a.isNormal ? (1 << 52) : 0)
    var e = Int(a.exponentBitPattern) - 1075
    if !a.isNormal { e = -1074 }
    while m & 1 == 0 {
      m >>= 1
      e += 1
    }
    // Base 10^9 limbs, little-endian.
    var limbs: [UInt32] = [UInt32(m % 1_000_000_000), UInt32((m / 1_000_000_000) % 1_000_000_000),
      UInt32(m / 1_000_000_000_000_000_000)]
    func multiply(_ f: UInt64) {
      var carry: UInt64 = 0
      for i in 0..<limbs.count {
        let p = UInt64(limbs[i]) * f + carry
        limbs[i] = UInt32(p % 1_000_000_000)
        carry = p / 1_000_000_000
      }
      while carry > 0 {
        limbs.append(UInt32(carry % 1_000_000_000))
        carry /= 1_000_000_000
      }
    }
    var exp10 = 0
    if e >= 0 {
      var k = e
      while k >= 29 { multiply(1 << 29); k -= 29 }
      if k > 0 { multiply(1 << UInt64(k)) }
    } else {
      var k = -e
      exp10 = e
      while k >= 13 { multiply(1_220_703_125); k -= 13 }
      var f: UInt64 = 1
      for _ in 0..<k { f *= 5 }
      if f > 1 { multiply(f) }
    }
    while limbs.count > 1 && limbs.last == 0 { limbs.removeLast() }
    var digits = [UInt8]()
    for (i, limb) in limbs.enumerated().reversed() {
      var chunk = [UInt8](repeating: 0, count: 9)
      var v = limb
      for j in (0..<9).reversed() {
        chunk[j] = UInt8(v % 10)
        v /= 10
      }
      if i == limbs.count - 1 {
        let firstNonZero = chunk.firstIndex(where: { $0 != 0 }) ?? 8
        digits.append(contentsOf: chunk[firstNonZero...])
      } else {
        digits.append(contentsOf: chunk)
      }
    }
    return (digits, exp10)
  }

  /// Rounds `digits` to its first `keep` digits, half to even; returns the kept digits and
  /// whether rounding carried into a new leading digit.
  static func round(_ digits: [UInt8], keep: Int) -> (digits: [UInt8], carried: Bool) {
    if keep >= digits.count {
      return (digits + [UInt8](repeating: 0, count: keep - digits.count), false)
    }
    if keep < 0 { return ([], false) }
    var kept = Array(digits[0..<keep])
    let first = digits[keep]
    var up = false
    if first > 5 {
      up = true
    } else if first == 5 {
      let rest = digits[(keep + 1)...].contains(where: { $0 != 0 })
      up = rest || (keep > 0 && kept[keep - 1] & 1 == 1)
    }
    if !up { return (kept, false) }
    var i = keep - 1
    while i >= 0 {
      if kept[i] == 9 {
        kept[i] = 0
        i -= 1
      } else {
        kept[i] += 1
        return (kept, false)
      }
    }
    return ([1] + kept, true)
  }

  /// C's `%.20e` of `x` (a Float promoted to Double in FANN).
  ///
  /// - Complexity: O(digits²) big-integer work, a few hundred operations for a Float.
  static func appendExponential(_ x: Double, to out: inout [UInt8]) {
    if x.sign == .minus && !x.isNaN { out.append(UInt8(ascii: "-")) }
    if !x.isFinite {
      appendNonFinite(x, to: &out)
      return
    }
    let (digits, exp10) = exactDecimal(x)
    var mantissa: [UInt8]
    var exponent: Int
    if digits.isEmpty {
      mantissa = [UInt8](repeating: 0, count: 21)
      exponent = 0
    } else {
      exponent = digits.count - 1 + exp10
      let r = round(digits, keep: 21)
      mantissa = r.digits
      if r.carried {
        mantissa.removeLast()
        exponent += 1
      }
    }
    out.append(UInt8(ascii: "0") + mantissa[0])
    out.append(UInt8(ascii: "."))
    for d in mantissa[1...] { out.append(UInt8(ascii: "0") + d) }
    out.append(UInt8(ascii: "e"))
    out.append(exponent < 0 ? UInt8(ascii: "-") : UInt8(ascii: "+"))
    let e = exponent.magnitude
    if e < 10 { out.append(UInt8(ascii: "0")) }
    appendInt(Int(e), to: &out)
  }

  /// C's `%f` (six decimals) of `x`.
  static func appendFixed(_ x: Double, to out: inout [UInt8]) {
    if x.sign == .minus && !x.isNaN { out.append(UInt8(ascii: "-")) }
    if !x.isFinite {
      appendNonFinite(x, to: &out)
      return
    }
    let (digits, exp10) = exactDecimal(x)
    // Digits of round(|x| · 10^6).
    var q: [UInt8]
    if digits.isEmpty {
      q = []
    } else if exp10 + 6 >= 0 {
      q = digits + [UInt8](repeating: 0, count: exp10 + 6)
    } else {
      let keep = digits.count + exp10 + 6
      if keep < 0 {
        q = []
      } else {
        let r = round(digits, keep: keep)
        q = r.digits
        if keep == 0 && !r.carried { q = [] }
      }
    }
    while q.count > 1 && q[0] == 0 { q.removeFirst() }
    if q.count < 7 { q = [UInt8](repeating: 0, count: 7 - q.count) + q }
    for d in q[0..<(q.count - 6)] { out.append(UInt8(ascii: "0") + d) }
    out.append(UInt8(ascii: "."))
    for d in q[(q.count - 6)...] { out.append(UInt8(ascii: "0") + d) }
  }

  /// glibc prints non-finite values as `inf` / `nan` (the sign is written by the caller).
  static func appendNonFinite(_ x: Double, to out: inout [UInt8]) {
    let word: StaticString = x.isNaN ? "nan" : "inf"
    word.withUTF8Buffer { out.append(contentsOf: $0) }
  }

  /// `x` formatted with `%.20e`, as a String (for tests and diagnostics).
  ///
  /// ```swift
  /// FANNText.exponential(0.7) // "6.99999999999999955591e-01"
  /// ```
  static func exponential(_ x: Double) -> String {
    var out = [UInt8]()
    appendExponential(x, to: &out)
    return String(decoding: out, as: UTF8.self)
  }

  /// `x` formatted with `%f`.
  static func fixed(_ x: Double) -> String {
    var out = [UInt8]()
    appendFixed(x, to: &out)
    return String(decoding: out, as: UTF8.self)
  }
}

/// A cursor over the bytes of a FANN text file that knows its line number.
struct TextScanner {
  let bytes: [UInt8]
  var position = 0
  var line = 1

  init(_ bytes: [UInt8]) { self.bytes = bytes }

  var atEnd: Bool { position >= bytes.count }

  /// `.truncated`, naming the last line that has content (not the empty line after a final LF).
  func truncated() -> NeuralError {
    var l = line
    var i = min(position, bytes.count) - 1
    while i >= 0, TextScanner.isSpace(bytes[i]) {
      if bytes[i] == 0x0A { l -= 1 }
      i -= 1
    }
    return .malformedFile(line: max(l, 1), problem: .truncated)
  }

  @inline(__always)
  static func isSpace(_ b: UInt8) -> Bool {
    b == 0x20 || (b >= 0x09 && b <= 0x0D)
  }

  /// Skips whitespace (as a space in a scanf format does), counting newlines.
  mutating func skipSpace() {
    while position < bytes.count, TextScanner.isSpace(bytes[position]) {
      if bytes[position] == 0x0A { line += 1 }
      position += 1
    }
  }

  /// Matches a scanf literal: each space in `text` matches any run of whitespace (or none).
  mutating func expect(_ text: StaticString) throws(NeuralError) {
    skipSpace()
    let start = position, startLine = line
    var ok = true
    text.withUTF8Buffer { lit in
      for ch in lit {
        if ch == 0x20 {
          skipSpace()
          continue
        }
        guard position < bytes.count, bytes[position] == ch else {
          ok = false
          return
        }
        position += 1
      }
    }
    if !ok {
      position = start
      line = startLine
      throw atEnd ? truncated() : .malformedFile(line: line, problem: .missingField(text))
    }
  }

  /// Whether the next non-space bytes are `text` (without consuming them).
  mutating func peek(_ text: StaticString) -> Bool {
    let savedPosition = position, savedLine = line
    defer {
      position = savedPosition
      line = savedLine
    }
    do { try expect(text) } catch { return false }
    return true
  }

  /// The next whitespace-delimited token (also stops at ',' and ')' for `.net` tuples).
  mutating func token() throws(NeuralError) -> ArraySlice<UInt8> {
    skipSpace()
    guard !atEnd else { throw truncated() }
    let start = position
    while position < bytes.count {
      let b = bytes[position]
      if TextScanner.isSpace(b) || b == UInt8(ascii: ",") || b == UInt8(ascii: ")") { break }
      position += 1
    }
    return bytes[start..<position]
  }

  /// An unsigned decimal integer no larger than `limit` (scanf `%u`/`%d` for counts and enums).
  mutating func unsigned(limit: Int) throws(NeuralError) -> Int {
    let t = try token()
    let l = line
    var value = 0
    var digits = 0
    var i = t.startIndex
    if i < t.endIndex, t[i] == UInt8(ascii: "+") { i += 1 }
    while i < t.endIndex {
      let d = t[i]
      guard d >= 0x30, d <= 0x39 else { throw .malformedFile(line: l, problem: .badNumber) }
      // Overflow-checked: Int is 32 bits on wasm32, where a long digit run must not trap.
      let (times10, o1) = value.multipliedReportingOverflow(by: 10)
      let (next, o2) = times10.addingReportingOverflow(Int(d - 0x30))
      guard !o1, !o2, next <= limit else { throw .malformedFile(line: l, problem: .badCount) }
      value = next
      digits += 1
      i += 1
    }
    guard digits > 0 else { throw .malformedFile(line: l, problem: .badNumber) }
    return value
  }

  /// A signed decimal integer (fixed-point files).
  mutating func signed() throws(NeuralError) -> Int {
    skipSpace()
    var negative = false
    if position < bytes.count, bytes[position] == UInt8(ascii: "-") {
      negative = true
      position += 1
    }
    let v = try unsigned(limit: Int(Int32.max))
    return negative ? -v : v
  }

  /// A finite float (scanf `%f`); NaN and infinities are rejected with `.badNumber`.
  mutating func float() throws(NeuralError) -> Float {
    let t = try token()
    guard let v = FANNText.parseFloat(t), v.isFinite else {
      throw .malformedFile(line: line, problem: .badNumber)
    }
    return v
  }

  /// Throws `.trailingJunk` if anything but whitespace is left.
  mutating func expectEnd() throws(NeuralError) {
    skipSpace()
    guard atEnd else { throw .malformedFile(line: line, problem: .trailingJunk) }
  }
}

extension FANNText {
  static let exactPowers: [Double] = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16,
    1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
  ]

  /// Parses strtof syntax (decimal, hex float, inf, nan). Nil when the token is not a number.
  ///
  /// ```swift
  /// FANNText.parseFloat(Array("-2.5E+1".utf8)[...])   // -25
  /// ```
  static func parseFloat(_ t: ArraySlice<UInt8>) -> Float? {
    var i = t.startIndex
    let end = t.endIndex
    guard i < end else { return nil }
    var negative = false
    if t[i] == UInt8(ascii: "-") || t[i] == UInt8(ascii: "+") {
      negative = t[i] == UInt8(ascii: "-")
      i += 1
    }
    func lower(_ b: UInt8) -> UInt8 { b | 0x20 }
    func matches(_ word: StaticString, at j: Int) -> Bool {
      var ok = true
      var k = j
      word.withUTF8Buffer { w in
        guard end - j == w.count else {
          ok = false
          return
        }
        for ch in w {
          if lower(t[k]) != ch { ok = false; return }
          k += 1
        }
      }
      return ok
    }
    if matches("inf", at: i) || matches("infinity", at: i) {
      return negative ? -Float.infinity : Float.infinity
    }
    if matches("nan", at: i) { return Float.nan }
    var value: Double
    if end - i > 2, t[i] == UInt8(ascii: "0"), lower(t[i + 1]) == UInt8(ascii: "x") {
      guard let v = parseHex(t, from: i + 2) else { return nil }
      value = v
    } else {
      guard let v = parseDecimal(t, from: i) else { return nil }
      value = v
    }
    let f = Float(value)
    return negative ? -f : f
  }

  static func parseDecimal(_ t: ArraySlice<UInt8>, from start: Int) -> Double? {
    var i = start
    let end = t.endIndex
    var mantissa: UInt64 = 0
    var significant = 0
    var exp10 = 0
    var sawDigit = false
    while i < end, t[i] >= 0x30, t[i] <= 0x39 {
      sawDigit = true
      if mantissa == 0 && t[i] == 0x30 {
      } else if significant < 19 {
        mantissa = mantissa * 10 + UInt64(t[i] - 0x30)
        significant += 1
      } else {
        exp10 += 1
      }
      i += 1
    }
    if i < end, t[i] == UInt8(ascii: ".") {
      i += 1
      while i < end, t[i] >= 0x30, t[i] <= 0x39 {
        sawDigit = true
        if mantissa == 0 && t[i] == 0x30 {
          exp10 -= 1
        } else if significant < 19 {
          mantissa = mantissa * 10 + UInt64(t[i] - 0x30)
          significant += 1
          exp10 -= 1
        }
        i += 1
      }
    }
    guard sawDigit else { return nil }
    if i < end, t[i] | 0x20 == UInt8(ascii: "e") {
      i += 1
      var negExp = false
      if i < end, t[i] == UInt8(ascii: "-") || t[i] == UInt8(ascii: "+") {
        negExp = t[i] == UInt8(ascii: "-")
        i += 1
      }
      var e = 0
      var expDigits = 0
      while i < end, t[i] >= 0x30, t[i] <= 0x39 {
        if e < 100_000 { e = e * 10 + Int(t[i] - 0x30) }
        expDigits += 1
        i += 1
      }
      guard expDigits > 0 else { return nil }
      exp10 += negExp ? -e : e
    }
    guard i == end else { return nil }
    if mantissa == 0 { return 0 }
    var v = Double(mantissa)
    if exp10 < -400 { return 0 }
    if exp10 > 400 { return .infinity }
    var e = exp10
    while e > 22 {
      v *= 1e22
      e -= 22
    }
    while e < -22 {
      v /= 1e22
      e += 22
    }
    return e >= 0 ? v * exactPowers[e] : v / exactPowers[-e]
  }

  static func parseHex(_ t: ArraySlice<UInt8>, from start: Int) -> Double? {
    var i = start
    let end = t.endIndex
    var mantissa: UInt64 = 0
    var exp2 = 0
    var sawDigit = false
    var afterPoint = false
    while i < end {
      let b = t[i] | 0x20
      let d: UInt64
      if b >= 0x30, b <= 0x39 {
        d = UInt64(b - 0x30)
      } else if b >= UInt8(ascii: "a"), b <= UInt8(ascii: "f") {
        d = UInt64(b - UInt8(ascii: "a") + 10)
      } else if t[i] == UInt8(ascii: "."), !afterPoint {
        afterPoint = true
        i += 1
        continue
      } else {
        break
      }
      sawDigit = true
      if mantissa >> 56 == 0 {
        mantissa = mantissa << 4 | d
        if afterPoint { exp2 -= 4 }
      } else if !afterPoint {
        exp2 += 4
      }
      i += 1
    }
    guard sawDigit else { return nil }
    if i < end, t[i] | 0x20 == UInt8(ascii: "p") {
      i += 1
      var negExp = false
      if i < end, t[i] == UInt8(ascii: "-") || t[i] == UInt8(ascii: "+") {
        negExp = t[i] == UInt8(ascii: "-")
        i += 1
      }
      var e = 0
      var expDigits = 0
      while i < end, t[i] >= 0x30, t[i] <= 0x39 {
        if e < 100_000 { e = e * 10 + Int(t[i] - 0x30) }
        expDigits += 1
        i += 1
      }
      guard expDigits > 0 else { return nil }
      exp2 += negExp ? -e : e
    }
    guard i == end else { return nil }
    if mantissa == 0 { return 0 }
    var v = Double(mantissa)
    exp2 = max(min(exp2, 2000), -2000)
    while exp2 > 0 {
      let s = min(exp2, 60)
      v *= Double(UInt64(1) << UInt64(s))
      exp2 -= s
    }
    while exp2 < 0 {
      let s = min(-exp2, 60)
      v /= Double(UInt64(1) << UInt64(s))
      exp2 += s
    }
    return v
  }
}
