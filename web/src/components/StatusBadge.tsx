import { statusLabel } from '../labels.js';

/** A statement's or job's status in words (the text itself carries the meaning, not the colour). */
export function StatusBadge({ status }: { status: string }) {
  return <span className={`badge badge-${status}`}>{statusLabel(status)}</span>;
}
