/** The app's metrics on a registry of its own: two apps in one process, each with its counts. */
import { describe, expect, it } from 'vitest';
import type { JobStats } from '../model/job-store.js';
import { createMetricsRegistry } from './metrics-registry.js';

function stats(completed: number): JobStats {
  return {
    byStatus: { queued: 1, processing: 0, completed, failed: 0, cancelled: 0 },
    finished: completed,
    averageDurationMs: null,
    maxDurationMs: null,
    itemsPerSecond: null,
  };
}

describe('createMetricsRegistry', () => {
  it('builds twice in one process, each registry with its own values and default metrics', async () => {
    let hostify = 3;
    const a = createMetricsRegistry({
      jobService: { stats: async () => stats(2) },
      hostifyRequests: () => hostify,
    });
    const b = createMetricsRegistry({
      jobService: { stats: async () => stats(5) },
      hostifyRequests: () => 0,
    });
    try {
      a.countRequest('GET', 200);
      a.countRequest('GET', 204);
      a.countRequest('POST', 503);
      const textA = await a.registry.metrics();
      expect(textA).toMatch(/^os_http_requests_total\{method="GET",status="2xx"\} 2$/m);
      expect(textA).toMatch(/^os_http_requests_total\{method="POST",status="5xx"\} 1$/m);
      expect(textA).toMatch(/^os_jobs\{status="completed"\} 2$/m);
      expect(textA).toMatch(/^os_jobs\{status="queued"\} 1$/m);
      expect(textA).toMatch(/^os_hostify_requests_total 3$/m);
      expect(textA).toMatch(/^process_cpu_user_seconds_total /m);
      expect(textA).toMatch(/^nodejs_heap_size_total_bytes [1-9]/m);

      // Read at scrape time: a later scrape shows the Hostify client's later count.
      hostify = 7;
      expect(await a.registry.metrics()).toMatch(/^os_hostify_requests_total 7$/m);

      const textB = await b.registry.metrics();
      expect(textB).not.toMatch(/^os_http_requests_total\{/m);
      expect(textB).toMatch(/^os_jobs\{status="completed"\} 5$/m);
      expect(textB).toMatch(/^os_hostify_requests_total 0$/m);
      expect(textB).toMatch(/^process_resident_memory_bytes [1-9]/m);
    } finally {
      a.close();
      b.close();
    }
  });
});
