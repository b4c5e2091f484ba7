/**
 * The company logo's limits, shared by the server's check (src/documents/logo-image.ts) and the
 * Settings page's (which checks before uploading). No zod here: the web app imports these values.
 */

/** The largest logo file. */
export const MAX_LOGO_KIB = 512;
/** The most pixels on either side of a logo (a logo needs few; pdfkit decodes every pixel). */
export const MAX_LOGO_PIXELS = 2000;
