// The documentation test can fail: its matcher rejects a changed line, a
// missing or extra line and a wrong exit code, and accepts only what its
// normalization and elisions allow. Run by CTest; exit 1 on the first miss.
import assert from 'node:assert/strict';

import { examples, matches, normalize } from './doc_examples.mjs';

const block = ['text', '```', '$ consim sweep --seeds 1..2', 'PASS 2 seeds: 2 passed, 0 failed (12.5 seeds/s, 9 events)',
               '', '$ echo $?', '0', '```', '```sh', 'not an example', '```'].join('\n');
const found = examples(block);
assert.equal(found.length, 1, 'one example: a ```sh block without "$ " is not one');
assert.equal(found[0].line, 3);
assert.deepEqual(found[0].steps.map((s) => s.command), ['consim sweep --seeds 1..2', 'echo $?']);

// What a clock measures is left out; anything else must be equal.
assert.ok(matches(['PASS 2 seeds (961.9 seeds/s, 9 events)'], ['PASS 2 seeds (1002.8 seeds/s, 9 events)']));
assert.ok(!matches(['PASS 2 seeds (9.1 seeds/s, 9 events)'], ['PASS 2 seeds (9.1 seeds/s, 10 events)']), 'a count');
assert.ok(!matches(['PASS: 19 of 19 scenarios passed'], ['PASS: 32 of 32 scenarios passed']), 'the stale suite');
assert.ok(!matches(['trace 65c0390f4eade50d'], ['trace d08a35cfd2cd395e']), 'a trace hash');
assert.equal(normalize('pass    raft-basic   1216   44   2   0.4  f05df55a38954743'),
             'pass raft-basic 1216 44 2 W f05df55a38954743');
assert.ok(!matches(['pass raft-basic 1216 44 2 0.4 f05df55a38954743'], ['pass raft-basic 1217 44 2 0.4 f05df55a38954743']));

// Lines: none missing, none extra, unless "..." stands for them.
assert.ok(!matches(['a', 'b'], ['a']), 'a missing line');
assert.ok(!matches(['a'], ['a', 'b']), 'an extra line');
assert.ok(matches(['a', '...', 'd'], ['a', 'b', 'c', 'd']));
assert.ok(matches(['a', '...', 'd'], ['a', 'd']));
assert.ok(!matches(['a', '...', 'd'], ['a', 'b', 'c']), 'the line after "..." must still come');
assert.ok(matches(['seed 3: node 4 lacks ...'], ['seed 3: node 4 lacks entry 97 (term 3)']));
assert.ok(!matches(['seed 3: node 4 lacks ...'], ['seed 3: node 5 lacks entry 97']), 'a prefix must match');
console.log('doc_examples.mjs: its matcher fails on every kind of difference');
