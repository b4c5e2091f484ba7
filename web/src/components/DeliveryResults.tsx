/**
 * A "send all" job's outcome, owner by owner: who was e-mailed (a combined owner's one e-mail
 * with the statements in its PDF; a per-property owner's e-mails), who was skipped and why (an
 * owner not ready, with the draft properties that held them back), and the errors with their
 * next step. Each statement links to its page.
 */
import { Link } from 'wouter';
import type { JobDto } from '../api.js';
import { plural } from '../plural.js';
import { JobErrorCells } from './JobErrors.js';
import './SendAllPlan.css';

type JobResult = NonNullable<JobDto['result']>;
type Entry = JobResult['results']['generated'][number] &
  Partial<Pick<JobResult['results']['skipped'][number], 'reason'>> &
  Partial<Pick<JobResult['results']['errors'][number], 'code' | 'error'>>;
type Covered = NonNullable<Entry['statements']>[number];

const SKIP_REASONS: Record<string, string> = {
  not_ready: 'drafts left in the period: nothing of this owner is sent until every statement is final',
  already_sent: 'sent already (meanwhile, or by an earlier run); a resend is a single explicit action',
  not_final: 'it went back to draft before it was sent',
  not_found: 'the statement was deleted before it was sent',
};
export const deliverySkipReason = (reason: string) =>
  SKIP_REASONS[reason] ? `${reason} — ${SKIP_REASONS[reason]}` : reason;

/** One line per owner: a combined owner's e-mail, or a per-property owner's e-mails together. */
interface OwnerLine {
  key: string;
  owner: string;
  entries: Entry[];
  statements: Covered[];
  combined: boolean;
}

function ownerLines(entries: readonly Entry[], nameOf: (ownerId: string | null) => string): OwnerLine[] {
  const lines = new Map<string, OwnerLine>();
  for (const e of entries) {
    const combined = e.mail === 'owner';
    const key = combined ? e.propertyId : `statements:${e.ownerId ?? e.propertyId}`;
    const line = lines.get(key) ?? {
      key,
      owner: e.ownerName ?? (combined ? e.propertyName : nameOf(e.ownerId)),
      entries: [],
      statements: [],
      combined,
    };
    line.entries.push(e);
    line.statements.push(
      ...(e.statements ??
        (e.statementId
          ? [
              {
                statementId: e.statementId,
                propertyId: e.propertyId,
                propertyName: e.propertyName,
                status: 'final' as const,
              },
            ]
          : [])),
    );
    lines.set(key, line);
  }
  return [...lines.values()];
}

const STATUS_NOTE: Record<Covered['status'], string> = {
  draft: ' (draft)',
  final: '',
  sent: ' (sent before)',
};

function Statements({ statements }: { statements: readonly Covered[] }) {
  if (statements.length === 0) return <>—</>;
  return (
    <ul className="delivery-statements">
      {statements.map((s) => (
        <li key={s.statementId}>
          <Link href={`/statements/${s.statementId}`}>{s.propertyName ?? s.propertyId}</Link>
          {STATUS_NOTE[s.status]}
        </li>
      ))}
    </ul>
  );
}

const mailWords = (line: OwnerLine) =>
  line.combined
    ? `One e-mail, ${plural(line.statements.length, 'statement')} in one PDF`
    : `${plural(line.entries.length, 'e-mail')}, one per property`;

function Section({
  title,
  id,
  entries,
  nameOf,
  outcome,
}: {
  title: string;
  id: string;
  entries: readonly Entry[] | null;
  nameOf: (ownerId: string | null) => string;
  outcome?: 'skipped' | 'errors';
}) {
  const lines = entries ? ownerLines(entries, nameOf) : [];
  return (
    <section aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {!entries ? (
        <p className="hint">Listed when the job ends.</p>
      ) : lines.length === 0 ? (
        <p className="empty">None.</p>
      ) : (
        <div className="table-wrap">
          <table aria-label={title}>
            <thead>
              <tr>
                <th scope="col">Owner</th>
                <th scope="col">E-mail</th>
                <th scope="col">Statements</th>
                {outcome === 'skipped' ? <th scope="col">Reason</th> : null}
                {outcome === 'errors' ? (
                  <>
                    <th scope="col">What happened</th>
                    <th scope="col">Next step</th>
                  </>
                ) : null}
              </tr>
            </thead>
            <tbody>
              {lines.flatMap((line) =>
                // A per-property owner's skipped or failed e-mails each have their own reason.
                outcome && !line.combined && line.entries.length > 1
                  ? line.entries.map((e) => (
                      <Row
                        key={`${line.key}:${e.propertyId}`}
                        line={{ ...line, entries: [e], statements: e.statements ?? [] }}
                        outcome={outcome}
                      />
                    ))
                  : [<Row key={line.key} line={line} outcome={outcome} />],
              )}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function Row({ line, outcome }: { line: OwnerLine; outcome?: 'skipped' | 'errors' | undefined }) {
  const first = line.entries[0];
  return (
    <tr>
      <td>{line.owner}</td>
      <td>{mailWords(line)}</td>
      <td>
        <Statements statements={line.statements} />
      </td>
      {outcome === 'skipped' ? <td>{deliverySkipReason(first?.reason ?? 'unknown')}</td> : null}
      {outcome === 'errors' ? (
        <JobErrorCells code={first?.code ?? null} message={first?.error ?? ''} />
      ) : null}
    </tr>
  );
}

export function DeliveryResults({
  result,
  nameOf,
}: {
  result: JobResult | null;
  nameOf: (ownerId: string | null) => string;
}) {
  const r = result?.results;
  return (
    <>
      <Section title="Sent" id="generated-heading" entries={r?.generated ?? null} nameOf={nameOf} />
      <Section
        title="Skipped"
        id="skipped-heading"
        entries={
          r?.skipped.map((s) => ({ ...s, ownerId: s.ownerId ?? null, statementId: s.statementId ?? null })) ??
          null
        }
        nameOf={nameOf}
        outcome="skipped"
      />
      <Section
        title="Errors"
        id="errors-heading"
        entries={
          r?.errors.map((e) => ({ ...e, ownerId: e.ownerId ?? null, statementId: e.statementId ?? null })) ??
          null
        }
        nameOf={nameOf}
        outcome="errors"
      />
    </>
  );
}
