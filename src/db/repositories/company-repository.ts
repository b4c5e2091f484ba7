/**
 * The manager's company details (one row, `company_details.id = 'company'`). Reading the
 * details never reads the logo's bytes: the Settings page reads the details, documents ask for
 * the logo.
 */
import type { Db } from '../database.js';

const ID = 'company';

export interface CompanyFields {
  name: string;
  addressLines: string[];
  email: string | null;
  phone: string | null;
}

export interface StoredCompany {
  /** Null until the details were saved (only a logo was). */
  details: (CompanyFields & { updatedAt: string; updatedBy: string | null }) | null;
  logo: { contentType: string; size: number; updatedAt: string | null } | null;
}

export class CompanyRepository {
  constructor(private readonly db: Db) {}

  /** What was saved, or undefined before anything was. */
  async get(): Promise<StoredCompany | undefined> {
    const row = await this.db
      .selectFrom('company_details')
      .select([
        'name',
        'address',
        'email',
        'phone',
        'logo_type',
        'logo_updated_at',
        'updated_at',
        'updated_by',
        // The length only: the bytes stay in the database.
        (eb) => eb.fn<number | null>('length', ['logo']).as('logo_size'),
      ])
      .where('id', '=', ID)
      .executeTakeFirst();
    if (!row) return undefined;
    return {
      details:
        row.name === null
          ? null
          : {
              name: row.name,
              addressLines: row.address === '' ? [] : row.address.split('\n'),
              email: row.email,
              phone: row.phone,
              updatedAt: row.updated_at,
              updatedBy: row.updated_by,
            },
      logo:
        row.logo_type && row.logo_size !== null
          ? { contentType: row.logo_type, size: Number(row.logo_size), updatedAt: row.logo_updated_at }
          : null,
    };
  }

  /** Writes the details; the logo is kept. */
  async save(fields: CompanyFields, now: string, by: string | null): Promise<void> {
    const values = {
      name: fields.name,
      address: fields.addressLines.join('\n'),
      email: fields.email,
      phone: fields.phone,
      updated_at: now,
      updated_by: by,
    };
    await this.db
      .insertInto('company_details')
      .values({ id: ID, ...values })
      .onConflict((oc) => oc.column('id').doUpdateSet(values))
      .execute();
  }

  /** Sets, or with null removes, the logo; the details are kept (none yet: the row has no name). */
  async setLogo(
    logo: { contentType: string; bytes: Uint8Array } | null,
    now: string,
    by: string | null,
  ): Promise<void> {
    const values = {
      logo: logo ? Buffer.from(logo.bytes.buffer, logo.bytes.byteOffset, logo.bytes.byteLength) : null,
      logo_type: logo?.contentType ?? null,
      logo_updated_at: now,
      updated_at: now,
      updated_by: by,
    };
    await this.db
      .insertInto('company_details')
      .values({ id: ID, name: null, ...values })
      .onConflict((oc) => oc.column('id').doUpdateSet(values))
      .execute();
  }

  /** The logo's bytes, or undefined when there is none. */
  async logo(): Promise<{ contentType: string; bytes: Uint8Array; updatedAt: string | null } | undefined> {
    const row = await this.db
      .selectFrom('company_details')
      .select(['logo', 'logo_type', 'logo_updated_at'])
      .where('id', '=', ID)
      .executeTakeFirst();
    if (!row?.logo || !row.logo_type) return undefined;
    return { contentType: row.logo_type, bytes: new Uint8Array(row.logo), updatedAt: row.logo_updated_at };
  }
}
