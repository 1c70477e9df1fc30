import { and, eq } from "drizzle-orm";
import { demoProfessionalId } from "../../../src/demo/identity.js";
import { families, familyMemberships, persons } from "../../../src/families/tables.js";
import { partners, regions } from "../../../src/organisations/tables.js";
import type { FuzzServer } from "./server.js";

/*
 * Writes through the API as a demo professional, for the canaries and the mid-run changes. The
 * ids it needs (families, members, partners) are read from the register: the API hides them from
 * most callers, and they are facts, not decisions.
 */

export interface DemoFamily {
  id: string;
  region: string;
  members: { personId: string; bsn: string; givenName: string; relation: string; custody: boolean; birthDate: string }[];
}

export function writer(server: FuzzServer) {
  /** What could not be written (a closed family refuses edits): reported, not fatal. */
  const skipped: string[] = [];

  async function call<T>(email: string, query: string, variables: Record<string, unknown>, strict: boolean): Promise<T | null> {
    const answer = await server.ask({ kind: "professional", id: demoProfessionalId(email) }, query, variables);
    if (answer.body.errors?.length || !answer.body.data) {
      const why = `${email}: ${query.slice(0, 60)}... -> ${answer.body.errors?.map((e) => `${e.extensions?.code}: ${e.message}`).join("; ") ?? answer.status}`;
      if (strict) throw new Error(`setup failed as ${why}`);
      skipped.push(why);
      return null;
    }
    return answer.body.data as T;
  }
  /** A write that must succeed. */
  const must = <T>(email: string, query: string, variables: Record<string, unknown> = {}) => call<T>(email, query, variables, true) as Promise<T>;
  /** A write that may be refused (a family in aftercare or closed); the refusal is noted. */
  const may = <T>(email: string, query: string, variables: Record<string, unknown> = {}) => call<T>(email, query, variables, false);

  async function family(regionCode: string, name: string): Promise<DemoFamily> {
    const { db } = server.database;
    const [row] = await db
      .select({ id: families.id, region: families.regionId })
      .from(families)
      .innerJoin(regions, eq(regions.id, families.regionId))
      .where(and(eq(regions.code, regionCode), eq(families.name, name)));
    if (!row) throw new Error(`demo family ${name} not found`);
    const members = await db
      .select({ personId: persons.id, bsn: persons.bsn, givenName: persons.givenName, relation: familyMemberships.relation, custody: familyMemberships.legalCustody, birthDate: persons.birthDate })
      .from(familyMemberships)
      .innerJoin(persons, eq(persons.id, familyMemberships.personId))
      .where(eq(familyMemberships.familyId, row.id));
    return { ...row, members };
  }

  async function partner(regionCode: string, name: string): Promise<string> {
    const [row] = await server.database.db
      .select({ id: partners.id })
      .from(partners)
      .innerJoin(regions, eq(regions.id, partners.regionId))
      .where(and(eq(regions.code, regionCode), eq(partners.name, name)));
    if (!row) throw new Error(`demo partner ${name} not found`);
    return row.id;
  }

  return { must, may, family, partner, skipped };
}
export type Writer = ReturnType<typeof writer>;

/**
 * A canary: a unique marker whose number names what it is — family, part kind, life domain,
 * member — and a label a human reads. Digits: family (2), kind (2), domain (2), member (2), count (3).
 */
export const CANARY_KINDS = [
  "ANALYSIS", "GOAL", "TASK", "MILESTONE", "EVALUATION", "RESULT", "NOTE", "REVISION", "DECLINE", "HANDOVER",
  "BASIS", "EMERGENCY", "ESCALATION", "ADVICE", "CONCERN", "FOLLOW_UP",
] as const;
export type CanaryKind = (typeof CANARY_KINDS)[number];

export function canaryMaker() {
  let count = 0;
  return (family: { index: number; name: string }, kind: CanaryKind, domain: { index: number; code: string } | null, member: { index: number; name: string } | null) => {
    count += 1;
    const number = [family.index, CANARY_KINDS.indexOf(kind) + 1, domain ? domain.index + 1 : 0, member ? member.index + 1 : 0]
      .map((part) => String(part).padStart(2, "0"))
      .join("") + String(count % 1000).padStart(3, "0");
    return `MK${Number(number)}:${family.name}/${kind}/${domain?.code ?? "-"}/${member?.name ?? "household"}`;
  };
}
