/**
 * `npm run hostify-sim`: the simulator as a stand-alone server, configured from the environment.
 * The key it prints is the simulator's own, not a secret.
 */
import { startHostifySim } from './server.js';

function num(name: string, fallback: number): number {
  const text = process.env[name];
  if (text === undefined || text === '') return fallback;
  const value = Number(text);
  if (!Number.isFinite(value)) {
    console.error(`${name} must be a number, got ${JSON.stringify(text)}`);
    process.exit(1);
  }
  return value;
}

const apiKey = process.env.SIM_API_KEY || 'sim-key';
const rps = num('SIM_RATE_LIMIT_RPS', 0);
const sim = await startHostifySim({
  apiKey,
  port: num('SIM_PORT', 4010),
  host: process.env.SIM_HOST || '127.0.0.1',
  seed: num('SIM_SEED', 1),
  owners: num('SIM_OWNERS', 5),
  propertiesPerOwner: num('SIM_PROPERTIES_PER_OWNER', 4),
  reservationsPerProperty: num('SIM_RESERVATIONS_PER_PROPERTY', 12),
  latencyMs: num('SIM_LATENCY_MS', 0),
  rateLimit: rps > 0 ? { rps } : null,
  faultRate: num('SIM_FAULT_RATE', 0),
});
const { listings, users, reservations } = sim.data;
console.log(`Hostify simulator listening on ${sim.url}`);
console.log(`  x-api-key: ${apiKey}`);
console.log(`  ${users.length} users, ${listings.length} listings, ${reservations.length} reservations`);
console.log(`  try: curl -H 'x-api-key: ${apiKey}' '${sim.url}/listings?per_page=5'`);

const shutdown = () => {
  sim.stop().then(
    () => process.exit(0),
    () => process.exit(1),
  );
};
process.once('SIGINT', shutdown);
process.once('SIGTERM', shutdown);
