import { unwrapResolverError } from "@apollo/server/errors";
import type { GraphQLFormattedError } from "graphql";
import type { Logger } from "pino";
import { KNOWN_CODES, serviceUnavailable } from "../errors.js";
import { errorSummary } from "../error-summary.js";
import { isDatabaseUnavailable } from "./database-errors.js";

/** Only our own error codes reach the client; everything else is masked and logged. */
export function formatError(formatted: GraphQLFormattedError, error: unknown, log: Logger): GraphQLFormattedError {
  const original = unwrapResolverError(error);
  const code = formatted.extensions?.code;
  if (typeof code === "string" && KNOWN_CODES.has(code) && code !== "INTERNAL_SERVER_ERROR") {
    return { message: formatted.message, locations: formatted.locations, path: formatted.path, extensions: pickExtensions(formatted) };
  }
  if (isDatabaseUnavailable(original)) {
    return { message: serviceUnavailable().message, path: formatted.path, extensions: { code: "SERVICE_UNAVAILABLE" } };
  }
  log.error({ err: errorSummary(original), path: formatted.path }, "unexpected error");
  return { message: "Internal server error", path: formatted.path, extensions: { code: "INTERNAL_SERVER_ERROR" } };
}

/**
 * The extensions a client may read: the code, an input's field, a refusal's facts (access/
 * denials.ts). A withheld refusal is dropped before the answer is sent (refusal-folding.ts).
 */
const SHOWN_EXTENSIONS = ["code", "field", "rule", "required", "yours", "withheld"] as const;

function pickExtensions(formatted: GraphQLFormattedError) {
  const extensions = formatted.extensions ?? {};
  const shown: Record<string, unknown> = {};
  for (const key of SHOWN_EXTENSIONS) if (extensions[key] !== undefined) shown[key] = extensions[key];
  return shown;
}
