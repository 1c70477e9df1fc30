import type { Logger } from "pino";
import type { EntitlementLoader } from "./covenant/decisions/loader.js";
import type { Caller } from "./auth/caller.js";
import type { ClientCaller } from "./auth/client.js";
import type { Db } from "./db/database.js";
import type { Loaders } from "./loaders.js";
import type { AccessRecorder, WriteLog } from "./accountability/access-log/recorder.js";

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
