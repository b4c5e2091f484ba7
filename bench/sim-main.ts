/**
 * The benchmark's simulator process: `src/hostify-sim/main.ts`'s settings (the same SIM_*
 * variables), plus its request statistics over the IPC channel, so a benchmark can count the
 * Hostify calls of processes that have no HTTP port (workers).
 */
import { startHostifySim } from '../src/hostify-sim/index.js';

const num = (name: string, fallback: number) => {
  const text = process.env[name];
  return text === undefined || text === '' ? fallback : Number(text);
};

const rps = num('SIM_RATE_LIMIT_RPS', 0);
const sim = await startHostifySim({
  apiKey: process.env.SIM_API_KEY || 'sim-key',
  port: num('SIM_PORT', 0),
  host: '127.0.0.1',
  seed: num('SIM_SEED', 1),
  owners: num('SIM_OWNERS', 5),
  propertiesPerOwner: num('SIM_PROPERTIES_PER_OWNER', 4),
  reservationsPerProperty: num('SIM_RESERVATIONS_PER_PROPERTY', 12),
  latencyMs: num('SIM_LATENCY_MS', 0),
  rateLimit: rps > 0 ? { rps } : null,
});
console.log(`Hostify simulator listening on ${sim.url}`);

process.on('message', (message: unknown) => {
  if (message === 'stats') {
    const { requests, byPath, rateLimited, faults, inFlight, maxInFlight } = sim.stats;
    process.send?.({
      type: 'stats',
      stats: { requests, byPath, rateLimited, faults, inFlight, maxInFlight },
    });
  } else if (message === 'log') {
    // The request log in the machine's epoch milliseconds, so a benchmark can line it up with
    // its own clock and the server's log lines (pino's `time`).
    const origin = performance.timeOrigin;
    const entries = sim.stats.log.map((e) => ({
      at: origin + e.at,
      answeredAt: e.answeredAt === null ? null : origin + e.answeredAt,
      path: e.path,
      page: e.page,
      status: e.status,
    }));
    process.send?.({ type: 'log', entries });
  }
});
// The parent's end closes the channel: stop with it, never outlive the benchmark.
process.on('disconnect', () => void sim.stop().then(() => process.exit(0)));
process.once('SIGTERM', () => void sim.stop().then(() => process.exit(0)));
