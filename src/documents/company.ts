/**
 * The property manager as the owner's documents present them: name, postal address, contact
 * and logo (Settings → Company details; COMPANY_NAME until they are saved).
 */

export interface CompanyLogo {
  contentType: 'image/png' | 'image/jpeg';
  bytes: Uint8Array;
}

export interface CompanyProfile {
  name: string;
  /** The postal address, one entry per printed line. */
  addressLines: string[];
  email: string | null;
  phone: string | null;
  logo: CompanyLogo | null;
}

/** A profile with nothing but a name (COMPANY_NAME, before any details are saved). */
export const companyNamed = (name: string): CompanyProfile => ({
  name,
  addressLines: [],
  email: null,
  phone: null,
  logo: null,
});

/** The contact line of a letterhead or signature: `office@acme.test · +1 555 0100`. */
export function contactLine(company: CompanyProfile): string | null {
  const parts = [company.email, company.phone].filter((p): p is string => Boolean(p));
  return parts.length ? parts.join(' · ') : null;
}
