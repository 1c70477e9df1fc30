import { GraphQLError } from "graphql";

// The whole error vocabulary a client can meet. Anything else is masked as INTERNAL_SERVER_ERROR.
export type ErrorCode =
  | "BAD_USER_INPUT"
  | "UNAUTHENTICATED"
  | "FORBIDDEN"
  | "NOT_FOUND"
  | "CONFLICT"
  // The database is away: the request may be retried.
  | "SERVICE_UNAVAILABLE";

function failure(code: ErrorCode, message: string, extra: Record<string, unknown> = {}): GraphQLError {
  return new GraphQLError(message, { extensions: { code, ...extra } });
}

/** The message starts with the field's path, so a client can point at the input that is wrong. */
export const badInput = (field: string, problem: string) =>
  failure("BAD_USER_INPUT", `${field}: ${problem}`, { field });
export const unauthenticated = () => failure("UNAUTHENTICATED", "A valid bearer token is required.");
export const forbidden = (message = "You are not allowed to do this.") => failure("FORBIDDEN", message);
export const notFound = (what: string) => failure("NOT_FOUND", `${what} not found.`);
export const isNotFound = (error: unknown) =>
  error instanceof GraphQLError && error.extensions.code === "NOT_FOUND";
export const conflict = (message: string) => failure("CONFLICT", message);

const OWN_CODES: Record<ErrorCode, true> = {
  BAD_USER_INPUT: true,
  UNAUTHENTICATED: true,
  FORBIDDEN: true,
  NOT_FOUND: true,
  CONFLICT: true,
  SERVICE_UNAVAILABLE: true,
};

/** Codes shown to clients as they are; every other error is masked. */
export const KNOWN_CODES: ReadonlySet<string> = new Set([
  ...Object.keys(OWN_CODES),
  // Apollo's own codes for a request that never reached a resolver.
  "GRAPHQL_PARSE_FAILED",
  "GRAPHQL_VALIDATION_FAILED",
  "BAD_REQUEST",
  "PERSISTED_QUERY_NOT_FOUND",
  "PERSISTED_QUERY_NOT_SUPPORTED",
  "OPERATION_RESOLUTION_FAILURE",
]);

// Apollo uses extensions.http for the response status and strips it from the body.
export const serviceUnavailable = () =>
  failure("SERVICE_UNAVAILABLE", "The database is not reachable; try again shortly.", { http: { status: 503 } });
