// The script of the run report (reports/run_report_html.h): the space-time
// diagram, its overview strip, the latency and throughput charts, and their
// controls. Plain JavaScript, no libraries: it reads the embedded JSON and
// draws SVG.
(function () {
  'use strict';
  const { stats, noteError, errorCount, esc, num, wireCopyButtons } = consimReport;

  const D = JSON.parse(document.getElementById('run-data').textContent);
  const N = D.run.nodes;
  const END = Math.max(D.end_ms, 1);
  const ARROWS = D.messages.arrows;
  const TYPES = D.messages.types;
  const MAX_DRAWN_ARROWS = 1500;
  const G = { left: 78, right: 14, top: 40, laneH: 30, laneGap: 12, rowH: 14 };
  const ROLE_COLOR = { follower: '#d4e3f2', 'pre-candidate': '#fbe3c4', candidate: '#f6c26b', leader: '#7fd39a' };
  const FAULT_COLOR = { partition: '#c0392b', isolate: '#c0392b', cut: '#c0392b', heal: '#1e8449', crash: '#34495e',
                        restart: '#34495e', pause: '#8e44ad', clock: '#2471a3', network: '#b9770e' };

  // ---- helpers -------------------------------------------------------------
  const fmtMs = (v) => {
    const a = Math.abs(v);
    if (a >= 10000) return v.toFixed(0);
    if (a >= 100) return v.toFixed(1).replace(/\.0$/, '');
    return String(Math.round(v * 1000) / 1000);
  };
  function niceStep(span, target) {
    const raw = span / Math.max(target, 1);
    const p = Math.pow(10, Math.floor(Math.log10(raw)));
    const m = raw / p;
    return (m < 1.5 ? 1 : m < 3.5 ? 2 : m < 7.5 ? 5 : 10) * p;
  }
  function timeLabel(t, step) {
    if (step >= 1000) {
      const d = Math.max(0, -Math.floor(Math.log10(step / 1000) + 1e-9));
      return (t / 1000).toFixed(d) + ' s';
    }
    const d = Math.max(0, -Math.floor(Math.log10(step) + 1e-9));
    return t.toFixed(d) + ' ms';
  }
  function msgColor(type) {
    const reply = /Reply|Ack|Accepted|Promise|P1b|P2b|Nack|Response/.test(type);
    if (/Vote|Prepare|Promise|P1a|P1b|Nack|Elect/.test(type)) return reply ? '#f0a35e' : '#c0580f';
    if (/Append|P2a|P2b|Accept|Chosen|Snapshot|Heartbeat|Commit/.test(type)) return reply ? '#7fb3d5' : '#1f5f8b';
    return reply ? '#aab7b8' : '#566573';
  }
  const TYPE_COLOR = TYPES.map(msgColor);
  const COLORS = Array.from(new Set(TYPE_COLOR.concat(['#c0392b', '#95a5a6'])));
  const markerId = (color) => 'ah' + COLORS.indexOf(color);
  function mergeIntervals(list) {
    const sorted = list.slice().sort((a, b) => a[0] - b[0]);
    const out = [];
    for (const iv of sorted) {
      if (out.length && iv[0] <= out[out.length - 1][1]) out[out.length - 1][1] = Math.max(out[out.length - 1][1], iv[1]);
      else out.push([iv[0], iv[1]]);
    }
    return out;
  }
  // Time in which some node was down, paused or cut off: shaded on the charts.
  const FAULTY = mergeIntervals(D.down.concat(D.paused, D.cut_off.filter((s) => s[5] === 1)).map((s) => [s[1], s[2]]));

  // Witness operations of every violation, packed into rows that do not overlap.
  const WITNESS = [];
  const witnessRowEnds = [];
  D.violations.forEach((v) => v.witness.forEach((op) => {
    const end = op.complete_ms === null ? END : op.complete_ms;
    let row = witnessRowEnds.findIndex((e) => e < op.invoke_ms);
    if (row < 0) { row = witnessRowEnds.length; witnessRowEnds.push(end); } else witnessRowEnds[row] = end;
    WITNESS.push({ op: op, row: row, from: op.invoke_ms, to: end });
  }));

  // ---- state ----------------------------------------------------------------
  const enabledType = TYPES.map(() => true);
  let showDropped = true;
  const view = { t0: 0, t1: END };
  let pending = false;

  const diagramEl = document.getElementById('diagram');
  const overviewEl = document.getElementById('overview');
  const fromInput = document.getElementById('from-ms');
  const toInput = document.getElementById('to-ms');

  function setView(t0, t1) {
    let span = Math.max(t1 - t0, 0.05);
    if (span >= END) { t0 = 0; span = END; }
    t0 = Math.min(Math.max(t0, 0), END - span);
    view.t0 = t0;
    view.t1 = t0 + span;
    schedule();
  }
  function schedule() {
    if (pending) return;
    pending = true;
    requestAnimationFrame(() => { pending = false; drawAll(); });
  }

  // ---- the space-time diagram ------------------------------------------------
  const laneTop = (n) => G.top + (n - 1) * (G.laneH + G.laneGap);
  const lanesBottom = laneTop(N) + G.laneH;
  const commitRowTop = lanesBottom + 8;
  const witnessTop = commitRowTop + G.rowH + 12;
  const diagramHeight = witnessTop + (witnessRowEnds.length ? witnessRowEnds.length * (G.rowH + 4) + 8 : 0) + 4;
  const FATE_TEXT = ['delivered', 'dropped in flight', 'lost at send', 'still in flight at the end'];

  // The diagram's geometry for the current window: its size, time to x (X,
  // and cx clamped to the plot's edges) and whether a span is in view.
  function diagramFrame() {
    const W = Math.max(640, diagramEl.clientWidth || 1200);
    const plotW = W - G.left - G.right;
    const t0 = view.t0;
    const t1 = view.t1;
    const span = t1 - t0;
    const X = (t) => G.left + (t - t0) / span * plotW;
    const cx = (t) => Math.max(G.left - 4, Math.min(G.left + plotW + 4, X(t)));
    const inView = (a, b) => b >= t0 && a <= t1;
    return { W: W, plotW: plotW, H: diagramHeight, t0: t0, t1: t1, span: span, X: X, cx: cx, inView: inView };
  }

  // The clip path, the crash and pause patterns and an arrowhead per colour.
  function drawDefs(g, out) {
    out.push('<defs>');
    out.push(`<clipPath id="plot-clip"><rect x="${G.left}" y="0" width="${g.plotW}" height="${g.H}"/></clipPath>`);
    out.push('<pattern id="hatch" patternUnits="userSpaceOnUse" width="7" height="7" patternTransform="rotate(45)">' +
             '<rect width="7" height="7" fill="#5d6d7e"/><rect width="3" height="7" fill="#34495e"/></pattern>');
    out.push('<pattern id="stripes" patternUnits="userSpaceOnUse" width="8" height="8" patternTransform="rotate(-45)">' +
             '<rect width="8" height="8" fill="#e8daef"/><rect width="3" height="8" fill="#bb8fce"/></pattern>');
    COLORS.forEach((c, i) => out.push(`<marker id="ah${i}" viewBox="0 0 8 8" refX="7.5" refY="4" markerWidth="6" ` +
        `markerHeight="6" markerUnits="userSpaceOnUse" orient="auto-start-reverse"><path d="M0,0 L8,4 L0,8 z" fill="${c}"/></marker>`));
    out.push('</defs>');
  }

  // Time axis and grid.
  function drawTimeAxis(g, out) {
    const step = niceStep(g.span, Math.max(2, g.plotW / 110));
    out.push('<g class="axis">');
    for (let t = Math.ceil(g.t0 / step) * step; t <= g.t1 + 1e-9; t += step) {
      const x = g.X(t).toFixed(1);
      out.push(`<line class="grid" x1="${x}" y1="${G.top - 6}" x2="${x}" y2="${g.H}"/>`);
      out.push(`<text x="${x}" y="13" text-anchor="middle" class="small">${timeLabel(t, step)}</text>`);
    }
    out.push('</g>');
  }

  // A lane's label and background.
  function drawLanes(g, out) {
    for (let n = 1; n <= N; n++) {
      const y = laneTop(n);
      out.push(`<text x="8" y="${y + G.laneH / 2 + 4}" class="lane-label">node ${n}</text>`);
      out.push(`<rect class="lane" data-node="${n}" x="${G.left}" y="${y}" width="${g.plotW}" height="${G.laneH}" fill="#f3f5f8"/>`);
    }
  }

  // A span s = [node, from, to, ...] as a rect in its lane ('' out of view);
  // extra = { dy, h } makes it a band of the lane.
  function spanRect(g, s, fill, title, extra) {
    if (!g.inView(s[1], s[2])) return '';
    const x1 = g.cx(s[1]);
    const w = Math.max(g.cx(s[2]) - x1, 0.8);
    return `<rect x="${x1.toFixed(1)}" y="${laneTop(s[0]) + (extra ? extra.dy : 0)}" width="${w.toFixed(1)}" ` +
           `height="${extra ? extra.h : G.laneH}" fill="${fill}"><title>${esc(title)}</title></rect>`;
  }

  // Up spans, and over them the roles, labelled by term where there is room.
  function drawUpAndRoles(g, out) {
    D.up.forEach((s) => out.push(spanRect(g, s, '#e3e8ef', `node ${s[0]} up ${fmtMs(s[1])}–${fmtMs(s[2])} ms`)));
    D.roles.forEach((s) => {
      const r = spanRect(g, s, ROLE_COLOR[s[3]] || '#d5d8dc', `node ${s[0]}: ${s[3]}, term ${s[4]}, ${fmtMs(s[1])}–${fmtMs(s[2])} ms`);
      if (!r) return;
      out.push(r);
      const w = g.cx(s[2]) - g.cx(s[1]);
      const label = w > 90 ? `${s[3]} t${s[4]}` : w > 26 ? `t${s[4]}` : '';
      if (label) {
        out.push(`<text x="${((g.cx(s[1]) + g.cx(s[2])) / 2).toFixed(1)}" y="${laneTop(s[0]) + 13}" ` +
                 `text-anchor="middle" class="small" pointer-events="none">${esc(label)}</text>`);
      }
    });
  }

  // Crashed (hatched, labelled where there is room) and paused (striped) spans.
  function drawDownAndPaused(g, out) {
    D.down.forEach((s) => {
      out.push(spanRect(g, s, 'url(#hatch)', `node ${s[0]} crashed ${fmtMs(s[1])}–${fmtMs(s[2])} ms`));
      const w = g.cx(s[2]) - g.cx(s[1]);
      if (g.inView(s[1], s[2]) && w > 60) {
        out.push(`<text x="${((g.cx(s[1]) + g.cx(s[2])) / 2).toFixed(1)}" y="${laneTop(s[0]) + 19}" text-anchor="middle" ` +
                 'style="fill:#fff;font-weight:600" pointer-events="none">crashed</text>');
      }
    });
    D.paused.forEach((s) => out.push(spanRect(g, s, 'url(#stripes)', `node ${s[0]} paused ${fmtMs(s[1])}–${fmtMs(s[2])} ms`)));
  }

  // Cut off: a strong band on the minority side of the faults, a thin one
  // for a node that only lost some links.
  function drawCutOff(g, out) {
    D.cut_off.forEach((s) => {
      const strong = s[5] === 1;
      const r = spanRect(g, s, strong ? '#e74c3c' : '#f1948a', `node ${s[0]} ${s[3]} (${s[4]}), ${fmtMs(s[1])}–${fmtMs(s[2])} ms` +
                         (strong ? ': cannot reach a majority' : ''), strong ? { dy: G.laneH - 8, h: 8 } : { dy: G.laneH - 3, h: 3 });
      if (!r) return;
      out.push(r.replace('<rect ', '<rect opacity="0.8" '));
      const w = g.cx(s[2]) - g.cx(s[1]);
      if (strong && w > 7 * s[3].length + 8) {
        out.push(`<text x="${(g.cx(s[1]) + 3).toFixed(1)}" y="${laneTop(s[0]) + G.laneH - 10}" class="small" ` +
                 `style="fill:#922b21" pointer-events="none">${esc(s[3])}</text>`);
      }
    });
  }

  // Faults: a line across the lanes, labelled at the top when there is room.
  function drawFaults(g, out) {
    let lastLabelX = -1e9;
    D.faults.forEach((f) => {
      if (f[0] < g.t0 || f[0] > g.t1) return;
      const x = g.X(f[0]).toFixed(1);
      const color = f[3] ? (FAULT_COLOR[f[1]] || '#7f8c8d') : '#b2babb';
      out.push(`<line x1="${x}" y1="${G.top - 12}" x2="${x}" y2="${lanesBottom}" stroke="${color}" ` +
               `stroke-width="1" stroke-dasharray="3,3" opacity="0.8"><title>${esc(fmtMs(f[0]) + ' ms: ' + f[1] + ': ' +
               (f[3] ? f[2] : 'skipped, ' + f[2]))}</title></line>`);
      out.push(`<path d="M${x},${G.top - 4} l-4,-7 h8 z" fill="${color}"><title>${esc(fmtMs(f[0]) + ' ms: ' + f[2])}</title></path>`);
      if (g.X(f[0]) - lastLabelX > 64) {
        out.push(`<text x="${(+x + 5).toFixed(1)}" y="${G.top - 6}" class="small" style="fill:${color}">${esc(f[1])}</text>`);
        lastLabelX = g.X(f[0]);
      }
    });
  }

  // The messages in the window whose kind and fate the legend shows.
  function messagesInView(g) {
    const candidates = [];
    for (const a of ARROWS) {
      if (a[3] < g.t0 || a[2] > g.t1 || !enabledType[a[4]]) continue;
      if (!showDropped && a[5] !== 0) continue;
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

  // Elections: a star where a node became leader.
  function drawElections(g, out) {
    D.elections.forEach((e) => {
      if (e[0] < g.t0 || e[0] > g.t1) return;
      const x = g.X(e[0]);
      const y = laneTop(e[1]) + G.laneH / 2;
      const pts = [];
      for (let i = 0; i < 10; i++) {
        const r = i % 2 ? 3 : 7.5;
        const ang = Math.PI / 5 * i - Math.PI / 2;
        pts.push((x + r * Math.cos(ang)).toFixed(1) + ',' + (y + r * Math.sin(ang)).toFixed(1));
      }
      out.push(`<polygon class="election" points="${pts.join(' ')}" fill="#f1c40f" stroke="#7d6608" stroke-width="1">` +
               `<title>node ${e[1]} became leader of term ${e[2]} at ${fmtMs(e[0])} ms</title></polygon>`);
    });
  }

  // Commits: a tick per index committed, on its own row (with a title each
  // when there are few).
  function drawCommits(g, out) {
    const commitTicks = [];
    D.commits.marks.forEach((c) => {
      if (c[0] < g.t0 || c[0] > g.t1) return;
      commitTicks.push(`M${g.X(c[0]).toFixed(1)},${commitRowTop}v${G.rowH}`);
    });
    out.push(`<path d="${commitTicks.join('')}" stroke="#1e8449" stroke-width="1" opacity="0.7"/>`);
    if (commitTicks.length && commitTicks.length <= 60) {
      D.commits.marks.forEach((c) => {
        if (c[0] < g.t0 || c[0] > g.t1) return;
        out.push(`<rect x="${(g.X(c[0]) - 3).toFixed(1)}" y="${commitRowTop}" width="6" height="${G.rowH}" fill="transparent">` +
                 `<title>index ${c[2]} committed at ${fmtMs(c[0])} ms (first by node ${c[1]})</title></rect>`);
      });
    }
  }

  // Witness operations of a linearizability violation: a bar each on its row,
  // and a diamond where the answering node answered. Returns how many.
  function drawWitness(g, out) {
    let witnessDrawn = 0;
    WITNESS.forEach((w) => {
      if (!g.inView(w.from, w.to)) return;
      const y = witnessTop + w.row * (G.rowH + 4);
      const x1 = g.cx(w.from);
      const x2 = Math.max(g.cx(w.to), x1 + 2);
      const op = w.op;
      const answer = op.complete_ms === null ? 'no answer' : `node ${op.node} answered ${op.answer}`;
      const title = `${op.op} (client ${op.client}, seq ${op.seq}): ${fmtMs(op.invoke_ms)}–` +
                    `${op.complete_ms === null ? '…' : fmtMs(op.complete_ms)} ms, ${answer}`;
      out.push(`<rect class="witness" x="${x1.toFixed(1)}" y="${y}" width="${(x2 - x1).toFixed(1)}" height="${G.rowH}" ` +
               `rx="3" fill="${op.complete_ms === null ? '#fad7a0' : '#f5b041'}" stroke="#9c640c"><title>${esc(title)}</title></rect>`);
      const label = `${op.op} → ${op.complete_ms === null ? '?' : op.answer}`;
      if (x2 - x1 > 40) {
        out.push(`<text x="${(x1 + 4).toFixed(1)}" y="${y + 11}" class="small" style="fill:#4d3206" ` +
                 `pointer-events="none">${esc(label.length * 5.6 > x2 - x1 - 6 ? label.slice(0, Math.max(3, Math.floor((x2 - x1 - 6) / 5.6))) + '…' : label)}</text>`);
      }
      if (op.complete_ms !== null && op.node >= 1 && op.node <= N) {
        const xd = g.X(op.complete_ms);
        const yd = laneTop(op.node) + G.laneH / 2;
        out.push(`<path d="M${xd.toFixed(1)},${yd - 6} l5,6 l-5,6 l-5,-6 z" fill="#f39c12" stroke="#7e5109">` +
                 `<title>${esc(title)}</title></path>`);
      }
      witnessDrawn += 1;
    });
    return witnessDrawn;
  }

  // Violations: a red line across everything, and the nodes involved
  // circled. Returns how many.
  function drawViolations(g, out) {
    let violationMarks = 0;
    D.violations.forEach((v) => {
      if (v.time_ms < g.t0 || v.time_ms > g.t1) return;
      const x = g.X(v.time_ms).toFixed(1);
      out.push(`<line class="violation-mark" x1="${x}" y1="${G.top - 14}" x2="${x}" y2="${g.H}" stroke="#c0392b" ` +
               `stroke-width="2.5"><title>${esc(v.invariant + ' at ' + fmtMs(v.time_ms) + ' ms: ' + v.detail)}</title></line>`);
      v.nodes.forEach((n) => {
        if (n < 1 || n > N) return;
        out.push(`<circle cx="${x}" cy="${laneTop(n) + G.laneH / 2}" r="9" fill="none" stroke="#c0392b" stroke-width="2.5"/>`);
      });
      violationMarks += 1;
    });
    return violationMarks;
  }

  // Labels of the violations, above the lanes: those a few pixels apart share one.
  function drawViolationLabels(g, out) {
    const labels = [];
    D.violations.forEach((v) => {
      if (v.time_ms < g.t0 || v.time_ms > g.t1) return;
      const x = g.X(v.time_ms);
      const last = labels[labels.length - 1];
      if (last && Math.abs(last.x - x) < 30) { if (!last.names.includes(v.invariant)) last.names.push(v.invariant); }
      else labels.push({ x: x, names: [v.invariant] });
    });
    labels.forEach((l) => {
      const anchor = l.x > G.left + g.plotW - 200 ? 'end' : 'start';
      out.push(`<text x="${(anchor === 'end' ? l.x - 5 : l.x + 5).toFixed(1)}" y="${G.top - 17}" text-anchor="${anchor}" ` +
               `style="fill:#c0392b;font-weight:700">✖ ${esc(l.names.join(', '))}</text>`);
    });
  }

  // What was drawn, for tests/support/report_browser_test.sh.
  function recordDiagramStats(arrowsDrawn, violationMarks, witnessDrawn) {
    stats.setAttribute('data-lanes', String(diagramEl.querySelectorAll('rect.lane').length));
    stats.setAttribute('data-arrows', String(arrowsDrawn));
    stats.setAttribute('data-violation-marks', String(violationMarks));
    stats.setAttribute('data-witness', String(witnessDrawn));
  }

  // The note under the diagram (messages in the window, how they were drawn,
  // what the report left out) and the window's text and inputs.
  function writeDiagramNotes(g, msgs) {
    const kept = ARROWS.length;
    let note = `${num(msgs.inWindow)} messages in this window`;
    note += msgs.bundled ? `, drawn as ${num(msgs.drawn)} bundles (zoom in to see each message).` : ', each drawn.';
    if (kept < D.messages.sent) {
      note += ` The report keeps ${num(kept)} of the run's ${num(D.messages.sent)} messages: every ${D.messages.stride}` +
              `${D.messages.stride === 2 ? 'nd' : D.messages.stride === 3 ? 'rd' : 'th'}, and all those sent near a violation or just after a fault.`;
    }
    if (D.truncated) note += ' Some spans or marks were left out: the run hit a report bound.';
    document.getElementById('diagram-note').textContent = note;
    document.getElementById('window-note').textContent = `${fmtMs(g.t0)}–${fmtMs(g.t1)} ms (${fmtMs(g.span)} ms of ${fmtMs(END)} ms)`;
    if (document.activeElement !== fromInput) fromInput.value = String(Math.round(g.t0 * 1000) / 1000);
    if (document.activeElement !== toInput) toInput.value = String(Math.round(g.t1 * 1000) / 1000);
  }

  // The diagram of the current window, layer by layer (later ones on top).
  function drawDiagram() {
    const g = diagramFrame();
    const out = [`<svg width="${g.W}" height="${g.H}" viewBox="0 0 ${g.W} ${g.H}" id="diagram-svg">`];
    drawDefs(g, out);
    drawTimeAxis(g, out);
    drawLanes(g, out);
    out.push('<g clip-path="url(#plot-clip)">');
    drawUpAndRoles(g, out);
    drawDownAndPaused(g, out);
    drawCutOff(g, out);
    drawFaults(g, out);
    const msgs = drawMessages(g, out);
    drawElections(g, out);
    drawCommits(g, out);
    const witnessDrawn = drawWitness(g, out);
    const violationMarks = drawViolations(g, out);
    out.push('</g>');
    drawViolationLabels(g, out);
    // Row labels below the lanes.
    out.push(`<text x="8" y="${commitRowTop + 11}" class="small">commits</text>`);
    if (witnessRowEnds.length) out.push(`<text x="8" y="${witnessTop + 11}" class="small">witness ops</text>`);
    out.push('</svg>');
    diagramEl.innerHTML = out.join('');
    recordDiagramStats(msgs.drawn, violationMarks, witnessDrawn);
    writeDiagramNotes(g, msgs);
  }

  // ---- overview of the whole run ---------------------------------------------
  const OV = { h: 50, left: G.left, right: G.right };
  let brush = null;
  function drawOverview() {
    const W = Math.max(640, overviewEl.clientWidth || 1200);
    const plotW = W - OV.left - OV.right;
    const X = (t) => OV.left + t / END * plotW;
    const S = D.series;
    const buckets = S.commits.length;
    const sends = new Array(buckets).fill(0);
    S.sends_by_node.forEach((row) => row.forEach((v, i) => { sends[i] += v; }));
    const maxSends = Math.max(1, ...sends);
    const bx = (i) => X(Math.min(i * S.bucket_ms, END));
    const out = [`<svg width="${W}" height="${OV.h}" viewBox="0 0 ${W} ${OV.h}">`];
    out.push(`<text x="8" y="20" class="small">messages</text><text x="8" y="33" class="small">whole run</text>`);
    FAULTY.forEach((iv) => out.push(`<rect x="${X(iv[0]).toFixed(1)}" y="2" width="${Math.max(0.8, X(iv[1]) - X(iv[0])).toFixed(1)}" ` +
                                    `height="${OV.h - 16}" fill="#fdecea"/>`));
    let area = `M${OV.left},${OV.h - 14}`;
    sends.forEach((v, i) => { area += `L${bx(i).toFixed(1)},${(OV.h - 14 - v / maxSends * (OV.h - 20)).toFixed(1)}L${bx(i + 1).toFixed(1)},${(OV.h - 14 - v / maxSends * (OV.h - 20)).toFixed(1)}`; });
    area += `L${bx(buckets).toFixed(1)},${OV.h - 14}z`;
    out.push(`<path d="${area}" fill="#aed6f1" stroke="#5dade2" stroke-width="0.8"/>`);
    let drops = `M${OV.left},${OV.h - 14}`;
    S.drops.forEach((v, i) => { drops += `L${bx(i).toFixed(1)},${(OV.h - 14 - v / maxSends * (OV.h - 20)).toFixed(1)}L${bx(i + 1).toFixed(1)},${(OV.h - 14 - v / maxSends * (OV.h - 20)).toFixed(1)}`; });
    drops += `L${bx(buckets).toFixed(1)},${OV.h - 14}z`;
    out.push(`<path d="${drops}" fill="#f1948a" opacity="0.8"/>`);
    D.faults.forEach((f) => out.push(`<line x1="${X(f[0]).toFixed(1)}" y1="${OV.h - 14}" x2="${X(f[0]).toFixed(1)}" y2="${OV.h - 9}" ` +
                                     `stroke="${FAULT_COLOR[f[1]] || '#7f8c8d'}"/>`));
    D.violations.forEach((v) => out.push(`<line x1="${X(v.time_ms).toFixed(1)}" y1="0" x2="${X(v.time_ms).toFixed(1)}" y2="${OV.h - 12}" ` +
                                         'stroke="#c0392b" stroke-width="2"/>'));
    const step = niceStep(END, Math.max(2, plotW / 120));
    for (let t = 0; t <= END + 1e-9; t += step) {
      out.push(`<text x="${X(t).toFixed(1)}" y="${OV.h - 1}" text-anchor="middle" class="small">${timeLabel(t, step)}</text>`);
    }
    const w0 = brush ? Math.min(brush.a, brush.b) : view.t0;
    const w1 = brush ? Math.max(brush.a, brush.b) : view.t1;
    out.push(`<rect x="${X(w0).toFixed(1)}" y="1" width="${Math.max(2, X(w1) - X(w0)).toFixed(1)}" height="${OV.h - 14}" ` +
             'fill="#2e86c1" fill-opacity="0.15" stroke="#1f618d" stroke-width="1.5"/>');
    out.push('</svg>');
    overviewEl.innerHTML = out.join('');
  }

  // ---- charts ----------------------------------------------------------------
  const CH = { left: 62, right: 14, top: 24, bottom: 24, h: 190 };
  function chartFrame(el, title) {
    const W = Math.max(640, el.clientWidth || 1200);
    const plotW = W - CH.left - CH.right;
    const plotH = CH.h - CH.top - CH.bottom;
    const X = (t) => CH.left + t / END * plotW;
    const out = [`<svg width="${W}" height="${CH.h}" viewBox="0 0 ${W} ${CH.h}" class="chart-svg">`];
    out.push(`<text x="${CH.left}" y="14" style="font-weight:600">${esc(title)}</text>`);
    FAULTY.forEach((iv) => out.push(`<rect x="${X(iv[0]).toFixed(1)}" y="${CH.top}" width="${Math.max(0.8, X(iv[1]) - X(iv[0])).toFixed(1)}" ` +
                                    `height="${plotH}" fill="#fdecea"><title>a node down, paused or cut off from the majority</title></rect>`));
    out.push(`<rect x="${X(view.t0).toFixed(1)}" y="${CH.top}" width="${Math.max(2, X(view.t1) - X(view.t0)).toFixed(1)}" ` +
             `height="${plotH}" fill="#d6eaf8" fill-opacity="0.55" stroke="#85c1e9"><title>the diagram's window</title></rect>`);
    const step = niceStep(END, Math.max(2, plotW / 110));
    for (let t = 0; t <= END + 1e-9; t += step) {
      out.push(`<line x1="${X(t).toFixed(1)}" y1="${CH.top + plotH}" x2="${X(t).toFixed(1)}" y2="${CH.top + plotH + 4}" stroke="#99a3ad"/>`);
      out.push(`<text x="${X(t).toFixed(1)}" y="${CH.h - 6}" text-anchor="middle" class="small">${timeLabel(t, step)}</text>`);
    }
    out.push(`<line x1="${CH.left}" y1="${CH.top + plotH}" x2="${CH.left + plotW}" y2="${CH.top + plotH}" stroke="#99a3ad"/>`);
    D.violations.forEach((v) => out.push(`<line x1="${X(v.time_ms).toFixed(1)}" y1="${CH.top}" x2="${X(v.time_ms).toFixed(1)}" ` +
                                         `y2="${CH.top + plotH}" stroke="#c0392b" stroke-width="2"><title>${esc(v.invariant)}</title></line>`));
    return { W: W, plotW: plotW, plotH: plotH, X: X, out: out };
  }
  // A line through the buckets' middles; a null value breaks it.
  function stepPath(values, bucketMs, X, Y) {
    let d = '';
    let gap = true;
    values.forEach((v, i) => {
      if (v === null) { gap = true; return; }
      const xm = X(Math.min((i + 0.5) * bucketMs, END)).toFixed(1);
      d += (gap ? 'M' : 'L') + xm + ',' + Y(v).toFixed(1);
      gap = false;
    });
    return d;
  }

  function drawLatencyChart() {
    const el = document.getElementById('chart-latency');
    const f = chartFrame(el, 'Commit latency: client invoke to ok answer (ms, log scale)');
    const pts = D.latencies.points;
    const S = D.series;
    if (!pts.length) {
      f.out.push(`<text x="${CH.left + 10}" y="${CH.top + 40}" class="small">No client operation was answered in this run.</text></svg>`);
      el.innerHTML = f.out.join('');
      return false;
    }
    const lat = pts.map((p) => p[1]).concat(S.latency_max);
    const lo = Math.pow(10, Math.floor(Math.log10(Math.max(0.01, Math.min(...lat.filter((v) => v > 0))))));
    const hi = Math.pow(10, Math.ceil(Math.log10(Math.max(lo * 10, ...lat))));
    const Y = (v) => CH.top + f.plotH - (Math.log10(Math.max(v, lo)) - Math.log10(lo)) / (Math.log10(hi) - Math.log10(lo)) * f.plotH;
    for (let v = lo; v <= hi * 1.0001; v *= 10) {
      f.out.push(`<line x1="${CH.left}" y1="${Y(v).toFixed(1)}" x2="${CH.left + f.plotW}" y2="${Y(v).toFixed(1)}" class="grid"/>`);
      f.out.push(`<text x="${CH.left - 6}" y="${(Y(v) + 4).toFixed(1)}" text-anchor="end" class="small">${fmtMs(v)} ms</text>`);
    }
    const dots = pts.map((p) => `M${f.X(p[0]).toFixed(1)},${Y(p[1]).toFixed(1)}h0.01`).join('');
    f.out.push(`<path d="${dots}" stroke="#2e86c1" stroke-width="3" stroke-linecap="round" opacity="0.45"/>`);
    const p50 = S.latency_p50.map((v, i) => (S.answers_ok[i] ? v : null));
    const p99 = S.latency_p99.map((v, i) => (S.answers_ok[i] ? v : null));
    f.out.push(`<path d="${stepPath(p99, S.bucket_ms, f.X, Y)}" fill="none" stroke="#e67e22" stroke-width="1.6"/>`);
    f.out.push(`<path d="${stepPath(p50, S.bucket_ms, f.X, Y)}" fill="none" stroke="#154360" stroke-width="1.6"/>`);
    const lx = CH.left + f.plotW - 250;
    f.out.push(`<circle cx="${lx}" cy="11" r="3" fill="#2e86c1" opacity="0.6"/><text x="${lx + 6}" y="14" class="small">operation</text>`);
    f.out.push(`<line x1="${lx + 70}" y1="11" x2="${lx + 86}" y2="11" stroke="#154360" stroke-width="2"/><text x="${lx + 90}" y="14" class="small">p50</text>`);
    f.out.push(`<line x1="${lx + 120}" y1="11" x2="${lx + 136}" y2="11" stroke="#e67e22" stroke-width="2"/><text x="${lx + 140}" y="14" class="small">p99 per ${fmtMs(S.bucket_ms)} ms</text>`);
    f.out.push('</svg>');
    el.innerHTML = f.out.join('');
    return true;
  }

  function drawThroughputChart() {
    const el = document.getElementById('chart-throughput');
    const f = chartFrame(el, 'Throughput (per second, in buckets of the run)');
    const S = D.series;
    const perS = 1000 / S.bucket_ms;
    const ops = S.answers_ok.map((v) => v * perS);
    const commits = S.commits.map((v) => v * perS);
    const hi = Math.max(1, ...ops, ...commits);
    const step = niceStep(hi, 4);
    const top = Math.ceil(hi / step) * step;
    const Y = (v) => CH.top + f.plotH - v / top * f.plotH;
    for (let v = 0; v <= top + 1e-9; v += step) {
      f.out.push(`<line x1="${CH.left}" y1="${Y(v).toFixed(1)}" x2="${CH.left + f.plotW}" y2="${Y(v).toFixed(1)}" class="grid"/>`);
      f.out.push(`<text x="${CH.left - 6}" y="${(Y(v) + 4).toFixed(1)}" text-anchor="end" class="small">${num(Math.round(v))}</text>`);
    }
    let bars = '';
    ops.forEach((v, i) => {
      if (!v) return;
      const x1 = f.X(i * S.bucket_ms);
      const x2 = f.X(Math.min((i + 1) * S.bucket_ms, END));
      bars += `M${x1.toFixed(1)},${Y(0).toFixed(1)}V${Y(v).toFixed(1)}H${x2.toFixed(1)}V${Y(0).toFixed(1)}z`;
    });
    f.out.push(`<path d="${bars}" fill="#85c1e9" stroke="#5dade2" stroke-width="0.5"/>`);
    f.out.push(`<path d="${stepPath(commits, S.bucket_ms, f.X, Y)}" fill="none" stroke="#1e8449" stroke-width="1.6"/>`);
    const lx = CH.left + f.plotW - 260;
    f.out.push(`<rect x="${lx}" y="6" width="12" height="8" fill="#85c1e9"/><text x="${lx + 16}" y="14" class="small">ok answers/s</text>`);
    f.out.push(`<line x1="${lx + 100}" y1="10" x2="${lx + 116}" y2="10" stroke="#1e8449" stroke-width="2"/><text x="${lx + 120}" y="14" class="small">entries committed/s</text>`);
    f.out.push('</svg>');
    el.innerHTML = f.out.join('');
    return true;
  }

  // ---- legend ------------------------------------------------------------------
  function buildLegend() {
    const el = document.getElementById('legend');
    const items = [];
    const hasRoles = D.roles.length > 0;
    if (hasRoles) {
      Object.keys(ROLE_COLOR).forEach((r) => items.push(`<span class="item"><span class="swatch" style="background:${ROLE_COLOR[r]}"></span>${r}</span>`));
    } else {
      items.push('<span class="item"><span class="swatch" style="background:#e3e8ef"></span>up (this protocol has no roles)</span>');
    }
    items.push('<span class="item"><span class="swatch" style="background:#34495e"></span>crashed</span>');
    items.push('<span class="item"><span class="swatch" style="background:#bb8fce"></span>paused</span>');
    items.push('<span class="item"><span class="swatch" style="background:#e74c3c"></span>cut off</span>');
    items.push('<span class="item"><span style="color:#d4ac0d">★</span>became leader</span>');
    items.push('<span class="item"><span style="color:#1e8449">|</span>commit</span>');
    items.push('<span class="item"><span style="color:#c0392b">✖</span>violation</span>');
    TYPES.forEach((t, i) => items.push(`<label><input type="checkbox" data-type="${i}" checked>` +
                                       `<span class="swatch" style="background:${TYPE_COLOR[i]}"></span>${esc(t)}</label>`));
    items.push('<label><input type="checkbox" id="show-dropped" checked><span class="swatch" style="background:#c0392b"></span>dropped / lost</label>');
    el.innerHTML = items.join('');
    el.querySelectorAll('input[data-type]').forEach((box) => box.addEventListener('change', () => {
      enabledType[+box.getAttribute('data-type')] = box.checked;
      schedule();
    }));
    document.getElementById('show-dropped').addEventListener('change', (e) => { showDropped = e.target.checked; schedule(); });
  }

  // ---- interaction -------------------------------------------------------------
  function timeAt(el, clientX, left, right) {
    const rect = el.getBoundingClientRect();
    const plotW = rect.width - left - right;
    return (clientX - rect.left - left) / plotW;
  }
  let drag = null;  // a drag on the diagram, from its mousedown to the mouseup
  const zoomBy = (k) => {
    const mid = (view.t0 + view.t1) / 2;
    const half = (view.t1 - view.t0) / 2 * k;
    setView(mid - half, mid + half);
  };
  const panBy = (k) => { const d = (view.t1 - view.t0) * k; setView(view.t0 + d, view.t1 + d); };

  // On the diagram: the wheel zooms about the pointer, a press starts a drag.
  function wireDiagramPointer() {
    diagramEl.addEventListener('wheel', (e) => {
      e.preventDefault();
      const f = Math.min(1, Math.max(0, timeAt(diagramEl, e.clientX, G.left, G.right)));
      const span = view.t1 - view.t0;
      const anchor = view.t0 + f * span;
      const k = Math.exp(Math.max(-1, Math.min(1, e.deltaY * 0.002)));
      setView(anchor - (anchor - view.t0) * k, anchor + (view.t1 - anchor) * k);
    }, { passive: false });
    diagramEl.addEventListener('mousedown', (e) => {
      drag = { x: e.clientX, t0: view.t0, t1: view.t1 };
      diagramEl.classList.add('dragging');
    });
  }

  // Anywhere in the window: moving pans the dragged diagram or stretches the
  // overview's brush; letting go ends the drag, or opens the brushed window
  // (a click on the overview centres the window there).
  function wirePointerMoves() {
    window.addEventListener('mousemove', (e) => {
      if (drag) {
        const plotW = diagramEl.getBoundingClientRect().width - G.left - G.right;
        const dt = -(e.clientX - drag.x) / plotW * (drag.t1 - drag.t0);
        setView(drag.t0 + dt, drag.t1 + dt);
      }
      if (brush) {
        brush.b = Math.min(END, Math.max(0, timeAt(overviewEl, e.clientX, OV.left, OV.right) * END));
        schedule();
      }
    });
    window.addEventListener('mouseup', () => {
      if (drag) { drag = null; diagramEl.classList.remove('dragging'); }
      if (brush) {
        const a = Math.min(brush.a, brush.b);
        const b = Math.max(brush.a, brush.b);
        const px = (b - a) / END * (overviewEl.clientWidth - OV.left - OV.right);
        brush = null;
        if (px < 3) { const half = (view.t1 - view.t0) / 2; setView(a - half, a + half); } else setView(a, b);
      }
    });
  }

  // A press on the overview starts a brush; a click on a chart centres the
  // diagram's window at that time.
  function wireOverviewAndCharts() {
    overviewEl.addEventListener('mousedown', (e) => {
      const t = Math.min(END, Math.max(0, timeAt(overviewEl, e.clientX, OV.left, OV.right) * END));
      brush = { a: t, b: t };
      e.preventDefault();
    });
    ['chart-latency', 'chart-throughput'].forEach((id) => {
      const el = document.getElementById(id);
      el.addEventListener('click', (e) => {
        const t = timeAt(el, e.clientX, CH.left, CH.right) * END;
        if (t < 0 || t > END) return;
        const half = (view.t1 - view.t0) / 2;
        setView(t - half, t + half);
      });
    });
  }

  // The buttons above the diagram, and the from/to inputs (Enter applies them).
  function wireWindowControls() {
    document.getElementById('fit').addEventListener('click', () => setView(0, END));
    document.getElementById('zoom-in').addEventListener('click', () => zoomBy(0.5));
    document.getElementById('zoom-out').addEventListener('click', () => zoomBy(2));
    document.getElementById('pan-left').addEventListener('click', () => panBy(-0.5));
    document.getElementById('pan-right').addEventListener('click', () => panBy(0.5));
    document.getElementById('apply-window').addEventListener('click', () => {
      const a = parseFloat(fromInput.value);
      const b = parseFloat(toInput.value);
      if (isFinite(a) && isFinite(b) && b > a) setView(a, b);
    });
    [fromInput, toInput].forEach((input) => input.addEventListener('keydown', (e) => {
      if (e.key === 'Enter') document.getElementById('apply-window').click();
    }));
  }

  // "first violation" above the diagram, and each violation's "show in diagram".
  function wireViolationButtons() {
    const gotoViolation = (i) => {
      const v = D.violations[i];
      if (!v) return;
      setView(v.window[0], v.window[1]);
      document.getElementById('timeline').scrollIntoView({ behavior: 'smooth', block: 'start' });
    };
    const first = document.getElementById('goto-violation');
    if (D.violations.length) { first.hidden = false; first.addEventListener('click', () => setView(D.violations[0].window[0], D.violations[0].window[1])); }
    document.querySelectorAll('button.goto').forEach((b) => b.addEventListener('click', () => gotoViolation(+b.getAttribute('data-violation'))));
  }

  function wire() {
    wireDiagramPointer();
    wirePointerMoves();
    wireOverviewAndCharts();
    wireWindowControls();
    wireViolationButtons();
    wireCopyButtons();
    window.addEventListener('resize', schedule);
  }

  function drawAll() {
    try {
      drawDiagram();
      drawOverview();
      const charts = (drawLatencyChart() ? 1 : 0) + (drawThroughputChart() ? 1 : 0);
      stats.setAttribute('data-charts', String(charts));
      document.body.setAttribute('data-rendered', errorCount() ? 'error' : 'yes');
    } catch (e) {
      noteError(e && e.stack ? e.stack : e);
      document.body.setAttribute('data-rendered', 'error');
      throw e;
    }
  }

  buildLegend();
  wire();
  // "#window=FROM-TO" (milliseconds) in the address opens that window.
  const linked = /window=([0-9.]+)-([0-9.]+)/.exec(location.hash);
  if (linked && +linked[2] > +linked[1]) setView(+linked[1], +linked[2]);
  else if (D.focus) setView(D.focus[0], D.focus[1]);
  drawAll();
})();
