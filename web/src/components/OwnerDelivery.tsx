/**
 * The place on the owner page for sending the owner statement: how "send all" e-mails this owner
 * (one combined e-mail, or one per property — DeliveryPreference) and "Send owner statement",
 * which is "send all final statements" of this period for this owner alone (SendAllDialog): the
 * same rule, so an owner with a draft left is told they are not ready and nothing is sent.
 */
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { OwnerStatementDto } from '../api.js';
import { useAuth } from '../auth.js';
import { useJobs } from '../jobs.js';
import { ownerDetailsQuery } from '../ownerQueries.js';
import { DeliveryPreference } from './DeliveryPreference.js';
import { useNotices } from './Notices.js';
import { SendAllDialog } from './SendAllDialog.js';
import './SendAllPlan.css';

export function OwnerDelivery({ ownerId, statement }: { ownerId: string; statement: OwnerStatementDto }) {
  const { can } = useAuth();
  const { notify } = useNotices();
  const { track } = useJobs();
  // The owner page read it already: the same cached query, no second request.
  const details = useQuery(ownerDetailsQuery(ownerId));
  const [sending, setSending] = useState(false);
  const delivery = details.data?.owner.delivery;
  const name = statement.owner.name || statement.owner.email;
  const unsent = statement.sections.some((s) => s.status === 'final');
  return (
    <>
      {delivery ? (
        <span className="owner-delivery">
          E-mailed as: <DeliveryPreference owner={{ id: ownerId, name, delivery }} />
        </span>
      ) : null}
      {can('statements:edit') ? (
        <button
          type="button"
          disabled={!statement.ready || !unsent}
          title={
            !statement.ready
              ? 'A statement of this period is still a draft: the owner is sent the whole period at once'
              : !unsent
                ? 'Every statement of this period was sent already'
                : undefined
          }
          onClick={() => setSending(true)}
        >
          Send owner statement
        </button>
      ) : null}
      {sending ? (
        <SendAllDialog
          request={{ periodStart: statement.periodStart, periodEnd: statement.periodEnd, ownerId }}
          ownerName={name}
          onClose={() => setSending(false)}
          onJobStarted={(jobId) => track(jobId)}
          onNotice={notify}
        />
      ) : null}
    </>
  );
}
