/**
 * Maps user ids to display names for "who did it" columns (issue 15 §9: people, never `usr_…`
 * ids). The names come from GET /api/users/names, which every role may read (the full user list
 * is for admins only). An id not (yet) known shows as a neutral placeholder, not as the id.
 */
import { useQuery } from '@tanstack/react-query';
import { useAuth } from '../auth.js';
import { userNamesQuery } from '../queries.js';

export function useUserNames(): (userId: string | null) => string {
  const { me } = useAuth();
  const names = useQuery({
    ...userNamesQuery(),
    select: (r) => new Map(r.users.map((u) => [u.id, u.name])),
  });

  return (userId) => {
    // No author: the monthly schedule or the system did it.
    if (!userId) return 'system';
    if (me && userId === me.user.id) return me.user.name || me.user.email;
    return names.data?.get(userId) ?? (names.isPending ? '…' : 'unknown user');
  };
}
