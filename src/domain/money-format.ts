/**
 * Money as people read it, for the PDF, the e-mails and the web app alike (the CSV writes bare
 * decimals with `formatCents`). Pure, so the web app imports it from here too.
 */
import type { Cents } from './types.js';

/** Documents (PDF, e-mail) are written in one locale whatever the server's environment says. */
export const DOCUMENT_LOCALE = 'en-US';

interface MoneyFormat {
  format: Intl.NumberFormat;
  /** Two digits in the locale's numbering system, for the hundredths. */
  hundredths: Intl.NumberFormat;
  /** True when Intl rejected the currency code: the number is shown with the code after it. */
  bare: boolean;
}

const formats = new Map<string, MoneyFormat>();

function moneyFormat(locale: string, currency: string): MoneyFormat {
  const key = `${locale} ${currency}`;
  let f = formats.get(key);
  if (!f) {
    // Always two decimals: amounts are hundredths of the currency everywhere in the system.
    const digits = { minimumFractionDigits: 2, maximumFractionDigits: 2 };
    const hundredths = new Intl.NumberFormat(locale, { minimumIntegerDigits: 2, useGrouping: false });
    try {
      const format = new Intl.NumberFormat(locale, { style: 'currency', currency, ...digits });
      f = { format, hundredths, bare: false };
    } catch {
      // A malformed code ('', 'dollars') throws; a statement still shows rather than crash.
      f = { format: new Intl.NumberFormat(locale, digits), hundredths, bare: true };
    }
    formats.set(key, f);
  }
  return f;
}

/**
 * `123456, 'USD'` → `$1,234.56` (`-5` → `-$0.05`), in `locale`. Exact for every safe integer:
 * Intl formats the whole units (an integer) and places the sign, symbol and separators; the
 * fraction digits are then replaced by the hundredths, computed in integers.
 */
export function formatMoney(cents: Cents, currency: string, locale: string = DOCUMENT_LOCALE): string {
  if (!Number.isSafeInteger(cents)) throw new RangeError(`not an amount of cents: ${cents}`);
  const f = moneyFormat(locale, currency);
  const abs = Math.abs(cents);
  const units = Math.floor(abs / 100);
  const hundredths = f.hundredths.format(abs % 100);
  // -0 for −1..−99 cents: Intl shows the minus sign of a negative zero.
  const text = f.format
    .formatToParts(cents < 0 ? -units : units)
    .map((part) => (part.type === 'fraction' ? hundredths : part.value))
    .join('');
  return f.bare && currency ? `${text} ${currency}` : text;
}
