// The run report's space-time diagram of the current window, layer by layer:
// the time axis, a lane per node (up, role and term, crashed, paused, cut
// off), faults, message arrows (run_report_arrows.js), elections, commits, the
// witness operations and the violations; and the notes under it. Plain
// JavaScript, no libraries.
const runReportDiagram = (function () {
  'use strict';
  const { stats, esc, num } = consimReport;
  const { D, N, END, VIEW_END, termName, termShort, ARROWS, G, ROLE_COLOR, FAULT_COLOR, fmtMs, niceStep, timeLabel, axisLabel, COLORS, WITNESS, witnessRowEnds,
          view, diagramEl, fromInput, toInput, laneTop, lanesBottom, commitRowTop, witnessTop, diagramHeight } = runReportModel;
  const { drawMessages } = runReportArrows;

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
      out.push(axisLabel(g.X(t), 13, g.W, timeLabel(t, step)));
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

  // After the end of the run (a window may reach a little past it so that a
  // violation that ended the run is not on its edge): greyed, and said so.
  function drawAfterEnd(g, out) {
    if (g.t1 <= END) return;
    const x = g.X(Math.max(END, g.t0));
    const w = G.left + g.plotW - x;
    out.push(`<rect x="${x.toFixed(1)}" y="${G.top}" width="${w.toFixed(1)}" height="${lanesBottom - G.top}" fill="#e5e8e8">` +
             `<title>the run ended at ${fmtMs(END)} ms</title></rect>`);
    if (w > 60) out.push(`<text x="${(x + w / 2).toFixed(1)}" y="${((G.top + lanesBottom) / 2).toFixed(1)}" text-anchor="middle" class="small">run ended</text>`);
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
      const r = spanRect(g, s, ROLE_COLOR[s[3]] || '#d5d8dc', `node ${s[0]}: ${s[3]}, ${termName(s[4])}, ${fmtMs(s[1])}–${fmtMs(s[2])} ms`);
      if (!r) return;
      out.push(r);
      const w = g.cx(s[2]) - g.cx(s[1]);
      const label = w > 90 ? `${s[3]} ${termShort(s[4])}` : w > 7 * termShort(s[4]).length + 12 ? termShort(s[4]) : '';
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

  // Faults: a line across the lanes and a marker at the top. Faults at one
  // pixel share a label ("heal + crash"); a label is drawn only where it
  // overlaps neither an earlier label nor a later fault's marker.
  const FAULT_LABEL_CHAR_PX = 6.2;
  function drawFaults(g, out) {
    const shown = D.faults.filter((f) => f[0] >= g.t0 && f[0] <= g.t1);
    const groups = [];
    shown.forEach((f) => {
      const x = g.X(f[0]);
      const color = f[3] ? (FAULT_COLOR[f[1]] || '#7f8c8d') : '#b2babb';
      const xs = x.toFixed(1);
      out.push(`<line x1="${xs}" y1="${G.top - 12}" x2="${xs}" y2="${lanesBottom}" stroke="${color}" ` +
               `stroke-width="1" stroke-dasharray="3,3" opacity="0.8"><title>${esc(fmtMs(f[0]) + ' ms: ' + f[1] + ': ' +
               (f[3] ? f[2] : 'skipped, ' + f[2]))}</title></line>`);
      out.push(`<path class="fault-marker" d="M${xs},${G.top - 4} l-4,-7 h8 z" fill="${color}"><title>${esc(fmtMs(f[0]) + ' ms: ' + f[2])}</title></path>`);
      const last = groups[groups.length - 1];
      if (last && x - last.x < 1) { if (!last.names.includes(f[1])) last.names.push(f[1]); } else groups.push({ x: x, color: color, names: [f[1]] });
    });
    let lastLabelEnd = -1e9;
    groups.forEach((grp, i) => {
      const text = grp.names.join(' + ');
      const start = grp.x + 5;
      const end = start + text.length * FAULT_LABEL_CHAR_PX;
      const next = groups[i + 1];
      if (start < lastLabelEnd + 4 || (next && next.x - 4 < end + 2) || end > G.left + g.plotW) return;
      out.push(`<text x="${start.toFixed(1)}" y="${G.top - 6}" class="small fault-label" style="fill:${grp.color}">${esc(text)}</text>`);
      lastLabelEnd = end;
    });
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
               `<title>node ${e[1]} became leader of ${termName(e[2])} at ${fmtMs(e[0])} ms</title></polygon>`);
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
  function recordDiagramStats(g, arrowsDrawn, violationMarks, witnessDrawn) {
    stats.setAttribute('data-lanes', String(diagramEl.querySelectorAll('rect.lane').length));
    stats.setAttribute('data-arrows', String(arrowsDrawn));
    stats.setAttribute('data-violation-marks', String(violationMarks));
    stats.setAttribute('data-witness', String(witnessDrawn));
    // Measured on what the browser laid out, not on the estimates that placed
    // it: fault labels that overlap another label or a fault's marker, and
    // how close a violation mark came to the plot's right edge (px).
    const boxes = (sel) => Array.from(diagramEl.querySelectorAll(sel)).map((e) => e.getBBox());
    const labels = boxes('text.fault-label');
    const marks = boxes('path.fault-marker');
    const meet = (a, b) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
    let overlaps = 0;
    labels.forEach((l, i) => {
      overlaps += labels.slice(i + 1).filter((o) => meet(l, o)).length + marks.filter((m) => meet(l, m)).length;
    });
    stats.setAttribute('data-fault-labels', String(labels.length));
    stats.setAttribute('data-fault-label-overlaps', String(overlaps));
    const edge = Math.min(...boxes('line.violation-mark').map((b) => G.left + g.plotW - b.x), 1e9);
    stats.setAttribute('data-violation-edge-px', edge === 1e9 ? '' : edge.toFixed(0));
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
    drawAfterEnd(g, out);
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
    recordDiagramStats(g, msgs.drawn, violationMarks, witnessDrawn);
    writeDiagramNotes(g, msgs);
  }

  return { drawDiagram };
})();
