/**
 * Maps user ids to e-mails for "who did it" columns. Only admins may list users; everyone else
 * sees their own e-mail and other people's ids.
 */
import { useEffect, useState } from 'react';
import { api } from '../api.js';
import { useAuth } from '../auth.js';

export function useUserNames(): (userId: string | null) => string {
  const { me, can } = useAuth();
  const mayList = can('users:manage');
  const [emails, setEmails] = useState<Map<string, string>>(new Map());

  useEffect(() => {
    if (!mayList) return;
    let stale = false;
    api
      .listUsers()
      .then((r) => {
        if (!stale) setEmails(new Map(r.users.map((u) => [u.id, u.email])));
      })
      .catch(() => undefined); // Ids are shown instead.
    return () => {
      stale = true;
    };
  }, [mayList]);

  return (userId) => {
    if (!userId) return 'system';
    if (me && userId === me.user.id) return me.user.email;
    return emails.get(userId) ?? userId;
  };
}
