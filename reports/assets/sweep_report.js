// The script of the sweep report (reports/sweep_report_html.h): the
// failures-by-invariant bars and the histograms across seeds. Plain
// JavaScript, no libraries: it reads the embedded JSON and draws SVG.
(function () {
  'use strict';
  const { stats, noteError, errorCount, esc, num, wireCopyButtons } = consimReport;
  const D = JSON.parse(document.getElementById('sweep-data').textContent);
  const edgeText = (v, unit) => (unit ? (v >= 1000 ? (v / 1000) + ' s' : v + ' ms') : String(v));

  // A histogram: one bar per bin, the bins evenly spaced (they are 1-2-5 steps).
  function histogram(el, metric) {
    const W = Math.max(360, el.clientWidth || 480);
    const H = 170;
    const M = { left: 44, right: 8, top: 10, bottom: 40 };
    const plotW = W - M.left - M.right;
    const plotH = H - M.top - M.bottom;
    // Leave out empty bins at either end, so the spread fills the chart.
    let first = metric.bins.findIndex((b) => b[2] > 0);
    let last = metric.bins.length - 1 - metric.bins.slice().reverse().findIndex((b) => b[2] > 0);
    first = Math.max(0, first - 1);
    last = Math.min(metric.bins.length - 1, last + 1);
    const bins = metric.bins.slice(first, last + 1);
    const top = Math.max(1, ...bins.map((b) => b[2]));
    const bw = plotW / bins.length;
    const out = [`<svg width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" class="histogram-svg">`];
    for (let i = 0; i <= 4; i++) {
      const v = Math.round(top * i / 4);
      const y = M.top + plotH - v / top * plotH;
      out.push(`<line x1="${M.left}" y1="${y.toFixed(1)}" x2="${M.left + plotW}" y2="${y.toFixed(1)}" class="grid"/>`);
      out.push(`<text x="${M.left - 5}" y="${(y + 4).toFixed(1)}" text-anchor="end" class="small">${num(v)}</text>`);
    }
    bins.forEach((b, i) => {
      const h = b[2] / top * plotH;
      const x = M.left + i * bw;
      out.push(`<rect class="bar" x="${(x + 1).toFixed(1)}" y="${(M.top + plotH - h).toFixed(1)}" width="${Math.max(1, bw - 2).toFixed(1)}" ` +
               `height="${h.toFixed(1)}" fill="#5dade2"><title>${num(b[2])} seeds in ${esc(edgeText(b[0], metric.unit))} – ` +
               `${esc(edgeText(b[1], metric.unit))}</title></rect>`);
      if (b[2] > 0) {
        out.push(`<text x="${(x + bw / 2).toFixed(1)}" y="${(M.top + plotH - h - 3).toFixed(1)}" text-anchor="middle" class="small">${num(b[2])}</text>`);
      }
      out.push(`<text x="${x.toFixed(1)}" y="${M.top + plotH + 14}" text-anchor="middle" class="small">${esc(edgeText(b[0], metric.unit))}</text>`);
    });
    const lastBin = bins[bins.length - 1];
    out.push(`<text x="${(M.left + plotW).toFixed(1)}" y="${M.top + plotH + 14}" text-anchor="end" class="small">${esc(edgeText(lastBin[1], metric.unit))}</text>`);
    out.push(`<text x="${M.left + plotW / 2}" y="${H - 6}" text-anchor="middle" class="small">` +
             `${metric.unit ? 'milliseconds' : 'fraction of the time'} (seeds per bin)</text>`);
    out.push(`<line x1="${M.left}" y1="${M.top + plotH}" x2="${M.left + plotW}" y2="${M.top + plotH}" stroke="#99a3ad"/>`);
    out.push('</svg>');
    el.innerHTML = out.join('');
  }

  // Failing seeds per invariant, one horizontal bar each.
  function invariants(el) {
    const names = Object.keys(D.by_invariant);
    const W = Math.max(360, el.clientWidth || 600);
    const rowH = 22;
    const left = 170;
    const H = names.length * rowH + 8;
    const top = Math.max(1, ...names.map((n) => D.by_invariant[n]));
    const out = [`<svg width="${W}" height="${H}" viewBox="0 0 ${W} ${H}">`];
    names.forEach((n, i) => {
      const w = D.by_invariant[n] / top * (W - left - 130);
      const y = 4 + i * rowH;
      out.push(`<a href="#invariant-${esc(n)}"><text x="${left - 8}" y="${y + 14}" text-anchor="end">${esc(n)}</text>`);
      out.push(`<rect class="bar" x="${left}" y="${y + 2}" width="${Math.max(1, w).toFixed(1)}" height="${rowH - 6}" fill="#e74c3c">` +
               `<title>${num(D.by_invariant[n])} of ${num(D.seeds)} seeds: show them</title></rect></a>`);
      out.push(`<text x="${(left + w + 6).toFixed(1)}" y="${y + 14}">${num(D.by_invariant[n])} of ${num(D.seeds)} seeds</text>`);
    });
    out.push('</svg>');
    el.innerHTML = out.join('');
  }

  function drawAll() {
    let charts = 0;
    const inv = document.getElementById('chart-invariants');
    if (inv) { invariants(inv); charts += 1; }
    document.querySelectorAll('.histogram').forEach((el) => {
      const metric = D.metrics.find((m) => m.id === el.getAttribute('data-metric'));
      if (!metric || !metric.seeds) return;
      histogram(el, metric);
      charts += 1;
    });
    stats.setAttribute('data-charts', String(charts));
    document.body.setAttribute('data-rendered', errorCount() ? 'error' : 'yes');
  }

  // A link to an invariant's seeds, or to a seed's row, opens the <details> that hold it.
  function openTarget() {
    const target = location.hash ? document.getElementById(decodeURIComponent(location.hash.slice(1))) : null;
    for (let el = target; el; el = el.parentElement) if (el.tagName === 'DETAILS') el.open = true;
    if (target) target.scrollIntoView();
  }

  wireCopyButtons();
  window.addEventListener('hashchange', openTarget);
  openTarget();
  let pending = false;
  window.addEventListener('resize', () => {
    if (pending) return;
    pending = true;
    requestAnimationFrame(() => { pending = false; drawAll(); });
  });
  try {
    drawAll();
  } catch (e) {
    noteError(e && e.stack ? e.stack : e);
    document.body.setAttribute('data-rendered', 'error');
    throw e;
  }
})();
