import { GraphQLError } from "graphql";

/**
 * What may be logged of an error. drizzle wraps database errors in one whose message holds the
 * SQL and its parameters (BSNs among them): log the database's own error underneath instead.
 */
export function errorSummary(error: unknown): Record<string, unknown> {
  if (!(error instanceof Error)) {
    // A database error from another realm (PGlite's) is no Error here, but has its code and message.
    const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
    return typeof message === "string" ? { code, message: message.slice(0, 300) } : { message: "non-error thrown" };
  }
  // drizzle's wrapper does not set its name; recognise it by the SQL and parameters it carries.
  // PGlite's own errors carry the query and its parameters too, but no cause: only their message is logged.
  if (error.message.startsWith("Failed query") || ("params" in error && error.cause !== undefined)) {
    return { type: "DatabaseQueryError", cause: errorSummary(error.cause) };
  }
  return {
    type: error.name,
    code: (error as { code?: unknown }).code,
    message: error.message.slice(0, 300),
    stack: error instanceof GraphQLError ? undefined : error.stack,
  };
}
