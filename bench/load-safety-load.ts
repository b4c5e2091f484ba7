/**
 * The load of `bench/load-safety.ts`, in its own process so that reading 200 streams does not
 * delay the probes that measure the server: opens every stream and every ZIP at once, reads
 * them to the end (counting bytes, not parsing), and prints one JSON line with what it got.
 * Input (env): LOAD_URL, LOAD_JOB, LOAD_STREAM_TOKENS (JSON array, one token per stream),
 * LOAD_ZIP_TOKENS (JSON array, one per ZIP), LOAD_ZIP_IDS (JSON array of statement ids).
 */
const base = process.env.LOAD_URL ?? '';
const jobId = process.env.LOAD_JOB ?? '';
const streamTokens = JSON.parse(process.env.LOAD_STREAM_TOKENS ?? '[]') as string[];
const zipTokens = JSON.parse(process.env.LOAD_ZIP_TOKENS ?? '[]') as string[];
const zipIds = JSON.parse(process.env.LOAD_ZIP_IDS ?? '[]') as string[];
const TIMEOUT_MS = Number(process.env.LOAD_TIMEOUT_MS ?? 300_000);

interface Outcome {
  status: number;
  bytes: number;
  ms: number;
  /** Streams: ended with a final event. */
  complete: boolean;
}

/** Reads a body to its end; counts its bytes and whether a final `completed` event went by. */
async function drain(res: Response): Promise<{ bytes: number; completed: boolean }> {
  let bytes = 0;
  let completed = false;
  let carry = '';
  const decoder = new TextDecoder();
  const reader = res.body?.getReader();
  if (!reader) return { bytes, completed };
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    bytes += value.byteLength;
    if (!completed) {
      const text = carry + decoder.decode(value, { stream: true });
      completed = text.includes('\nevent: completed\n');
      carry = text.slice(-32);
    }
  }
  return { bytes, completed };
}

async function stream(token: string): Promise<Outcome> {
  const t0 = performance.now();
  try {
    const res = await fetch(`${base}/api/statements/jobs/${jobId}/events`, {
      headers: { authorization: `Bearer ${token}`, accept: 'text/event-stream' },
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    const { bytes, completed } = await drain(res);
    return {
      status: res.status,
      bytes,
      ms: performance.now() - t0,
      complete: completed,
    };
  } catch {
    return { status: 0, bytes: 0, ms: performance.now() - t0, complete: false };
  }
}

async function zip(token: string): Promise<Outcome> {
  const t0 = performance.now();
  try {
    const res = await fetch(`${base}/api/statements/pdf-zip`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ ids: zipIds }),
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    const { bytes } = await drain(res);
    return { status: res.status, bytes, ms: performance.now() - t0, complete: res.status === 200 };
  } catch {
    return { status: 0, bytes: 0, ms: performance.now() - t0, complete: false };
  }
}

const [streams, zips] = await Promise.all([
  Promise.all(streamTokens.map(stream)),
  Promise.all(zipTokens.map(zip)),
]);
process.stdout.write(`${JSON.stringify({ streams, zips })}\n`);
