// The run report's legend and controls, the last of its scripts: the legend's
// message filters, zoom and pan (wheel, drag, buttons, the overview's brush,
// the from/to inputs, the address's #window=FROM-TO), the violations'
// buttons, and the redraw of every part at most once a frame. Plain
// JavaScript, no libraries.
(function () {
  'use strict';
  const { stats, noteError, errorCount, esc, wireCopyButtons } = consimReport;
  const { D, END, VIEW_END, G, TYPES, ROLE_COLOR, TYPE_COLOR, view, enabledType, state, diagramEl, overviewEl, fromInput,
          toInput } = runReportModel;
  const { drawDiagram } = runReportDiagram;
  const { OV, CH, drawOverview, drawLatencyChart, drawThroughputChart } = runReportCharts;


  // ---- redrawing ---------------------------------------------------------------
  let pending = false;  // a redraw is requested for the next frame
  function setView(t0, t1) {
    let span = Math.max(t1 - t0, 0.05);
    if (span >= VIEW_END) { t0 = 0; span = VIEW_END; }
    t0 = Math.min(Math.max(t0, 0), VIEW_END - span);
    view.t0 = t0;
    view.t1 = t0 + span;
    schedule();
  }
  function schedule() {
    if (pending) return;
    pending = true;
    requestAnimationFrame(() => { pending = false; drawAll(); });
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
    document.getElementById('show-dropped').addEventListener('change', (e) => { state.showDropped = e.target.checked; schedule(); });
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
  // overview's state.brush; letting go ends the drag, or opens the brushed window
  // (a click on the overview centres the window there).
  function wirePointerMoves() {
    window.addEventListener('mousemove', (e) => {
      if (drag) {
        const plotW = diagramEl.getBoundingClientRect().width - G.left - G.right;
        const dt = -(e.clientX - drag.x) / plotW * (drag.t1 - drag.t0);
        setView(drag.t0 + dt, drag.t1 + dt);
      }
      if (state.brush) {
        state.brush.b = Math.min(END, Math.max(0, timeAt(overviewEl, e.clientX, OV.left, OV.right) * END));
        schedule();
      }
    });
    window.addEventListener('mouseup', () => {
      if (drag) { drag = null; diagramEl.classList.remove('dragging'); }
      if (state.brush) {
        const a = Math.min(state.brush.a, state.brush.b);
        const b = Math.max(state.brush.a, state.brush.b);
        const px = (b - a) / END * (overviewEl.clientWidth - OV.left - OV.right);
        state.brush = null;
        if (px < 3) { const half = (view.t1 - view.t0) / 2; setView(a - half, a + half); } else setView(a, b);
      }
    });
  }

  // A press on the overview starts a state.brush; a click on a chart centres the
  // diagram's window at that time.
  function wireOverviewAndCharts() {
    overviewEl.addEventListener('mousedown', (e) => {
      const t = Math.min(END, Math.max(0, timeAt(overviewEl, e.clientX, OV.left, OV.right) * END));
      state.brush = { a: t, b: t };
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
    document.getElementById('fit').addEventListener('click', () => setView(0, VIEW_END));
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
