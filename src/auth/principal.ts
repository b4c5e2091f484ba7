/** Who is making a request, once authenticated. */
import type { Role } from './roles.js';

export interface Principal {
  userId: string;
  email: string;
  name: string;
  role: Role;
  /** How the request proved who it is: the session cookie, or a bearer token. */
  via: 'cookie' | 'bearer';
  /** The session id or API token id. */
  credentialId: string;
  credentialKind: 'session' | 'api_token';
  /** A session of a user whose password an admin reset: only the password change is open. */
  mustChangePassword?: boolean;
}

/**
 * Who did something, for the audit log and created_by columns: the user and, for requests, the
 * client's IP address. null means the system.
 */
export type Actor = { userId: string; email: string; ip?: string | null } | null;
