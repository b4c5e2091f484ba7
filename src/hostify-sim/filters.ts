/**
 * Hostify's `filters` query parameter: a JSON array of `{field, operator, value}` combined with
 * AND (reference, Introduction > Filter object). `in`, `not_in`, `between` and `not_between`
 * take a comma-separated string of at least two values (`"accepted,pending"`), as the reference
 * says; a JSON array there is a 400. Parsed once per request into a predicate over wire records.
 *
 * Comparison: numbers (and numeric strings) compare numerically, everything else as strings
 * (ISO dates sort correctly as strings). Like SQL, a null/missing field matches no operator.
 */

export const OPERATORS = ['=', '<>', '<', '>', '<=', '>=', 'in', 'not_in', 'between', 'not_between'] as const;
const LIST_OPERATORS: ReadonlySet<string> = new Set(['in', 'not_in', 'between', 'not_between']);
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
    if (LIST_OPERATORS.has(op)) {
      if (typeof value !== 'string')
        throw new FilterError(`filters[${i}].value must be a comma-separated string for ${op}`);
      const parts = value.split(',').map((v) => v.trim());
      if (parts.length < 2 || parts.some((p) => p === ''))
        throw new FilterError(`filters[${i}].value must hold at least 2 comma-separated values for ${op}`);
      if ((op === 'between' || op === 'not_between') && parts.length !== 2)
        throw new FilterError(`filters[${i}].value must be "low,high" for ${op}`);
      return { field, operator: op, value: parts };
    }
    if (!isScalar(value)) {
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
    case 'in':
    case 'not_in': {
      const keys = new Set(list.filter(isScalar).map(key));
      const wanted = operator === 'in';
      return (r) => {
        const v = get(r);
        return isScalar(v) && keys.has(key(v)) === wanted;
      };
    }
    case 'between':
    case 'not_between': {
      const [low, high] = list;
      const wanted = operator === 'between';
      return (r) => {
        const a = compare(get(r), low);
        const b = compare(get(r), high);
        return a !== null && b !== null && (a >= 0 && b <= 0) === wanted;
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
