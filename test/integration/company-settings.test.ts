/**
 * Settings → Company details over real HTTP: who may read and change them, what is refused and
 * with which code, the logo stored in the database and served back, every change audited, and
 * the owners' PDF printing them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { logoPng, noisePng, pngImage, SAMPLE_JPEG } from '../helpers/images.js';
import { knownData, PERIOD } from '../helpers/known-dataset.js';
import { hasPoppler, pdfImages, pdfText } from '../helpers/pdf-tools.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ sim: { data: knownData() } });
});
afterAll(async () => {
  await t.close();
});

const details = {
  name: '  Acme Rentals ',
  addressLines: ['12 Harbour Street', '', 'Portsmouth PO1 2AB'],
  email: 'office@acme.test',
  phone: '+44 23 9200 0000',
};

async function auditCount(action: string): Promise<number> {
  const res = await t.request('GET', `/api/audit?action=${action}&limit=500`);
  expect(res.status).toBe(200);
  return res.body.entries.length;
}

const upload = (bytes: Buffer, as = t.request) =>
  as('PUT', '/api/settings/company/logo', { image: bytes.toString('base64') });

async function logoBytes(role: 'admin' | 'viewer' = 'admin') {
  const res = await fetch(`${t.baseUrl}/api/settings/company/logo`, {
    headers: { authorization: `Bearer ${t.tokens[role]}` },
  });
  return { res, bytes: Buffer.from(await res.arrayBuffer()) };
}

describe('company details', () => {
  it('are COMPANY_NAME and nothing else until saved, for everyone to read', async () => {
    const res = await t.as('viewer')('GET', '/api/settings/company');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      name: 'Owner Statements',
      addressLines: [],
      email: null,
      phone: null,
      logo: null,
      saved: false,
      updatedAt: null,
      updatedBy: null,
    });
    expect((await logoBytes()).res.status).toBe(404);
  });

  it('keeps the default name when only a logo is saved', async () => {
    const png = logoPng();
    const res = await upload(png);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      name: 'Owner Statements',
      saved: false,
      logo: { contentType: 'image/png', size: png.length },
    });
    const served = await logoBytes('viewer');
    expect(served.res.status).toBe(200);
    expect(served.res.headers.get('content-type')).toBe('image/png');
    expect(served.bytes.equals(png)).toBe(true);
  });

  it('are changed by admins only, cleaned up, and audited with before and after', async () => {
    const before = await auditCount('settings.company_changed');
    expect((await t.as('editor')('PUT', '/api/settings/company', details)).status).toBe(403);
    const res = await t.request('PUT', '/api/settings/company', details);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      name: 'Acme Rentals',
      addressLines: ['12 Harbour Street', 'Portsmouth PO1 2AB'],
      email: 'office@acme.test',
      phone: '+44 23 9200 0000',
      saved: true,
      // The logo uploaded before stays.
      logo: { contentType: 'image/png' },
    });
    expect((await t.as('viewer')('GET', '/api/settings/company')).body).toEqual(res.body);
    expect(await auditCount('settings.company_changed')).toBe(before + 1);
    const entry = (await t.request('GET', '/api/audit?action=settings.company_changed&limit=1')).body
      .entries[0];
    expect(entry).toMatchObject({
      userEmail: 'admin@test.local',
      targetType: 'settings',
      targetId: 'company',
      details: { before: null, after: { name: 'Acme Rentals' } },
    });

    // An emptied field is "none".
    const cleared = await t.request('PUT', '/api/settings/company', { ...details, email: '', phone: '' });
    expect(cleared.body).toMatchObject({ email: null, phone: null });
    expect((await t.request('PUT', '/api/settings/company', details)).status).toBe(200);
  });

  it('refuses bad details with 400 validation_error naming the field, and changes nothing', async () => {
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ ...details, name: '   ' }, 'name'],
      [{ ...details, email: 'not an address' }, 'email'],
      [{ ...details, phone: 'call me' }, 'phone'],
      [{ ...details, addressLines: ['line one\nline two'] }, 'addressLines.0'],
      [{ ...details, addressLines: Array.from({ length: 7 }, (_, i) => `line ${i}`) }, 'addressLines'],
      [{ ...details, name: 'x'.repeat(201) }, 'name'],
      [{ ...details, website: 'https://acme.test' }, ''],
    ];
    const before = await auditCount('settings.company_changed');
    for (const [body, path] of cases) {
      const res = await t.request('PUT', '/api/settings/company', body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error.code).toBe('validation_error');
      if (path) expect(res.body.error.details.map((d: { path: string }) => d.path)).toContain(path);
    }
    expect(await auditCount('settings.company_changed')).toBe(before);
    expect((await t.request('GET', '/api/settings/company')).body.name).toBe('Acme Rentals');
  });
});

describe('the company logo', () => {
  it('takes a JPEG too, judged by its bytes, and is audited without its bytes', async () => {
    const before = await auditCount('settings.logo_changed');
    const res = await upload(SAMPLE_JPEG);
    expect(res.status).toBe(200);
    expect(res.body.logo).toMatchObject({ contentType: 'image/jpeg', size: SAMPLE_JPEG.length });
    const served = await logoBytes();
    expect(served.res.headers.get('content-type')).toBe('image/jpeg');
    expect(served.bytes.equals(SAMPLE_JPEG)).toBe(true);
    expect(await auditCount('settings.logo_changed')).toBe(before + 1);
    const entry = (await t.request('GET', '/api/audit?action=settings.logo_changed&limit=1')).body.entries[0];
    expect(entry.details).toMatchObject({ contentType: 'image/jpeg', bytes: SAMPLE_JPEG.length, width: 96 });
    expect(JSON.stringify(entry.details).length).toBeLessThan(400);
  });

  it('refuses what is not a small PNG or JPEG with a 4xx and a code, and keeps the logo', async () => {
    const before = await auditCount('settings.logo_changed');
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    const cases: Array<[unknown, number, string]> = [
      // 600 KiB of incompressible pixels: a real PNG, too large.
      [{ image: noisePng(600).toString('base64') }, 422, 'logo_too_large'],
      [
        { image: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>').toString('base64') },
        422,
        'logo_not_image',
      ],
      [{ image: Buffer.from('GIF89a....').toString('base64') }, 422, 'logo_not_image'],
      // A PNG signature and header over garbage: pdfkit could not embed it.
      [
        {
          image: Buffer.concat([
            png,
            Buffer.from('\0\0\0\rIHDR\0\0\0\x10\0\0\0\x10\x08\x06\0\0\0garbage'),
          ]).toString('base64'),
        },
        422,
        'logo_not_image',
      ],
      [{ image: pngImage(3000, 2, () => [0, 0, 0, 255]).toString('base64') }, 422, 'logo_too_many_pixels'],
      [{ image: 'not base64!' }, 400, 'validation_error'],
      [{}, 400, 'validation_error'],
      // Beyond the route's body limit: refused before it is read.
      [{ image: 'A'.repeat(1_200_000) }, 413, 'payload_too_large'],
    ];
    for (const [body, status, code] of cases) {
      const res = await t.request('PUT', '/api/settings/company/logo', body);
      expect(res.status, code).toBe(status);
      expect(res.body.error.code).toBe(code);
    }
    expect((await upload(logoPng(), t.as('editor'))).status).toBe(403);
    expect(await auditCount('settings.logo_changed')).toBe(before);
    expect((await logoBytes()).bytes.equals(SAMPLE_JPEG)).toBe(true);
  });

  it('is printed on the owner’s PDF with the company details', async () => {
    expect((await upload(logoPng(300, 90))).status).toBe(200);
    const made = await t.request('POST', '/api/statements/generate', {
      ownerId: '1',
      propertyId: '101',
      ...PERIOD,
    });
    expect(made.status).toBe(201);
    const res = await fetch(`${t.baseUrl}/api/statements/${made.body.statement.id}/pdf`, {
      headers: { authorization: `Bearer ${t.tokens.viewer}` },
    });
    expect(res.status).toBe(200);
    const pdf = Buffer.from(await res.arrayBuffer());
    if (!hasPoppler) return;
    const text = pdfText(pdf);
    expect(text).toContain('Acme Rentals');
    expect(text).toContain('12 Harbour Street');
    expect(text).toContain('office@acme.test · +44 23 9200 0000');
    expect(text).not.toContain('Owner Statements');
    expect(pdfImages(pdf).filter((i) => i.type === 'image')).toMatchObject([
      { page: 1, width: 300, height: 90 },
    ]);
  });

  it('is removed by admins; removing none changes nothing', async () => {
    expect((await t.as('editor')('DELETE', '/api/settings/company/logo')).status).toBe(403);
    const before = await auditCount('settings.logo_changed');
    const res = await t.request('DELETE', '/api/settings/company/logo');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ logo: null, name: 'Acme Rentals', saved: true });
    expect((await logoBytes()).res.status).toBe(404);
    expect((await t.request('DELETE', '/api/settings/company/logo')).status).toBe(200);
    expect(await auditCount('settings.logo_changed')).toBe(before + 1);
  });
});
