/**
 * Suites that need PostgreSQL or Redis call `requireService` at load: it answers whether the
 * server is there; when it is not, it prints why the suite is skipped, or, under CI=true, fails
 * the suite, because CI promises to run everything. The checks are the server's own start-up
 * probes (src/startup/probes.ts).
 */
import { postgresProbe, redisProbe } from '../../src/startup/probes.js';

export async function requireService(
  service: 'Redis' | 'PostgreSQL',
  url: string,
  suite: string,
): Promise<boolean> {
  const shown = url.replace(/\/\/[^@/]*@/, '//');
  const probe = service === 'Redis' ? redisProbe(url, shown) : postgresProbe(url, shown);
  try {
    await probe.check();
    return true;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    if (process.env.CI === 'true')
      throw new Error(`${suite} need ${service} under CI=true, but ${shown} does not answer: ${reason}`);
    console.warn(`skipping ${suite}: ${service} at ${shown} does not answer (${reason})`);
    return false;
  }
}
