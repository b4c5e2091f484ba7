/**
 * The sign-in and user-management use cases over one store, wired the same way for the server
 * (compose.ts) and the command-line tool (src/cli), so an unlock or a reset from the CLI goes
 * through the same audited changes and the same sign-in counters as the API.
 */
import type { Logger } from 'pino';
import type { Store } from '../db/store.js';
import type { Clock } from '../lib/clock.js';
import type { LoginThrottle } from '../security/login-throttle.js';
import type { AuditService } from './audit-service.js';
import { AuthService, type SessionPolicy } from './auth-service.js';
import type { Changes } from './changes.js';
import { UserService } from './user-service.js';

export function accountServices(deps: {
  store: Store;
  audit: AuditService;
  changes: Changes;
  clock: Clock;
  logger: Logger;
  throttle: LoginThrottle;
  session: SessionPolicy;
}): { authService: AuthService; userService: UserService } {
  const { users, credentials } = deps.store.repos;
  const { audit, changes, clock, throttle } = deps;
  return {
    authService: new AuthService({
      users,
      credentials,
      audit,
      changes,
      clock,
      throttle,
      logger: deps.logger,
      session: deps.session,
    }),
    userService: new UserService({ users, credentials, audit, changes, clock, throttle }),
  };
}
