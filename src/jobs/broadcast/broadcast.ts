/**
 * Messages between the processes of one installation (job events, cancellations): a thin port over
 * Redis pub/sub or PostgreSQL LISTEN/NOTIFY. Delivery is at most once and only to processes that
 * are subscribed at the time; the store stays the source of truth, so a missed message costs
 * latency (an open SSE stream re-checks its job in the store at each keep-alive; a worker re-reads
 * the job's status before each item), never data.
 */
export type MessageHandler = (message: string) => void;

export interface Broadcast {
  /** `Redis` or `PostgreSQL`, for log lines and readiness checks. */
  readonly label: string;
  /** Sends to every process subscribed to `channel`, this one included. */
  publish(channel: string, message: string): Promise<void>;
  /** Resolves once the subscription is active, so nothing published afterwards is missed. */
  subscribe(channel: string, handler: MessageHandler): Promise<void>;
  /** Resolves when the server answers (readiness). */
  ping(): Promise<void>;
  close(): Promise<void>;
}
