// SVG drawing helpers shared by the panels. Everything is built with DOM calls and styled by class
// (the page's CSP has no 'unsafe-inline' for styles, so no style attributes).
const NS = 'http://www.w3.org/2000/svg';

/** A new SVG element with attributes; appended to `parent` when given. */
export function svg(name, attributes = {}, parent = null) {
  const element = document.createElementNS(NS, name);
  for (const [key, value] of Object.entries(attributes)) element.setAttribute(key, String(value));
  if (parent) parent.append(element);
  return element;
}

/** Removes everything but the <title> from an SVG. */
export function clear(root) {
  for (const child of [...root.children]) if (child.tagName !== 'title') child.remove();
}

/** A text label. */
export function label(parent, x, y, text, attributes = {}) {
  const t = svg('text', { x, y, ...attributes }, parent);
  t.textContent = text;
  return t;
}

/** "Nice" tick values covering [lo, hi] (about `count` of them). */
export function ticks(lo, hi, count = 5) {
  if (!(hi > lo)) return [lo];
  const raw = (hi - lo) / count;
  const step = 10 ** Math.floor(Math.log10(raw));
  const nice = [1, 2, 2.5, 5, 10].map((m) => m * step).find((s) => s >= raw) ?? raw;
  const out = [];
  for (let v = Math.ceil(lo / nice) * nice; v <= hi + nice * 1e-9; v += nice) out.push(Number(v.toPrecision(12)));
  return out;
}

/** Compact number formatting for axes. */
export function format(v) {
  const a = Math.abs(v);
  if (a !== 0 && (a < 1e-3 || a >= 1e6)) return v.toExponential(0);
  if (a >= 1000) return `${Math.round(v / 100) / 10}k`;
  return String(Number(v.toPrecision(3)));
}

/**
 * A plot area inside `root` (viewBox width × height) with margins; returns scale functions.
 * `log` makes the y axis logarithmic (base 10).
 */
export function frame(root, { width, height, x: [x0, x1], y: [y0, y1], log = false, xLabel = '', margin = {} }) {
  const m = { left: 52, right: 14, top: 12, bottom: 30, ...margin };
  const ty = (v) => (log ? Math.log10(Math.max(v, 1e-12)) : v);
  const [ly0, ly1] = [ty(y0), ty(y1)];
  const sx = (v) => m.left + ((v - x0) / (x1 - x0 || 1)) * (width - m.left - m.right);
  const sy = (v) => height - m.bottom - ((ty(v) - ly0) / (ly1 - ly0 || 1)) * (height - m.top - m.bottom);
  const grid = svg('g', {}, root);
  const yTicks = log
    ? Array.from({ length: Math.floor(ly1) - Math.ceil(ly0) + 1 }, (_, i) => 10 ** (Math.ceil(ly0) + i))
    : ticks(y0, y1, 4);
  for (const v of yTicks) {
    svg('line', { class: 'grid', x1: m.left, x2: width - m.right, y1: sy(v), y2: sy(v) }, grid);
    label(grid, m.left - 6, sy(v) + 4, format(v), { 'text-anchor': 'end' });
  }
  for (const v of ticks(x0, x1, 6)) {
    label(grid, sx(v), height - m.bottom + 16, format(v), { 'text-anchor': 'middle' });
  }
  svg('line', { class: 'axis', x1: m.left, x2: width - m.right, y1: height - m.bottom, y2: height - m.bottom }, grid);
  if (xLabel) label(grid, width - m.right, height - 4, xLabel, { 'text-anchor': 'end' });
  return { sx, sy, m };
}

/** An SVG path "M x y L x y …" through points. */
export function linePath(points) {
  return points.map(([x, y], i) => `${i === 0 ? 'M' : 'L'}${x.toFixed(1)} ${y.toFixed(1)}`).join(' ');
}

/** A centred message in an empty chart. */
export function empty(root, text) {
  clear(root);
  const [, , w, h] = root.getAttribute('viewBox').split(' ').map(Number);
  label(root, w / 2, h / 2, text, { class: 'empty' });
}

/** A definition list of key figures, one [name, value, optional id] per entry. */
export function kpis(entries) {
  const dl = document.createElement('dl');
  dl.className = 'kpis';
  for (const [name, value, id] of entries) {
    const div = document.createElement('div');
    const dt = document.createElement('dt');
    dt.textContent = name;
    const dd = document.createElement('dd');
    dd.textContent = value;
    if (id) dd.id = id;
    div.append(dt, dd);
    dl.append(div);
  }
  return dl;
}
