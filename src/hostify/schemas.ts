/**
 * zod schemas of Hostify's responses (DESIGN.md §4) and their normalisation into the records of
 * types.ts: ids become strings, `roles` a string[], money integer cents (via parseMoney).
 *
 * Hostify is loose about types (numbers vs numeric strings, null vs missing), so each field is a
 * small custom parser with a message a person can act on; unknown extra fields are stripped.
 */

import { z } from 'zod';
import { MoneyParseError, parseMoney } from '../domain/money.js';
import { stripBidiControls, stripBidiControlsOrNull } from '../lib/text.js';
import type { HostifyListing, HostifyReservation, HostifyUser } from './types.js';

/** Missing keys reach the parsers as undefined (`.optional()` first, or zod 4 rejects a missing key before our transform runs). */
type Ctx = z.core.$RefinementCtx;

function fail(ctx: Ctx, message: string): never {
  ctx.addIssue({ code: 'custom', message });
  return z.NEVER as never;
}

const isMissing = (v: unknown): v is null | undefined => v === null || v === undefined;

/** Ids arrive as numbers or strings; we keep strings everywhere. */
const id = z
  .unknown()
  .optional()
  .transform((v, ctx): string => {
    if (typeof v === 'number' && Number.isSafeInteger(v)) return String(v);
    if (typeof v === 'string' && v.trim() !== '') return v.trim();
    return fail(ctx, 'expected an id (number or non-empty string)');
  });

/** A parent reference: null, missing, 0, "0" and "" all mean "none" (Hostify uses 0 too). */
const optionalId = z
  .unknown()
  .optional()
  .transform((v, ctx): string | null => {
    if (isMissing(v) || v === 0 || v === '0' || v === '') return null;
    if (typeof v === 'number' && Number.isSafeInteger(v)) return String(v);
    if (typeof v === 'string' && v.trim() !== '') return v.trim();
    return fail(ctx, 'expected an id or null');
  });

function isValidIsoDate(text: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

const isoDate = z
  .unknown()
  .optional()
  .transform((v, ctx): string => {
    if (typeof v === 'string' && isValidIsoDate(v)) return v;
    return fail(ctx, 'expected YYYY-MM-DD');
  });

const money = z
  .unknown()
  .optional()
  .transform((v, ctx): number => {
    try {
      return parseMoney(v);
    } catch (error) {
      if (error instanceof MoneyParseError)
        return fail(ctx, 'expected an amount of money (number or numeric string)');
      throw error;
    }
  });

const requiredString = z
  .unknown()
  .optional()
  .transform((v, ctx): string => {
    if (typeof v === 'string') return v;
    if (typeof v === 'number') return String(v);
    return fail(ctx, 'expected a string');
  });

/** Free text that may be null/missing: becomes "". */
const text = z
  .unknown()
  .optional()
  .transform((v, ctx): string => {
    if (isMissing(v)) return '';
    if (typeof v === 'string') return v;
    if (typeof v === 'number') return String(v);
    return fail(ctx, 'expected a string or null');
  });

const nullableText = z
  .unknown()
  .optional()
  .transform((v, ctx): string | null => {
    if (isMissing(v) || v === '') return null;
    if (typeof v === 'string') return v;
    if (typeof v === 'number') return String(v);
    return fail(ctx, 'expected a string or null');
  });

/**
 * A currency code, or null: Hostify's reservation and child-listing objects may carry none
 * (reference, Reservations > Reservation object and Listings > Listing object, say "3 letter ISO
 * currency code" but real accounts send null); it is then the listing's / the parent's (§4).
 */
const currency = z
  .unknown()
  .optional()
  .transform((v, ctx): string | null => {
    if (isMissing(v) || (typeof v === 'string' && v.trim() === '')) return null;
    if (typeof v === 'string' && /^[A-Za-z]{3}$/.test(v.trim())) return v.trim().toUpperCase();
    return fail(ctx, 'expected a 3-letter currency code or null');
  });

/** Money that may be absent: null/missing stay null (the §5 rules tell "absent" from 0). */
const nullableMoney = z
  .unknown()
  .optional()
  .transform((v, ctx): number | null => {
    if (isMissing(v) || (typeof v === 'string' && v.trim() === '')) return null;
    try {
      return parseMoney(v);
    } catch (error) {
      if (error instanceof MoneyParseError)
        return fail(ctx, 'expected an amount of money (number or numeric string)');
      throw error;
    }
  });

/**
 * Listing tags: the reference (Listings > Listing object) documents `[string]`; accounts also send
 * null and a comma-separated string (`"15%, pm"`). All three give a trimmed, de-duplicated list.
 */
export const tags = z
  .unknown()
  .optional()
  .transform((v, ctx): string[] => {
    if (isMissing(v)) return [];
    let list: unknown[];
    if (Array.isArray(v)) list = v;
    else if (typeof v === 'string') list = v.split(',');
    else return fail(ctx, 'expected null, an array of strings or a comma-separated string');
    const out: string[] = [];
    const seen = new Set<string>();
    for (const tag of list) {
      if (typeof tag !== 'string' && typeof tag !== 'number') continue; // lenient: the reference is silent
      const t = String(tag).trim();
      if (t === '' || seen.has(t.toLowerCase())) continue;
      seen.add(t.toLowerCase());
      out.push(t);
    }
    return out;
  });

/**
 * Flags arrive as booleans or 0/1 (or their strings). A missing flag is taken as true: Hostify
 * omits defaults, and treating "unknown" as inactive would silently drop every owner.
 */
const flag = z
  .unknown()
  .optional()
  .transform((v, ctx): boolean => {
    if (isMissing(v)) return true;
    if (v === true || v === 1 || v === '1' || v === 'true') return true;
    if (v === false || v === 0 || v === '0' || v === 'false') return false;
    return fail(ctx, 'expected a boolean');
  });

/**
 * A user's `is_active` (§4): active only when Hostify says so — 1, "1" or true. Unlike the
 * listing flags, a missing or null value is not taken as active: money must not go to someone
 * Hostify has not marked active.
 */
const activeFlag = z
  .unknown()
  .optional()
  .transform((v, ctx): boolean => {
    if (v === true || v === 1 || v === '1' || v === 'true') return true;
    if (isMissing(v) || v === false || v === 0 || v === '0' || v === 'false') return false;
    return fail(ctx, 'expected 1, 0, true or false');
  });

const nights = z
  .unknown()
  .optional()
  .transform((v, ctx): number | null => {
    if (isMissing(v) || v === '') return null;
    const n = typeof v === 'string' ? Number(v) : v;
    if (typeof n === 'number' && Number.isInteger(n) && n >= 0) return n;
    return fail(ctx, 'expected a whole number of nights');
  });

/**
 * Roles: the reference (Users > Assign role) shows the string "Listing Owner"; list results carry
 * a string or an array (§4). `"Listing Owner"`, `"owner,cleaner"`, `["Owner"]`, even a
 * JSON-encoded array string → trimmed list.
 */
const roles = z
  .unknown()
  .optional()
  .transform((v, ctx): string[] => {
    if (isMissing(v)) return [];
    let list: unknown[];
    if (Array.isArray(v)) list = v;
    else if (typeof v === 'string') {
      const trimmed = v.trim();
      list = trimmed.startsWith('[') ? parseJsonArray(trimmed) : trimmed.split(',');
    } else return fail(ctx, 'expected a string or an array of strings');
    const out: string[] = [];
    for (const role of list) {
      if (typeof role !== 'string') return fail(ctx, 'expected a string or an array of strings');
      const r = role.trim();
      if (r !== '') out.push(r);
    }
    return out;
  });

function parseJsonArray(text: string): unknown[] {
  try {
    const parsed: unknown = JSON.parse(text);
    return Array.isArray(parsed) ? parsed : [text];
  } catch {
    return text.split(',');
  }
}

export const listingSchema = z
  .object({
    id,
    name: requiredString,
    nickname: nullableText,
    currency,
    parent_id: optionalId,
    is_listed: flag,
    tags,
  })
  .transform(
    (l): HostifyListing => ({
      id: l.id,
      // Names reach statements, PDFs and e-mails: no bidirectional controls (visual spoofing).
      name: stripBidiControls(l.name),
      nickname: stripBidiControlsOrNull(l.nickname),
      currency: l.currency,
      parentId: l.parent_id,
      isListed: l.is_listed,
      tags: l.tags.map(stripBidiControls),
    }),
  );

export const userSchema = z
  .object({
    id,
    username: text,
    first_name: text,
    last_name: text,
    roles,
    is_active: activeFlag,
    listings: z
      .array(z.object({ id }), { error: 'expected an array of {id}' })
      .nullish()
      .transform((ls) => (ls ?? []).map((l) => l.id)),
  })
  .transform(
    (u): HostifyUser => ({
      id: u.id,
      email: u.username,
      firstName: stripBidiControls(u.first_name),
      lastName: stripBidiControls(u.last_name),
      roles: u.roles,
      isActive: u.is_active,
      listingIds: u.listings,
    }),
  );

export const reservationSchema = z
  .object({
    id,
    listing_id: id,
    parent_listing_id: optionalId,
    checkIn: isoDate,
    checkOut: isoDate,
    nights,
    status: requiredString,
    source: text,
    currency,
    guest_name: text,
    base_price: money,
    cleaning_fee: money,
    extras_price: nullableMoney,
    subtotal: nullableMoney,
    tax_amount: money,
    channel_commission: money,
    transaction_fee: money,
    payout_price: nullableMoney,
    created_at: nullableText,
  })
  .superRefine((r, ctx) => {
    if (r.checkOut < r.checkIn)
      ctx.addIssue({ code: 'custom', message: 'checkOut is before checkIn', path: ['checkOut'] });
  })
  .transform(
    (r): HostifyReservation => ({
      id: r.id,
      listingId: r.listing_id,
      parentListingId: r.parent_listing_id,
      checkIn: r.checkIn,
      checkOut: r.checkOut,
      nights: r.nights,
      status: r.status,
      source: stripBidiControls(r.source),
      currency: r.currency,
      guestName: stripBidiControls(r.guest_name),
      basePrice: r.base_price,
      cleaningFee: r.cleaning_fee,
      extrasPrice: r.extras_price,
      subtotal: r.subtotal,
      taxAmount: r.tax_amount,
      channelCommission: r.channel_commission,
      transactionFee: r.transaction_fee,
      payoutPrice: r.payout_price,
      createdAt: r.created_at,
    }),
  );

/** `total` and counts: a non-negative integer, possibly as a string. */
export const countSchema = z
  .unknown()
  .optional()
  .transform((v, ctx): number | null => {
    if (isMissing(v)) return null;
    const n = typeof v === 'string' && v.trim() !== '' ? Number(v) : v;
    if (typeof n === 'number' && Number.isSafeInteger(n) && n >= 0) return n;
    return fail(ctx, 'expected a non-negative integer');
  });

/** `next_page`: a page number, null, or (some APIs) a URL carrying `page=`. */
export const nextPageSchema = z
  .unknown()
  .optional()
  .transform((v, ctx): number | null => {
    if (isMissing(v) || v === false || v === '' || v === 0 || v === '0') return null;
    if (typeof v === 'number' && Number.isSafeInteger(v) && v >= 1) return v;
    if (typeof v === 'string') {
      if (/^\d+$/.test(v.trim())) return Number(v.trim());
      const m = /[?&]page=(\d+)/.exec(v);
      if (m) return Number(m[1]);
    }
    return fail(ctx, 'expected a page number or null');
  });
