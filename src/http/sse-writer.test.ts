/** SseWriter over a real HTTP connection whose client stops reading. */
import { createServer, type ServerResponse } from 'node:http';
import { connect, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { pollUntil } from '../../test/helpers/wait.js';
import { SseWriter, sseEvent } from './sse-writer.js';

let cleanup: Array<() => void> = [];
afterEach(() => {
  for (const c of cleanup) c();
  cleanup = [];
});

/** A server response and a raw client socket that reads nothing until resumed. */
async function stalledConnection(): Promise<{ res: ServerResponse; client: Socket }> {
  let captured: ServerResponse | undefined;
  const server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/event-stream' });
    captured = res;
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  const client = connect(port, '127.0.0.1');
  client.pause();
  client.write('GET / HTTP/1.1\r\nHost: x\r\n\r\n');
  const res = await pollUntil(async () => captured, 'the request', 5000);
  cleanup.push(() => {
    client.destroy();
    server.closeAllConnections();
    server.close();
  });
  return { res, client };
}

const chunk = `${'x'.repeat(64 * 1024)}\n`;

describe('SseWriter', () => {
  it('push reports a client that stopped reading once its buffer passes the cap', async () => {
    const { res } = await stalledConnection();
    const writer = new SseWriter(res, 256 * 1024);
    let pushes = 0;
    // The kernel's buffers take some first; a stalled client is found within 64 MiB.
    while (writer.push(chunk)) {
      pushes++;
      if (pushes > 1024) throw new Error('the cap was never reached');
      await new Promise((r) => setImmediate(r));
    }
    expect(res.writableLength).toBeGreaterThan(256 * 1024);
  });

  it('write says when the buffer is full, and drained() waits until the client reads again', async () => {
    const { res, client } = await stalledConnection();
    const writer = new SseWriter(res);
    expect(writer.write(chunk)).toBe(false); // more than the 16 KiB high-water mark
    // Fill the kernel's buffers too (16 MiB is more than they hold for a client that reads
    // nothing), so that only the client reading can drain it.
    while (res.writableLength < 16 * 1024 * 1024) {
      writer.write(chunk);
      await new Promise((r) => setImmediate(r));
    }
    let drained = false;
    const waiting = writer.drained().then(() => {
      drained = true;
    });
    await new Promise((r) => setImmediate(r));
    expect(drained).toBe(false);
    client.on('data', () => undefined);
    client.resume();
    await waiting;
    expect(drained).toBe(true);
    expect(res.writableNeedDrain).toBe(false);
  });

  it('drained() resolves when the client goes away, and writing after that is a no-op', async () => {
    const { res, client } = await stalledConnection();
    const writer = new SseWriter(res);
    while (writer.write(chunk)) await new Promise((r) => setImmediate(r));
    const waiting = writer.drained();
    client.destroy();
    await waiting;
    await pollUntil(async () => (writer.closed ? true : undefined), 'the response to close', 5000);
    expect(writer.write(sseEvent('item', 1, {}))).toBe(false);
    expect(writer.push(sseEvent('item', 1, {}))).toBe(true);
  });
});

describe('sseEvent', () => {
  it('writes an id line only when given one (an event without keeps the client’s last event id)', () => {
    expect(sseEvent('item', 7, { seq: 7 })).toBe('id: 7\nevent: item\ndata: {"seq":7}\n\n');
    expect(sseEvent('progress', undefined, { progress: 7 })).toBe(
      'event: progress\ndata: {"progress":7}\n\n',
    );
  });
});
