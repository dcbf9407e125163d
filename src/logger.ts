// Structured JSON logs (pino). Secrets are redacted by path before anything is written.
import { pino } from 'pino';

export type Logger = pino.Logger;

const REDACT = [
  'token',
  '*.token',
  '*.botToken',
  '*.appToken',
  '*.signingSecret',
  '*.authorization',
  '*.Authorization',
  'headers.authorization',
  '*.headers.authorization',
  '*.SecretAccessKey',
  '*.SessionToken',
  '*.secretAccessKey',
  '*.sessionToken',
  '*.externalId',
  '*.ExternalId',
  '*.responseUrl',
  '*.response_url',
  '*.databaseUrl',
  '*.eventBridgeSecret',
];

export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      base: { app: 'ssm-why' },
      redact: { paths: REDACT, censor: '[redacted]' },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
    },
    destination,
  );
}
