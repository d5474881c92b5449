// Seeds to first detection: for every bug of the catalog, on each protocol it
// applies to and on 3 and 5 nodes, a default sweep (no flag but --bug) of
// seeds 1..N and a guided sweep of as many runs (--guided: the same CPU, one
// run per seed of the range), the first run at which a safety checker fired
// and how many runs of the N did (the steadier figure: a first run is one
// draw). A run that failed only an expectation (liveness, convergence) is not
// a detection: the bug's harm is the violation. Prints a Markdown table, then
// per mode the cases caught, the median and the cases not caught within N.
//
//   node detection_table.mjs --consim BIN [--seeds N] [--nodes 3,5] [--extra "ARGS"] [--list-with BIN2] [--uniform-only]
// --extra passes more sweep options to every sweep; --list-with takes the bug
// catalog from another binary (one from before `consim list --json`
// existed, measured against the same catalog); --uniform-only skips the
// guided sweeps (a binary from before --guided).
import { spawnSync } from 'node:child_process';

const SAFETY = new Set(['election_safety', 'log_matching', 'leader_completeness', 'state_machine_safety', 'agreement',
  'validity', 'linearizability']);

function parseArgs(argv) {
  const a = { seeds: 200, nodes: [3, 5], extra: [], guided: true };
  for (let i = 0; i < argv.length; ++i) {
    if (argv[i] === '--consim') a.consim = argv[++i];
    else if (argv[i] === '--seeds') a.seeds = Number(argv[++i]);
    else if (argv[i] === '--nodes') a.nodes = argv[++i].split(',').map(Number);
    else if (argv[i] === '--extra') a.extra = argv[++i].split(' ').filter((s) => s);
    else if (argv[i] === '--list-with') a.listWith = argv[++i];
    else if (argv[i] === '--uniform-only') a.guided = false;
    else { console.error(`unknown argument ${argv[i]}`); process.exit(2); }
  }
  if (!a.consim || !(a.seeds >= 1)) {
    console.error('usage: node detection_table.mjs --consim BIN [--seeds N] [--nodes 3,5] [--extra "ARGS"]');
    process.exit(2);
  }
  return a;
}

// [{bug, protocols}] from `consim list --json`.
function catalog(consim) {
  const r = spawnSync(consim, ['list', '--json'], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`consim list --json: ${r.stderr}`);
  return JSON.parse(r.stdout).bugs.map((b) => ({ bug: b.name, protocols: b.protocols }));
}

// The first seed with a safety violation and its invariants (null if none),
// and how many of the seeds had one.
function detections(a, protocol, nodes, bug, mode) {
  const args = ['sweep', '--protocol', protocol, '--nodes', String(nodes), '--seeds', `1..${a.seeds}`, '--bug', bug,
    '--json', ...a.extra, ...mode];
  const r = spawnSync(a.consim, args, { encoding: 'utf8', maxBuffer: 1 << 28 });
  if (r.status !== 0 && r.status !== 1) throw new Error(`consim ${args.join(' ')}: exit ${r.status}\n${r.stderr}`);
  const report = JSON.parse(r.stdout);
  let first = null;
  let count = 0;
  for (const f of report.failures) {
    const safety = f.violations.filter((v) => SAFETY.has(v));
    if (!safety.length) continue;
    count += 1;
    const run = f.run === undefined ? f.seed : f.run;  // before runs were numbered, seeds 1..N were runs 1..N
    if (!first || run < first.run) first = { run, invariants: safety };
  }
  return { first, count };
}

function median(values) {
  const v = values.slice().sort((x, y) => x - y);
  return v.length ? (v.length % 2 ? v[(v.length - 1) / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2) : NaN;
}

function summary(rows, key, label, seeds) {
  const firsts = rows.map((r) => (r[key].first ? r[key].first.run : seeds + 1));
  const missed = rows.filter((r) => !r[key].first);
  console.log(`${label}: ${rows.length - missed.length} of ${rows.length} cases caught within ${seeds} runs; ` +
              `median ${median(firsts)} runs to first detection (a case not caught counts as ${seeds + 1}).`);
  for (const r of missed) console.log(`  not caught: ${r.bug} on ${r.protocol}, ${r.nodes} nodes`);
}

function main() {
  const a = parseArgs(process.argv.slice(2));
  const rows = [];
  try {
    for (const { bug, protocols } of catalog(a.listWith || a.consim))
      for (const protocol of protocols)
        for (const nodes of a.nodes) {
          const uniform = detections(a, protocol, nodes, bug, []);
          const guided = a.guided ? detections(a, protocol, nodes, bug, ['--guided']) : null;
          rows.push({ bug, protocol, nodes, uniform, guided });
        }
  } catch (e) {
    console.error(String(e.message || e));
    process.exit(1);
  }
  const cell = (d) => (d.first ? String(d.first.run) : `not within ${a.seeds}`);
  const invariant = (r) => [r.uniform, r.guided].filter((d) => d && d.first).map((d) => d.first.invariants.join(', '))[0] || '';
  if (a.guided) {
    console.log(`| bug | protocol | nodes | first detection, uniform | runs of ${a.seeds}, uniform | ` +
                `first detection, guided | runs of ${a.seeds}, guided | invariant |`);
    console.log('|---|---|---|---|---|---|---|---|');
    for (const r of rows)
      console.log(`| ${r.bug} | ${r.protocol} | ${r.nodes} | ${cell(r.uniform)} | ${r.uniform.count} | ` +
                  `${cell(r.guided)} | ${r.guided.count} | ${invariant(r)} |`);
  } else {
    console.log(`| bug | protocol | nodes | seeds to first detection | seeds of ${a.seeds} that detect it | invariant |`);
    console.log('|---|---|---|---|---|---|');
    for (const r of rows)
      console.log(`| ${r.bug} | ${r.protocol} | ${r.nodes} | ${cell(r.uniform)} | ${r.uniform.count} | ${invariant(r)} |`);
  }
  console.log('');
  summary(rows, 'uniform', 'uniform', a.seeds);
  if (a.guided) summary(rows, 'guided', 'guided', a.seeds);
}

main();
