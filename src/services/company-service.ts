/**
 * The manager's company details on the owners' PDFs and e-mails (Settings → Company details):
 * everyone signed in reads them, admins change them (audited). Until details are saved the
 * documents show COMPANY_NAME and nothing else.
 */
import { createHash } from 'node:crypto';
import type { Actor } from '../auth/principal.js';
import { userIdOf } from '../auth/principal.js';
import type { CompanyDto, UpdateCompanyRequest, UploadLogoRequest } from '../contract/company.js';
import type {
  CompanyFields,
  CompanyRepository,
  StoredCompany,
} from '../db/repositories/company-repository.js';
import type { CompanyLogo, CompanyProfile } from '../documents/company.js';
import { checkLogo } from '../documents/logo-image.js';
import { type Clock, isoNow } from '../lib/clock.js';
import type { Changes } from './changes.js';
import { DomainError, notFound } from './errors.js';

const isLogoType = (type: string): type is CompanyLogo['contentType'] =>
  type === 'image/png' || type === 'image/jpeg';

function fieldsOf(c: CompanyFields): CompanyFields {
  return { name: c.name, addressLines: [...c.addressLines], email: c.email, phone: c.phone };
}

export class CompanyService {
  constructor(
    private readonly deps: {
      company: CompanyRepository;
      changes: Changes;
      clock: Clock;
      /** COMPANY_NAME: the name until details are saved. */
      defaultName: string;
    },
  ) {}

  async get(): Promise<CompanyDto> {
    return this.dto(await this.deps.company.get());
  }

  async update(request: UpdateCompanyRequest, actor: Actor): Promise<CompanyDto> {
    await this.deps.changes.apply(actor, async (tx) => {
      const before = (await tx.company.get())?.details;
      await tx.company.save(request, isoNow(this.deps.clock), userIdOf(actor));
      return {
        value: null,
        audit: {
          action: 'settings.company_changed',
          target: { type: 'settings', id: 'company' },
          details: { before: before ? fieldsOf(before) : null, after: fieldsOf(request) },
        },
      };
    });
    return this.get();
  }

  /** Stores a PNG or JPEG, judged by its bytes (never by what the client says it is). */
  async setLogo(request: UploadLogoRequest, actor: Actor): Promise<CompanyDto> {
    const bytes = Buffer.from(request.image, 'base64');
    const check = await checkLogo(bytes);
    if (!check.ok) throw new DomainError('unprocessable', check.code, check.message);
    await this.deps.changes.apply(actor, async (tx) => {
      await tx.company.setLogo(
        { contentType: check.contentType, bytes },
        isoNow(this.deps.clock),
        userIdOf(actor),
      );
      return {
        value: null,
        audit: {
          action: 'settings.logo_changed',
          target: { type: 'settings', id: 'company' },
          details: {
            contentType: check.contentType,
            bytes: bytes.length,
            width: check.width,
            height: check.height,
            // Which file it was, without putting the file in the log.
            sha256: createHash('sha256').update(bytes).digest('hex'),
          },
        },
      };
    });
    return this.get();
  }

  async removeLogo(actor: Actor): Promise<CompanyDto> {
    await this.deps.changes.apply(actor, async (tx) => {
      // No logo: nothing changes and nothing is recorded.
      if (!(await tx.company.get())?.logo) return { value: null, audit: null };
      await tx.company.setLogo(null, isoNow(this.deps.clock), userIdOf(actor));
      return {
        value: null,
        audit: {
          action: 'settings.logo_changed',
          target: { type: 'settings', id: 'company' },
          details: { removed: true },
        },
      };
    });
    return this.get();
  }

  /** The logo's bytes (the Settings page's preview). */
  async logo(): Promise<CompanyLogo & { updatedAt: string | null }> {
    const logo = await this.deps.company.logo();
    if (!logo) throw notFound('logo of', 'the company');
    const { contentType } = logo;
    if (!isLogoType(contentType)) throw notFound('logo of', 'the company');
    return { ...logo, contentType };
  }

  /** What the owners' documents print: the saved details and logo, else COMPANY_NAME. */
  async profile(): Promise<CompanyProfile> {
    const [stored, logo] = await Promise.all([this.deps.company.get(), this.deps.company.logo()]);
    const contentType = logo?.contentType ?? '';
    return {
      ...this.fields(stored),
      logo: logo && isLogoType(contentType) ? { contentType, bytes: logo.bytes } : null,
    };
  }

  private fields(stored: StoredCompany | undefined): CompanyFields {
    const details = stored?.details;
    return details
      ? fieldsOf(details)
      : { name: this.deps.defaultName, addressLines: [], email: null, phone: null };
  }

  private dto(stored: StoredCompany | undefined): CompanyDto {
    const logo = stored?.logo;
    const contentType = logo?.contentType ?? '';
    return {
      ...this.fields(stored),
      logo: logo && isLogoType(contentType) ? { ...logo, contentType } : null,
      saved: Boolean(stored?.details),
      updatedAt: stored?.details?.updatedAt ?? null,
      updatedBy: stored?.details?.updatedBy ?? null,
    };
  }
}
