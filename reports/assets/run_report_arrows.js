// The run report's message arrows in the space-time diagram: each message in
// the window as an arrow from lane to lane, or, beyond MAX_DRAWN_ARROWS of
// them, bundles of messages as one thicker arrow each. Plain JavaScript, no
// libraries.
const runReportArrows = (function () {
  'use strict';
  const { esc } = consimReport;
  const { ARROWS, TYPES, G, fmtMs, TYPE_COLOR, markerId, enabledType, state, laneTop } = runReportModel;

  const MAX_DRAWN_ARROWS = 1500;
  const FATE_TEXT = ['delivered', 'dropped in flight', 'lost at send', 'still in flight at the end'];

  // The messages in the window whose kind and fate the legend shows.
  function messagesInView(g) {
    const candidates = [];
    for (const a of ARROWS) {
      if (a[3] < g.t0 || a[2] > g.t1 || !enabledType[a[4]]) continue;
      if (!state.showDropped && a[5] !== 0) continue;
      candidates.push(a);
    }
    return candidates;
  }

  // An arrow's ends [y1, y2, down]: lane edge to lane edge, or mid-lane for a
  // message to itself.
  function arrowEnds(from, to) {
    const down = to > from;
    if (from === to) return [laneTop(from) + G.laneH / 2, laneTop(to) + G.laneH / 2, down];
    return [down ? laneTop(from) + G.laneH : laneTop(from), down ? laneTop(to) : laneTop(to) + G.laneH, down];
  }

  // One arrow a = { from, to, sent, ended, fate, color, width, title, headless }
  // into parts: dropped (fate 1) dashed, lost at send (2) a stub, both with a
  // cross; still in flight (3) dotted grey.
  function pushArrow(parts, X, a) {
    const [y1, y2, down] = arrowEnds(a.from, a.to);
    const x1 = X(a.sent);
    let x2 = X(a.ended);
    let y2d = y2;
    let color = a.color;
    let dash = '';
    let cross = false;
    if (a.fate === 1) { color = '#c0392b'; dash = '4,3'; cross = true; }
    else if (a.fate === 2) { color = '#c0392b'; cross = true; x2 = x1 + 8; y2d = y1 + (down ? 12 : -12); }
    else if (a.fate === 3) { color = '#95a5a6'; dash = '2,3'; }
    const head = cross || a.headless ? '' : ` marker-end="url(#${markerId(color)})"`;
    parts.push(`<line x1="${x1.toFixed(1)}" y1="${y1}" x2="${x2.toFixed(1)}" y2="${y2d}" stroke="${color}"` +
               (a.width !== 1 ? ` stroke-width="${a.width.toFixed(1)}"` : '') +
               (dash ? ` stroke-dasharray="${dash}"` : '') + `${head}><title>${esc(a.title)}</title></line>`);
    if (cross) {
      parts.push(`<path d="M${(x2 - 3).toFixed(1)},${y2d - 3} l6,6 m0,-6 l-6,6" stroke="#c0392b" stroke-width="1.6"/>`);
    }
  }

  // Each message its own arrow; returns how many were drawn.
  function pushEachArrow(parts, g, candidates) {
    for (const a of candidates) {
      const type = TYPES[a[4]] || '?';
      let title = `${type} ${a[0]}→${a[1]}, sent ${fmtMs(a[2])} ms`;
      if (a[5] === 0) title += `, delivered ${fmtMs(a[3])} ms`;
      else if (a[5] === 1) title += `, dropped ${fmtMs(a[3])} ms`;
      else title += a[5] === 2 ? ', lost at send' : ', still in flight at the end';
      pushArrow(parts, g.X, { from: a[0], to: a[1], sent: a[2], ended: a[3], fate: a[5],
                              color: TYPE_COLOR[a[4]] || '#566573', width: 1, title: title });
    }
    return candidates.length;
  }

  // The messages grouped by sender, receiver, colour, fate and 18 pixels of
  // send time: a Map of { from, to, fate, color, n, sent, ended, lo, hi, types }.
  function bundleMessages(g, candidates) {
    const bucketPx = 18;
    const groups = new Map();
    for (const a of candidates) {
      const bucket = Math.floor((g.X(a[2]) - G.left) / bucketPx);
      const key = `${a[0]},${a[1]},${TYPE_COLOR[a[4]]},${a[5]},${bucket}`;
      let b = groups.get(key);
      if (!b) { b = { from: a[0], to: a[1], fate: a[5], color: TYPE_COLOR[a[4]], n: 0, sent: 0, ended: 0, lo: a[2], hi: a[2], types: {} }; groups.set(key, b); }
      b.n += 1;
      b.sent += a[2];
      b.ended += a[3];
      b.lo = Math.min(b.lo, a[2]);
      b.hi = Math.max(b.hi, a[2]);
      const type = TYPES[a[4]] || '?';
      b.types[type] = (b.types[type] || 0) + 1;
    }
    return groups;
  }

  // One arrow per bundle, at its mean times, as thick as it is large; returns
  // how many bundles were drawn.
  function pushBundledArrows(parts, g, candidates) {
    const groups = bundleMessages(g, candidates);
    groups.forEach((b) => {
      const kinds = Object.keys(b.types).map((t) => `${t} ${b.types[t]}`).join(', ');
      const title = `${b.n} message${b.n > 1 ? 's' : ''} ${b.from}→${b.to} sent ${fmtMs(b.lo)}–${fmtMs(b.hi)} ms, ` +
                    `${FATE_TEXT[b.fate]}: ${kinds}`;
      pushArrow(parts, g.X, { from: b.from, to: b.to, sent: b.sent / b.n, ended: b.ended / b.n, fate: b.fate, color: b.color,
                              width: Math.min(3, 0.8 + Math.log2(b.n) * 0.45), title: title, headless: true });
    });
    return groups.size;
  }

  // Messages in the window. Up to MAX_DRAWN_ARROWS each is an arrow; beyond,
  // they are bundled. Returns { inWindow, drawn, bundled }.
  function drawMessages(g, out) {
    const candidates = messagesInView(g);
    const parts = [];
    const bundled = candidates.length > MAX_DRAWN_ARROWS;
    const drawn = bundled ? pushBundledArrows(parts, g, candidates) : pushEachArrow(parts, g, candidates);
    out.push(`<g class="arrows" stroke-width="1" opacity="${bundled ? 0.55 : 0.85}">${parts.join('')}</g>`);
    return { inWindow: candidates.length, drawn: drawn, bundled: bundled };
  }

  return { drawMessages };
})();
