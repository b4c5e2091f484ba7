/**
 * Counted nouns in the app's words: "1 error", "4 errors", "1,500 statements". The words are
 * English, so the plural rules are English's too (Intl.PluralRules, not a hand-written `=== 1`).
 */
const rules = new Intl.PluralRules('en');
const numbers = new Intl.NumberFormat('en');

/** `count` and the noun in the form that count takes; `other` defaults to `one` + "s". */
export function plural(count: number, one: string, other = `${one}s`): string {
  return `${numbers.format(count)} ${rules.select(count) === 'one' ? one : other}`;
}
