import { eq, inArray } from "drizzle-orm";
import type { AuthenticatedContext, RequestContext } from "../../context.js";
import { inTransaction } from "../access-log/transaction.js";
import { today } from "../../dates.js";
import { forbidden } from "../../errors.js";
import { persons } from "../../families/tables.js";
import { mapPage, readPage, toPage, type Page, type PageArgs, type PageRequest } from "../../pagination/page.js";
import { pageOfRows } from "../../pagination/seek.js";
import { openClientAccount as openAccount, toClientAccount } from "./accounts.js";
import { accessLogFor } from "./access-log-view.js";
import { buildExport, ownSignalRequest, type ExportScope } from "./export.js";
import { recordRightsRead, recordRightsWrite, type RightsBasis } from "./recording.js";
import { applyRectification as carryOut } from "./rectification.js";
import { decideRequest, fileRequest, householdOf, parseRequest, requestsAbout, requestsToDecide, toRightsRequest } from "./requests.js";
import { rightsRules, setRightsSettings as saveSettings } from "./settings.js";
import { clientSubject, custodyHouseholds, myChildren as childrenOfClient, onBehalfOf, ownSubject, type Subject } from "./subject.js";
import { clientAccounts } from "./tables.js";
import type {
  AccessLogEntry,
  ClientAccount,
  ClientChild,
  RectificationInput,
  RightsDecisionInput,
  RightsRequest,
  RightsRequestInput,
  RightsSettings,
  RightsSettingsInput,
} from "./types.js";

/*
 * The rights of the people in the files, for a client (a family member with their own login)
 * and for a professional the region allows to ask on a client's behalf. Every read of a
 * person's data here is recorded in the access log on that person, every write in the
 * transaction that makes it (recording.ts).
 */

type JsonObject = Record<string, unknown>;

const clientKey = (ctx: RequestContext) => `client:${ctx.client!.accountId}`;
const professionalKey = (ctx: AuthenticatedContext) => `professional:${ctx.caller.professionalId}`;

/**
 * Whom a client asks about, and on which basis: themselves (everything), or a child in their
 * custody (scoped to the households where they have custody and the child lives).
 */
async function asClient(ctx: RequestContext, rawFor: string | null | undefined): Promise<{ subject: Subject; basis: RightsBasis; scope: ExportScope | null }> {
  const subject = await clientSubject(ctx, rawFor);
  if (subject.personIds.includes(ctx.client!.personId)) return { subject, basis: "rights:client-self", scope: null };
  const parent = await ownSubject(ctx.db, ctx.client!);
  const familyIds = await custodyHouseholds(ctx.db, parent, subject, today(ctx));
  return { subject, basis: "rights:client-legal-custody", scope: { familyIds, reader: { parentAccountId: ctx.client!.accountId } } };
}

/**
 * Whom a professional asks about on a client's behalf, the households they may see, and the
 * allowance. `full`: for the export, only the households the covenant opens to them in full.
 */
async function onBehalf(ctx: AuthenticatedContext, rawPersonId: string, full = false): Promise<{ subject: Subject; scope: ExportScope; basis: RightsBasis }> {
  const { subject, familyIds, fullFamilyIds, allowance } = await onBehalfOf(ctx, rawPersonId);
  if (full && fullFamilyIds.length === 0) {
    throw forbidden(
      "personId: an export holds everything on the person; only who sees their household in full (its regisseur, or whom the covenant gives full access) may make it for them. You may still file a request for them and read their access log.",
    );
  }
  return { subject, scope: { familyIds: full ? fullFamilyIds : familyIds, reader: { partnerId: ctx.caller.partnerId } }, basis: `rights:on-behalf:${allowance}` };
}

// --- the client ---------------------------------------------------------------------------------

export async function myAccount(ctx: RequestContext): Promise<ClientAccount> {
  const client = ctx.client!;
  const [row] = await ctx.db.select().from(clientAccounts).where(eq(clientAccounts.id, client.accountId));
  const self = await ownSubject(ctx.db, client);
  recordRightsRead(ctx, self, ["ClientAccount"], "rights:client-self");
  return toClientAccount(ctx.db, row!, self, clientKey(ctx));
}

export async function myChildren(ctx: RequestContext): Promise<ClientChild[]> {
  const children = await childrenOfClient(ctx);
  if (children.length > 0) {
    const rows = await ctx.db.select({ bsn: persons.bsn }).from(persons).where(inArray(persons.id, children.map((child) => child.personId)));
    for (const row of rows) recordRightsRead(ctx, { regionId: ctx.client!.regionId, bsn: row.bsn }, ["ClientChild"], "rights:client-legal-custody");
  }
  return children.map((child) => ({ ...child, readerKey: clientKey(ctx) }));
}

export async function myData(ctx: RequestContext, rawFor: string | null | undefined): Promise<JsonObject> {
  const { subject, basis, scope } = await asClient(ctx, rawFor);
  return exportOf(ctx, subject, basis, scope);
}

export async function myAccessLog(ctx: RequestContext, rawFor: string | null | undefined, args: PageArgs): Promise<Page<AccessLogEntry>> {
  const { subject, basis, scope } = await asClient(ctx, rawFor);
  return accessLogOf(ctx, subject, basis, clientKey(ctx), scope, readPage(scopeOf("myAccessLog", subject, clientKey(ctx)), args, 1));
}

export async function myRequests(ctx: RequestContext, rawFor: string | null | undefined, args: PageArgs): Promise<Page<RightsRequest>> {
  const { subject, basis, scope } = await asClient(ctx, rawFor);
  return requestsFor(ctx, subject, basis, clientKey(ctx), scope, readPage(scopeOf("myRequests", subject, clientKey(ctx)), args, REQUEST_KEY_LENGTH));
}

export async function submitMyRightsRequest(ctx: RequestContext, raw: RightsRequestInput, rawFor: string | null | undefined): Promise<RightsRequest> {
  const input = parseRequest(raw);
  const { subject } = await asClient(ctx, rawFor);
  const row = await inTransaction(ctx, async (tx) => {
    const created = await fileRequest(tx, subject, await householdOf(tx.db, subject.personId), input, { accountId: ctx.client!.accountId });
    recordRightsWrite(tx, subject, ["RightsRequest"]);
    return created;
  });
  return toRightsRequest(ctx.db, row, clientKey(ctx), true);
}

// --- a professional on a client's behalf --------------------------------------------------------

export async function clientExport(ctx: AuthenticatedContext, rawPersonId: string): Promise<JsonObject> {
  const { subject, scope, basis } = await onBehalf(ctx, rawPersonId, true);
  return exportOf(ctx, subject, basis, scope);
}

export async function clientAccessLog(ctx: AuthenticatedContext, rawPersonId: string, args: PageArgs): Promise<Page<AccessLogEntry>> {
  const { subject, scope, basis } = await onBehalf(ctx, rawPersonId);
  return accessLogOf(ctx, subject, basis, professionalKey(ctx), scope, readPage(scopeOf("clientAccessLog", subject, professionalKey(ctx)), args, 1));
}

export async function clientRightsRequests(ctx: AuthenticatedContext, rawPersonId: string, args: PageArgs): Promise<Page<RightsRequest>> {
  const { subject, scope, basis } = await onBehalf(ctx, rawPersonId);
  return requestsFor(ctx, subject, basis, professionalKey(ctx), scope, readPage(scopeOf("clientRightsRequests", subject, professionalKey(ctx)), args, REQUEST_KEY_LENGTH));
}

export async function submitRightsRequest(ctx: AuthenticatedContext, rawPersonId: string, raw: RightsRequestInput): Promise<RightsRequest> {
  const input = parseRequest(raw);
  const row = await inTransaction(ctx, async (tx) => {
    const { subject } = await onBehalfOf(tx, rawPersonId);
    const created = await fileRequest(tx, subject, await householdOf(tx.db, subject.personId), input, { professionalId: tx.caller.professionalId });
    recordRightsWrite(tx, subject, ["RightsRequest"]);
    return created;
  });
  return toRightsRequest(ctx.db, row, professionalKey(ctx), true);
}

export async function openClientAccount(ctx: AuthenticatedContext, rawPersonId: string, rawEmail: string): Promise<ClientAccount> {
  const { row, subject } = await openAccount(ctx, rawPersonId, rawEmail);
  return toClientAccount(ctx.db, row, subject, professionalKey(ctx));
}

// --- deciding -----------------------------------------------------------------------------------

/** The requests the caller decides, the earliest filed first (then id), a page at a time; only the page's people are logged as read. */
export async function rightsRequestsToDecide(ctx: AuthenticatedContext, openOnly: boolean, args: PageArgs): Promise<Page<RightsRequest>> {
  const page = readPage({ list: `rightsRequestsToDecide:${openOnly}`, callerId: professionalKey(ctx), regionId: ctx.caller.regionId }, args, REQUEST_KEY_LENGTH);
  const rows = await requestsToDecide(ctx, openOnly, page);
  const shown = rows.slice(0, page.size);
  if (shown.length > 0) {
    const people = await ctx.db.select({ bsn: persons.bsn }).from(persons).where(inArray(persons.id, [...new Set(shown.map((row) => row.personId))]));
    for (const person of people) {
      recordRightsRead(ctx, { regionId: ctx.caller.regionId, bsn: person.bsn }, ["RightsRequest"], "rights:decider");
    }
  }
  const views = await Promise.all(shown.map((row) => toRightsRequest(ctx.db, row, professionalKey(ctx), row.signalPartnerId === null)));
  return pageOfRows(page, rows, (row) => views[rows.indexOf(row)]!);
}

export async function decideRightsRequest(ctx: AuthenticatedContext, rawId: string, raw: RightsDecisionInput): Promise<RightsRequest> {
  const { row } = await decideRequest(ctx, rawId, raw);
  return toRightsRequest(ctx.db, row, professionalKey(ctx), row.signalPartnerId === null);
}

export async function applyRectification(ctx: AuthenticatedContext, rawId: string, raw: RectificationInput): Promise<RightsRequest> {
  const row = await carryOut(ctx, rawId, raw);
  return toRightsRequest(ctx.db, row, professionalKey(ctx), true);
}

// --- settings -----------------------------------------------------------------------------------

export async function rightsSettings(ctx: AuthenticatedContext): Promise<RightsSettings> {
  const rules = await rightsRules(ctx.db, ctx.caller.regionId);
  return { selfAccessAge: rules.selfAccessAge, onBehalf: [...rules.onBehalf] };
}

export async function setRightsSettings(ctx: AuthenticatedContext, input: RightsSettingsInput): Promise<RightsSettings> {
  const rules = await saveSettings(ctx, input);
  return { selfAccessAge: rules.selfAccessAge, onBehalf: [...rules.onBehalf] };
}

// --- shared -------------------------------------------------------------------------------------

async function exportOf(ctx: RequestContext, subject: Subject, basis: RightsBasis, scope: ExportScope | null): Promise<JsonObject> {
  const rules = await rightsRules(ctx.db, subject.regionId);
  const document = await buildExport(ctx.db, subject, rules, ctx.now(), scope);
  recordRightsRead(ctx, subject, ["export"], basis);
  return document;
}

/** A person's lists are bound to the person and to the reader (a client's login or a professional). */
const scopeOf = (list: string, subject: Subject, readerKey: string) => ({ list: `${list}:${subject.personId}`, callerId: readerKey, regionId: subject.regionId });

async function accessLogOf(
  ctx: RequestContext,
  subject: Subject,
  basis: RightsBasis,
  readerKey: string,
  scope: ExportScope | null,
  page: PageRequest,
): Promise<Page<AccessLogEntry>> {
  const entries = await accessLogFor(ctx.db, subject, readerKey, scope, page);
  recordRightsRead(ctx, subject, ["accessLog"], basis);
  return entries;
}

/** A request's key: filed at (as the database writes it), then id. */
const REQUEST_KEY_LENGTH = 2;

/**
 * A person's requests, the earliest filed first, a page at a time. The set is one person's own
 * filings (a handful), read whole and paged here: the scope decides per request.
 */
async function requestsFor(
  ctx: RequestContext,
  subject: Subject,
  basis: RightsBasis,
  readerKey: string,
  scope: ExportScope | null,
  page: PageRequest,
): Promise<Page<RightsRequest>> {
  const keyOf = (row: { filedAt: Date; id: string }) => [row.filedAt.toISOString(), row.id];
  const after = page.after;
  // Scoped, as the export: the households in scope, and of the signals' requests only the reader's own (ownSignalRequest).
  const rows = (await requestsAbout(ctx.db, subject))
    .filter((row) => !scope || (row.familyId === null ? ownSignalRequest(scope, row) : scope.familyIds.includes(row.familyId)))
    .sort((a, b) => a.filedAt.getTime() - b.filedAt.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .filter((row) => !after || row.filedAt.toISOString() > after[0]! || (row.filedAt.toISOString() === after[0] && row.id > after[1]!))
    .slice(0, page.size + 1);
  recordRightsRead(ctx, subject, ["RightsRequest"], basis);
  const views = await Promise.all(rows.slice(0, page.size).map((row) => toRightsRequest(ctx.db, row, readerKey, true)));
  return mapPage(toPage(page, rows, keyOf), (row) => views[rows.indexOf(row)]!);
}
