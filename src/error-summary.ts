import { GraphQLError } from "graphql";

/**
 * What may be logged of an error. drizzle wraps database errors in one whose message holds the
 * SQL and its parameters (BSNs among them): log the database's own error underneath instead.
 */
export function errorSummary(error: unknown): Record<string, unknown> {
  if (!(error instanceof Error)) return { message: "non-error thrown" };
  // drizzle's wrapper does not set its name; recognise it by the SQL and parameters it carries.
  if ("params" in error || error.message.startsWith("Failed query")) {
    return { type: "DatabaseQueryError", cause: errorSummary(error.cause) };
  }
  return {
    type: error.name,
    code: (error as { code?: unknown }).code,
    message: error.message.slice(0, 300),
    stack: error instanceof GraphQLError ? undefined : error.stack,
  };
}
