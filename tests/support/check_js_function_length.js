#!/usr/bin/env node
// Fails when a function in one of the given JavaScript files is longer than
// the limit (70 lines unless --max N): counted from the line it starts on to
// the line of its closing brace, nested functions included, as ESLint's
// max-lines-per-function does. Functions with a block body count: function
// declarations and expressions, methods, and arrows with braces. A function
// expression at the top of the file that is called at once (the module
// wrapper `(function () { ... })();`) is a scope, not a function with one
// job, and is not counted.
// Usage: check_js_function_length.js [--max N] [--list] FILE.js...
// (--list prints every function found, with its length.)
'use strict';
const fs = require('fs');

// The code with every comment, string, template text and regular expression
// blanked to spaces (newlines kept), so braces and parentheses in them do not
// count. Template literals' ${...} stay code: they can hold functions.
function skeleton(src) {
  const out = src.split('');
  const blank = (from, to) => { for (let k = from; k < to; k++) if (out[k] !== '\n') out[k] = ' '; };
  const templateDepths = [];  // per open ${: the brace depth it opened at
  let depth = 0;
  let prev = '';  // the last significant character of code ('a' after a literal)
  let i = 0;
  // A / starts a regular expression where a value cannot end: after an
  // operator, an opening bracket or one of these keywords.
  const regexMayStart = () => prev === '' || '(,=:[!&|?{};+-*%<>~^'.includes(prev) ||
      /\b(return|typeof|case|in|of|void|delete|throw|new)$/.test(src.slice(Math.max(0, i - 8), i).trimEnd());
  const skipTemplate = () => {  // from just after a ` or a closing } of ${...}
    const start = i;
    while (i < src.length && src[i] !== '`') {
      if (src[i] === '\\') { i += 2; continue; }
      if (src[i] === '$' && src[i + 1] === '{') {
        blank(start, i + 2);
        i += 2;
        templateDepths.push(depth);
        depth += 1;
        prev = '{';
        return;
      }
      i += 1;
    }
    blank(start, i);
    i += 1;
    prev = 'a';
  };
  while (i < src.length) {
    const c = src[i];
    const d = src[i + 1];
    if (c === '/' && (d === '/' || d === '*')) {
      const e = d === '/' ? src.indexOf('\n', i) : src.indexOf('*/', i + 2);
      const end = e < 0 ? src.length : d === '/' ? e : e + 2;
      blank(i, end);
      i = end;
      continue;
    }
    if (c === '"' || c === "'") {
      const start = i;
      for (i += 1; i < src.length && src[i] !== c && src[i] !== '\n'; i += src[i] === '\\' ? 2 : 1);
      i += 1;
      blank(start, i);
      prev = 'a';
      continue;
    }
    if (c === '`') { out[i] = ' '; i += 1; skipTemplate(); continue; }
    if (c === '/' && regexMayStart()) {
      const start = i;
      let inClass = false;
      for (i += 1; i < src.length && src[i] !== '\n'; i += 1) {
        if (src[i] === '\\') { i += 1; continue; }
        if (src[i] === '[') inClass = true;
        else if (src[i] === ']') inClass = false;
        else if (src[i] === '/' && !inClass) break;
      }
      for (i += 1; /[a-z]/.test(src[i] || ''); i += 1);
      blank(start, i);
      prev = 'a';
      continue;
    }
    if (c === '{') depth += 1;
    if (c === '}') {
      depth -= 1;
      if (templateDepths.length && templateDepths[templateDepths.length - 1] === depth) {
        templateDepths.pop();
        out[i] = ' ';
        i += 1;
        skipTemplate();
        continue;
      }
    }
    if (!/\s/.test(c)) prev = /[\w$]/.test(c) ? 'a' : c;
    i += 1;
  }
  return out.join('');
}

// The index of the bracket matching the one at i (forward for ( and {).
function matching(code, i) {
  const open = code[i];
  const close = open === '(' ? ')' : '}';
  let n = 0;
  for (let k = i; k < code.length; k++) {
    if (code[k] === open) n += 1;
    else if (code[k] === close && --n === 0) return k;
  }
  return -1;
}

const KEYWORDS = new Set(['if', 'for', 'while', 'switch', 'catch', 'with', 'return', 'typeof']);

// Every function with a block body: { name, start (index), open, close }.
function functions(code) {
  const found = [];
  const skipWs = (k) => { while (k < code.length && /\s/.test(code[k])) k += 1; return k; };
  const nameBefore = (k) => {
    const m = /([\w$]+)\s*[=:]\s*$/.exec(code.slice(Math.max(0, k - 80), k));
    return m ? m[1] : '<anonymous>';
  };
  for (let i = 0; i < code.length; i++) {
    if (code[i] === '(') {
      const close = matching(code, i);
      if (close < 0) continue;
      let k = skipWs(close + 1);
      const before = /(function\s*\*?\s*)?([\w$]*)\s*$/.exec(code.slice(Math.max(0, i - 80), i));
      const ident = before[2];
      if (code[k] === '{' && (before[1] || (ident && !KEYWORDS.has(ident)))) {
        const start = i - before[0].length + (before[0].length - before[0].trimStart().length);
        const name = before[1] && ident ? ident : before[1] ? nameBefore(start) : ident;
        found.push({ name, start, open: k, close: matching(code, k) });
      } else if (code.startsWith('=>', k) && code[skipWs(k + 2)] === '{') {
        const open = skipWs(k + 2);
        found.push({ name: nameBefore(i), start: i, open, close: matching(code, open) });
      }
    } else if (code.startsWith('=>', i)) {
      const param = /([\w$]+)\s*$/.exec(code.slice(Math.max(0, i - 80), i));
      const open = skipWs(i + 2);
      if (param && code[open] === '{' && !/\)\s*$/.test(code.slice(0, i))) {
        const start = i - param[0].length;
        found.push({ name: nameBefore(start), start, open, close: matching(code, open) });
      }
    }
  }
  return found;
}

function main(argv) {
  let max = 70;
  let list = false;
  const files = [];
  for (let a = 0; a < argv.length; a++) {
    if (argv[a] === '--max') max = Number(argv[++a]);
    else if (argv[a] === '--list') list = true;
    else files.push(argv[a]);
  }
  if (!files.length || !(max > 0)) {
    console.error('usage: check_js_function_length.js [--max N] [--list] FILE.js...');
    return 2;
  }
  let bad = 0;
  for (const file of files) {
    const code = skeleton(fs.readFileSync(file, 'utf8'));
    const lineAt = (k) => code.slice(0, k).split('\n').length;
    for (const f of functions(code)) {
      if (f.close < 0) {
        console.log(`${file}:${lineAt(f.start)}: function ${f.name} has no closing brace`);
        bad += 1;
        continue;
      }
      const count = (re) => (code.slice(0, f.open).match(re) || []).length;
      const depth = count(/\{/g) - count(/\}/g);
      const calledAtOnce = /^\s*\)?\s*\(/.test(code.slice(f.close + 1));
      if (depth === 0 && calledAtOnce) continue;  // the module wrapper
      const lines = lineAt(f.close) - lineAt(f.start) + 1;
      if (list) console.log(`${file}:${lineAt(f.start)}: ${f.name}: ${lines} lines`);
      if (lines > max) {
        console.log(`${file}:${lineAt(f.start)}: function ${f.name} is ${lines} lines, more than ${max}: split it`);
        bad += 1;
      }
    }
  }
  if (bad) console.log(`${bad} function(s) too long or unbalanced`);
  return bad ? 1 : 0;
}

process.exitCode = main(process.argv.slice(2));
