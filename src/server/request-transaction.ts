import { HeaderMap, type HTTPGraphQLResponse } from "@apollo/server";
import type { Logger } from "pino";
import { APPLICATION_ROLE, enterRequest, type Entered, type Identity } from "../auth/enter.js";
import type { Db } from "../db/database.js";
import { serviceUnavailable } from "../errors.js";
import { errorSummary } from "../error-summary.js";
import { isDatabaseUnavailable } from "./database-errors.js";

/**
 * Every GraphQL request runs in one transaction of its own, entered as its caller (auth/enter.ts):
 * its statements pass the row-level fences of drizzle/0011 as the application's role, never as
 * the owner. A mutation's own transaction is a savepoint inside it, its access-log entries with
 * it; the reads' entries are appended before it commits, and nothing is sent before it has
 * (docs/decisions/0015). `rowSecurity: false` enters as the owner: for the benchmark's ratio only.
 */
export async function inRequestTransaction(
  db: Db,
  identity: Identity,
  options: { rowSecurity: boolean; log: Logger },
  execute: (tx: Db, entered: Entered) => Promise<HTTPGraphQLResponse>,
): Promise<HTTPGraphQLResponse> {
  let executed = false;
  try {
    return await db.transaction(async (tx) => {
      const entered = await enterRequest(tx as unknown as Db, identity, options.rowSecurity ? APPLICATION_ROLE : "none");
      const answer = await execute(tx as unknown as Db, entered);
      executed = true;
      return answer;
    });
  } catch (error) {
    if (isDatabaseUnavailable(error)) {
      options.log.warn({ err: errorSummary(error) }, "request refused: the database is unavailable");
      return unavailable();
    }
    if (!executed) throw error;
    // The answer is ready but the transaction did not commit (a statement failed in it, such as
    // its access-log entries): nothing of it holds, so none of it is sent.
    options.log.error({ err: errorSummary(error) }, "request not committed: answer withheld");
    return unavailable();
  }
}

/** The answer while the database is away: 503 SERVICE_UNAVAILABLE, as a resolver meeting it gives. */
function unavailable(): HTTPGraphQLResponse {
  const refusal = serviceUnavailable();
  const headers = new HeaderMap([["content-type", "application/json; charset=utf-8"]]);
  return {
    status: 503,
    headers,
    body: { kind: "complete", string: JSON.stringify({ errors: [{ message: refusal.message, extensions: { code: "SERVICE_UNAVAILABLE" } }] }) },
  };
}
