import { recordWriteAbout } from "../access-log/writes.js";
import type { EntryContent } from "../access-log/chain.js";
import type { RequestContext } from "../../context.js";
import type { Subject } from "./subject.js";

/*
 * The access log of the rights' reads and writes. They are about one person, so they are
 * entries on that person (by the keyed digest of their BSN, as the reference index's are): they
 * appear in that person's log, not in every household member's. The basis names why the actor
 * could ask: the client for themselves, a parent with custody for a child, a professional on the
 * client's behalf (and which of the region's allowances), a decider of a request.
 */
export type RightsBasis =
  | "rights:client-self"
  | "rights:client-legal-custody"
  | `rights:on-behalf:${string}`
  | "rights:decider";

const about = (subject: Pick<Subject, "regionId" | "bsn">) => ({ regionId: subject.regionId, bsn: subject.bsn });

/** A read of the person's data in this request: written with the request's other reads, before the answer is sent. */
export function recordRightsRead(ctx: RequestContext, subject: Pick<Subject, "regionId" | "bsn">, data: string[], basis: RightsBasis): void {
  ctx.access.readAbout(about(subject), "READ", data, basis);
}

/** A write about the person, inside the transaction that makes it. */
export function recordRightsWrite(tx: RequestContext, subject: Pick<Subject, "regionId" | "bsn" | "personId">, data: string[], action: EntryContent["action"] = "WRITE"): void {
  recordWriteAbout(tx, about(subject), { data, personIds: [subject.personId] }, action);
}

