import type { FieldMiddleware, FieldRecorder } from "../accountability/access-log/fields.js";
import { forbidden } from "../errors.js";
import type { DecideField, FieldDecision } from "./rules.js";

/*
 * The permission middleware's synchronous path (docs/decisions/0004, "Measured"). Shield's field
 * middleware is an async function: every field it wraps answers with a promise, awaited twice
 * more inside shield, and a promise makes graphql-js complete the field, its object and its list
 * asynchronously too. On a plan that is every part's `content` and every task's lead partner's
 * and professional's name: thousands of promises whose decisions were known when they were made,
 * since the family's entitlement is loaded once per request.
 *
 * A field of an object type whose rule is one of ours (access/rules.ts, `decisionOf`) is
 * therefore guarded here instead: the same decision function shield's rule calls, answered
 * without a promise when it is known. Allowed, the read is recorded and the resolver runs, as
 * shield runs it; refused, the field answers with the rule's error (FORBIDDEN at its path,
 * UNAUTHENTICATED, SERVICE_UNAVAILABLE), as shield answers it. A decision still loading (the
 * family's entitlement not yet asked for in this request) answers with a promise, as before.
 * The reasons stay in rules.ts; nothing is decided here.
 *
 * Root fields stay with shield (once per request, and a mutation names its operation there), as
 * does a field without a rule: shield's fallback denies it.
 *
 * One difference from shield is not a decision: a field that fails synchronously (refused, or
 * its resolver threw) and cannot be null nulls its object at once, and graphql-js executes none
 * of that object's fields after it — they are neither read nor recorded. Under shield they still
 * ran and were recorded, though their data was dropped with the object. A field that is served
 * has always passed this guard and been recorded.
 */

/** Anything but an allowance is a refusal: an error as the rule made it, or FORBIDDEN. */
const refusal = (decision: unknown): Error => (decision instanceof Error ? decision : forbidden());

/** A field guarded by its rule's decision, recorded for the access log once allowed. */
export function guardedField(decide: DecideField, record: FieldRecorder): FieldMiddleware {
  return (resolve, parent, args, ctx, info) => {
    const decision = decide(parent, ctx, info);
    if (decision === true) {
      record(parent, ctx);
      return resolve(parent, args, ctx, info);
    }
    if (decision instanceof Promise) {
      return decision.then((settled: FieldDecision) => {
        if (settled !== true) return refusal(settled);
        record(parent, ctx);
        return resolve(parent, args, ctx, info);
      });
    }
    return refusal(decision);
  };
}
