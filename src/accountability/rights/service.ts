import { eq } from "drizzle-orm";
import { inTransaction, type AuthenticatedContext, type RequestContext } from "../../context.js";
import { persons } from "../../families/tables.js";
import { openClientAccount as openAccount, toClientAccount } from "./accounts.js";
import { buildExport, type ExportScope } from "./export.js";
import { decideRequest, fileRequest, householdOf, parseRequest, requestsAbout, requestsToDecide, toRightsRequest } from "./requests.js";
import { rightsRules, setRightsSettings as saveSettings } from "./settings.js";
import { clientSubject, myChildren as childrenOfClient, onBehalfOf, type Subject } from "./subject.js";
import { clientAccounts } from "./tables.js";
import type { ClientAccount, ClientChild, RightsDecisionInput, RightsRequest, RightsRequestInput, RightsSettings, RightsSettingsInput } from "./types.js";
import { recordRightsRead, recordRightsWrite } from "./recording.js";

/*
 * The rights of the people in the files, for a client (a family member with their own login)
 * and for a professional the region allows to ask on a client's behalf. Every read of a
 * person's data here is recorded in the access log, every write in the transaction that makes it.
 */

type JsonObject = Record<string, unknown>;

const clientKey = (ctx: RequestContext) => `client:${ctx.client!.accountId}`;
const professionalKey = (ctx: AuthenticatedContext) => `professional:${ctx.caller.professionalId}`;

/** A client's write: one transaction, as a professional's mutation (a client has no entitlements to refresh). */
function clientTransaction<T>(ctx: RequestContext, work: (tx: RequestContext) => Promise<T>): Promise<T> {
  return ctx.db.transaction((db) => work({ ...ctx, db: db as unknown as RequestContext["db"] }));
}

// --- the client ---------------------------------------------------------------------------------

export async function myAccount(ctx: RequestContext): Promise<ClientAccount> {
  const client = ctx.client!;
  const [row] = await ctx.db.select().from(clientAccounts).where(eq(clientAccounts.id, client.accountId));
  const [person] = await ctx.db.select().from(persons).where(eq(persons.id, client.personId));
  return toClientAccount(ctx.db, row!, person!, clientKey(ctx));
}

export async function myChildren(ctx: RequestContext): Promise<ClientChild[]> {
  const children = await childrenOfClient(ctx);
  return children.map((child) => ({ ...child, readerKey: clientKey(ctx) }));
}

export async function myData(ctx: RequestContext, rawFor: string | null | undefined): Promise<JsonObject> {
  const subject = await clientSubject(ctx, rawFor);
  return exportOf(ctx, subject, "myData");
}

export async function myRequests(ctx: RequestContext, rawFor: string | null | undefined): Promise<RightsRequest[]> {
  const subject = await clientSubject(ctx, rawFor);
  return requestsFor(ctx, subject, clientKey(ctx), "myRequests");
}

export async function submitMyRightsRequest(ctx: RequestContext, raw: RightsRequestInput, rawFor: string | null | undefined): Promise<RightsRequest> {
  const input = parseRequest(raw);
  const subject = await clientSubject(ctx, rawFor);
  const row = await clientTransaction(ctx, async (tx) => {
    const created = await fileRequest(tx, subject, await householdOf(tx.db, subject.personId), input, { accountId: ctx.client!.accountId });
    await recordRightsWrite(tx, subject, created.familyId, "submitMyRightsRequest", ["RightsRequest"]);
    return created;
  });
  return toRightsRequest(ctx.db, row, clientKey(ctx), true);
}

// --- a professional on a client's behalf --------------------------------------------------------

export async function clientExport(ctx: AuthenticatedContext, rawPersonId: string): Promise<JsonObject> {
  const { subject, familyIds } = await onBehalfOf(ctx, rawPersonId);
  return exportOf(ctx, subject, "clientExport", { familyIds });
}

export async function clientRightsRequests(ctx: AuthenticatedContext, rawPersonId: string): Promise<RightsRequest[]> {
  const { subject, familyIds } = await onBehalfOf(ctx, rawPersonId);
  return requestsFor(ctx, subject, professionalKey(ctx), "clientRightsRequests", { familyIds });
}

export async function submitRightsRequest(ctx: AuthenticatedContext, rawPersonId: string, raw: RightsRequestInput): Promise<RightsRequest> {
  const input = parseRequest(raw);
  const row = await inTransaction(ctx, async (tx) => {
    const { subject } = await onBehalfOf(tx, rawPersonId);
    const created = await fileRequest(tx, subject, await householdOf(tx.db, subject.personId), input, { professionalId: tx.caller.professionalId });
    await recordRightsWrite(tx, subject, created.familyId, "submitRightsRequest", ["RightsRequest"]);
    return created;
  });
  return toRightsRequest(ctx.db, row, professionalKey(ctx), true);
}

export async function openClientAccount(ctx: AuthenticatedContext, rawPersonId: string, rawEmail: string): Promise<ClientAccount> {
  const { row, subject } = await openAccount(ctx, rawPersonId, rawEmail);
  return toClientAccount(ctx.db, row, subject, professionalKey(ctx));
}

// --- deciding -----------------------------------------------------------------------------------

export async function rightsRequestsToDecide(ctx: AuthenticatedContext, openOnly: boolean): Promise<RightsRequest[]> {
  const rows = await requestsToDecide(ctx, openOnly);
  return Promise.all(rows.map((row) => toRightsRequest(ctx.db, row, professionalKey(ctx), row.signalPartnerId === null)));
}

export async function decideRightsRequest(ctx: AuthenticatedContext, rawId: string, raw: RightsDecisionInput): Promise<RightsRequest> {
  const { row } = await decideRequest(ctx, rawId, raw);
  return toRightsRequest(ctx.db, row, professionalKey(ctx), row.signalPartnerId === null);
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

async function exportOf(ctx: RequestContext, subject: Subject, operation: string, scope: ExportScope | null = null): Promise<JsonObject> {
  const rules = await rightsRules(ctx.db, subject.regionId);
  const document = await buildExport(ctx.db, subject, rules, ctx.now(), scope);
  await recordRightsRead(ctx, subject, operation, ["export"]);
  return document;
}

async function requestsFor(ctx: RequestContext, subject: Subject, readerKey: string, operation: string, scope: ExportScope | null = null): Promise<RightsRequest[]> {
  // On a client's behalf, as the export: the signals' requests and the households the professional may know.
  const rows = (await requestsAbout(ctx.db, subject)).filter((row) => !scope || row.familyId === null || scope.familyIds.includes(row.familyId));
  await recordRightsRead(ctx, subject, operation, ["RightsRequest"]);
  return Promise.all(rows.map((row) => toRightsRequest(ctx.db, row, readerKey, true)));
}
