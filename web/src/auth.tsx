/**
 * Who is signed in and what they may do. The session itself is the server's httpOnly cookie; this
 * context only mirrors GET /api/auth/me, and drops to "signed out" on any 401 from any request.
 */
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { api, errorMessage, isApiError, type Me, onUnauthorized } from './api.js';

/** The permissions the UI checks (the server's names, from src/auth/roles.ts). */
export type Permission =
  | 'statements:generate'
  | 'statements:edit'
  | 'jobs:manage'
  | 'settings:edit'
  | 'users:manage';

type AuthState =
  | { status: 'loading' }
  /** `expired`: a session that existed has ended (as opposed to never signed in or signed out). */
  | { status: 'signed-out'; expired?: boolean }
  | { status: 'error'; message: string }
  | { status: 'signed-in'; me: Me };

export interface AuthContextValue {
  state: AuthState;
  /** The signed-in user's data; null unless signed in. */
  me: Me | null;
  can: (permission: Permission) => boolean;
  signIn: (email: string, password: string) => Promise<void>;
  signOut: () => Promise<void>;
  reload: () => Promise<void>;
}

const AuthContext = createContext<AuthContextValue | null>(null);

export function AuthProvider({ children, initialMe }: { children: ReactNode; initialMe?: Me }) {
  const [state, setState] = useState<AuthState>(
    initialMe ? { status: 'signed-in', me: initialMe } : { status: 'loading' },
  );

  const reload = useCallback(async () => {
    try {
      setState({ status: 'signed-in', me: await api.me() });
    } catch (error) {
      if (isApiError(error) && error.status === 401) setState({ status: 'signed-out' });
      else setState({ status: 'error', message: errorMessage(error) });
    }
  }, []);

  useEffect(() => {
    if (!initialMe) void reload();
  }, [initialMe, reload]);

  useEffect(
    () =>
      onUnauthorized(() =>
        setState((s) =>
          s.status === 'signed-in' ? { status: 'signed-out', expired: true } : { status: 'signed-out' },
        ),
      ),
    [],
  );

  const signIn = useCallback(async (email: string, password: string) => {
    await api.login(email, password);
    setState({ status: 'signed-in', me: await api.me() });
  }, []);

  const signOut = useCallback(async () => {
    try {
      await api.logout();
    } finally {
      setState({ status: 'signed-out' });
    }
  }, []);

  const value = useMemo<AuthContextValue>(() => {
    const me = state.status === 'signed-in' ? state.me : null;
    return {
      state,
      me,
      can: (permission) => me?.permissions.includes(permission) ?? false,
      signIn,
      signOut,
      reload,
    };
  }, [state, signIn, signOut, reload]);

  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthContextValue {
  const value = useContext(AuthContext);
  if (!value) throw new Error('useAuth needs an <AuthProvider>');
  return value;
}
