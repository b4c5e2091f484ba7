/**
 * Users (admins only): list, create (a generated password is shown once, with a copy button),
 * change role, disable or enable (both asked first, then confirmed in a notice), reset a password
 * (a one-time password, shown once, that the user must replace at sign-in) and unlock (clear
 * sign-in delays after failed attempts). A disabled user's sessions and tokens stop working at
 * once (server side).
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useId, useState } from 'react';
import { api, type CreateUserInput, errorMessage, type UserDto } from '../api.js';
import { useAuth } from '../auth.js';
import { ConfirmDialog } from '../components/ConfirmDialog.js';
import { LoadState } from '../components/LoadState.js';
import { OneTimePassword } from '../components/OneTimePassword.js';
import { type UserChange, UserChangeDialog } from '../components/UserChangeDialog.js';
import { formatDateTime } from '../format.js';
import { userSaved, usersQuery } from '../queries.js';
import { useTitle } from '../useTitle.js';

const ROLES: UserDto['role'][] = ['viewer', 'editor', 'admin'];

function CreateUserForm({ onCreated }: { onCreated: (user: UserDto, password: string | null) => void }) {
  const client = useQueryClient();
  const id = useId();
  const [email, setEmail] = useState('');
  const [name, setName] = useState('');
  const [role, setRole] = useState<UserDto['role']>('viewer');
  const [password, setPassword] = useState('');
  const create = useMutation({
    mutationFn: api.createUser,
    onSuccess: (created) => {
      userSaved(client, created.user);
      onCreated(created.user, created.password);
      setEmail('');
      setName('');
      setPassword('');
      setRole('viewer');
    },
  });
  const busy = create.isPending;
  const error = create.error ? errorMessage(create.error) : null;

  function submit(event: FormEvent) {
    event.preventDefault();
    const input: CreateUserInput = {
      email: email.trim(),
      role,
      ...(name.trim() ? { name: name.trim() } : {}),
      ...(password ? { password } : {}),
    };
    create.mutate(input);
  }

  return (
    <form className="card" onSubmit={submit} noValidate>
      <h2>Add a user</h2>
      <fieldset disabled={busy} className="plain-fieldset field-row">
        <div className="field">
          <label htmlFor={`${id}-email`}>E-mail</label>
          <input
            id={`${id}-email`}
            type="email"
            required
            autoComplete="off"
            value={email}
            onChange={(e) => setEmail(e.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor={`${id}-name`}>Name (optional)</label>
          <input id={`${id}-name`} type="text" value={name} onChange={(e) => setName(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-role`}>Role</label>
          <select id={`${id}-role`} value={role} onChange={(e) => setRole(e.target.value as UserDto['role'])}>
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {r}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-password`}>Password (optional)</label>
          <input
            id={`${id}-password`}
            type="password"
            autoComplete="new-password"
            aria-describedby={`${id}-password-hint`}
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
          <span id={`${id}-password-hint`} className="hint">
            At least 12 characters; leave empty to generate one.
          </span>
        </div>
        <div className="field field-submit">
          <button type="submit" className="button-primary">
            Create user
          </button>
        </div>
      </fieldset>
      {error ? (
        <p role="alert" className="form-error">
          {error}
        </p>
      ) : null}
    </form>
  );
}

function UserRow({
  user,
  isMe,
  onReset,
}: {
  user: UserDto;
  isMe: boolean;
  onReset: (u: UserDto, password: string) => void;
}) {
  const id = useId();
  const client = useQueryClient();
  const [confirmReset, setConfirmReset] = useState(false);
  /** A role change or disable/enable waiting for confirmation (UserChangeDialog makes it). */
  const [change, setChange] = useState<UserChange | null>(null);
  // Unlock needs no confirmation (it only clears sign-in delays), so it is the row's own mutation.
  const unlockUser = useMutation({
    mutationFn: () => api.unlockUser(user.id).then((r) => r.user),
    onSuccess: (changed) => userSaved(client, changed),
  });
  const busy = unlockUser.isPending;
  const error = unlockUser.error ? errorMessage(unlockUser.error) : null;
  const unlocked = unlockUser.isSuccess;
  const unlock = () => unlockUser.mutate();
  /** Asks first; an earlier unlock's message is no longer the news. */
  const ask = (asked: UserChange) => {
    unlockUser.reset();
    setChange(asked);
  };

  return (
    <tr>
      <th scope="row">{user.name || '—'}</th>
      <td id={`${id}-email`}>{user.email}</td>
      <td>
        {/* Named "Role of <e-mail>" by pointing at the e-mail cell, so the e-mail text appears once. */}
        <label className="visually-hidden" id={`${id}-role-label`} htmlFor={`${id}-role`}>
          Role of
        </label>
        <select
          id={`${id}-role`}
          aria-labelledby={`${id}-role-label ${id}-email`}
          value={user.role}
          disabled={busy || isMe}
          onChange={(e) => ask({ role: e.target.value as UserDto['role'] })}
        >
          {ROLES.map((r) => (
            <option key={r} value={r}>
              {r}
            </option>
          ))}
        </select>
      </td>
      <td>{user.disabled ? 'disabled' : 'active'}</td>
      <td className="nowrap">{formatDateTime(user.createdAt)}</td>
      <td>
        {isMe ? (
          <span className="hint">you</span>
        ) : (
          <span className="button-row">
            <button
              type="button"
              className="button-small"
              disabled={busy}
              aria-label={`${user.disabled ? 'Enable' : 'Disable'} ${user.email}`}
              onClick={() => ask({ disabled: !user.disabled })}
            >
              {user.disabled ? 'Enable' : 'Disable'}
            </button>
            <button
              type="button"
              className="button-small"
              disabled={busy}
              aria-label={`Reset password of ${user.email}`}
              onClick={() => setConfirmReset(true)}
            >
              Reset password
            </button>
            <button
              type="button"
              className="button-small"
              disabled={busy}
              aria-label={`Unlock ${user.email}`}
              onClick={() => unlock()}
            >
              Unlock
            </button>
          </span>
        )}
        {unlocked ? (
          <p role="status" className="hint">
            Sign-in delays cleared.
          </p>
        ) : null}
        {change ? <UserChangeDialog user={user} change={change} onClose={() => setChange(null)} /> : null}
        {confirmReset ? (
          <ConfirmDialog
            title="Reset password?"
            message={`${user.email} gets a one-time password, shown to you once, and must choose a new one at sign-in. Their sessions end now.`}
            confirmLabel="Reset password"
            onCancel={() => setConfirmReset(false)}
            onConfirm={async () => {
              const reset = await api.resetPassword(user.id);
              setConfirmReset(false);
              userSaved(client, reset.user);
              onReset(reset.user, reset.password);
            }}
          />
        ) : null}
        {error ? (
          <p role="alert" className="form-error">
            {error}
          </p>
        ) : null}
      </td>
    </tr>
  );
}

export function UsersPage() {
  useTitle('Users');
  const { me } = useAuth();
  const list = useQuery(usersQuery());
  const { data } = list;
  const loading = list.isPending;
  const error = list.error ? errorMessage(list.error) : null;
  const [created, setCreated] = useState<{ email: string; password: string; oneTime: boolean } | null>(null);
  const users = data?.users ?? [];

  return (
    <>
      <div className="page-head">
        <h1>Users</h1>
      </div>
      <CreateUserForm
        onCreated={(user, password) => {
          setCreated(password ? { email: user.email, password, oneTime: false } : null);
        }}
      />
      {created ? (
        <OneTimePassword
          email={created.email}
          password={created.password}
          oneTime={created.oneTime}
          onDismiss={() => setCreated(null)}
        />
      ) : null}

      <LoadState loading={loading} error={error} what="users" />
      {users.length > 0 ? (
        <div className="table-wrap">
          <table aria-label="Users">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">E-mail</th>
                <th scope="col">Role</th>
                <th scope="col">Status</th>
                <th scope="col">Created</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {users.map((u) => (
                <UserRow
                  key={u.id}
                  user={u}
                  isMe={me?.user.id === u.id}
                  onReset={(u, password) => setCreated({ email: u.email, password, oneTime: true })}
                />
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </>
  );
}
