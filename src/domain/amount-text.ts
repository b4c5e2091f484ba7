/**
 * Amounts as people type them in spreadsheets and accounting exports, read into integer cents:
 * `1,234.56`, `1.234,56`, `1234.56`, `1234,56`, `1 234,56`, `1'234.56`, `(12.50)`, `-12.50`,
 * `$12.50`, `€ 1.234,56`, `12.50 USD`. Money has at most two decimals, which is what tells
 * `1.234,56` (decimal comma) from `1,234.56` (decimal point). Anything that could be read two
 * ways (`1,234`: a thousand and more, or one and a bit?) is refused with a message that says
 * so, unless the caller says which separator the file uses for decimals. Nothing is guessed
 * silently: the caller shows how each amount was read (`readAs`).
 *
 * Digit by digit, never through a float (see money.ts). Pure.
 */
import type { Cents } from './types.js';

export type DecimalSeparator = '.' | ',';

export interface AmountRead {
  ok: true;
  /** Signed: parentheses and a minus sign make it negative. */
  cents: Cents;
  /** The currency written with the amount: a symbol (`$`, `€`, `£`, `¥`) or an ISO code, upper case. */
  currency: string | null;
  /**
   * The decimal separator the text shows the file to use: the one it used for decimals, or the
   * other one when it used one for thousands only (`1,234,567` → '.'); null when it shows neither.
   */
  evidence: DecimalSeparator | null;
}

export interface AmountRefused {
  ok: false;
  message: string;
  /** True when the text is an amount that reads two ways (naming the decimal separator settles it). */
  ambiguous?: boolean;
}

export interface ReadAmountOptions {
  /** The file's decimal separator, when known; otherwise each amount must say it by itself. */
  decimalSeparator?: DecimalSeparator | null;
}

export const CURRENCY_SYMBOLS = ['$', '€', '£', '¥'] as const;

/** The currencies a symbol can stand for ("$" is many dollars and pesos). */
const SYMBOL_CURRENCIES: Record<string, readonly string[]> = {
  $: ['USD', 'CAD', 'AUD', 'NZD', 'HKD', 'SGD', 'MXN', 'BSD', 'BBD', 'BZD', 'JMD', 'TTD', 'XCD'],
  '€': ['EUR'],
  '£': ['GBP'],
  '¥': ['JPY', 'CNY'],
};

/** Whether an amount written with `written` (symbol or code) can be in `currency`. */
export function currencyMatches(written: string, currency: string): boolean {
  const code = currency.trim().toUpperCase();
  const symbol = SYMBOL_CURRENCIES[written];
  return symbol ? symbol.includes(code) : written.toUpperCase() === code;
}

const MAX_DIGITS = 13;
const SPACES = /[\u00a0\u202f\u2009]/g;
/** A currency before or after the number: a symbol, or an ISO code in capitals (`USD`). */
const CURRENCY_AT_START = /^([A-Z]{3}|[$€£¥])\s*/;
const CURRENCY_AT_END = /\s*([A-Z]{3}|[$€£¥])$/;
/** Digits with separators between them: `.`, `,`, spaces and apostrophes. */
const NUMBER = /^\d(?:[\d.,' ’]*\d)?$/;

const refuse = (message: string, ambiguous = false): AmountRefused =>
  ambiguous ? { ok: false, message, ambiguous } : { ok: false, message };

interface Stripped {
  number: string;
  negative: boolean;
  currency: string | null;
}

/** Takes parentheses, a sign and a currency off the number, in any order people write them. */
function strip(text: string): Stripped | AmountRefused {
  let s = text;
  let parentheses = false;
  let sign: '-' | '+' | null = null;
  let currency: string | null = null;
  for (let changed = true; changed; ) {
    changed = false;
    if (!parentheses && s.startsWith('(') && s.endsWith(')')) {
      parentheses = true;
      s = s.slice(1, -1).trim();
      changed = true;
      continue;
    }
    const signed = /^([-−+])\s*/.exec(s);
    if (signed && sign === null) {
      sign = signed[1] === '+' ? '+' : '-';
      s = s.slice(signed[0].length);
      changed = true;
      continue;
    }
    if (currency === null) {
      const lead = CURRENCY_AT_START.exec(s);
      const trail = lead ? null : CURRENCY_AT_END.exec(s);
      const found = lead ?? trail;
      if (found?.[1]) {
        currency = found[1];
        s = lead ? s.slice(found[0].length) : s.slice(0, s.length - found[0].length);
        changed = true;
      }
    }
  }
  if (parentheses && sign !== null) return refuse('has both parentheses and a sign; write one of them');
  return { number: s.trim(), negative: parentheses || sign === '-', currency };
}

/** Which separator is the decimal one in `s` (digits and separators), or null for none. */
function decimalOf(
  s: string,
  given: DecimalSeparator | null | undefined,
): { decimal: DecimalSeparator | null } | AmountRefused {
  const dot = s.lastIndexOf('.');
  const comma = s.lastIndexOf(',');
  if (dot >= 0 && comma >= 0) {
    const decimal: DecimalSeparator = dot > comma ? '.' : ',';
    if (given && given !== decimal)
      return refuse(`uses "${decimal}" for decimals, but the file's decimal separator is "${given}"`);
    return { decimal };
  }
  if (dot < 0 && comma < 0) return { decimal: null };
  const sep: DecimalSeparator = dot >= 0 ? '.' : ',';
  if (given) return { decimal: sep === given ? sep : null };
  const once = s.indexOf(sep) === s.lastIndexOf(sep);
  if (!once) return { decimal: null };
  const after = s.length - s.lastIndexOf(sep) - 1;
  if (after === 3) {
    const other = sep === '.' ? ',' : '.';
    return refuse(
      `could be read two ways: "${sep}" as the decimal separator or as a thousands separator; name the decimal separator ("." or "${other}")`,
      true,
    );
  }
  return { decimal: sep };
}

/** Reads one amount; see the module comment for what is accepted. */
export function readAmountText(text: string, options: ReadAmountOptions = {}): AmountRead | AmountRefused {
  const trimmed = text.replace(SPACES, ' ').trim();
  if (trimmed === '') return refuse('is empty');
  const stripped = strip(trimmed);
  if ('ok' in stripped) return stripped;
  const s = stripped.number;
  if (!NUMBER.test(s)) {
    return refuse(
      /\d/.test(s)
        ? 'is not an amount: it has characters other than digits and separators'
        : 'is not a number',
    );
  }
  const found = decimalOf(s, options.decimalSeparator);
  if ('ok' in found) return found;
  const { decimal } = found;

  let whole = s;
  let fraction = '';
  if (decimal) {
    const at = s.lastIndexOf(decimal);
    if (s.indexOf(decimal) !== at) return refuse(`has the decimal separator "${decimal}" more than once`);
    whole = s.slice(0, at);
    fraction = s.slice(at + 1);
    if (!/^\d+$/.test(fraction)) return refuse('has separators after the decimal separator');
    if (fraction.length > 2) return refuse('has more than 2 decimals');
  }
  const separators = new Set(whole.replace(/\d/g, '').replace(/’/g, "'"));
  if (separators.size > 1) return refuse('mixes different thousands separators');
  let evidence: DecimalSeparator | null = decimal;
  const [group] = [...separators];
  if (group !== undefined) {
    const groups = whole.replace(/’/g, "'").split(group);
    const first = groups[0] ?? '';
    if (first.length < 1 || first.length > 3 || groups.slice(1).some((g) => g.length !== 3)) {
      return refuse(`is not grouped in thousands ("${group}" must separate groups of three digits)`);
    }
    if (evidence === null && (group === '.' || group === ',')) evidence = group === '.' ? ',' : '.';
  }
  const digits = whole.replace(/\D/g, '').replace(/^0+(?=\d)/, '');
  if (digits.length > MAX_DIGITS) return refuse('is too large');
  const cents = Number(digits) * 100 + Number(fraction.padEnd(2, '0'));
  return {
    ok: true,
    cents: stripped.negative && cents !== 0 ? -cents : cents,
    currency: stripped.currency,
    evidence,
  };
}

/**
 * The decimal separator the amounts of one file show, when they agree: every amount that shows
 * one shows the same. Null when none shows one or they disagree (each amount then stands alone).
 */
export function detectDecimalSeparator(texts: Iterable<string>): DecimalSeparator | null {
  const seen = new Set<DecimalSeparator>();
  for (const text of texts) {
    const read = readAmountText(text);
    if (read.ok && read.evidence) seen.add(read.evidence);
  }
  return seen.size === 1 ? ([...seen][0] ?? null) : null;
}

/**
 * Cents as the preview says how it read them: `-123456` → `−1,234.56` (thousands with commas,
 * a decimal point, the minus sign U+2212), whatever style the file used.
 */
export function amountAsRead(cents: Cents): string {
  const abs = Math.abs(cents);
  const whole = String(Math.floor(abs / 100)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const text = `${whole}.${String(abs % 100).padStart(2, '0')}`;
  return cents < 0 ? `−${text}` : text;
}
