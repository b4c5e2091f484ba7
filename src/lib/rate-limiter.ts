/** "At most `max` in `windowMs`": the shape of every request limit (counted in src/security). */
export interface Limit {
  max: number;
  windowMs: number;
}
