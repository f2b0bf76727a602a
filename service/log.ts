import pino, { type Logger } from 'pino';

export type { Logger };

/** JSON logs. Credentials and tokens are redacted wherever they appear in a logged object. */
export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: 'vigil' },
      redact: {
        paths: ['pat', '*.pat', 'token', '*.token', 'password', '*.password', 'authorization', '*.authorization', 'headers.authorization', 'req.headers.authorization', 'req.headers["x-vigil-access-token"]'],
        censor: '[REDACTED]',
      },
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    destination,
  );
}
