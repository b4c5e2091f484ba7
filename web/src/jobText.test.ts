import { describe, expect, it } from 'vitest';
import {
  countsInWords,
  jobProgressText,
  jobStatusLine,
  jobTitle,
  jobTone,
  periodInWords,
} from './jobText.js';
import { plural } from './plural.js';
import { job } from './test/helpers.js';

const counts = (generated: number, skipped: number, errors: number) => ({ generated, skipped, errors });

describe('a job in words', () => {
  it('pluralises with the plural rules', () => {
    expect(plural(1, 'error')).toBe('1 error');
    expect(plural(0, 'error')).toBe('0 errors');
    expect(plural(2, 'error')).toBe('2 errors');
    expect(plural(1500, 'statement')).toBe('1,500 statements');
    expect(plural(3, 'property', 'properties')).toBe('3 properties');
  });

  it('titles jobs by what they do and their period, not by id', () => {
    expect(jobTitle(job())).toBe('Generate All · October 2025');
    expect(
      jobTitle(
        job({ type: 'statement_delivery', params: { periodStart: '2025-10-01', periodEnd: '2025-10-31' } }),
      ),
    ).toBe('Send all · October 2025');
    expect(
      jobTitle(
        job({ type: 'bulk_statement_action', params: { action: 'finalize', statementIds: ['a', 'b'] } }),
      ),
    ).toBe('Bulk finalize · 2 statements');
    expect(
      jobTitle(
        job({
          type: 'bulk_statement_action',
          params: { action: 'send', filter: { periodStart: '2025-09-01', periodEnd: '2025-09-30' } },
        }),
      ),
    ).toBe('Bulk send to owners · September 2025');
    // Not a whole month: the range, without repeating the year.
    expect(periodInWords('2025-10-01', '2025-10-15')).toMatch(/^Oct 1\D+15, 2025$/);
    expect(jobTitle(null)).toBe('Background job');
    for (const j of [job(), job({ type: 'statement_delivery', params: {} })])
      expect(jobTitle(j)).not.toContain('job_');
  });

  it('says how a job ended, amber when it completed with errors', () => {
    const kind = job();
    const done = { status: 'completed', progress: 160, total: 160, error: null } as const;
    expect(jobStatusLine({ ...done, counts: counts(160, 0, 0) }, kind)).toBe('Completed · 160 generated');
    expect(jobTone({ status: 'completed', counts: counts(160, 0, 0) })).toBe('success');
    expect(jobStatusLine({ ...done, counts: counts(155, 4, 1) }, kind)).toBe(
      'Completed with errors · 155 generated, 4 skipped, 1 error',
    );
    expect(jobTone({ status: 'completed', counts: counts(155, 4, 1) })).toBe('warning');
    expect(jobStatusLine({ ...done, counts: counts(150, 0, 10) }, kind)).toBe(
      'Completed with errors · 150 generated, 10 errors',
    );
    expect(jobTone({ status: 'failed', counts: counts(0, 0, 0) })).toBe('failed');
    expect(jobTone({ status: 'cancelled', counts: counts(3, 0, 0) })).toBe('cancelled');
    expect(
      jobStatusLine(
        {
          status: 'failed',
          progress: 0,
          total: null,
          counts: counts(0, 0, 0),
          error: 'Hostify refused our API key',
        },
        kind,
      ),
    ).toBe('Failed · Hostify refused our API key');
  });

  it('says what a running job does, in the verb of its type', () => {
    const running = {
      status: 'processing',
      progress: 32,
      total: 160,
      counts: counts(30, 1, 1),
      error: null,
    } as const;
    expect(jobStatusLine(running, job())).toBe('Generating · 32 / 160');
    expect(jobStatusLine(running, job({ type: 'statement_delivery' }))).toBe('Sending · 32 / 160');
    expect(
      jobStatusLine(
        running,
        job({ type: 'bulk_statement_action', params: { action: 'finalize', statementIds: ['a'] } }),
      ),
    ).toBe('Finalizing · 32 / 160');
    expect(jobStatusLine({ ...running, total: null, progress: 0 }, job())).toBe('Generating · preparing');
    expect(jobStatusLine({ ...running, status: 'queued' }, job())).toBe('Queued');
    expect(countsInWords(counts(1, 0, 0), job({ type: 'statement_delivery' }))).toBe('1 sent');
  });

  it('shows what a cancelled job did, never "0 / ?"', () => {
    const cancelled = {
      status: 'cancelled',
      progress: 32,
      total: 160,
      counts: counts(30, 2, 0),
      error: null,
    } as const;
    expect(jobProgressText(cancelled)).toBe('32 of 160 before it was cancelled');
    expect(jobStatusLine(cancelled, job())).toBe(
      'Cancelled · 32 of 160 before it was cancelled (30 generated, 2 skipped)',
    );
    const early = { ...cancelled, progress: 0, total: null, counts: counts(0, 0, 0) };
    expect(jobProgressText(early)).toBe('Cancelled before it started');
    expect(jobStatusLine(early, job())).toBe('Cancelled · before it started');
    for (const status of ['queued', 'processing', 'failed', 'cancelled'] as const) {
      expect(jobProgressText({ status, progress: 0, total: null })).not.toContain('?');
    }
    expect(jobProgressText({ status: 'processing', progress: 32, total: 160 })).toBe('32 / 160');
  });
});
