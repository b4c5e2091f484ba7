/**
 * Counts the open event streams, per user and for the process, so a script (or a tab left open
 * many times) cannot hold every socket and the memory behind them. A slot is taken before the
 * stream starts and given back exactly once when it ends, whichever way it ends.
 */
export interface StreamLimits {
  /** Open streams one user may hold at once. */
  perUser: number;
  /** Open streams this process serves at once, for all users. */
  total: number;
}

export const DEFAULT_STREAM_LIMITS: StreamLimits = { perUser: 10, total: 500 };

export type StreamSlotRefusal = { refused: 'user' | 'process'; limit: number };

export class StreamSlots {
  private readonly byUser = new Map<string, number>();
  private open = 0;

  constructor(readonly limits: StreamLimits = DEFAULT_STREAM_LIMITS) {}

  /** A release function when a slot is free, else which limit refused it. */
  acquire(userId: string): { release: () => void } | StreamSlotRefusal {
    const mine = this.byUser.get(userId) ?? 0;
    if (mine >= this.limits.perUser) return { refused: 'user', limit: this.limits.perUser };
    if (this.open >= this.limits.total) return { refused: 'process', limit: this.limits.total };
    this.byUser.set(userId, mine + 1);
    this.open++;
    let released = false;
    return {
      release: () => {
        if (released) return;
        released = true;
        this.open--;
        const left = (this.byUser.get(userId) ?? 1) - 1;
        if (left <= 0) this.byUser.delete(userId);
        else this.byUser.set(userId, left);
      },
    };
  }

  /** Open streams, in all or of one user (for tests and metrics). */
  count(userId?: string): number {
    return userId === undefined ? this.open : (this.byUser.get(userId) ?? 0);
  }
}
