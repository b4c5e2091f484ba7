/**
 * Asks before a user's role changes or their account is disabled or enabled (issue 15 §9), makes
 * the change, and confirms it with a notice. A refusal (the last admin, say) stays in the dialog
 * in plain words.
 */
import { useQueryClient } from '@tanstack/react-query';
import { api, isApiError, type UserDto } from '../api.js';
import { explainError } from '../errorText.js';
import { userSaved } from '../queries.js';
import { ConfirmDialog } from './ConfirmDialog.js';
import { useNotices } from './Notices.js';

export type UserChange = { role: UserDto['role'] } | { disabled: boolean };

/** What each role may do, in the words of the roles' definition (src/auth/roles.ts). */
const ROLE_MEANING: Record<UserDto['role'], string> = {
  viewer: 'they can read statements and jobs, and change nothing',
  editor: 'they can generate, edit, finalize and send statements, and manage jobs',
  admin: 'they can do everything, including managing users and settings',
};

/** "Ann Lee (ann@example.com)", or the e-mail alone when the name is only its first part. */
const who = (user: UserDto) =>
  user.name && user.name !== user.email.split('@')[0] ? `${user.name} (${user.email})` : user.email;

const aRole = (role: UserDto['role']) => (role === 'viewer' ? 'a viewer' : `an ${role}`);

function texts(user: UserDto, change: UserChange) {
  if ('role' in change) {
    return {
      title: `Make ${user.name || user.email} ${aRole(change.role)}?`,
      message: `${who(user)} becomes ${aRole(change.role)}: ${ROLE_MEANING[change.role]}. It applies at once, also to their open sessions.`,
      confirmLabel: 'Change role',
      done: `${who(user)} is now ${aRole(change.role)}`,
    };
  }
  return change.disabled
    ? {
        title: `Disable ${user.name || user.email}?`,
        message: `${who(user)} can no longer sign in; their sessions and API tokens stop working at once. You can enable the account again later.`,
        confirmLabel: 'Disable',
        done: `${who(user)} is disabled — signed out everywhere`,
      }
    : {
        title: `Enable ${user.name || user.email}?`,
        message: `${who(user)} can sign in again with their password.`,
        confirmLabel: 'Enable',
        done: `${who(user)} is enabled — they can sign in again`,
      };
}

export function UserChangeDialog({
  user,
  change,
  onClose,
}: {
  user: UserDto;
  change: UserChange;
  onClose: () => void;
}) {
  const { notify } = useNotices();
  const client = useQueryClient();
  const t = texts(user, change);
  return (
    <ConfirmDialog
      title={t.title}
      message={t.message}
      confirmLabel={t.confirmLabel}
      onCancel={onClose}
      // The dialog shows what is pending and what failed, so this is a plain call that tells the
      // cache what changed (as the reset password dialog does).
      onConfirm={async () => {
        let changed: UserDto;
        try {
          changed = await api.updateUser(user.id, change);
        } catch (e) {
          if (!isApiError(e)) throw e;
          const { what, next } = explainError(e.code);
          throw new Error(`${what} ${next}`);
        }
        onClose();
        userSaved(client, changed);
        notify({ tone: 'success', title: t.done });
      }}
    />
  );
}
