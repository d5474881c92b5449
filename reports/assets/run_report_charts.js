// The run report's charts: the overview strip of the whole run under the
// diagram (messages sent and dropped, faults, violations, the window or the
// brush), and the commit latency and throughput charts. Plain JavaScript, no
// libraries.
const runReportCharts = (function () {
  'use strict';
  const { esc, num } = consimReport;
  const { D, END, G, FAULT_COLOR, fmtMs, niceStep, timeLabel, axisLabel, FAULTY, view, state, overviewEl } = runReportModel;

  // ---- overview of the whole run ---------------------------------------------
  const OV = { h: 50, left: G.left, right: G.right };
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
      out.push(axisLabel(X(t), OV.h - 1, W, timeLabel(t, step)));
    }
    const w0 = state.brush ? Math.min(state.brush.a, state.brush.b) : view.t0;
    const w1 = state.brush ? Math.max(state.brush.a, state.brush.b) : Math.min(view.t1, END);
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
    out.push(`<rect x="${X(view.t0).toFixed(1)}" y="${CH.top}" width="${Math.max(2, X(Math.min(view.t1, END)) - X(view.t0)).toFixed(1)}" ` +
             `height="${plotH}" fill="#d6eaf8" fill-opacity="0.55" stroke="#85c1e9"><title>the diagram's window</title></rect>`);
    const step = niceStep(END, Math.max(2, plotW / 110));
    for (let t = 0; t <= END + 1e-9; t += step) {
      out.push(`<line x1="${X(t).toFixed(1)}" y1="${CH.top + plotH}" x2="${X(t).toFixed(1)}" y2="${CH.top + plotH + 4}" stroke="#99a3ad"/>`);
      out.push(axisLabel(X(t), CH.h - 6, W, timeLabel(t, step)));
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

  return { OV, CH, drawOverview, drawLatencyChart, drawThroughputChart };
})();
