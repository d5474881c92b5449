// The run report's model, the first of its scripts (reports/run_report_html.h
// writes them in the order reports/assets/embed.cmake lists them): the
// embedded run data, the diagram's geometry and colours, time formatting, the
// time in which the cluster was faulty, the witness rows, and the view state
// the other scripts share. Plain JavaScript, no libraries.
const runReportModel = (function () {
  'use strict';

  const D = JSON.parse(document.getElementById('run-data').textContent);
  const N = D.run.nodes;
  const END = Math.max(D.end_ms, 1);
  // The latest time a window may show: a little past the end of the run when
  // a violation ends it, so that the violation is not drawn on the edge.
  const VIEW_END = Math.max(END, ...D.violations.map((v) => v.window[1]));
  const ARROWS = D.messages.arrows;
  const TYPES = D.messages.types;
  const G = { left: 78, right: 14, top: 40, laneH: 30, laneGap: 12, rowH: 14 };
  const ROLE_COLOR = { follower: '#d4e3f2', 'pre-candidate': '#fbe3c4', candidate: '#f6c26b', leader: '#7fd39a' };
  const FAULT_COLOR = { partition: '#c0392b', isolate: '#c0392b', cut: '#c0392b', heal: '#1e8449', crash: '#34495e',
                        restart: '#34495e', pause: '#8e44ad', clock: '#2471a3', network: '#b9770e', disk: '#6e2c00' };

  // ---- helpers -------------------------------------------------------------
  // Raft's terms; Multi-Paxos ballots, packed as round * 256 + node, shown as
  // round.node ("ballot 2.1", "b2.1").
  const BALLOTS = D.run.protocol === 'multi-paxos';
  const termName = (t) => BALLOTS ? `ballot ${Math.floor(t / 256)}.${t % 256}` : `term ${t}`;
  const termShort = (t) => BALLOTS ? `b${Math.floor(t / 256)}.${t % 256}` : `t${t}`;
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
  // A time axis's label at x in a picture W wide: centred, or ending at x
  // where a centred one would be cut off at the right.
  function axisLabel(x, y, W, text) {
    const anchor = x + 3.2 * text.length > W - 2 ? 'end' : 'middle';
    return `<text x="${x.toFixed(1)}" y="${y}" text-anchor="${anchor}" class="small">${text}</text>`;
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
  // The diagram's window, in ms; which message kinds (by index into TYPES) the
  // legend shows; whether it shows dropped and lost ones; the overview's brush
  // ({ a, b } in ms) while one is dragged, else null.
  const view = { t0: 0, t1: END };
  const enabledType = TYPES.map(() => true);
  const state = { showDropped: true, brush: null };

  const diagramEl = document.getElementById('diagram');
  const overviewEl = document.getElementById('overview');
  const fromInput = document.getElementById('from-ms');
  const toInput = document.getElementById('to-ms');

  // ---- the diagram's rows -----------------------------------------------------
  const laneTop = (n) => G.top + (n - 1) * (G.laneH + G.laneGap);
  const lanesBottom = laneTop(N) + G.laneH;
  const commitRowTop = lanesBottom + 8;
  const witnessTop = commitRowTop + G.rowH + 12;
  const diagramHeight = witnessTop + (witnessRowEnds.length ? witnessRowEnds.length * (G.rowH + 4) + 8 : 0) + 4;

  return { D, N, END, VIEW_END, termName, termShort, ARROWS, TYPES, G, ROLE_COLOR, FAULT_COLOR, fmtMs, niceStep, timeLabel, axisLabel, TYPE_COLOR, COLORS, markerId, FAULTY, WITNESS, witnessRowEnds, view, enabledType, state, diagramEl, overviewEl, fromInput, toInput, laneTop, lanesBottom, commitRowTop, witnessTop, diagramHeight };
})();
