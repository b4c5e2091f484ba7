/**
 * Errors the services raise on purpose. Each carries an HTTP status and a stable `code`, so the
 * HTTP layer maps them without knowing the use case, and job handlers can record the code.
 */
export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export const notFound = (what: string, id: string) =>
  new AppError(404, 'not_found', `${what} ${id} not found`);

export const conflict = (message: string, code = 'conflict') => new AppError(409, code, message);

export const badRequest = (message: string, details?: unknown) =>
  new AppError(400, 'validation_error', message, details);
