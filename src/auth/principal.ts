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

/** A person who did something: the user and, for requests, the client's IP address. */
export interface UserActor {
  userId: string;
  email: string;
  ip?: string | null;
}

/** The system acting on its own behalf for a named reason: the monthly schedule. */
export interface SystemActor {
  system: 'schedule';
}

/** Who did something, for the audit log and created_by columns; null means the system. */
export type Actor = UserActor | SystemActor | null;

/** The monthly generation schedule, as the actor of the jobs it starts. */
export const SCHEDULE_ACTOR: SystemActor = { system: 'schedule' };

/** The user behind an actor, for created_by columns (none for the system and the schedule). */
export function userIdOf(actor: Actor): string | null {
  return actor && 'userId' in actor ? actor.userId : null;
}
