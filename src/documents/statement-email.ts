/**
 * The e-mail that carries a statement's PDF to its owner, written as the manager would: a
 * greeting by name, what is attached, the summary from gross revenue to the net payout, and a
 * signature with the company's details. An HTML part (the logo inline, a table that reads on a
 * phone) and a plain-text part with the same words, for mail programs that show text only.
 * Every value is escaped in the HTML: owner, property and company names are other people's text.
 */
import type { StoredStatement } from '../db/repositories/statement-repository.js';
import { statementNumber } from '../domain/statement-number.js';
import { type CompanyProfile, contactLine } from './company.js';
import { formatPeriod } from './format.js';
import { statementSummary } from './statement-summary.js';

/** The content id the HTML part shows the logo by (the mailer attaches it inline). */
export const LOGO_CID = 'company-logo@owner-statements';

/** The company's logo as the inline attachment the HTML part shows (none without a logo). */
export function inlineLogo(
  company: CompanyProfile,
): Array<{ filename: string; content: Buffer; contentType: string; cid: string }> {
  const logo = company.logo;
  if (!logo) return [];
  return [
    {
      filename: logo.contentType === 'image/png' ? 'logo.png' : 'logo.jpg',
      content: Buffer.from(logo.bytes),
      contentType: logo.contentType,
      cid: LOGO_CID,
    },
  ];
}

export interface StatementEmail {
  subject: string;
  text: string;
  html: string;
}

const escapeHtml = (value: string) => value.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

const FONT = "-apple-system, 'Segoe UI', Roboto, 'Noto Sans', Helvetica, Arial, sans-serif";

export function statementEmail(
  s: StoredStatement,
  ownerName: string | null,
  company: CompanyProfile,
): StatementEmail {
  const property = s.propertyName ?? `property ${s.propertyId}`;
  const period = formatPeriod(s.period);
  const number = statementNumber(s.propertyId, s.period);
  const summary = statementSummary(s, company.name);
  const greeting = ownerName ? `Dear ${ownerName},` : 'Dear owner,';
  const intro = `Please find attached your owner statement for ${property} for ${period} (statement no. ${number}).`;
  const attached = 'The full statement, with every reservation, is in the attached PDF.';
  const questions = 'If you have any questions about this statement, simply reply to this e-mail.';
  const signature = [company.name, ...company.addressLines, contactLine(company)].filter((l): l is string =>
    Boolean(l),
  );

  const text = [
    greeting,
    '',
    intro,
    '',
    ...summary.lines.map((l) => `${l.label}: ${l.text}`),
    ...(summary.taxNote ? ['', summary.taxNote] : []),
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
  const summaryRows = summary.lines
    .map((l) => {
      const net = l.kind === 'net';
      const cell = net
        ? 'padding:10px 0 0;border-top:1px solid #1f2933;font-size:16px;font-weight:700;'
        : `padding:5px 0;font-size:14px;${l.kind === 'gross' ? 'font-weight:600;' : ''}`;
      return `<tr><td style="${cell}">${e(l.label)}</td><td style="${cell}text-align:right;white-space:nowrap;">${e(l.text)}</td></tr>`;
    })
    .join('');
  const logo = company.logo
    ? `<img src="cid:${LOGO_CID}" alt="${e(company.name)}" style="display:block;max-height:56px;max-width:220px;height:auto;border:0;margin:0 0 10px;">`
    : '';
  const html = `<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${e(s.propertyName ?? '')} ${e(period)}</title></head>
<body style="margin:0;padding:0;background:#f3f5f8;">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="background:#f3f5f8;">
<tr><td align="center" style="padding:24px 12px;">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="max-width:600px;background:#ffffff;border:1px solid #dde2e8;border-radius:6px;font-family:${FONT};color:#1f2933;">
<tr><td style="padding:24px 28px 16px;border-bottom:1px solid #e6e9ee;">
${logo}<div style="font-size:18px;font-weight:700;color:#1d3f6e;">${e(company.name)}</div>
<div style="font-size:13px;color:#5b6675;margin-top:2px;">Owner statement ${e(number)} · ${e(period)}</div>
</td></tr>
<tr><td style="padding:24px 28px 8px;font-size:15px;line-height:1.5;">
<p style="margin:0 0 14px;">${e(greeting)}</p>
<p style="margin:0 0 18px;">${e(intro)}</p>
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="background:#f6f8fa;border:1px solid #dde2e8;border-radius:4px;">
<tr><td style="padding:14px 18px;">
<div style="font-size:13px;font-weight:700;color:#1d3f6e;margin-bottom:6px;">Summary · ${e(property)}</div>
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="font-family:${FONT};color:#1f2933;">${summaryRows}</table>
</td></tr></table>
${summary.taxNote ? `<p style="margin:10px 0 0;font-size:13px;color:#5b6675;">${e(summary.taxNote)}</p>` : ''}
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
  return { subject: `Owner statement ${number}: ${property}, ${period}`, text, html };
}
