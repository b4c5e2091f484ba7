/** Database errors that repositories react to, recognised on both SQLite and PostgreSQL. */
export const isUniqueViolation = (error: unknown): boolean => {
  const code = (error as { code?: unknown } | null)?.code;
  // SQLite reports a duplicate primary key with its own code, not as a unique index violation.
  return code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || code === '23505';
};

/** PostgreSQL gave up on this transaction to let another through (deadlock, serialization): try again. */
export const isSerializationFailure = (error: unknown): boolean => {
  const code = (error as { code?: unknown } | null)?.code;
  return code === '40P01' || code === '40001';
};
