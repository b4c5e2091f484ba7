/**
 * Maps user ids to e-mails for "who did it" columns. Only admins may list users; everyone else
 * sees their own e-mail and other people's ids (as they do when the list fails to load).
 */
import { useQuery } from '@tanstack/react-query';
import { useAuth } from '../auth.js';
import { usersQuery } from '../queries.js';

export function useUserNames(): (userId: string | null) => string {
  const { me, can } = useAuth();
  const users = useQuery({
    ...usersQuery(),
    enabled: can('users:manage'),
    select: (r) => new Map(r.users.map((u) => [u.id, u.email])),
  });
  const emails = users.data;

  return (userId) => {
    if (!userId) return 'system';
    if (me && userId === me.user.id) return me.user.email;
    return emails?.get(userId) ?? userId;
  };
}
