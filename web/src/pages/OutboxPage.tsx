/**
 * The demo outbox: without SMTP_URL the server writes each e-mail as an .eml file into
 * DATA_DIR/outbox instead of sending it. Newest first; opening one shows its text and attachments.
 */
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { errorMessage } from '../api.js';
import { LoadState } from '../components/LoadState.js';
import { formatDateTime } from '../format.js';
import { outboxMailQuery, outboxQuery } from '../queries.js';
import { useTitle } from '../useTitle.js';

export function OutboxPage() {
  useTitle('Outbox');
  const list = useQuery(outboxQuery());
  const { data } = list;
  const loading = list.isPending;
  const error = list.error ? errorMessage(list.error) : null;
  const [openId, setOpenId] = useState<string | null>(null);
  const mail = useQuery({ ...outboxMailQuery(openId ?? ''), enabled: openId !== null });
  const open = mail.data ?? null;
  const readError = mail.error ? errorMessage(mail.error) : null;

  return (
    <>
      <div className="page-head">
        <h1>Outbox</h1>
        <button type="button" className="button-small" onClick={() => void list.refetch()}>
          Refresh
        </button>
      </div>
      {data && !data.active ? (
        <p className="hint">
          E-mail goes out over SMTP (SMTP_URL is set), so nothing new lands here; these are older mails.
        </p>
      ) : (
        <p className="hint">
          Demo mode: no SMTP_URL is set, so e-mails are written here (DATA_DIR/outbox) instead of sent.
        </p>
      )}
      <LoadState loading={loading} error={error} what="the outbox" />
      {data && data.mails.length === 0 ? <p className="empty">No e-mails yet.</p> : null}
      {data && data.mails.length > 0 ? (
        <div className="table-wrap">
          <table aria-label="Outbox">
            <thead>
              <tr>
                <th scope="col">Date</th>
                <th scope="col">To</th>
                <th scope="col">Subject</th>
              </tr>
            </thead>
            <tbody>
              {data.mails.map((m) => (
                <tr key={m.id} aria-selected={open?.id === m.id}>
                  <td className="nowrap">{formatDateTime(m.date)}</td>
                  <td>{m.to ?? '—'}</td>
                  <td>
                    <button type="button" className="link-button" onClick={() => setOpenId(m.id)}>
                      {m.subject ?? '(no subject)'}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {readError ? (
        <p role="alert" className="form-error">
          Could not open the e-mail: {readError}
        </p>
      ) : null}
      {open ? (
        <section aria-labelledby="mail-heading" className="mail">
          <h2 id="mail-heading">{open.subject ?? '(no subject)'}</h2>
          <dl className="facts">
            <dt>From</dt>
            <dd>{open.from ?? '—'}</dd>
            <dt>To</dt>
            <dd>{open.to ?? '—'}</dd>
            <dt>Date</dt>
            <dd>{formatDateTime(open.date)}</dd>
            <dt>Attachments</dt>
            <dd>{open.attachments.length ? open.attachments.map((a) => a.filename).join(', ') : 'none'}</dd>
          </dl>
          <pre className="mail-text">{open.text}</pre>
        </section>
      ) : null}
    </>
  );
}
