/** Money and dates as people read them in documents (the API keeps integer cents). */
import type { Cents } from '../domain/types.js';

const formatters = new Map<string, Intl.NumberFormat>();

/** `123456, 'USD'` → `$1,234.56`. Exact: cents are split into units and hundredths as integers. */
export function formatMoney(cents: Cents, currency: string): string {
  let f = formatters.get(currency);
  if (!f) {
    f = new Intl.NumberFormat('en-US', {
      style: 'currency',
      currency,
      minimumFractionDigits: 2,
      maximumFractionDigits: 2,
    });
    formatters.set(currency, f);
  }
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  // Format the whole units, then put the exact hundredths back (no float arithmetic on money).
  const units = f.format(Math.floor(abs / 100));
  const hundredths = String(abs % 100).padStart(2, '0');
  return `${sign}${units.replace(/\.00$/, `.${hundredths}`)}`;
}

/** `2025-10-31` → `Oct 31, 2025` (no time zone involved). */
export function formatDate(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number);
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  return `${months[(m ?? 1) - 1]} ${d}, ${y}`;
}
