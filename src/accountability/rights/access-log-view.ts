import { and, eq, inArray } from "drizzle-orm";
import { accessLogOf, type AccessLogView } from "../access-log/query.js";
import { accessLog } from "../access-log/tables.js";
import type { Db } from "../../db/database.js";
import type { Page, PageRequest } from "../../pagination/page.js";
import { fillPage } from "../../pagination/seek.js";
import { families, persons } from "../../families/tables.js";
import type { ExportScope } from "./export.js";
import type { Subject } from "./subject.js";
import { clientAccounts } from "./tables.js";
import type { AccessLogEntry } from "./types.js";

type Basis = Record<string, unknown>;
type Cause = Record<string, unknown> & { personId?: string };

/**
 * An entry's basis as the person it concerns may read it: the rules, the level and the causes.
 * A consent or legal ground of another member is shown as that, without saying which member or
 * which record: that a partner holds a measure on the father is the father's (decision 0003).
 */
function basisFor(basis: Basis, subject: Subject): Basis {
  const causes = Array.isArray(basis.causes) ? (basis.causes as Cause[]) : [];
  return {
    ...basis,
    causes: causes.map((cause) =>
      typeof cause.personId === "string" && !subject.personIds.includes(cause.personId)
        ? { kind: "CONSENT_OR_LEGAL_GROUND_OF_ANOTHER_MEMBER", level: cause.level ?? null }
        : cause,
    ),
  };
}

/** Writes of the rights that say nothing of a signal: filing a request, opening a login. */
const RIGHTS_WRITES: ReadonlySet<string> = new Set(["submitMyRightsRequest", "submitRightsRequest", "openClientAccount"]);

/**
 * An entry on the person alone (no household) a professional on the client's behalf may read:
 * a client's or an on-behalf professional's read of the rights, or a filing. Not the reference
 * index's entries (which organisation signalled, looked up or matched is not the keepers' to
 * learn, decision 0002), nor a decider's (a signal's organisation decides its requests).
 */
function onBehalfMayRead(entry: AccessLogView): boolean {
  if (entry.action === "READ") {
    const rules = Array.isArray(entry.basis.rules) ? (entry.basis.rules as string[]) : [];
    return rules.length > 0 && rules.every((rule) => rule.startsWith("rights:client-") || rule.startsWith("rights:on-behalf:"));
  }
  return entry.action === "WRITE" && entry.operation !== null && RIGHTS_WRITES.has(entry.operation);
}

/**
 * The person's access log for one reader, newest first (by the order of writing), a page at a
 * time. Scoped (decision 0010), the entries on the households in scope, and of those on the
 * person alone: for a parent asking for a child, their own; on a client's behalf, the rights'
 * reads and filings (onBehalfMayRead). A client's login is named by the person it belongs to.
 * The scope decides per entry, so the log is read in keyset batches until the page is full.
 */
export async function accessLogFor(db: Db, subject: Subject, readerKey: string, scope: ExportScope | null, page: PageRequest): Promise<Page<AccessLogEntry>> {
  const person = { personId: subject.personId, regionId: subject.regionId };
  return fillPage(
    page,
    async (after, limit) =>
      (await accessLogOf(db, person, { before: after ? Number(after[0]) : null, limit })).map((entry) => ({ ...entry, seekKey: JSON.stringify([String(entry.id)]) })),
    async (batch) => {
      const parentsOwn = scope && "parentAccountId" in scope.reader ? await idsOfClient(db, batch, scope.reader.parentAccountId) : new Set<number>();
      const entries = batch.filter((entry) => {
        if (scope === null) return true;
        if (entry.familyId !== null) return scope.familyIds.includes(entry.familyId);
        return "parentAccountId" in scope.reader ? parentsOwn.has(entry.id) : onBehalfMayRead(entry);
      });
      const shown = new Map((await viewsOf(db, entries, subject, readerKey)).map((view, index) => [entries[index]!, view]));
      return batch.map((entry) => shown.get(entry) ?? null);
    },
  );
}

/** The entries as their reader reads them: client logins and households by name. */
async function viewsOf(db: Db, entries: AccessLogView[], subject: Subject, readerKey: string): Promise<AccessLogEntry[]> {
  const clientNames = await clientNamesOf(db, entries);
  const familyIds = [...new Set(entries.map((entry) => entry.familyId).filter((id): id is string => id !== null))];
  const familyNames = new Map(
    familyIds.length === 0 ? [] : (await db.select({ id: families.id, name: families.name }).from(families).where(inArray(families.id, familyIds))).map((row) => [row.id, row.name]),
  );
  return entries.map((entry) => ({
    at: entry.occurredAt,
    actorKind: entry.actorKind as AccessLogEntry["actorKind"],
    professional: entry.professionalName,
    client: clientNames.get(entry.id) ?? null,
    organisation: entry.organisation,
    roles: entry.roles,
    action: entry.action as AccessLogEntry["action"],
    operation: entry.operation,
    data: entry.data,
    basis: basisFor(entry.basis, subject),
    emergency: entry.emergency,
    // A household retention has removed is named by nothing.
    family: entry.familyId ? (familyNames.get(entry.familyId) ?? null) : null,
    readerKey,
  }));
}

/** The entries (of those given) the client account itself made. */
async function idsOfClient(db: Db, entries: AccessLogView[], accountId: string): Promise<Set<number>> {
  const ids = entries.filter((entry) => entry.actorKind === "CLIENT").map((entry) => entry.id);
  if (ids.length === 0) return new Set();
  const rows = await db
    .select({ id: accessLog.id })
    .from(accessLog)
    .where(and(inArray(accessLog.id, ids), eq(accessLog.actorKind, "CLIENT"), eq(accessLog.actorId, accountId)));
  return new Set(rows.map((row) => Number(row.id)));
}

/** Per entry a client acted in: the name of the person whose login it was (the person, or their parent). */
async function clientNamesOf(db: Db, entries: AccessLogView[]): Promise<Map<number, string>> {
  const ids = entries.filter((entry) => entry.actorKind === "CLIENT").map((entry) => entry.id);
  if (ids.length === 0) return new Map();
  const rows = await db
    .select({ id: accessLog.id, givenName: persons.givenName, familyName: persons.familyName })
    .from(accessLog)
    .innerJoin(clientAccounts, eq(clientAccounts.id, accessLog.actorId))
    .innerJoin(persons, eq(persons.id, clientAccounts.personId))
    .where(and(inArray(accessLog.id, ids), eq(accessLog.actorKind, "CLIENT")));
  return new Map(rows.map((row) => [Number(row.id), `${row.givenName} ${row.familyName}`]));
}
