/**
 * How many heavy exports (ZIPs of PDFs, list CSVs) one user may start per minute. The routes see
 * only this small interface; compose gives them a RequestLimit on the shared rate-limit store, so
 * every web process enforces one allowance.
 */
export interface ExportLimiter {
  /** Takes one export from the user's allowance: 0 when allowed, else ms until one is. */
  take(userId: string): Promise<number>;
}
