import type { ApolloServerPlugin, BaseContext } from "@apollo/server";

/** Errors that mean "the database is away", not "the request is wrong". */
const CONNECTION_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "EPIPE",
  "ENOTFOUND",
  "EAI_AGAIN",
  "EHOSTUNREACH",
  "ENETUNREACH",
  // postgres.js
  "CONNECTION_CLOSED",
  "CONNECTION_ENDED",
  "CONNECTION_DESTROYED",
  "CONNECT_TIMEOUT",
  "QUEUE_TIMEOUT", // waited for a connection longer than a queue_timeout allows
  "PING_TIMEOUT", // db/database.ts
  // PostgreSQL
  "08000", // connection_exception
  "08001", // sqlclient_unable_to_establish_sqlconnection
  "08003", // connection_does_not_exist
  "08004", // sqlserver_rejected_establishment_of_sqlconnection
  "08006", // connection_failure
  "53300", // too_many_connections
  "57P01", // admin_shutdown
  "57P02", // crash_shutdown
  "57P03", // cannot_connect_now
]);

export function isDatabaseUnavailable(error: unknown): boolean {
  for (let current = error, depth = 0; current && depth < 5; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === "string" && CONNECTION_CODES.has(code)) return true;
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}

/**
 * A response carrying SERVICE_UNAVAILABLE answers HTTP 503, whatever met the outage: Apollo takes
 * the status only from an error that carries one, and a database error a resolver meets (a
 * mutation's transaction, a read) becomes SERVICE_UNAVAILABLE only when it is formatted.
 */
export function serviceUnavailableStatus(): ApolloServerPlugin<BaseContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response }) {
          const errors = response.body.kind === "single" ? response.body.singleResult.errors : response.body.initialResult.errors;
          if (errors?.some((error) => error.extensions?.code === "SERVICE_UNAVAILABLE")) response.http.status = 503;
        },
      };
    },
  };
}
