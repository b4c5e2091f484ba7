/**
 * The statements list: filters, client-side sorting of what is loaded, cursor pagination ("Load
 * more"), and the Generate Statement modal. Its query is invalidated when a background job
 * generates statements (throttled in the jobs context), so new statements appear without a page
 * refresh.
 */
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { type ReactNode, useId, useMemo, useState } from 'react';
import { Link } from 'wouter';
import {
  errorMessage,
  type Owner,
  type Property,
  type StatementSummaryDto,
  type StatementsQuery,
} from '../api.js';
import { useAuth } from '../auth.js';
import { BulkActions } from '../components/BulkActions.js';
import { Combobox } from '../components/Combobox.js';
import { GenerateModal } from '../components/GenerateModal.js';
import { LoadState } from '../components/LoadState.js';
import { useNotices } from '../components/Notices.js';
import { ownerNameMap, ownerOptions, sortProperties } from '../components/pickerOptions.js';
import { RowCheckbox, ShownCheckbox } from '../components/SelectionCheckboxes.js';
import { SendAllDialog } from '../components/SendAllDialog.js';
import { StatusBadge } from '../components/StatusBadge.js';
import { useStatementSelection } from '../components/useStatementSelection.js';
import { formatDateTime, formatMoney, formatPeriod, formatPeriodShort } from '../format.js';
import { useJobs } from '../jobs.js';
import { calculationTypeLabel, STATEMENT_STATUS_LABELS } from '../labels.js';
import { ownersQuery, propertiesQuery, statementsListQuery } from '../queries.js';
import { usePhoneLayout } from '../useMediaQuery.js';
import { useTitle } from '../useTitle.js';
import {
  type Filters,
  NO_FILTERS,
  type Sort,
  type SortKey,
  useDashboardUrlState,
} from './dashboardUrlState.js';

const NO_ROWS: StatementSummaryDto[] = [];
const NO_OWNERS: Owner[] = [];
const NO_PROPERTIES: Property[] = [];

function compare(
  a: StatementSummaryDto,
  b: StatementSummaryDto,
  key: SortKey,
  owners: Map<string, string>,
): number {
  switch (key) {
    case 'period':
      return a.periodStart.localeCompare(b.periodStart) || a.periodEnd.localeCompare(b.periodEnd);
    case 'property':
      return (a.propertyName ?? a.propertyId).localeCompare(b.propertyName ?? b.propertyId);
    case 'owner':
      return (owners.get(a.ownerId ?? '') ?? '').localeCompare(owners.get(b.ownerId ?? '') ?? '');
    case 'status':
      return a.status.localeCompare(b.status);
    case 'netPayout':
      return a.totals.netPayout - b.totals.netPayout;
  }
}

/** The phone layout has no column headers to click: the same sorts, from one select. */
const SORT_CHOICES: Array<{ value: string; label: string; sort: Sort | null }> = [
  { value: '', label: 'As loaded', sort: null },
  { value: 'period-d', label: 'Period, newest first', sort: { key: 'period', direction: 'descending' } },
  { value: 'property-a', label: 'Property, A–Z', sort: { key: 'property', direction: 'ascending' } },
  { value: 'owner-a', label: 'Owner, A–Z', sort: { key: 'owner', direction: 'ascending' } },
  { value: 'status-a', label: 'Status', sort: { key: 'status', direction: 'ascending' } },
  { value: 'net-d', label: 'Net payout, largest first', sort: { key: 'netPayout', direction: 'descending' } },
  { value: 'net-a', label: 'Net payout, smallest first', sort: { key: 'netPayout', direction: 'ascending' } },
];

const sortChoiceOf = (sort: Sort | null) =>
  SORT_CHOICES.find((c) => c.sort?.key === sort?.key && c.sort?.direction === sort?.direction)?.value ?? '';

/** One statement as a card (phones): what it is, then its money, the net payout largest. */
function StatementCard({
  statement: s,
  ownerName,
  select,
}: {
  statement: StatementSummaryDto;
  ownerName: string;
  /** The card's selection checkbox. */
  select?: ReactNode;
}) {
  const money = (cents: number) => formatMoney(cents, s.currency);
  return (
    <li className="statement-card">
      <p className="statement-card-head">
        {select}
        <Link href={`/statements/${s.id}`}>{s.propertyName ?? s.propertyId}</Link>
        <StatusBadge status={s.status} />
      </p>
      <p className="line-stay">
        {ownerName} ·{' '}
        <span title={formatPeriod(s.periodStart, s.periodEnd)}>
          {formatPeriodShort(s.periodStart, s.periodEnd)}
        </span>{' '}
        · {calculationTypeLabel(s.calculationType, 'short')} · {s.lineCount} line
        {s.lineCount === 1 ? '' : 's'}
      </p>
      <dl className="money-grid">
        <div>
          <dt>Gross revenue</dt>
          <dd>{money(s.totals.grossRevenue)}</dd>
        </div>
        <div>
          <dt>Owner payout</dt>
          <dd>{money(s.totals.ownerPayout)}</dd>
        </div>
        <div className="money-grid-total">
          <dt>Net payout</dt>
          <dd>{money(s.totals.netPayout)}</dd>
        </div>
      </dl>
    </li>
  );
}

function SortHeader({
  label,
  sortKey,
  sort,
  onSort,
  numeric,
}: {
  label: string;
  sortKey: SortKey;
  sort: Sort | null;
  onSort: (key: SortKey) => void;
  numeric?: boolean;
}) {
  const active = sort?.key === sortKey;
  const arrow = active ? (sort.direction === 'ascending' ? ' ▲' : ' ▼') : '';
  return (
    <th scope="col" aria-sort={active ? sort.direction : 'none'} className={numeric ? 'num' : undefined}>
      <button type="button" className="sort-button" onClick={() => onSort(sortKey)}>
        {label}
        <span aria-hidden="true">{arrow}</span>
      </button>
    </th>
  );
}

export function DashboardPage() {
  useTitle('Statements');
  const id = useId();
  const { can } = useAuth();
  const { notify } = useNotices();
  const { track } = useJobs();
  const { filters, setFilters, sort, setSort } = useDashboardUrlState();
  const [modalOpen, setModalOpen] = useState(false);
  const [sendAllOpen, setSendAllOpen] = useState(false);
  const phone = usePhoneLayout();

  const query = useMemo<StatementsQuery>(
    () => ({
      periodStart: filters.periodStart || undefined,
      periodEnd: filters.periodEnd || undefined,
      ownerId: filters.ownerId || undefined,
      propertyId: filters.propertyId || undefined,
      status: filters.status || undefined,
    }),
    [filters],
  );

  const list = useInfiniteQuery(statementsListQuery(query));
  const rows = list.data?.rows ?? NO_ROWS;
  const nextCursor = list.data?.nextCursor ?? null;
  /** How many match the filters in all (the first page says). */
  const total = list.data?.total ?? null;
  // A failed re-read keeps the rows on screen, with the error above them until one succeeds.
  const status = list.data ? 'ready' : list.isError && !list.isFetching ? 'error' : 'loading';
  const error = list.error && status !== 'loading' ? errorMessage(list.error) : null;
  const loadingMore = list.isFetchingNextPage;
  const loadMore = () => list.fetchNextPage();
  // Names only decorate the table and fill the pickers; ids still show when they fail.
  const owners = useQuery(ownersQuery()).data?.owners ?? NO_OWNERS;
  const properties =
    useQuery(propertiesQuery(filters.ownerId || undefined)).data?.properties ?? NO_PROPERTIES;

  const ownerNames = useMemo(() => ownerNameMap(owners), [owners]);

  const sorted = useMemo(() => {
    if (!sort) return rows;
    const factor = sort.direction === 'ascending' ? 1 : -1;
    return [...rows].sort((a, b) => factor * compare(a, b, sort.key, ownerNames));
  }, [rows, sort, ownerNames]);

  const shownIds = useMemo(() => sorted.map((s) => s.id), [sorted]);
  const selection = useStatementSelection(shownIds, total, JSON.stringify(query));
  const rowLabel = (s: StatementSummaryDto) =>
    `${s.propertyName ?? s.propertyId}, ${formatPeriodShort(s.periodStart, s.periodEnd)}`;

  function onSort(key: SortKey) {
    setSort((s) =>
      s?.key === key
        ? { key, direction: s.direction === 'ascending' ? 'descending' : 'ascending' }
        : { key, direction: key === 'netPayout' || key === 'period' ? 'descending' : 'ascending' },
    );
  }

  function setFilter<K extends keyof Filters>(key: K, value: Filters[K]) {
    setFilters((f) => ({ ...f, [key]: value, ...(key === 'ownerId' ? { propertyId: '' } : {}) }));
  }

  const filtered = Object.values(filters).some((v) => v !== '');
  const ownerOf = (s: StatementSummaryDto) => (s.ownerId ? (ownerNames.get(s.ownerId) ?? s.ownerId) : '—');

  return (
    <>
      <div className="page-head">
        <h1>Statements</h1>
        <a className="button-link" href={exportUrl(query)} download>
          Export CSV
        </a>
        {can('statements:edit') ? (
          <button
            type="button"
            onClick={() => setSendAllOpen(true)}
            disabled={!filters.periodStart || !filters.periodEnd}
            title={
              filters.periodStart && filters.periodEnd
                ? 'E-mail every final statement of exactly this period to its owner'
                : 'Set "Period from" and "Period to" to the period to send'
            }
          >
            Send all final statements
          </button>
        ) : null}
        {can('statements:generate') ? (
          <button type="button" className="button-primary" onClick={() => setModalOpen(true)}>
            Generate Statement
          </button>
        ) : null}
      </div>

      <fieldset className="filters">
        <legend>Filters</legend>
        <div className="field">
          <label htmlFor={`${id}-from`}>Period from</label>
          <input
            id={`${id}-from`}
            type="date"
            value={filters.periodStart}
            onChange={(e) => setFilter('periodStart', e.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor={`${id}-to`}>Period to</label>
          <input
            id={`${id}-to`}
            type="date"
            value={filters.periodEnd}
            onChange={(e) => setFilter('periodEnd', e.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor={`${id}-owner`}>Filter by owner</label>
          <Combobox
            id={`${id}-owner`}
            label="Owners"
            options={ownerOptions(owners)}
            value={filters.ownerId}
            emptyLabel="All owners"
            onChange={(value) => setFilter('ownerId', value)}
          />
          {filters.ownerId ? (
            <Link href={`/owners/${encodeURIComponent(filters.ownerId)}`} className="hint">
              Open the owner page
            </Link>
          ) : null}
        </div>
        <div className="field">
          <label htmlFor={`${id}-property`}>Filter by property</label>
          <select
            id={`${id}-property`}
            value={filters.propertyId}
            onChange={(e) => setFilter('propertyId', e.target.value)}
          >
            <option value="">All properties</option>
            {sortProperties(properties).map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-status`}>Filter by status</label>
          <select
            id={`${id}-status`}
            value={filters.status}
            onChange={(e) => setFilter('status', e.target.value as Filters['status'])}
          >
            <option value="">Any status</option>
            <option value="draft">{STATEMENT_STATUS_LABELS.draft}</option>
            <option value="final">{STATEMENT_STATUS_LABELS.final}</option>
            <option value="sent">{STATEMENT_STATUS_LABELS.sent}</option>
          </select>
        </div>
        {filtered ? (
          <button type="button" className="button-small filters-clear" onClick={() => setFilters(NO_FILTERS)}>
            Clear filters
          </button>
        ) : null}
      </fieldset>

      <LoadState
        loading={status === 'loading'}
        error={error}
        what="statements"
        onRetry={() => void list.refetch()}
      />
      <BulkActions selection={selection} filter={query} total={total} canEdit={can('statements:edit')} />
      {status === 'ready' && rows.length === 0 ? (
        <p className="empty">
          {filtered ? 'No statements match these filters.' : 'No statements yet.'}
          {can('statements:generate') ? ' Use "Generate Statement" to create some.' : ''}
        </p>
      ) : null}

      {status === 'ready' && rows.length > 0 ? (
        <>
          {phone ? (
            <>
              <div className="field card-sort">
                <label htmlFor={`${id}-sort`}>Sort by</label>
                <select
                  id={`${id}-sort`}
                  value={sortChoiceOf(sort)}
                  onChange={(e) =>
                    setSort(SORT_CHOICES.find((c) => c.value === e.target.value)?.sort ?? null)
                  }
                >
                  {SORT_CHOICES.map((c) => (
                    <option key={c.value} value={c.value}>
                      {c.label}
                    </option>
                  ))}
                </select>
              </div>
              <div className="check-line">
                <ShownCheckbox selection={selection} id={`${id}-select-shown`} />
                <label htmlFor={`${id}-select-shown`}>Select all shown</label>
              </div>
              <ul aria-label="Statements" className="card-list">
                {sorted.map((s) => (
                  <StatementCard
                    key={s.id}
                    statement={s}
                    ownerName={ownerOf(s)}
                    select={<RowCheckbox selection={selection} id={s.id} label={rowLabel(s)} />}
                  />
                ))}
              </ul>
            </>
          ) : (
            <div className="table-wrap">
              <table aria-label="Statements" className="statements-table sticky-first selectable">
                <thead>
                  <tr>
                    <th scope="col" className="select-cell">
                      <ShownCheckbox selection={selection} />
                    </th>
                    <SortHeader label="Property" sortKey="property" sort={sort} onSort={onSort} />
                    <SortHeader label="Owner" sortKey="owner" sort={sort} onSort={onSort} />
                    <SortHeader label="Period" sortKey="period" sort={sort} onSort={onSort} />
                    <th scope="col">Type</th>
                    <SortHeader label="Status" sortKey="status" sort={sort} onSort={onSort} />
                    <th scope="col" className="num">
                      Lines
                    </th>
                    <th scope="col" className="num">
                      Gross revenue
                    </th>
                    <th scope="col" className="num">
                      Owner payout
                    </th>
                    <SortHeader label="Net payout" sortKey="netPayout" sort={sort} onSort={onSort} numeric />
                    <th scope="col">Updated</th>
                  </tr>
                </thead>
                <tbody>
                  {sorted.map((s) => (
                    <tr key={s.id}>
                      <td className="select-cell">
                        <RowCheckbox selection={selection} id={s.id} label={rowLabel(s)} />
                      </td>
                      <td>
                        <Link href={`/statements/${s.id}`}>{s.propertyName ?? s.propertyId}</Link>
                      </td>
                      <td>
                        {s.ownerId ? (
                          <Link href={`/owners/${encodeURIComponent(s.ownerId)}`}>{ownerOf(s)}</Link>
                        ) : (
                          '—'
                        )}
                      </td>
                      <td className="nowrap" title={formatPeriod(s.periodStart, s.periodEnd)}>
                        {formatPeriodShort(s.periodStart, s.periodEnd)}
                      </td>
                      <td title={calculationTypeLabel(s.calculationType)}>
                        {calculationTypeLabel(s.calculationType, 'short')}
                      </td>
                      <td>
                        <StatusBadge status={s.status} />
                      </td>
                      <td className="num">{s.lineCount}</td>
                      <td className="num">{formatMoney(s.totals.grossRevenue, s.currency)}</td>
                      <td className="num">{formatMoney(s.totals.ownerPayout, s.currency)}</td>
                      <td className="num strong">{formatMoney(s.totals.netPayout, s.currency)}</td>
                      <td className="updated">{formatDateTime(s.updatedAt)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          <p className="table-foot">
            {total !== null && total > rows.length ? `${rows.length} of ${total}` : rows.length} statement
            {(total ?? rows.length) === 1 ? '' : 's'} shown
            {sort ? ' (sorting applies to the loaded rows)' : ''}
            {nextCursor ? (
              <button type="button" onClick={() => void loadMore()} disabled={loadingMore}>
                {loadingMore ? 'Loading...' : 'Load more'}
              </button>
            ) : null}
          </p>
        </>
      ) : null}

      {sendAllOpen ? (
        <SendAllDialog
          request={{
            periodStart: filters.periodStart,
            periodEnd: filters.periodEnd,
            ...(filters.ownerId ? { ownerId: filters.ownerId } : {}),
          }}
          ownerName={ownerNames.get(filters.ownerId)}
          onClose={() => setSendAllOpen(false)}
          onJobStarted={(jobId) => track(jobId)}
          onNotice={notify}
        />
      ) : null}
      {modalOpen ? (
        <GenerateModal
          onClose={() => setModalOpen(false)}
          onNotice={notify}
          onJobStarted={(jobId) => track(jobId)}
          initialOwnerId={filters.ownerId || undefined}
        />
      ) : null}
    </>
  );
}

/** The CSV export of what the filters select (the same filters as the list). */
function exportUrl(query: StatementsQuery): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value) params.set(key, String(value));
  const qs = params.toString();
  return `/api/statements/export.csv${qs ? `?${qs}` : ''}`;
}
