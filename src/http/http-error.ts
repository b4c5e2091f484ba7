/**
 * Refusals the HTTP layer makes itself, before any use case runs (no credential, a forged
 * Origin, an unknown Host): these know their status. Use cases throw DomainError instead.
 */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'HttpError';
  }
}
