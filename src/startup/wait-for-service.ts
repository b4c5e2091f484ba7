/**
 * At start, a store or queue server that does not answer yet (it starts after us, or is down for
 * a moment) is waited for, with a log line per attempt, instead of crashing in a restart loop. A
 * server that answers but refuses us (wrong password, no such database) will not get better by
 * waiting: that stops the start with a message naming the setting to check.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from 'pino';

export interface ServiceProbe {
  /** `PostgreSQL` or `Redis`. */
  name: string;
  /** The variable that holds the address, named in messages (`DATABASE_URL`). */
  setting: string;
  /** The address without its password. */
  shownUrl: string;
  check(): Promise<void>;
  /** Errors that waiting cannot cure. */
  isFatal(error: unknown): boolean;
}

export class ServiceRefusedError extends Error {}

const message = (error: unknown) =>
  error instanceof Error ? error.message || error.constructor.name : String(error);

export async function waitForService(
  probe: ServiceProbe,
  logger: Logger,
  options: { maxWaitMs?: number; signal?: AbortSignal } = {},
): Promise<void> {
  const maxWaitMs = options.maxWaitMs ?? 15_000;
  for (let attempt = 0; ; attempt++) {
    try {
      await probe.check();
      if (attempt > 0)
        logger.info({ dependency: probe.name, url: probe.shownUrl }, `${probe.name} answers now`);
      return;
    } catch (error) {
      if (probe.isFatal(error)) {
        throw new ServiceRefusedError(
          `${probe.name} at ${probe.shownUrl} refused the connection: ${message(error)}. Check ${probe.setting}.`,
        );
      }
      const waitMs = Math.min(maxWaitMs, 1000 * 2 ** attempt);
      logger.warn(
        { dependency: probe.name, url: probe.shownUrl, err: message(error), attempt: attempt + 1, waitMs },
        `${probe.name} at ${probe.shownUrl} does not answer; waiting for it (check ${probe.setting} if this goes on)`,
      );
      await sleep(waitMs, undefined, { signal: options.signal });
    }
  }
}
