import type { Logger } from "pino";
import type { EntitlementLoader } from "./access/entitlement.js";
import type { Caller } from "./auth/caller.js";
import type { ClientCaller } from "./auth/client.js";
import type { Db } from "./db/database.js";
import type { Loaders } from "./loaders.js";
import { AccessRecorder, WriteLog, writeEntries } from "./accountability/access-log/recorder.js";
import { serviceUnavailable } from "./errors.js";
import { errorSummary } from "./server/logger.js";
import { WITHOUT_PERSONAL_DATA } from "./accountability/access-log/writes.js";

/** Built once per request; every service takes it as its first argument. */
export interface RequestContext {
  requestId: string;
  /** The professional calling; null for anyone else (a client included). */
  caller: Caller | null;
  /** The family member calling with a client token; null for anyone else. Never both. */
  client: ClientCaller | null;
  /** The pool, or the open transaction inside a mutation. */
  db: Db;
  log: Logger;
  /** The clock: tests move it. */
  now: () => Date;
  /** The caller's entitlement per family, computed once per request in one batched statement. */
  entitlements: EntitlementLoader;
  /** A fresh entitlement loader reading through `db` (a transaction sees its own writes). */
  entitlementsOn: (db: Db) => EntitlementLoader;
  loaders: Loaders;
  /** The request's reads of personal data, for the access log. */
  access: AccessRecorder;
  /** Inside a transaction: its writes of personal data, logged just before it commits. */
  writes: WriteLog | null;
}

/** A context whose caller is known: the shield has already refused anonymous calls. */
export interface AuthenticatedContext extends RequestContext {
  caller: Caller;
}

export function authenticated(ctx: RequestContext): AuthenticatedContext {
  if (!ctx.caller) throw new Error("Resolver reached without a caller: a shield rule is missing.");
  return ctx as AuthenticatedContext;
}

/**
 * Runs a mutation as one transaction: a failure leaves nothing half-written. Checks made inside
 * read through the transaction too, so they see the rows it locked and wrote. The access-log
 * entries for its writes are appended inside it, last: they commit or roll back together, and
 * a mutation that records no write (unless it writes no personal data) is refused.
 */
export function inTransaction<T>(ctx: AuthenticatedContext, work: (tx: AuthenticatedContext) => Promise<T>): Promise<T> {
  return ctx.db.transaction(async (db) => {
    const tx = db as unknown as Db;
    const operation = ctx.access.operation;
    const writes = new WriteLog(operation);
    const txCtx: AuthenticatedContext = { ...ctx, db: tx, entitlements: ctx.entitlementsOn(tx), writes };
    const result = await work(txCtx);
    if (writes.size === 0 && !(operation && WITHOUT_PERSONAL_DATA.has(operation.name))) {
      throw new Error(`${operation?.name ?? "A transaction"} recorded no write for the access log.`);
    }
    try {
      await writeEntries(txCtx, tx, txCtx.entitlements, writes.take());
    } catch (error) {
      ctx.log.error({ err: errorSummary(error) }, "access log not written: write refused");
      throw serviceUnavailable();
    }
    return result;
  });
}

/** The calendar date of the clock, in the region's time zone (all demo regions are Dutch). */
export function today(ctx: { now: () => Date }): string {
  return isoDate(ctx.now());
}

// Made once: building an Intl formatter costs far more than formatting a date with it.
const DUTCH_DAY = new Intl.DateTimeFormat("sv-SE", { timeZone: "Europe/Amsterdam" });

export function isoDate(moment: Date): string {
  return DUTCH_DAY.format(moment);
}
