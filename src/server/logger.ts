import { pino, type DestinationStream, type Logger } from "pino";

/**
 * Structured JSON logs. Request bodies, variables and headers are never logged: they carry
 * tokens, BSNs and plan content. The redact list is a second line of defence.
 */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  const options = {
    level,
    base: { service: "one-family-one-plan" },
    redact: {
      paths: ["authorization", "*.authorization", "headers", "*.headers", "variables", "*.variables", "bsn", "*.bsn"],
      censor: "[redacted]",
    },
  };
  return destination ? pino(options, destination) : pino(options);
}
