/**
 * What "send all" will e-mail, owner by owner (the server's preview): each combined owner's one
 * e-mail with the properties in its PDF, each per-property owner's e-mails, and the owners not
 * ready — with the draft properties that hold them back, since an owner is never sent half of a
 * period.
 */
import type { SendAllPreview } from '../api.js';
import { plural } from '../plural.js';
import './SendAllPlan.css';

type PreviewStatement = SendAllPreview['statements'][number];
type Mail = SendAllPreview['mails'][number];

const propertyName = (s: PreviewStatement) => s.propertyName ?? `property ${s.propertyId}`;
const names = (statements: readonly PreviewStatement[]) => statements.map(propertyName).join(', ');

/** One line per owner: a combined owner's one e-mail, or a per-property owner's e-mails together. */
function ownerLines(mails: readonly Mail[]) {
  const lines: Array<{ key: string; owner: string; text: string }> = [];
  const perProperty = new Map<string, { owner: string; statements: PreviewStatement[] }>();
  for (const m of mails) {
    const owner = m.ownerName ?? 'No owner';
    if (m.kind === 'owner') {
      const sent = m.statements.filter((s) => s.status === 'sent');
      const fresh = m.statements.filter((s) => s.status !== 'sent');
      lines.push({
        key: `owner:${m.ownerId}`,
        owner,
        text: `one e-mail, one PDF with ${plural(m.statements.length, 'property', 'properties')}: ${names(fresh)}${
          sent.length > 0 ? ` (and ${names(sent)}, sent before, again for completeness)` : ''
        }`,
      });
    } else {
      const key = m.ownerId ?? 'none';
      const entry = perProperty.get(key) ?? { owner, statements: [] };
      entry.statements.push(...m.statements);
      perProperty.set(key, entry);
    }
  }
  for (const [key, { owner, statements }] of perProperty) {
    lines.push({
      key: `statements:${key}`,
      owner,
      text: `${plural(statements.length, 'e-mail')}, one per property: ${names(statements)}`,
    });
  }
  return lines;
}

export function SendAllPlan({ preview }: { preview: SendAllPreview }) {
  const lines = ownerLines(preview.mails);
  return (
    <div className="send-all-plan">
      {lines.length > 0 ? (
        <ul aria-label="E-mails to send">
          {lines.map((l) => (
            <li key={l.key}>
              <strong>{l.owner}</strong>: {l.text}
            </li>
          ))}
        </ul>
      ) : null}
      {preview.notReady.length > 0 ? (
        <div className="send-all-not-ready">
          <p>
            Not ready — {plural(preview.notReady.length, 'owner')} with draft statements left, sent nothing
            until every statement of the period is final:
          </p>
          <ul aria-label="Owners not ready">
            {preview.notReady.map((o) => (
              <li key={o.ownerId}>
                <strong>{o.ownerName}</strong>: {plural(o.drafts.length, 'draft')} ({names(o.drafts)})
                {o.finals.length > 0 ? `; ${plural(o.finals.length, 'final statement')} waiting` : ''}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {preview.alreadySent.length > 0 ? (
        <p className="hint">
          {plural(preview.alreadySent.length, 'owner was', 'owners were')} sent every statement of the period
          already; a resend is done statement by statement.
        </p>
      ) : null}
    </div>
  );
}
