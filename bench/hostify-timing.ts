/**
 * `npx tsx bench/hostify-timing.ts`: how much of a benchmark run is the Hostify simulator's own
 * time, at the benchmark's largest size (5,000 properties × 12 reservations). These were
 * wall-clock thresholds in unit tests (generate.test.ts, server.test.ts); a threshold there
 * failed on a loaded machine without anything being wrong, so they are figures here instead.
 *
 * Reports the time to generate the data set, and over real HTTP (per_page 100, the period's
 * reservations as the server asks for them): the first page, which filters every reservation,
 * and the next 20 pages, served from that filtered list. Each is the median of RUNS.
 */
import { performance } from 'node:perf_hooks';
import { generateSimData, startHostifySim } from '../src/hostify-sim/index.js';
import { fmt, percentile, table } from './stats.js';

const SIZE = { owners: 1250, propertiesPerOwner: 4, reservationsPerProperty: 12 };
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const KEY = 'bench-key';
const FILTERS = encodeURIComponent(
  JSON.stringify([
    { field: 'checkIn', operator: '<=', value: '2025-10-31' },
    { field: 'checkOut', operator: '>=', value: '2025-10-01' },
  ]),
);

const median = (values: number[]) =>
  percentile(
    [...values].sort((a, b) => a - b),
    50,
  );

async function time(fn: () => unknown | Promise<unknown>): Promise<number> {
  const started = performance.now();
  await fn();
  return performance.now() - started;
}

const generation: number[] = [];
for (let run = 0; run < RUNS; run++) generation.push(await time(() => generateSimData(SIZE)));

const sim = await startHostifySim({ apiKey: KEY, ...SIZE });
const page = async (n: number) => {
  const res = await fetch(`${sim.url}/reservations?fees=1&per_page=100&page=${n}&filters=${FILTERS}`, {
    headers: { 'x-api-key': KEY },
  });
  if (res.status !== 200) throw new Error(`page ${n}: HTTP ${res.status}`);
  return (await res.json()) as { total: number };
};
const firstPage: number[] = [];
const laterPages: number[] = [];
let total = 0;
try {
  for (let run = 0; run < RUNS; run++) {
    sim.setOptions({}); // drops the cached filter results: the first page filters again
    firstPage.push(
      await time(async () => {
        total = (await page(1)).total;
      }),
    );
    laterPages.push(
      (await time(async () => {
        for (let n = 2; n <= 21; n++) await page(n);
      })) / 20,
    );
  }
} finally {
  await sim.stop();
}

console.log(
  `Hostify simulator at ${SIZE.owners * SIZE.propertiesPerOwner} properties × ${SIZE.reservationsPerProperty} ` +
    `(${total} reservations in the period), median of ${RUNS}:`,
);
console.log(
  table(
    ['what', 'ms'],
    [
      ['generate the data set', fmt(median(generation), 0)],
      ['first page (filters every reservation)', fmt(median(firstPage), 1)],
      ['each of pages 2–21 (filtered list cached)', fmt(median(laterPages), 1)],
    ],
  ),
);
