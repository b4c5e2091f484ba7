/**
 * Job event streams cannot be used to freeze the server: open streams are limited per user and
 * per process (429 beyond, the slot freed when a stream ends however it ends), the replay goes
 * at the client's pace, the final event is small, and a stream ends soon after its user is
 * disabled or its token or session ends.
 */
import type { ServerResponse } from 'node:http';
import { connect } from 'node:net';
import { describe, expect, it } from 'vitest';
import type { Role } from '../../src/auth/roles.js';
import { jobFinishedEventSchema, jobSchema } from '../../src/contract/jobs.js';
import type { Clock } from '../../src/lib/clock.js';
import { handRunJob } from '../helpers/hand-run-job.js';
import { knownData, PERIOD } from '../helpers/known-dataset.js';
import { readSse } from '../helpers/sse.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';
import { pollUntil, waitForJobEnd } from '../helpers/wait.js';

async function withApp(options: Parameters<typeof startTestApp>[0], fn: (t: TestApp) => Promise<void>) {
  const t = await startTestApp(options);
  try {
    await fn(t);
  } finally {
    await t.close();
  }
}

/** A job that stays queued (no engine runs), so its streams stay open. */
async function queuedJob(t: TestApp): Promise<string> {
  const res = await t.request('POST', '/api/statements/generate', { ownerId: 'all', ...PERIOD });
  expect(res.status).toBe(202);
  return res.body.jobId;
}

interface HeldStream {
  status: number;
  // biome-ignore lint/suspicious/noExplicitAny: tests read arbitrary JSON
  body: any;
  headers: Headers;
  /** Resolves when the server ends the stream (or the client closes it). */
  ended: Promise<void>;
  close(): void;
}

/** Opens a stream and keeps reading it in the background, until closed or ended by the server. */
async function hold(url: string, token: string): Promise<HeldStream> {
  const abort = new AbortController();
  const res = await fetch(url, {
    headers: { accept: 'text/event-stream', authorization: `Bearer ${token}` },
    signal: abort.signal,
  });
  if (res.status !== 200 || !res.body) {
    const text = await res.text();
    return {
      status: res.status,
      body: text ? JSON.parse(text) : undefined,
      headers: res.headers,
      ended: Promise.resolve(),
      close: () => undefined,
    };
  }
  const ended = res.body.pipeTo(new WritableStream()).catch(() => undefined);
  return { status: 200, body: undefined, headers: res.headers, ended, close: () => abort.abort() };
}

describe('open event streams are limited', () => {
  it('per user and per process, with a 429 too_many_streams and Retry-After; a closed stream frees its slot', async () => {
    await withApp(
      { sim: { data: knownData() }, startEngine: false, compose: { streamLimits: { perUser: 2, total: 3 } } },
      async (t) => {
        const url = `${t.baseUrl}/api/statements/jobs/${await queuedJob(t)}/events`;
        const first = await hold(url, t.tokens.viewer);
        const second = await hold(url, t.tokens.viewer);
        expect([first.status, second.status]).toEqual([200, 200]);
        // Like every /api answer, never cached.
        expect(first.headers.get('cache-control')).toMatch(/^no-store/);

        const third = await hold(url, t.tokens.viewer);
        expect(third.status).toBe(429);
        expect(third.body.error.code).toBe('too_many_streams');
        expect(third.body.error.message).toMatch(/2 job event streams/);
        expect(Number(third.headers.get('retry-after'))).toBeGreaterThan(0);

        // Another user still gets one, up to the process's limit.
        const editors = await hold(url, t.tokens.editor);
        expect(editors.status).toBe(200);
        const admins = await hold(url, t.tokens.admin);
        expect(admins.status).toBe(429);
        expect(admins.body.error.code).toBe('too_many_streams');
        expect(admins.body.error.details.scope).toBe('process');

        // A client that goes away frees its slot.
        first.close();
        const again = await pollUntil(
          async () => {
            const s = await hold(url, t.tokens.viewer);
            return s.status === 200 ? s : undefined;
          },
          'a free slot after the client closed its stream',
          10_000,
        );
        expect(again.status).toBe(200);
        for (const s of [second, editors, again]) s.close();
      },
    );
  });

  it('gives the slot back when the server ends the stream (a finished job replayed many times)', async () => {
    await withApp(
      { sim: { data: knownData() }, compose: { streamLimits: { perUser: 1, total: 1 } } },
      async (t) => {
        const res = await t.request('POST', '/api/statements/generate', { ownerId: 'all', ...PERIOD });
        await waitForJobEnd(t.composition.jobService, res.body.jobId);
        const url = `${t.baseUrl}/api/statements/jobs/${res.body.jobId}/events`;
        for (let i = 0; i < 5; i++) {
          const stream = await readSse(url, { headers: { authorization: `Bearer ${t.tokens.viewer}` } });
          expect(stream.status).toBe(200);
          expect(stream.events.at(-1)?.event).toBe('completed');
        }
      },
    );
  });

  it('answers 404 for an unknown job also to a user at the limit', async () => {
    await withApp(
      {
        sim: { data: knownData() },
        startEngine: false,
        compose: { streamLimits: { perUser: 1, total: 10 } },
      },
      async (t) => {
        const url = `${t.baseUrl}/api/statements/jobs/${await queuedJob(t)}/events`;
        const open = await hold(url, t.tokens.viewer);
        expect(open.status).toBe(200);
        const unknown = await hold(
          `${t.baseUrl}/api/statements/jobs/job_01aaaaaaaaaaaaaaaaaaaaaaaa/events`,
          t.tokens.viewer,
        );
        expect(unknown.status).toBe(404);
        open.close();
      },
    );
  });
});

describe('the final event', () => {
  it('carries the summary and counts, not the result lists (GET the job for those)', async () => {
    await withApp({ sim: { owners: 10, propertiesPerOwner: 5 } }, async (t) => {
      const res = await t.request('POST', '/api/statements/generate', { ownerId: 'all', ...PERIOD });
      await waitForJobEnd(t.composition.jobService, res.body.jobId);
      const stream = await readSse(`${t.baseUrl}/api/statements/jobs/${res.body.jobId}/events`, {
        headers: { authorization: `Bearer ${t.tokens.admin}` },
      });
      const final = stream.events.at(-1);
      expect(final?.event).toBe('completed');
      const event = jobFinishedEventSchema.parse(final?.data);
      expect(final?.data).not.toHaveProperty('result');
      const job = jobSchema.parse((await t.request('GET', res.body.statusUrl)).body);
      expect(event.summary).toEqual(job.result?.summary);
      expect(event.counts).toEqual(job.counts);
      expect(event).toMatchObject({ id: job.id, status: 'completed', progress: 50, total: 50 });
      expect(job.result?.results.generated.length).toBeGreaterThan(0);
      // Small whatever the job's size.
      expect(JSON.stringify(final?.data).length).toBeLessThan(1500);
    });
  });
});

/** A completed job of `count` skipped items whose names are `name` + index (big events). */
async function finishedJob(t: TestApp, count: number, name: string): Promise<{ id: string }> {
  const run = await handRunJob(t.composition.jobStore, { count, batchSize: 100, name: (i) => `${name}${i}` });
  while (await run.recordNext());
  return run.complete();
}

describe('replay and backpressure', () => {
  it('replays a big finished job at the pace the client reads, holding at most a page in memory', async () => {
    const ITEMS = 2000;
    const NAME = 'x'.repeat(8000); // about 16 MB of item events in all, 4 MB a page
    await withApp({ sim: { data: knownData() }, startEngine: false }, async (t) => {
      const { items: itemRows } = t.composition.jobStore;
      const job = await finishedJob(t, ITEMS, NAME);

      // The server side of the stream, and how many pages it read from the store.
      let serverSide: ServerResponse | undefined;
      t.composition.app.server.on('request', (req, res) => {
        if (req.url?.includes('/events')) serverSide = res;
      });
      let pagesRead = 0;
      const read = itemRows.finishedAfter.bind(itemRows);
      itemRows.finishedAfter = (...args) => {
        pagesRead++;
        return read(...args);
      };

      // A client that reads nothing yet (a raw socket, paused): the kernel's buffers fill, and
      // then the server must wait for it.
      const socket = connect(Number(new URL(t.baseUrl).port), '127.0.0.1');
      socket.pause();
      socket.write(
        `GET /api/statements/jobs/${job.id}/events HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer ${t.tokens.viewer}\r\nAccept: text/event-stream\r\n\r\n`,
      );
      const stalled = await pollUntil(
        async () => (serverSide?.writableNeedDrain ? serverSide : undefined),
        'the stream to wait for the client',
        10_000,
      );
      expect(stalled.writableLength).toBeLessThan(256 * 1024);
      expect(pagesRead).toBeLessThan(Math.ceil(ITEMS / 500));

      // Once the client reads, everything arrives, in order, then the final event.
      const chunks: Buffer[] = [];
      socket.on('data', (chunk: Buffer) => chunks.push(chunk));
      socket.resume();
      // Keep-alive: the response ends with the last chunk; the socket itself may stay open.
      await pollUntil(
        async () => (Buffer.concat(chunks).toString('latin1').endsWith('\r\n0\r\n\r\n') ? true : undefined),
        'the whole replay',
        30_000,
      );
      socket.end();
      const text = Buffer.concat(chunks).toString('latin1');
      expect(text).toMatch(/^HTTP\/1\.1 200 /);
      const ids = [...text.matchAll(/^id: (\d+)\nevent: item\n/gm)].map((m) => Number(m[1]));
      expect(ids).toEqual(Array.from({ length: ITEMS }, (_, i) => i + 1));
      expect(text).toMatch(/event: completed\ndata: [^\n]*\n\n\r\n0\r\n\r\n$/);
    });
  });
});

describe('a client that stops reading', () => {
  it('is dropped after the stall time, and its slot is free again', async () => {
    await withApp(
      {
        sim: { data: knownData() },
        startEngine: false,
        compose: { sseStallMs: 300, streamLimits: { perUser: 1, total: 10 } },
      },
      async (t) => {
        const job = await finishedJob(t, 2000, 'y'.repeat(8000));
        const socket = connect(Number(new URL(t.baseUrl).port), '127.0.0.1');
        socket.pause();
        socket.on('error', () => undefined);
        socket.write(
          `GET /api/statements/jobs/${job.id}/events HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer ${t.tokens.viewer}\r\nAccept: text/event-stream\r\n\r\n`,
        );
        // The server gives up on it (a paused client socket would not even notice the close).
        await pollUntil(
          async () => (t.logText().includes('the client stopped reading') ? true : undefined),
          'the server to drop the stalled stream',
          10_000,
        );
        // The one slot this user has is free again.
        const url = `${t.baseUrl}/api/statements/jobs/${job.id}/events`;
        const again = await pollUntil(
          async () => {
            const s = await hold(url, t.tokens.viewer);
            if (s.status === 200) return s;
            return undefined;
          },
          'the slot to be free',
          10_000,
        );
        again.close();
        socket.destroy();
      },
    );
  });
});

describe('a stream ends once its credential no longer holds', () => {
  const checkMs = 50;

  it('when the user is disabled', async () => {
    await withApp(
      { sim: { data: knownData() }, startEngine: false, compose: { sseAuthCheckMs: checkMs } },
      async (t) => {
        const jobId = await queuedJob(t);
        const others = await hold(`${t.baseUrl}/api/statements/jobs/${jobId}/events`, t.tokens.editor);
        const viewer = await userId(t, 'viewer');
        const opened = await openedStream(t, t.tokens.viewer, jobId);
        // Straight in the store: the disabled flag alone must end it (disabling through the
        // API also revokes the tokens, which has its own test).
        await t.composition.users.update(viewer, { disabled: true }, new Date().toISOString());
        await opened.ended;
        // The editor's stream is re-checked too, and stays open.
        let othersEnded = false;
        void others.ended.then(() => {
          othersEnded = true;
        });
        const editor = await userId(t, 'editor');
        let editorChecks = 0;
        const check = t.composition.authService.isStillValid.bind(t.composition.authService);
        t.composition.authService.isStillValid = async (principal) => {
          if (principal.userId === editor) editorChecks++;
          return check(principal);
        };
        await pollUntil(
          async () => (editorChecks >= 3 ? true : undefined),
          'the editor stream re-checked',
          10_000,
        );
        expect(othersEnded).toBe(false);
        others.close();
      },
    );
  });

  it('when its API token is revoked', async () => {
    await withApp(
      { sim: { data: knownData() }, startEngine: false, compose: { sseAuthCheckMs: checkMs } },
      async (t) => {
        const jobId = await queuedJob(t);
        const viewer = await userId(t, 'viewer');
        const { token, record } = await t.composition.authService.createApiToken(viewer, 'stream');
        const opened = await openedStream(t, token, jobId);
        expect((await t.request('DELETE', `/api/auth/tokens/${record.id}`)).status).toBe(204);
        await opened.ended;
      },
    );
  });

  it('when its session ends (sign-out)', async () => {
    await withApp(
      { sim: { data: knownData() }, startEngine: false, compose: { sseAuthCheckMs: checkMs } },
      async (t) => {
        const jobId = await queuedJob(t);
        const login = await t.request(
          'POST',
          '/api/auth/login',
          { email: 'viewer@test.local', password: t.passwords.viewer },
          { authorization: '' },
        );
        expect(login.status).toBe(200);
        const session: string = login.body.token;
        const opened = await openedStream(t, session, jobId);
        expect(
          (await t.request('POST', '/api/auth/logout', undefined, { authorization: `Bearer ${session}` }))
            .status,
        ).toBe(204);
        await opened.ended;
      },
    );
  });

  it('when its session expires', async () => {
    let now = Date.now();
    const clock: Clock = { now: () => new Date(now) };
    await withApp(
      { sim: { data: knownData() }, startEngine: false, compose: { sseAuthCheckMs: checkMs, clock } },
      async (t) => {
        const jobId = await queuedJob(t);
        const login = await t.request(
          'POST',
          '/api/auth/login',
          { email: 'viewer@test.local', password: t.passwords.viewer },
          { authorization: '' },
        );
        const opened = await openedStream(t, login.body.token, jobId);
        now += 8 * 24 * 3_600_000; // past SESSION_MAX_HOURS (7 days)
        await opened.ended;
      },
    );
  });
});

async function userId(t: TestApp, role: Role): Promise<string> {
  const user = await t.composition.users.findByEmail(`${role}@test.local`);
  if (!user) throw new Error(`no ${role}`);
  return user.id;
}

/** A stream that is open (its first event arrived), and a promise that it ended within 10 s. */
async function openedStream(t: TestApp, token: string, jobId: string): Promise<{ ended: Promise<unknown> }> {
  let opened: () => void = () => undefined;
  const open = new Promise<void>((resolve) => {
    opened = resolve;
  });
  const ended = readSse(`${t.baseUrl}/api/statements/jobs/${jobId}/events`, {
    headers: { authorization: `Bearer ${token}` },
    timeoutMs: 10_000,
    onEvent: () => opened(),
  });
  await open;
  return { ended };
}
