/**
 * Reading a server process's pino log (JSON lines) in a benchmark: the job's own log lines carry
 * the server's timestamps (`time`, ISO or epoch ms), which line up with the benchmark's Date.now() and
 * the simulator's request log on the same machine.
 */
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';

export interface LogLine {
  /** Epoch ms (the server logs ISO times; they are converted). */
  time: number;
  msg: string;
  jobId?: string;
  [key: string]: unknown;
}

/** The JSON lines of `text` (anything else, e.g. a stack trace, is left out). */
export function parseLogLines(text: string): LogLine[] {
  const lines: LogLine[] = [];
  for (const raw of text.split('\n')) {
    if (!raw.startsWith('{')) continue;
    try {
      const line = JSON.parse(raw) as Omit<LogLine, 'time'> & { time: unknown };
      const time = typeof line.time === 'string' ? Date.parse(line.time) : line.time;
      if (typeof time === 'number' && Number.isFinite(time) && typeof line.msg === 'string')
        lines.push({ ...line, time } as LogLine);
    } catch {
      // a line cut in the middle of being written
    }
  }
  return lines;
}

/**
 * Follows a log file as it grows, reading only what is new (a worker's log can reach megabytes,
 * and the benchmark looks every few milliseconds). Only whole lines are returned.
 */
export class LogFollower {
  private offset = 0;

  constructor(private readonly file: string) {}

  /** The complete lines written since the last call. */
  read(): LogLine[] {
    const fd = openSync(this.file, 'r');
    try {
      const size = fstatSync(fd).size;
      if (size <= this.offset) return [];
      const buffer = Buffer.alloc(size - this.offset);
      const n = readSync(fd, buffer, 0, buffer.length, this.offset);
      // Up to the last newline only: a line being written (or a character cut in two) waits for
      // the next call. A newline byte never occurs inside a multi-byte UTF-8 character.
      const cut = buffer.subarray(0, n).lastIndexOf(0x0a);
      if (cut < 0) return [];
      this.offset += cut + 1;
      return parseLogLines(buffer.subarray(0, cut + 1).toString('utf8'));
    } finally {
      closeSync(fd);
    }
  }
}
