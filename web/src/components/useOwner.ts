/**
 * The owner of a statement, from the owners list (the statement carries only the id). Undefined
 * while loading or when the owner is not among the active owners; the page then shows the id.
 */
import { useQuery } from '@tanstack/react-query';
import type { Owner } from '../api.js';
import { ownersQuery } from '../queries.js';

export function useOwner(ownerId: string | null): Owner | undefined {
  // The owners list is one cached query shared with the pickers; the name only decorates the
  // header, so a failed read just leaves the id.
  const owners = useQuery({ ...ownersQuery(), enabled: ownerId !== null });
  return ownerId === null ? undefined : owners.data?.owners.find((o) => o.id === ownerId);
}
