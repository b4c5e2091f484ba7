/**
 * The slice of a pino logger the client uses, so any pino instance (or a test double) fits and
 * the client does not depend on pino itself.
 */
export interface HostifyLogger {
  debug(obj: object, msg?: string): void;
  /** Optional: news that is not a problem (warn is used when absent). */
  info?(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
}

export const silentLogger: HostifyLogger = {
  debug() {},
  warn() {},
};
