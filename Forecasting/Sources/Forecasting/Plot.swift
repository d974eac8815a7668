// An SVG line plot of a history and its forecast with interval bands, by plain string building (no
// Foundation, so it works in wasm too). Coordinates are printed with 2 decimals.

/// SVG plots of forecasts.
///
/// ```swift
/// let svg = ForecastPlot.svg(history: train.series[0].y, forecast: f, title: "AirPassengers")
/// // write `svg` to a .svg file natively
/// ```
public enum ForecastPlot {
  /// A `width × height` SVG: the history in black, the forecast in blue after it, each interval as a
  /// translucent band (widest first), actuals (optional) in red, and the y range as axis labels.
  ///
  /// - Complexity: O(history + h · (levels + 1)).
  public static func svg(history: [Double], forecast: SeriesForecast, actuals: [Double] = [],
                         title: String = "", width: Int = 720, height: Int = 360) -> String {
    let h = forecast.mean.count
    let n = history.count + max(h, actuals.count)
    var lo = Double.infinity, hi = -Double.infinity
    func see(_ v: [Double]) {
      for x in v where x.isFinite {
        lo = min(lo, x)
        hi = max(hi, x)
      }
    }
    see(history)
    see(forecast.mean)
    see(actuals)
    for i in forecast.intervals {
      see(i.lo)
      see(i.hi)
    }
    if !(lo < hi) {
      lo = lo.isFinite ? lo - 1 : 0
      hi = lo + 2
    }
    let left = 60.0, right = 20.0, top = 30.0, bottom = 30.0
    let pw = Double(width) - left - right, ph = Double(height) - top - bottom
    func px(_ t: Int) -> String { fmt(left + pw * Double(t) / Double(max(1, n - 1))) }
    func py(_ v: Double) -> String { fmt(top + ph * (1 - (v - lo) / (hi - lo))) }
    func polyline(_ values: [Double], from: Int, color: String) -> String {
      var pts = ""
      for (k, v) in values.enumerated() where v.isFinite { pts += px(from + k) + "," + py(v) + " " }
      return "<polyline fill=\"none\" stroke=\"" + color + "\" stroke-width=\"1.5\" points=\"" + pts + "\"/>\n"
    }
    var s = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(width)\" height=\"\(height)\" viewBox=\"0 0 \(width) \(height)\">\n"
    s += "<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n"
    s += "<text x=\"\(Int(left))\" y=\"20\" font-family=\"sans-serif\" font-size=\"14\">" + escape(title) + "</text>\n"
    s += "<text x=\"4\" y=\"" + py(hi) + "\" font-family=\"sans-serif\" font-size=\"10\">" + fmt(hi) + "</text>\n"
    s += "<text x=\"4\" y=\"" + py(lo) + "\" font-family=\"sans-serif\" font-size=\"10\">" + fmt(lo) + "</text>\n"
    let start = history.count
    for interval in forecast.intervals.sorted(by: { $0.level > $1.level }) {
      var pts = ""
      for k in 0..<h { pts += px(start + k) + "," + py(interval.hi[k]) + " " }
      for k in (0..<h).reversed() { pts += px(start + k) + "," + py(interval.lo[k]) + " " }
      s += "<polygon fill=\"#1f77b4\" fill-opacity=\"0.18\" stroke=\"none\" points=\"" + pts + "\"><title>"
        + fmt(interval.level) + "%</title></polygon>\n"
    }
    s += polyline(history, from: 0, color: "black")
    if !actuals.isEmpty { s += polyline(actuals, from: start, color: "#d62728") }
    s += polyline(forecast.mean, from: start, color: "#1f77b4")
    s += "</svg>\n"
    return s
  }

  /// `v` with two decimals (no exponent), e.g. "-12.30".
  static func fmt(_ v: Double) -> String {
    guard v.isFinite else { return "0" }
    let scaled = (abs(v) * 100).rounded()
    guard scaled < 9.0e15 else { return v < 0 ? "-9e13" : "9e13" }
    let c = Int(scaled)
    return (v < 0 && c != 0 ? "-" : "") + "\(c / 100)." + pad(c % 100, 2)
  }

  static func escape(_ text: String) -> String {
    var out: [UInt8] = []
    for c in text.utf8 {
      switch c {
      case 60: out += Array("&lt;".utf8)
      case 62: out += Array("&gt;".utf8)
      case 38: out += Array("&amp;".utf8)
      default: out.append(c)
      }
    }
    return String(decoding: out, as: UTF8.self)
  }
}
