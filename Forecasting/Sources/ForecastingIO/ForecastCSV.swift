// CSV files in and out (native only: Foundation for files and number parsing).
//
// Input: a header row naming at least `unique_id`, `ds` and `y` (any order); every other column is
// numeric and becomes an exogenous column: future if listed in `futureColumns`, static if in
// `staticColumns`, historical otherwise. Fields may be double-quoted ("" inside quotes is a quote);
// an empty field, `NA`, `NaN`, `nan` or `null` is a missing value, which `missing` then handles.
// Output: `unique_id,ds,y` (+ exogenous columns) for frames, `unique_id,ds[,cutoff,y],<models…>` for
// forecast tables; numbers are printed with Swift's shortest round-trip representation and NaN as
// an empty field, so a written frame reads back identically.
import Forecasting
import Foundation

/// Reading and writing frames and forecast tables as CSV.
///
/// ```swift
/// let air = try ForecastCSV.readFrame(path: "AirPassengers.csv", freq: .months)
/// try ForecastCSV.write(table, path: "forecasts.csv")
/// ```
public enum ForecastCSV {
  /// Parses CSV text into a frame (see the file header).
  ///
  /// - Throws: ``ForecastError/csv(line:reason:)`` for a malformed file, and what
  ///   ``SeriesFrame/init(freq:uniqueIds:ds:y:historical:future:statics:missing:)`` throws.
  public static func parseFrame(_ text: String, freq: Frequency, futureColumns: [String] = [],
                                staticColumns: [String] = [], missing: MissingPolicy = .error) throws(ForecastError) -> SeriesFrame {
    let rows = try records(text)
    guard let header = rows.first else { throw .csv(line: 1, reason: "empty file") }
    func col(_ name: String) throws(ForecastError) -> Int {
      guard let i = header.firstIndex(of: name) else { throw .csv(line: 1, reason: "no column " + name) }
      return i
    }
    let idc = try col("unique_id"), dsc = try col("ds"), yc = try col("y")
    let others = header.indices.filter { $0 != idc && $0 != dsc && $0 != yc }
    var ids: [String] = [], ds: [Timestamp] = [], y: [Double] = []
    var extra = [[Double]](repeating: [], count: others.count)
    for (r, row) in rows.enumerated().dropFirst() {
      guard row.count == header.count else {
        throw .csv(line: r + 1, reason: "expected \(header.count) fields, found \(row.count)")
      }
      ids.append(row[idc])
      do { ds.append(try Timestamp.parse(row[dsc])) } catch { throw .csv(line: r + 1, reason: "bad date " + row[dsc]) }
      y.append(try number(row[yc], line: r + 1))
      for (k, c) in others.enumerated() { extra[k].append(try number(row[c], line: r + 1)) }
    }
    var hist: [ExogenousColumn] = [], fut: [ExogenousColumn] = [], stat: [ExogenousColumn] = []
    for (k, c) in others.enumerated() {
      let column = ExogenousColumn(name: header[c], values: extra[k])
      if futureColumns.contains(header[c]) {
        fut.append(column)
      } else if staticColumns.contains(header[c]) {
        stat.append(column)
      } else {
        hist.append(column)
      }
    }
    return try SeriesFrame(freq: freq, uniqueIds: ids, ds: ds, y: y, historical: hist, future: fut,
                           statics: stat, missing: missing)
  }

  /// Reads a CSV file into a frame.
  ///
  /// - Throws: ``ForecastError/io(_:)`` when the file cannot be read, and what ``parseFrame(_:freq:futureColumns:staticColumns:missing:)`` throws.
  public static func readFrame(path: String, freq: Frequency, futureColumns: [String] = [],
                               staticColumns: [String] = [], missing: MissingPolicy = .error) throws(ForecastError) -> SeriesFrame {
    try parseFrame(try read(path), freq: freq, futureColumns: futureColumns, staticColumns: staticColumns, missing: missing)
  }

  /// The CSV text of a frame (long format, exogenous columns historical, future, static).
  public static func text(of frame: SeriesFrame) -> String {
    var out = (["unique_id", "ds", "y"] + frame.historicalNames + frame.futureNames + frame.staticNames)
      .map(field).joined(separator: ",") + "\n"
    for s in frame.series {
      for t in 0..<s.count {
        var row = [field(s.id), s.ds[t].text, format(s.y[t])]
        row += s.historical.map { format($0[t]) }
        row += s.future.map { format($0[t]) }
        row += s.statics.map(format)
        out += row.joined(separator: ",") + "\n"
      }
    }
    return out
  }

  /// The CSV text of a forecast table.
  public static func text(of table: ForecastTable) -> String {
    var head = ["unique_id", "ds"]
    if !table.cutoff.isEmpty { head += ["cutoff", "y"] }
    head += table.columns.map { $0.name }
    var out = head.map(field).joined(separator: ",") + "\n"
    for r in 0..<table.rowCount {
      var row = [field(table.uniqueIds[r]), table.ds[r].text]
      if !table.cutoff.isEmpty { row += [table.cutoff[r].text, format(table.y[r])] }
      row += table.columns.map { format($0.values[r]) }
      out += row.joined(separator: ",") + "\n"
    }
    return out
  }

  /// Writes a frame to a CSV file.
  public static func write(_ frame: SeriesFrame, path: String) throws(ForecastError) { try save(text(of: frame), path) }

  /// Writes a forecast table to a CSV file.
  public static func write(_ table: ForecastTable, path: String) throws(ForecastError) { try save(text(of: table), path) }

  /// Reads a text file (also for model archives).
  public static func read(_ path: String) throws(ForecastError) -> String {
    guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
      throw .io("cannot read " + path)
    }
    return text
  }

  /// Writes a text file atomically (also for model archives and SVG plots).
  public static func save(_ text: String, _ path: String) throws(ForecastError) {
    do {
      try text.write(toFile: path, atomically: true, encoding: .utf8)
    } catch {
      throw .io("cannot write " + path)
    }
  }

  static func format(_ v: Double) -> String { v.isNaN ? "" : "\(v)" }

  static func field(_ s: String) -> String {
    guard s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" }) else { return s }
    return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
  }

  static func number(_ s: String, line: Int) throws(ForecastError) -> Double {
    let t = s.trimmingCharacters(in: .whitespaces)
    if t.isEmpty || t == "NA" || t == "NaN" || t == "nan" || t == "null" { return .nan }
    guard let v = Double(t) else { throw .csv(line: line, reason: "not a number: " + s) }
    return v
  }

  /// Splits CSV text into records of fields (RFC 4180 quoting; CRLF or LF line ends).
  static func records(_ text: String) throws(ForecastError) -> [[String]] {
    var rows: [[String]] = []
    var row: [String] = []
    var fieldBytes: [UInt8] = []
    var quoted = false
    var line = 1
    var quoteLine = 1
    let b = Array(text.utf8)
    var i = 0
    func endField() {
      row.append(String(decoding: fieldBytes, as: UTF8.self))
      fieldBytes = []
    }
    while i < b.count {
      let c = b[i]
      if quoted {
        if c == 34 {
          if i + 1 < b.count && b[i + 1] == 34 {
            fieldBytes.append(34)
            i += 1
          } else {
            quoted = false
          }
        } else {
          if c == 10 { line += 1 }
          fieldBytes.append(c)
        }
      } else if c == 34 && fieldBytes.isEmpty {
        quoted = true
        quoteLine = line
      } else if c == 44 {
        endField()
      } else if c == 10 {
        endField()
        rows.append(row)
        row = []
        line += 1
      } else if c != 13 {
        fieldBytes.append(c)
      }
      i += 1
    }
    guard !quoted else { throw .csv(line: quoteLine, reason: "unterminated quote") }
    if !fieldBytes.isEmpty || !row.isEmpty {
      endField()
      rows.append(row)
    }
    return rows.filter { !($0.count == 1 && $0[0].isEmpty) }
  }
}
