/**
 * The e-mail that carries an owner's combined statement (one PDF, one section per property) for a
 * period: a greeting by name, the period and the properties it covers, each property's net
 * payout, the owner's total per currency (never summed across currencies), and the company's
 * signature. The same structure as the single statement's e-mail (statement-email.ts): an HTML
 * part with the logo inline and a plain-text part with the same words; every value escaped.
 */
import type { StoredStatement } from '../db/repositories/statement-repository.js';
import { totalsByCurrency } from '../domain/owner-totals.js';
import type { Period } from '../domain/types.js';
import { type CompanyProfile, contactLine } from './company.js';
import { formatPeriod } from './format.js';
import { LOGO_CID, type StatementEmail } from './statement-email.js';
import { documentMoney } from './statement-summary.js';

const escapeHtml = (value: string) => value.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

const FONT = "-apple-system, 'Segoe UI', Roboto, 'Noto Sans', Helvetica, Arial, sans-serif";

/** Properties named in a subject line before "and N more". */
const SUBJECT_PROPERTIES = 3;

const propertyOf = (s: StoredStatement) => s.propertyName ?? `property ${s.propertyId}`;

/** `A`, `A and B`, `A, B and C`, `A, B, C and 2 more`. */
function listed(names: readonly string[], max: number): string {
  if (names.length <= 1) return names[0] ?? '';
  if (names.length > max) return `${names.slice(0, max).join(', ')} and ${names.length - max} more`;
  return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

/**
 * `sections`: all the owner's statements of the period, in the PDF's order (those sent before
 * included: the owner gets the whole period in one document).
 */
export function combinedStatementEmail(
  sections: readonly StoredStatement[],
  period: Period,
  ownerName: string | null,
  company: CompanyProfile,
): StatementEmail {
  const when = formatPeriod(period);
  const properties = sections.map(propertyOf);
  const count = sections.length;
  const greeting = ownerName ? `Dear ${ownerName},` : 'Dear owner,';
  const intro =
    count === 1
      ? `Please find attached your owner statement for ${when}, for ${properties[0]}.`
      : `Please find attached your owner statement for ${when}, for your ${count} properties: ${listed(properties, Number.POSITIVE_INFINITY)}.`;
  const attached =
    count === 1
      ? 'The full statement, with every reservation, is in the attached PDF.'
      : 'The attached PDF has one section per property, with every reservation.';
  const questions = 'If you have any questions about this statement, simply reply to this e-mail.';
  const payouts = sections.map((s) => ({
    label: propertyOf(s),
    text: documentMoney(s.totals.netPayout, s.currency),
  }));
  // One total per currency: amounts in different currencies are never added up.
  const currencies = count > 1 ? totalsByCurrency(sections) : [];
  const totals = currencies.map((t) => ({
    label: `Total net payout${currencies.length > 1 ? ` (${t.currency})` : ''}`,
    text: documentMoney(t.totals.netPayout, t.currency),
  }));
  const signature = [company.name, ...company.addressLines, contactLine(company)].filter((l): l is string =>
    Boolean(l),
  );

  const text = [
    greeting,
    '',
    intro,
    '',
    'Net payout per property:',
    ...payouts.map((p) => `${p.label}: ${p.text}`),
    ...totals.map((t) => `${t.label}: ${t.text}`),
    '',
    attached,
    questions,
    '',
    'Kind regards,',
    '',
    ...signature,
    '',
  ].join('\n');

  const e = escapeHtml;
  const row = (label: string, value: string, strong: boolean) => {
    const cell = strong
      ? 'padding:10px 0 0;border-top:1px solid #1f2933;font-size:16px;font-weight:700;'
      : 'padding:5px 0;font-size:14px;';
    return `<tr><td style="${cell}">${e(label)}</td><td style="${cell}text-align:right;white-space:nowrap;">${e(value)}</td></tr>`;
  };
  const rows = [
    ...payouts.map((p) => row(p.label, p.text, false)),
    ...totals.map((t) => row(t.label, t.text, true)),
  ].join('');
  const logo = company.logo
    ? `<img src="cid:${LOGO_CID}" alt="${e(company.name)}" style="display:block;max-height:56px;max-width:220px;height:auto;border:0;margin:0 0 10px;">`
    : '';
  const html = `<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${e(when)}</title></head>
<body style="margin:0;padding:0;background:#f3f5f8;">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="background:#f3f5f8;">
<tr><td align="center" style="padding:24px 12px;">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="max-width:600px;background:#ffffff;border:1px solid #dde2e8;border-radius:6px;font-family:${FONT};color:#1f2933;">
<tr><td style="padding:24px 28px 16px;border-bottom:1px solid #e6e9ee;">
${logo}<div style="font-size:18px;font-weight:700;color:#1d3f6e;">${e(company.name)}</div>
<div style="font-size:13px;color:#5b6675;margin-top:2px;">Owner statement · ${e(when)}</div>
</td></tr>
<tr><td style="padding:24px 28px 8px;font-size:15px;line-height:1.5;">
<p style="margin:0 0 14px;">${e(greeting)}</p>
<p style="margin:0 0 18px;">${e(intro)}</p>
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="background:#f6f8fa;border:1px solid #dde2e8;border-radius:4px;">
<tr><td style="padding:14px 18px;">
<div style="font-size:13px;font-weight:700;color:#1d3f6e;margin-bottom:6px;">Net payout per property</div>
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="font-family:${FONT};color:#1f2933;">${rows}</table>
</td></tr></table>
<p style="margin:18px 0 0;">${e(attached)}</p>
<p style="margin:12px 0 0;">${e(questions)}</p>
<p style="margin:18px 0 0;">Kind regards,</p>
</td></tr>
<tr><td style="padding:4px 28px 24px;font-size:13px;line-height:1.5;color:#5b6675;">
${signature.map((l, i) => (i === 0 ? `<strong style="color:#1f2933;">${e(l)}</strong>` : e(l))).join('<br>')}
</td></tr>
</table>
</td></tr>
</table>
</body>
</html>
`;
  return { subject: `Owner statement ${when}: ${listed(properties, SUBJECT_PROPERTIES)}`, text, html };
}

/** The combined PDF's file name: the owner and the period, so the owner's downloads sort by month. */
export function combinedPdfFileName(ownerName: string | null, ownerId: string, period: Period): string {
  const name = (ownerName ?? '').replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-|-$/g, '');
  return `owner-statement-${name || ownerId}-${period.start}-${period.end}.pdf`;
}
