// The style shared by the run and sweep reports.
#include "reports/report_assets.h"

namespace consim {

const std::string_view kReportStyle = R"CSS(
:root { --fg: #1d2330; --muted: #5f6b7a; --line: #d5dbe3; --bg: #ffffff; --panel: #f6f8fb;
        --ok: #1e8449; --bad: #c0392b; --warn: #b9770e; }
* { box-sizing: border-box; }
body { margin: 0; padding: 0 24px 24px; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
       color: var(--fg); background: var(--bg); }
h1 { font-size: 22px; margin: 0 0 4px; }
h2 { font-size: 17px; margin: 24px 0 8px; padding-bottom: 4px; border-bottom: 1px solid var(--line); }
code { font: 13px/1.4 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; }
table { border-collapse: collapse; margin: 4px 0 8px; }
th, td { text-align: left; padding: 3px 10px 3px 0; vertical-align: top; border-bottom: 1px solid #eef1f5; }
th { color: var(--muted); font-weight: 600; }
button { font: inherit; font-size: 13px; padding: 2px 9px; border: 1px solid var(--line); border-radius: 4px;
         background: #fff; cursor: pointer; }
button:hover { background: var(--panel); }
input[type=number] { width: 96px; font: inherit; font-size: 13px; }
header.verdict { margin: 0 -24px 8px; padding: 14px 24px 12px; border-bottom: 1px solid var(--line); }
header.pass { background: #eafaf1; }
header.fail { background: #fdedec; }
.badge { display: inline-block; padding: 1px 10px; border-radius: 4px; color: #fff; font-size: 18px; }
.pass .badge { background: var(--ok); }
.fail .badge { background: var(--bad); }
.sub { margin: 0 0 8px; color: var(--muted); }
.repro { display: flex; gap: 8px; align-items: center; flex-wrap: wrap; }
.repro span { color: var(--muted); }
.repro code { background: #fff; border: 1px solid var(--line); border-radius: 4px; padding: 3px 8px; }
.ok { color: var(--ok); font-weight: 600; }
.bad { color: var(--bad); font-weight: 600; }
.warn { color: var(--warn); }
.note { color: var(--muted); font-size: 13px; margin: 4px 0; }
.violation { border-left: 4px solid var(--bad); background: #fdf2f1; padding: 6px 12px; margin: 8px 0; }
.violation p { margin: 4px 0; }
.violation .detail { font: 12.5px/1.45 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace;
                     white-space: pre-wrap; word-break: break-word; }
table.witness td, table.witness th { font-size: 12.5px; }
.controls { display: flex; gap: 6px; align-items: center; flex-wrap: wrap; margin-bottom: 6px; }
#window-note { color: var(--muted); font-size: 13px; margin-left: 6px; }
.diagram { width: 100%; border: 1px solid var(--line); border-radius: 4px; background: #fff; cursor: grab;
           user-select: none; overflow: hidden; }
.diagram.dragging { cursor: grabbing; }
.overview { width: 100%; margin-top: 4px; border: 1px solid var(--line); border-radius: 4px; cursor: crosshair;
            user-select: none; overflow: hidden; }
.chart { width: 100%; margin: 4px 0 12px; }
svg { display: block; }
svg text { font: 11px system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; fill: var(--fg); }
svg .lane-label { font-weight: 600; font-size: 12px; }
svg .small { font-size: 10px; fill: var(--muted); }
svg .axis line { stroke: #c9d1db; }
svg .grid { stroke: #eef1f5; }
.legend { display: flex; gap: 14px; flex-wrap: wrap; font-size: 12.5px; margin: 6px 0; align-items: center; }
.legend .item { display: inline-flex; gap: 5px; align-items: center; }
.legend .swatch { display: inline-block; width: 14px; height: 10px; border-radius: 2px; border: 1px solid #0002; }
.legend label { display: inline-flex; gap: 4px; align-items: center; cursor: pointer; }
.cards { display: flex; gap: 12px; flex-wrap: wrap; margin: 8px 0; }
.card { background: var(--panel); border: 1px solid var(--line); border-radius: 6px; padding: 8px 14px;
        min-width: 130px; }
.card .value { font-size: 20px; font-weight: 600; }
.card .label { color: var(--muted); font-size: 12px; }
.grid2 { display: grid; grid-template-columns: repeat(auto-fill, minmax(440px, 1fr)); gap: 10px 24px; }
footer { margin-top: 28px; padding-top: 8px; border-top: 1px solid var(--line); color: var(--muted); font-size: 12px; }
)CSS";

}  // namespace consim
