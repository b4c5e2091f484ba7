/**
 * Hostify's `filters` query parameter: a JSON array of `{field, operator, value}` combined with
 * AND. Parsed once per request into a predicate over wire records.
 *
 * Comparison: numbers (and numeric strings) compare numerically, everything else as strings
 * (ISO dates sort correctly as strings). Like SQL, a null/missing field matches no operator.
 */

export const OPERATORS = ['=', '<>', '<', '>', '<=', '>=', 'in', 'between'] as const;
export type Operator = (typeof OPERATORS)[number];

export interface Filter {
  field: string;
  operator: Operator;
  value: unknown;
}

export class FilterError extends Error {}

export type RecordPredicate = (record: Record<string, unknown>) => boolean;

/** Parses the raw `filters` text; throws FilterError (→ 400) when it is not a valid filter list. */
export function parseFilters(text: string | null): Filter[] {
  if (text === null || text.trim() === '') return [];
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new FilterError('filters is not valid JSON');
  }
  if (!Array.isArray(json)) throw new FilterError('filters must be a JSON array');
  return json.map((f: unknown, i): Filter => {
    if (typeof f !== 'object' || f === null) throw new FilterError(`filters[${i}] must be an object`);
    const { field, operator, value } = f as Record<string, unknown>;
    if (typeof field !== 'string' || field === '')
      throw new FilterError(`filters[${i}].field must be a string`);
    if (!OPERATORS.includes(operator as Operator)) {
      throw new FilterError(`filters[${i}].operator must be one of ${OPERATORS.join(' ')}`);
    }
    const op = operator as Operator;
    if (op === 'in' && !Array.isArray(value))
      throw new FilterError(`filters[${i}].value must be an array for in`);
    if (op === 'between' && !(Array.isArray(value) && value.length === 2)) {
      throw new FilterError(`filters[${i}].value must be [low, high] for between`);
    }
    if (op !== 'in' && op !== 'between' && !isScalar(value)) {
      throw new FilterError(`filters[${i}].value must be a string or a number`);
    }
    return { field, operator: op, value };
  });
}

/** One predicate for all filters (AND). `knownFields` rejects typos with a 400 rather than silently matching nothing. */
export function compileFilters(
  filters: readonly Filter[],
  knownFields: ReadonlySet<string>,
): RecordPredicate {
  for (const f of filters) {
    if (!knownFields.has(f.field)) throw new FilterError(`unknown filter field: ${f.field}`);
  }
  const tests = filters.map(compileOne);
  return (record) => tests.every((t) => t(record));
}

function compileOne(filter: Filter): RecordPredicate {
  const { field, operator, value } = filter;
  const list = Array.isArray(value) ? value : [value];
  const get = (r: Record<string, unknown>) => r[field];
  switch (operator) {
    case '=':
      return (r) => compare(get(r), value) === 0;
    case '<>':
      return (r) => {
        const c = compare(get(r), value);
        return c !== null && c !== 0;
      };
    case '<':
      return (r) => (compare(get(r), value) ?? 0) < 0;
    case '>':
      return (r) => (compare(get(r), value) ?? 0) > 0;
    case '<=':
      return (r) => {
        const c = compare(get(r), value);
        return c !== null && c <= 0;
      };
    case '>=':
      return (r) => {
        const c = compare(get(r), value);
        return c !== null && c >= 0;
      };
    case 'in': {
      // A set of normalised keys makes `listing_id in [5000 ids]` O(1) per record.
      const keys = new Set(list.filter(isScalar).map(key));
      return (r) => {
        const v = get(r);
        return isScalar(v) && keys.has(key(v));
      };
    }
    case 'between': {
      const [low, high] = list;
      return (r) => {
        const a = compare(get(r), low);
        const b = compare(get(r), high);
        return a !== null && b !== null && a >= 0 && b <= 0;
      };
    }
  }
}

function isScalar(v: unknown): v is string | number {
  return typeof v === 'string' || (typeof v === 'number' && Number.isFinite(v));
}

function asNumber(v: string | number): number | null {
  if (typeof v === 'number') return v;
  return /^-?\d+(\.\d+)?$/.test(v.trim()) ? Number(v) : null;
}

/** Equality key: numeric values by their number, others by their text. */
function key(v: string | number): string {
  const n = asNumber(v);
  return n === null ? `s:${v}` : `n:${n}`;
}

/** <0, 0, >0, or null when either side is null/missing (no match). */
function compare(a: unknown, b: unknown): number | null {
  if (!isScalar(a) || !isScalar(b)) return null;
  const x = asNumber(a);
  const y = asNumber(b);
  if (x !== null && y !== null) return x - y;
  const s = String(a);
  const t = String(b);
  return s < t ? -1 : s > t ? 1 : 0;
}
