/** Public surface of the Hostify adapter. */
export { createHostifyClient, HOSTIFY_MAX_PER_PAGE, type HostifyClientOptions } from './client.js';
export {
  HostifyAuthError,
  HostifyError,
  type HostifyErrorCode,
  HostifyRequestError,
  HostifyResponseError,
  HostifyUnavailableError,
} from './errors.js';
export {
  createInstallationLimiter,
  type InstallationLimiter,
  type RateLimitStore,
} from './installation-limiter.js';
export type { HostifyLogger } from './logger.js';
export { isOwner, parseOwnerRoles } from './ownership.js';
export { createLocalRateLimiter, type LocalRateLimiterOptions, type RateLimiter } from './rate-limiter.js';
export { createSharedRateLimiter, type SharedRateLimiter } from './shared-rate-limiter.js';
export type {
  HostifyClient,
  HostifyListing,
  HostifyReservation,
  HostifyUser,
  InvalidReservation,
  ReservationBatch,
  ReservationQuery,
} from './types.js';
