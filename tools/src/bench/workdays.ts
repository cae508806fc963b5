/**
 * npm run bench:workdays — @govdata/workdays against chinese-days@1.5.7 on the same inputs.
 *
 * addWorkingDays(d, n) vs findWorkday(n, d) and workingDaysBetween(a, b) vs getWorkdaysInRange(a, b).length, for
 * n = 1, 5, 15, 60, on 1024 seeded pseudo-random start dates of 2015–2025. Every answer is checked equal before it
 * is timed. Ours is an index lookup (flat in n); chinese-days walks day by day (linear in n).
 */
import { cpus } from 'node:os';
import { Prng } from '@govdata/demo';
import { addNaturalDays, addWorkingDays, isWorkingDay, workingDaysBetween } from '@govdata/workdays';

// chinese-days builds its tables at import time in the host's zone and is wrong west of UTC: pin the zone first.
process.env['TZ'] = 'UTC';
const { default: chineseDays } = await import('chinese-days');

const NS = [1, 5, 15, 60];
const INPUTS = 1024;
const MIN_MS = 400;

/** mulberry32 (the demo seed's): the same inputs on every run. */
const seeded = (seed: number): (() => number) => {
  const rng = new Prng(seed);
  return () => rng.next();
};

const random = seeded(20_240_927);
const span = 4017; // 2015-01-01 … 2025-12-31
const starts = Array.from({ length: INPUTS }, () => addNaturalDays('2015-01-01', Math.floor(random() * span)));

let sink = 0;

/** Calls per second of `call` over the inputs, repeated until MIN_MS have passed (after a short warm-up). */
function rate(call: (i: number) => string | number): number {
  for (let i = 0; i < INPUTS; i++) call(i);
  let calls = 0;
  const t0 = performance.now();
  let elapsed = 0;
  do {
    for (let i = 0; i < INPUTS; i++) {
      const r = call(i);
      sink ^= typeof r === 'string' ? r.charCodeAt(9) : r;
    }
    calls += INPUTS;
    elapsed = performance.now() - t0;
  } while (elapsed < MIN_MS);
  return (calls / elapsed) * 1000;
}

function check(label: string, ours: (i: number) => string | number, theirs: (i: number) => string | number): void {
  for (let i = 0; i < INPUTS; i++) {
    if (ours(i) !== theirs(i)) throw new Error(`${label}: answers differ for input ${starts[i]}: ${ours(i)} vs ${theirs(i)}`);
  }
}

const fmt = (x: number) => (x >= 1e6 ? `${(x / 1e6).toFixed(2)} M` : x >= 1e3 ? `${(x / 1e3).toFixed(1)} k` : x.toFixed(0)).padStart(10);
const rows: string[] = [];
const row = (fn: string, n: number, ours: number, theirs: number) =>
  rows.push(`${fn.padEnd(20)} ${String(n).padStart(3)}  ${fmt(ours)}  ${fmt(theirs)}  ${`${Math.round(ours / theirs)}×`.padStart(8)}`);

for (const n of NS) {
  const ours = (i: number) => addWorkingDays(starts[i] as string, n);
  const theirs = (i: number) => chineseDays.findWorkday(n, starts[i] as string);
  check(`addWorkingDays n=${n}`, ours, theirs);
  row('addWorkingDays', n, rate(ours), rate(theirs));
}

for (const n of NS) {
  const ends = starts.map((d) => addWorkingDays(d, n));
  // getWorkdaysInRange counts [a, b]; workingDaysBetween counts (a, b].
  const ours = (i: number) => workingDaysBetween(starts[i] as string, ends[i] as string);
  const theirs = (i: number) => chineseDays.getWorkdaysInRange(starts[i] as string, ends[i] as string).length - (isWorkingDay(starts[i] as string) ? 1 : 0);
  check(`workingDaysBetween n=${n}`, ours, theirs);
  const theirsRaw = (i: number) => chineseDays.getWorkdaysInRange(starts[i] as string, ends[i] as string).length;
  row('workingDaysBetween', n, rate(ours), rate(theirsRaw));
}

console.log(`@govdata/workdays vs chinese-days@1.5.7 — Node ${process.version}, ${cpus()[0]?.model ?? 'unknown CPU'}`);
console.log(`${INPUTS} start dates in 2015–2025, same inputs for both, answers checked equal; calls per second:\n`);
console.log(`${'function'.padEnd(20)} ${'n'.padStart(3)}  ${'ours'.padStart(10)}  ${'chinese-days'.padStart(10)}  ${'ratio'.padStart(8)}`);
for (const r of rows) console.log(r);
console.log('\nworkingDaysBetween: a and b are n working days apart; the counterpart is getWorkdaysInRange(a, b).length.');
// Printing the checksum keeps the timed results observable, so no call can be optimised away.
console.log(`checksum ${sink}`);
