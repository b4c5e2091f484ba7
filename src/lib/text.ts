/**
 * Text hygiene for names and descriptions that reach statements, e-mails and PDFs.
 *
 * Bidirectional control characters (LRE, RLE, PDF, LRO, RLO and the isolates LRI, RLI, FSI, PDI)
 * let a name display in an order other than the one stored ("Trojan Source" style spoofing):
 * an owner called "\u202Eyaw" would read as "way". They carry no meaning in a name, so they are
 * removed on input, from API requests and from Hostify data alike.
 */
const BIDI_CONTROLS = /[\u202A-\u202E\u2066-\u2069]/g;

export function stripBidiControls(text: string): string {
  return text.replace(BIDI_CONTROLS, '');
}

/** The same for an optional value, as Hostify and request bodies send them. */
export function stripBidiControlsOrNull<T extends string | null | undefined>(text: T): T {
  return (typeof text === 'string' ? stripBidiControls(text) : text) as T;
}
