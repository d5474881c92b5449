// The documentation test: every console example in the given Markdown files
// is real output. A fenced block whose first line starts with "$ " is an
// example: each "$ command" runs (bash, in a fresh folder where scenarios/,
// tests/ and .ci/ are the repository's and `consim` is the binary under
// test), and its output (stdout and stderr) must match the lines below it
// up to the next "$ ". "$ echo $?" prints the previous command's exit code.
//
// Matching is line by line after normalizing what a clock measures (seeds/s,
// ms wall, the suite's wall ms column) and runs of spaces. A line "..."
// stands for any number of lines; a line ending in " ..." matches any line
// that starts with what precedes it.
//
//   node doc_examples.mjs --consim BIN --root REPO [--update] FILE.md...
// Exit 0 when every example matches; 1 with, for each that does not, the
// file and line, the command and its whole real output, to paste back.
// --update writes the real output into the files instead, for every example
// that elides nothing (the others are still reported).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

function parseArgs(argv) {
  const args = { files: [] };
  for (let i = 0; i < argv.length; ++i) {
    if (argv[i] === '--consim') args.consim = path.resolve(argv[++i]);
    else if (argv[i] === '--root') args.root = path.resolve(argv[++i]);
    else if (argv[i] === '--update') args.update = true;
    else args.files.push(argv[i]);
  }
  if (!args.consim || !args.root || args.files.length === 0) {
    console.error('usage: node doc_examples.mjs --consim BIN --root REPO FILE.md...');
    process.exit(2);
  }
  return args;
}

// The examples of one Markdown file: [{line, steps: [{command, expected}]}].
export function examples(text) {
  const lines = text.split('\n');
  const found = [];
  for (let i = 0; i < lines.length; ++i) {
    if (!/^```/.test(lines[i])) continue;
    let end = i + 1;
    while (end < lines.length && !/^```\s*$/.test(lines[end])) ++end;
    const body = lines.slice(i + 1, end);
    if (body.length > 0 && body[0].startsWith('$ ')) found.push({ line: i + 2, steps: steps(body, i + 1) });
    i = end;
  }
  return found;
}

// `first` is the index of the block's first line in the file; each step
// records where its expected lines start (`at`), for --update.
function steps(body, first) {
  const out = [];
  body.forEach((line, k) => {
    if (line.startsWith('$ ')) out.push({ command: line.slice(2), expected: [], at: first + k + 1 });
    else out[out.length - 1].expected.push(line);
  });
  return out;
}

// Whether an example's expected lines elide some output (then --update leaves it to a person).
const elides = (expected) => expected.some((l) => l.trim() === '...' || l.trimEnd().endsWith(' ...'));

// What a clock measures, and alignment, left out of the comparison.
export function normalize(line) {
  let s = line.replace(/\s+/g, ' ').trim();
  s = s.replace(/[\d.]+ seeds\/s/g, 'N seeds/s').replace(/[\d.]+ ms wall/g, 'N ms wall');
  // A suite row: verdict, scenario, events, committed, leaders, wall ms, trace.
  s = s.replace(/^(pass|FAIL|unknown) (\S+) (\d+) (\d+) (\d+) [\d.]+ ([0-9a-f]{16})$/, '$1 $2 $3 $4 $5 W $6');
  return s;
}

// Whether the expected lines (with "..." and "prefix ..." lines) match the actual ones.
export function matches(expected, actual) {
  const e = expected.map(normalize);
  const a = actual.map(normalize);
  const memo = new Map();
  const go = (i, j) => {
    const key = i * (a.length + 1) + j;
    if (memo.has(key)) return memo.get(key);
    let ok;
    if (i === e.length) ok = j === a.length;
    else if (e[i] === '...') ok = go(i + 1, j) || (j < a.length && go(i, j + 1));
    else if (j === a.length) ok = false;
    else if (e[i].endsWith(' ...')) ok = a[j].startsWith(e[i].slice(0, -4)) && go(i + 1, j + 1);
    else ok = e[i] === a[j] && go(i + 1, j + 1);
    memo.set(key, ok);
    return ok;
  };
  return go(0, 0);
}

// A fresh folder that looks like the repository to the commands, with `consim` on PATH.
function sandbox(root, consim) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'consim-doc-'));
  for (const name of ['scenarios', 'tests', '.ci']) fs.symlinkSync(path.join(root, name), path.join(dir, name));
  fs.mkdirSync(path.join(dir, '.bin'));
  fs.symlinkSync(consim, path.join(dir, '.bin', 'consim'));
  return dir;
}

function runExample(example, args) {
  const dir = sandbox(args.root, args.consim);
  const env = { ...process.env, PATH: `${path.join(dir, '.bin')}:${process.env.PATH}`, NO_COLOR: '1',
                CONSIM: path.join(dir, '.bin', 'consim') };
  const failures = [];
  let lastCode = 0;
  try {
    for (const step of example.steps) {
      let output;
      if (step.command.trim() === 'echo $?') {
        output = `${lastCode}\n`;
      } else {
        const r = spawnSync('bash', ['-c', `${step.command} 2>&1`], { cwd: dir, env, encoding: 'utf8',
                                                                     timeout: 600000, maxBuffer: 1 << 28 });
        output = r.stdout ?? '';
        lastCode = r.status ?? 128;
      }
      const actual = output.replace(/\n$/, '').split('\n');
      const expected = [...step.expected];
      while (expected.length && expected[expected.length - 1].trim() === '') expected.pop();  // before the next "$"
      if (!matches(expected, output === '' ? [] : actual)) failures.push({ step, output });
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  return failures;
}

// Replaces the expected lines of the steps, last first so that earlier line numbers hold.
function update(file, lines, fixes) {
  fixes.sort((a, b) => b.step.at - a.step.at);
  for (const { step, output } of fixes) {
    let count = step.expected.length;
    while (count > 0 && step.expected[count - 1].trim() === '') --count;  // the blank line before the next "$"
    lines.splice(step.at, count, ...output.replace(/\n$/, '').split('\n'));
  }
  fs.writeFileSync(file, lines.join('\n'));
}

function main() {
  const args = parseArgs(process.argv.slice(2));
  let checked = 0;
  let failed = 0;
  for (const file of args.files) {
    const text = fs.readFileSync(path.join(args.root, file), 'utf8');
    const fixes = [];
    for (const example of examples(text)) {
      for (const { step, output } of runExample(example, args)) {
        if (args.update && !elides(step.expected)) {
          fixes.push({ step, output });
          continue;
        }
        ++failed;
        console.log(`${file}:${example.line}: $ ${step.command}\n  the documentation shows:`);
        for (const l of step.expected) console.log(`    ${l}`);
        console.log('  the real output is:');
        for (const l of output.replace(/\n$/, '').split('\n')) console.log(`    ${l}`);
      }
      checked += example.steps.length;
    }
    if (fixes.length) update(path.join(args.root, file), text.split('\n'), fixes);
    if (fixes.length) console.log(`${file}: ${fixes.length} examples refreshed from their real output`);
  }
  console.log(`${checked} documented commands checked, ${failed} differ from their real output`);
  process.exit(failed === 0 ? 0 : 1);
}

// Run as a script (the self-test imports the functions above without running it).
if (import.meta.url === pathToFileURL(process.argv[1]).href) main();
