/**
 * The manager's company details as the owners' documents show them (HTTP contract): name,
 * postal address, e-mail and phone, and a logo (PNG or JPEG, uploaded as base64 in JSON).
 */
import { z } from 'zod';
import { cleanText } from './common.js';

export { MAX_LOGO_KIB, MAX_LOGO_PIXELS } from './logo-limits.js';

export const companySchema = z.object({
  name: z.string(),
  addressLines: z.array(z.string()),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  logo: z
    .object({
      contentType: z.enum(['image/png', 'image/jpeg']),
      /** Bytes. */
      size: z.number().int(),
      updatedAt: z.string().nullable(),
    })
    .nullable(),
  /** False until an admin saved details: the name is then COMPANY_NAME's. */
  saved: z.boolean(),
  updatedAt: z.string().nullable(),
  updatedBy: z.string().nullable(),
});
export type CompanyDto = z.infer<typeof companySchema>;

/** '' (an emptied form field) is "none". */
const optionalText = <T extends z.ZodType>(schema: T) =>
  z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? null : v), schema.nullable()).default(null);

const oneLine = (max: number) =>
  cleanText()
    .max(max, `must be at most ${max} characters`)
    .regex(/^[^\r\n]*$/, 'must be one line');

export const updateCompanyRequestSchema = z.strictObject({
  name: oneLine(200).min(1, 'must not be empty'),
  /** Empty lines are dropped. */
  addressLines: z
    .array(oneLine(120))
    .max(6, 'at most 6 address lines')
    .default([])
    .transform((lines) => lines.filter((l) => l !== '')),
  email: optionalText(z.email('must be an e-mail address').max(254)),
  phone: optionalText(
    oneLine(40).regex(/^[0-9+()./\s-]*$/, 'must contain only digits, spaces and + ( ) - . /'),
  ),
});
export type UpdateCompanyRequest = z.infer<typeof updateCompanyRequestSchema>;

export const uploadLogoRequestSchema = z.strictObject({
  /** The PNG or JPEG file, base64-encoded (no `data:` prefix). */
  image: z.base64('must be base64').max(1_048_576),
});
export type UploadLogoRequest = z.infer<typeof uploadLogoRequestSchema>;
