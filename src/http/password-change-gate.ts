/**
 * After an admin's reset the user signs in with a one-time password, and that session may only
 * read who it is, change the password, or sign out; everything else answers 403
 * `password_change_required`. Decided on the matched route, after authentication. API tokens
 * are not gated: they are the user's own credentials, not the one-time password.
 */
import type { FastifyInstance } from 'fastify';
import { HttpError } from './http-error.js';

/** `METHOD url` of the routes such a session may use (the API docs list the 403 elsewhere). */
export const OPEN_DURING_CHANGE: ReadonlySet<string> = new Set([
  'GET /api/auth/me',
  'PUT /api/auth/me/password',
  'POST /api/auth/logout',
]);

export function installPasswordChangeGate(app: FastifyInstance): void {
  app.addHook('preHandler', async (request) => {
    if (!request.principal?.mustChangePassword) return;
    if (OPEN_DURING_CHANGE.has(`${request.method} ${request.routeOptions.url ?? ''}`)) return;
    throw new HttpError(
      403,
      'password_change_required',
      'choose a new password first (PUT /api/auth/me/password): the one you signed in with was a one-time password',
    );
  });
}
