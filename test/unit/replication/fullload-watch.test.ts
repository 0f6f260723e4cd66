// The full-load watchdog: a segment that makes no progress for the stall time is logged with what it
// waits on and what the probe reports, once per stall period; a segment that moves is not.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LoadWatch, touch } from '../../../electron/node/replication/fullload-watch.js';

test('a still segment is logged with its stage, rows and the probe; a moving one is not', async () => {
  const logs: string[] = [];
  // No timer of its own: the test's clock drives check() (a real timer firing on a slow machine would log first, at its own time).
  const watch = new LoadWatch((m) => logs.push(m), 1000, async (a) => `target session ${a.pgPid}: waiting on Lock/relation`, 0);
  try {
    const still = watch.begin('s.big segment 2', 'waiting for rows from the source (COPY binary)');
    still.pgPid = 4242; still.rows = 50_000;
    const moving = watch.begin('s.small', 'waiting for rows from the source (COPY text)');
    const t0 = still.last;
    watch.check(t0 + 500);
    assert.deepEqual(logs, []);
    moving.last = t0 + 900;
    // 1.6 s, not 1.5: (t0 + 1500) - t0 can come out a hair under 1500 in floating point and round to 1 s.
    watch.check(t0 + 1600);
    await new Promise((r) => setImmediate(r));
    assert.equal(logs.length, 1, logs.join('\n'));
    assert.match(logs[0]!, /^full load: s\.big segment 2 made no progress for 2 s \(50000 rows so far\): waiting for rows from the source \(COPY binary\): target session 4242: waiting on Lock\/relation$/);
    // Not again until another stall period passes; then again.
    moving.last = t0 + 1900;
    watch.check(t0 + 2000);
    await new Promise((r) => setImmediate(r));
    assert.equal(logs.length, 1);
    still.waitingForTarget = true;
    watch.check(t0 + 2600);
    await new Promise((r) => setImmediate(r));
    assert.equal(logs.length, 2);
    assert.match(logs[1]!, /no progress for 3 s .*: waiting for the target to take COPY data \(the source is paused\)/);
    // Progress resets it; an ended segment is never logged.
    touch(still, 'waiting for the target to finish the COPY');
    watch.end(moving);
    watch.check(still.last + 900);
    await new Promise((r) => setImmediate(r));
    assert.equal(logs.length, 2, logs.join('\n'));
  } finally { watch.stop(); }
});

test('the timer logs a stall on its own, and a failing probe still leaves the head line', { timeout: 10_000 }, async () => {
  const logs: string[] = [];
  const watch = new LoadWatch((m) => logs.push(m), 100, async () => { throw new Error('probe down'); });
  try {
    const a = watch.begin('s.t', 'waiting for the target: after its load (deferred primary key, identities, cached changes)');
    const deadline = Date.now() + 5000;
    while (!logs.length && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    assert.match(logs[0] ?? '', /^full load: s\.t made no progress for \d+ s \(0 rows so far\): waiting for the target: after its load/);
    watch.end(a);
  } finally { watch.stop(); }
});
