/**
 * pino, JSON lines. Secrets are redacted by path as a second line of defence: the Hostify key,
 * passwords and tokens are never put into log objects in the first place.
 */
import pino, { type DestinationStream, type Logger } from 'pino';

export const REDACT_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-api-key"]',
  'res.headers["set-cookie"]',
  '*.password',
  '*.token',
  '*.apiKey',
  'apiKey',
  'password',
  'token',
];

export function createLogger(level: string, destination?: DestinationStream): Logger {
  return pino(
    {
      level,
      redact: { paths: REDACT_PATHS, censor: '[redacted]' },
      base: { service: 'owner-statements' },
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    destination,
  );
}
