/**
 * One owner: who they are, the owner statement of a period (the period in the URL, else the
 * latest one the owner has statements of), their statements by period and the properties they
 * own with their settings. A manager pays owners, not properties: this is where one owner's
 * month is seen whole, while each property's statement stays what is generated and finalized.
 */
import { useQuery } from '@tanstack/react-query';
import { useCallback, useMemo, useState } from 'react';
import { Link } from 'wouter';
import { errorMessage, type OwnerPeriod } from '../api.js';
import { LoadState } from '../components/LoadState.js';
import { OwnerPeriodPicker } from '../components/OwnerPeriodPicker.js';
import { OwnerPeriodsTable } from '../components/OwnerPeriodsTable.js';
import { OwnerPropertiesTable } from '../components/OwnerPropertiesTable.js';
import { OwnerStatementView } from '../components/OwnerStatementView.js';
import { monthRange } from '../format.js';
import { ownerDetailsQuery } from '../ownerQueries.js';
import { useUrlParams } from '../urlState.js';
import { useTitle } from '../useTitle.js';
import './OwnerPage.css';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The period in the URL, when it names one. */
function urlPeriod(params: URLSearchParams): OwnerPeriod | null {
  const periodStart = params.get('periodStart') ?? '';
  const periodEnd = params.get('periodEnd') ?? '';
  return ISO_DATE.test(periodStart) && ISO_DATE.test(periodEnd) ? { periodStart, periodEnd } : null;
}

export function OwnerPage({ id }: { id: string }) {
  const details = useQuery(ownerDetailsQuery(id));
  const [params, setParams] = useUrlParams();
  /** Remounts the picker when a period is picked elsewhere (the table), so it shows that one. */
  const [pickerKey, setPickerKey] = useState(0);
  const data = details.data;
  const name = data ? data.owner.name || data.owner.email : '';
  useTitle(name || 'Owner');

  const periods = useMemo<OwnerPeriod[]>(
    () => data?.periods.map(({ periodStart, periodEnd }) => ({ periodStart, periodEnd })) ?? [],
    [data],
  );
  // The latest period with statements unless the URL names one; without any, last month.
  const month = monthRange(-1);
  const period: OwnerPeriod | null =
    urlPeriod(params) ?? (data ? (periods[0] ?? { periodStart: month.start, periodEnd: month.end }) : null);

  const choose = useCallback(
    (p: OwnerPeriod) => setParams({ periodStart: p.periodStart, periodEnd: p.periodEnd }),
    [setParams],
  );

  if (!data) {
    return (
      <>
        <p className="breadcrumb">
          <Link href="/">Statements</Link> / Owner
        </p>
        <h1>Owner</h1>
        <LoadState
          loading={details.isPending}
          error={details.error ? errorMessage(details.error) : null}
          what="the owner"
          onRetry={() => void details.refetch()}
        />
      </>
    );
  }

  return (
    <div className="owner-page">
      <p className="breadcrumb">
        <Link href="/">Statements</Link> / {name}
      </p>
      <div className="page-head">
        <div>
          <h1>{name}</h1>
          <p className="statement-meta">
            {data.owner.name && data.owner.email ? <span>{data.owner.email}</span> : null}
            <span>Owner {data.owner.id}</span>
            {data.owner.isActive ? null : (
              <span className="badge badge-none">No longer an owner in Hostify</span>
            )}
          </p>
        </div>
      </div>

      {period ? (
        <>
          <OwnerPeriodPicker key={pickerKey} periods={periods} value={period} onChange={choose} />
          <OwnerStatementView ownerId={id} period={period} />
        </>
      ) : null}

      <section aria-labelledby="owner-periods-heading">
        <h2 id="owner-periods-heading">Statements by period</h2>
        <OwnerPeriodsTable
          details={data}
          selected={period}
          onSelect={(p) => {
            choose(p);
            setPickerKey((k) => k + 1);
          }}
        />
      </section>

      <section aria-labelledby="owner-properties-heading">
        <h2 id="owner-properties-heading">Properties ({data.properties.length})</h2>
        <OwnerPropertiesTable properties={data.properties} />
      </section>
    </div>
  );
}
