/**
 * Roles and what they may do. Viewers read; editors also generate, edit expenses, change
 * statement status, delete drafts, cancel and retry jobs; admins also manage users and settings.
 */
export const ROLES = ['admin', 'editor', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

export const PERMISSIONS = [
  'read',
  'statements:generate',
  'statements:edit',
  'jobs:manage',
  'catalog:sync',
  'settings:edit',
  'users:manage',
  'audit:read',
  /** Every signed-in user manages their own API tokens and preferences. */
  'self',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const EDITOR: readonly Permission[] = [
  'read',
  'self',
  'statements:generate',
  'statements:edit',
  'jobs:manage',
  'catalog:sync',
];

const GRANTS: Record<Role, readonly Permission[]> = {
  viewer: ['read', 'self'],
  editor: EDITOR,
  admin: [...EDITOR, 'settings:edit', 'users:manage', 'audit:read'],
};

export const can = (role: Role, permission: Permission): boolean => GRANTS[role].includes(permission);
