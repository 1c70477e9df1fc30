import { randomUUID } from "node:crypto";
import { expect } from "vitest";
import type { Role } from "../../src/access/roles.js";
import type { GraphQLResponse, TestApp } from "./app.js";
import { aPartner, aProfessional, aRegion, bsnNumber } from "./builders.js";

/*
 * What the reference-index tests share (domain brief §7): the operations, the world of partner
 * organisations each test builds for itself, and helpers that go through HTTP.
 */

// The test clock starts at 2026-11-23 10:00 Dutch time.
export const START = "2026-11-23T10:00:00+01:00";
export const TODAY = "2026-11-23";
export const CHILD_BIRTH = "2012-05-01";

// ---------------------------------------------------------------------------------------------
// Operations

const SIGNAL_FIELDS = "id bsn birthDate signalledOn activeUntil status discussedWithFamily notDiscussedReason contactPhone contactEmail withdrawnAt";
export const SIGNAL = `mutation Signal($input: SignalInput!) { signal(input: $input) { ${SIGNAL_FIELDS} } }`;
export const WITHDRAW = `mutation Withdraw($id: ID!) { withdrawSignal(id: $id) { ${SIGNAL_FIELDS} } }`;
// Small pages, so every test that reads its signals also walks the cursors.
const PAGE_INFO = "pageInfo { hasNextPage endCursor }";
const MY_SIGNALS = `query MySignals($after: String) { mySignals(first: 2, after: $after) { nodes { ${SIGNAL_FIELDS} } ${PAGE_INFO} } }`;
const INVOLVEMENT_FIELDS = "organisation sector professional phone email since";
const WHO = `query Who($bsn: String!) { whoIsInvolved(bsn: $bsn) { ${INVOLVEMENT_FIELDS} } }`;
const NOTIFICATIONS = `query Inbox($unreadOnly: Boolean!, $after: String) { matchNotifications(unreadOnly: $unreadOnly, first: 2, after: $after) { nodes { id kind bsn createdAt readAt other { ${INVOLVEMENT_FIELDS} } } ${PAGE_INFO} } }`;
export const MARK_READ = `mutation MarkRead($id: ID!) { markMatchNotificationRead(id: $id) { id kind bsn createdAt readAt } }`;
const REGISTER_FAMILY = `mutation Register($input: RegisterFamilyInput!) { registerFamily(input: $input) { id } }`;

export interface SignalView {
  id: string;
  bsn: string;
  birthDate: string;
  signalledOn: string;
  activeUntil: string;
  status: "ACTIVE" | "HISTORICAL";
  discussedWithFamily: boolean;
  notDiscussedReason: string | null;
  contactPhone: string | null;
  contactEmail: string | null;
  withdrawnAt: string | null;
}
export interface InvolvementView {
  organisation: string;
  sector: string;
  professional: string;
  phone: string | null;
  email: string | null;
  since: string;
}
export interface NotificationView {
  id: string;
  kind: "PERSON_MATCH" | "FAMILY_MATCH";
  bsn: string;
  createdAt: string;
  readAt: string | null;
  other: InvolvementView;
}

export interface Worker {
  id: string;
  name: string;
  phone: string | null;
  email: string;
  organisation: string;
  sector: string;
}

/** A region with partner organisations, each with a care worker. */
export interface World {
  regionId: string;
  /** A partner organisation with one professional, a care worker unless other roles are named. */
  organisation(name: string, sector?: string, roles?: Role[]): Promise<Worker>;
  /** Another professional of an existing organisation. */
  colleague(of: Worker, roles?: Role[]): Promise<Worker>;
}

export type RegionSettings = { signalActiveMonths?: number; signalHistoricalMonths?: number; signalAgeLimitYears?: number | null };

let seed = 0;
/** A fresh BSN passing the 11-proof, never used before in this test file (each file loads this module anew). */
export const nextBsn = () => bsnNumber(31_000_000 + 25 * seed++);

export function expectNoErrors(response: GraphQLResponse) {
  expect(response.body.errors, JSON.stringify(response.body.errors)).toBeUndefined();
}

/** The involvement of a worker as others see it, with the contact details from their signal. */
export const involvementOf = (worker: Worker, since: string): InvolvementView => ({
  organisation: worker.organisation,
  sector: worker.sector,
  professional: worker.name,
  phone: worker.phone,
  email: worker.email,
  since,
});

export const byOrganisation = <T extends { other: InvolvementView }>(items: T[]) =>
  [...items].sort((left, right) => left.other.organisation.localeCompare(right.other.organisation));

/**
 * The helpers over HTTP, on the file's server. It is started in the file's beforeAll, after
 * these are made, so they read it when called.
 */
export function referenceIndexClient(server: () => TestApp) {
  async function aWorld(settings: RegionSettings = {}): Promise<World> {
    const db = server().database.db;
    const region = await aRegion(db, settings);
    const partnersByName = new Map<string, { id: string; regionId: string; name: string; sector: string }>();
    const professionalFor = async (partner: { id: string; regionId: string; name: string; sector: string }, roles: Role[]): Promise<Worker> => {
      const suffix = randomUUID().slice(0, 6);
      const professional = await aProfessional(db, partner, roles, {
        name: `${partner.name} worker ${suffix}`,
        phone: `06-${Math.floor(10_000_000 + Math.random() * 89_999_999)}`,
      });
      return { id: professional.id, name: professional.name, phone: professional.phone, email: professional.email, organisation: partner.name, sector: partner.sector };
    };
    return {
      regionId: region.id,
      async organisation(name, sector = "SOCIAL_WORK", roles = ["PARTNER_PROFESSIONAL"]) {
        const partner = await aPartner(db, region.id, { name, sector });
        partnersByName.set(name, partner);
        return professionalFor(partner, roles);
      },
      async colleague(of, roles = ["PARTNER_PROFESSIONAL"]) {
        return professionalFor(partnersByName.get(of.organisation)!, roles);
      },
    };
  }

  const trySignal = (by: Worker, input: Record<string, unknown>) => server().gql<{ signal: SignalView }>(SIGNAL, { input }, by.id);

  async function signal(by: Worker, bsn: string, extra: Record<string, unknown> = {}): Promise<SignalView> {
    const response = await trySignal(by, { bsn, birthDate: CHILD_BIRTH, discussedWithFamily: true, ...extra });
    expectNoErrors(response);
    return response.body.data!.signal;
  }

  async function withdraw(by: Worker, id: string): Promise<SignalView> {
    const response = await server().gql<{ withdrawSignal: SignalView }>(WITHDRAW, { id }, by.id);
    expectNoErrors(response);
    return response.body.data!.withdrawSignal;
  }

  const mySignals = (of: Worker) => allPages<SignalView>(MY_SIGNALS, "mySignals", {}, of);

  const lookup = (by: Worker, bsn: string) => server().gql<{ whoIsInvolved: InvolvementView[] }>(WHO, { bsn }, by.id);

  async function involved(by: Worker, bsn: string): Promise<InvolvementView[]> {
    const response = await lookup(by, bsn);
    expectNoErrors(response);
    return response.body.data!.whoIsInvolved;
  }

  const inbox = (of: Worker, unreadOnly = false) => allPages<NotificationView>(NOTIFICATIONS, "matchNotifications", { unreadOnly }, of);

  /** Every page of a connection, in small pages, so the tests that read a list also walk its cursors. */
  async function allPages<Node>(query: string, field: string, variables: Record<string, unknown>, of: Worker): Promise<Node[]> {
    type Page = { nodes: Node[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } };
    const all: Node[] = [];
    let after: string | null = null;
    do {
      const response = await server().gql<Record<string, Page>>(query, { ...variables, after }, of.id);
      expectNoErrors(response);
      const page: Page = response.body.data![field]!;
      all.push(...page.nodes);
      after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
    } while (after);
    return all;
  }

  /** A register keeper (process lead) and a coach, to record households through the API. */
  async function aRegister(world: World) {
    const lead = await world.organisation("Gemeente", "MUNICIPALITY", ["PROCESS_LEAD"]);
    const coach = await world.colleague(lead, ["COACH"]);
    return {
      async family(name: string, members: { bsn: string; birthDate: string; relation: "PARENT" | "CHILD" }[]) {
        const response = await server().gql(
          REGISTER_FAMILY,
          {
            input: {
              name,
              category: "MPG1",
              regisseurId: coach.id,
              members: members.map((member, index) => ({
                ...member,
                givenName: `Member${index}`,
                familyName: name,
                legalCustody: member.relation === "PARENT",
              })),
            },
          },
          lead.id,
        );
        expectNoErrors(response);
      },
    };
  }

  return { aWorld, trySignal, signal, withdraw, mySignals, lookup, involved, inbox, aRegister };
}
