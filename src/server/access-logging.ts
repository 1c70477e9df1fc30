import type { ApolloServerPlugin } from "@apollo/server";
import type { RequestContext } from "../context.js";
import { serviceUnavailable } from "../errors.js";
import { errorSummary } from "../error-summary.js";

/**
 * Writes the request's reads to the access log with `recordReads` (writeRequestLog unless the
 * server was told otherwise) when the response is ready and before it is sent. If they cannot
 * be written, the data is not served: the answer becomes one SERVICE_UNAVAILABLE error (writes
 * were logged in their own transactions already).
 */
export function accessLogging(recordReads: (ctx: RequestContext) => Promise<void>): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ contextValue, response }) {
          if (!contextValue.access) return;
          try {
            await recordReads(contextValue);
          } catch (error) {
            contextValue.log.error({ err: errorSummary(error) }, "access log not written: response withheld");
            const refusal = serviceUnavailable();
            response.http.status = 503;
            response.body = { kind: "single", singleResult: { errors: [{ message: refusal.message, extensions: { code: "SERVICE_UNAVAILABLE" } }] } };
          }
        },
      };
    },
  };
}
