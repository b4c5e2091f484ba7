/**
 * How "send all" e-mails an owner's statements of a period: one combined e-mail with one PDF for
 * all their properties (the default), or one e-mail per property. Editors change it (PUT
 * /api/owners/:id/delivery); others see it. The choice shows at once; a refusal puts it back
 * and says why.
 */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId } from 'react';
import { api, errorMessage, type Owner, type OwnerDeliveryChoice } from '../api.js';
import { useAuth } from '../auth.js';
import { ownerDeliveryChanged } from '../queries.js';
import './SendAllPlan.css';

export const DELIVERY_WORDS: Record<OwnerDeliveryChoice, string> = {
  combined: 'One e-mail for all properties',
  per_property: 'One e-mail per property',
};

export function DeliveryPreference({ owner }: { owner: Pick<Owner, 'id' | 'name' | 'delivery'> }) {
  const id = useId();
  const { can } = useAuth();
  const client = useQueryClient();
  const save = useMutation({
    mutationFn: (delivery: OwnerDeliveryChoice) => api.setOwnerDelivery(owner.id, delivery),
    onSuccess: (updated) => ownerDeliveryChanged(client, updated),
  });
  const value = save.isPending ? save.variables : owner.delivery;
  const label = `Statements e-mailed to ${owner.name || `owner ${owner.id}`}`;
  if (!can('statements:edit')) {
    return <span title={label}>{DELIVERY_WORDS[owner.delivery]}</span>;
  }
  return (
    <span className="delivery-preference">
      <label htmlFor={id} className="visually-hidden">
        {label}
      </label>
      <select
        id={id}
        value={value}
        disabled={save.isPending}
        onChange={(e) => save.mutate(e.target.value as OwnerDeliveryChoice)}
      >
        {(Object.keys(DELIVERY_WORDS) as OwnerDeliveryChoice[]).map((d) => (
          <option key={d} value={d}>
            {DELIVERY_WORDS[d]}
          </option>
        ))}
      </select>
      {save.error ? (
        <span role="alert" className="form-error">
          {errorMessage(save.error)}
        </span>
      ) : null}
    </span>
  );
}
