/** A minimal Server-Sent Events reader over fetch, for tests: collects events until the stream ends. */
export interface SseEvent {
  id: string | undefined;
  event: string;
  // biome-ignore lint/suspicious/noExplicitAny: tests read arbitrary JSON
  data: any;
}

export async function readSse(
  url: string,
  options: {
    headers?: Record<string, string>;
    timeoutMs?: number;
    onEvent?: (e: SseEvent) => void;
    /** Closes the connection (the promise then rejects with the abort). */
    signal?: AbortSignal;
  } = {},
): Promise<{ status: number; contentType: string | null; events: SseEvent[] }> {
  const timeout = AbortSignal.timeout(options.timeoutMs ?? 60_000);
  const res = await fetch(url, {
    headers: { accept: 'text/event-stream', ...options.headers },
    signal: options.signal ? AbortSignal.any([options.signal, timeout]) : timeout,
  });
  const events: SseEvent[] = [];
  if (!res.body || !res.headers.get('content-type')?.startsWith('text/event-stream')) {
    await res.text();
    return { status: res.status, contentType: res.headers.get('content-type'), events };
  }
  const decoder = new TextDecoder();
  let buffer = '';
  const reader = res.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    buffer += decoder.decode(value, { stream: true });
    let cut = buffer.indexOf('\n\n');
    while (cut >= 0) {
      const block = buffer.slice(0, cut);
      buffer = buffer.slice(cut + 2);
      cut = buffer.indexOf('\n\n');
      let id: string | undefined;
      let event = 'message';
      const data: string[] = [];
      for (const line of block.split('\n')) {
        if (line.startsWith('id: ')) id = line.slice(4);
        else if (line.startsWith('event: ')) event = line.slice(7);
        else if (line.startsWith('data: ')) data.push(line.slice(6));
      }
      if (data.length === 0) continue; // comments, retry hints
      const parsed: SseEvent = { id, event, data: JSON.parse(data.join('\n')) };
      events.push(parsed);
      options.onEvent?.(parsed);
    }
  }
  return { status: res.status, contentType: res.headers.get('content-type'), events };
}
