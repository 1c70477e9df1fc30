import { and, arrayContains, eq, inArray } from "drizzle-orm";
import type { Caller } from "../../auth/caller.js";
import type { Db } from "../../db/database.js";
import { families } from "../../families/tables.js";
import { professionals } from "../../organisations/tables.js";

/**
 * Who acts at an escalation step, as the ladder names them (domain brief §8):
 * - REGISSEUR: the family's regisseur ("the coach's voice leads", Groningen);
 * - PROCESS_LEAD: the family's process lead — coordinator (RISK/MPG1) or process manager (MPG2–4);
 * - LINE_MANAGERS: the partner managers of every organisation in the conflict, the regisseur's included;
 * - PROJECT_LEADERS: the region's project leaders;
 * - ADMINISTRATORS: the region's alderman or portfolio holder (whose decision binds);
 * - MAYOR: the mayor or district chair, where nuisance dominates (002 §3.4), told apart by the MAYOR role.
 */
export const ACTOR_KINDS = ["REGISSEUR", "PROCESS_LEAD", "LINE_MANAGERS", "PROJECT_LEADERS", "ADMINISTRATORS", "MAYOR"] as const;
export type ActorKind = (typeof ACTOR_KINDS)[number];

export interface EscalationParties {
  regionId: string;
  familyId: string;
  partyPartnerIds: readonly string[];
}

/** The active professionals the actor kinds stand for, for this escalation. */
export async function actorsOf(db: Db, escalation: EscalationParties, kinds: readonly string[]): Promise<string[]> {
  if (kinds.length === 0) return [];
  const [family] = await db
    .select({ regisseurId: families.regisseurId, processLeadId: families.processLeadId, regisseurPartnerId: professionals.partnerId })
    .from(families)
    .leftJoin(professionals, eq(professionals.id, families.regisseurId))
    .where(and(eq(families.id, escalation.familyId), eq(families.regionId, escalation.regionId)));
  if (!family) return [];
  const ids = new Set<string>();
  if (kinds.includes("REGISSEUR") && family.regisseurId) ids.add(family.regisseurId);
  if (kinds.includes("PROCESS_LEAD") && family.processLeadId) ids.add(family.processLeadId);
  const withRole = async (role: string, partnerIds?: string[]) => {
    const rows = await db
      .select({ id: professionals.id })
      .from(professionals)
      .where(
        and(
          eq(professionals.regionId, escalation.regionId),
          eq(professionals.active, true),
          arrayContains(professionals.roles, [role]),
          partnerIds ? inArray(professionals.partnerId, partnerIds) : undefined,
        ),
      );
    for (const row of rows) ids.add(row.id);
  };
  if (kinds.includes("LINE_MANAGERS")) {
    const parties = [...new Set([...escalation.partyPartnerIds, ...(family.regisseurPartnerId ? [family.regisseurPartnerId] : [])])];
    if (parties.length > 0) await withRole("PARTNER_MANAGER", parties);
  }
  if (kinds.includes("PROJECT_LEADERS")) await withRole("PROJECT_LEAD");
  if (kinds.includes("ADMINISTRATORS")) await withRole("ADMINISTRATOR");
  if (kinds.includes("MAYOR")) await withRole("MAYOR");
  return [...ids];
}

/** What `isActor` needs to know of an escalation's family, read with it in one statement. */
export interface EscalationFamilyFacts extends EscalationParties {
  regisseurId: string | null;
  processLeadId: string | null;
  regisseurPartnerId: string | null;
}

/**
 * Whether the caller is one of the professionals the actor kinds stand for: `actorsOf` for one
 * caller, decided without a query (the caller is active and of the escalation's region).
 */
export function isActor(caller: Caller, facts: EscalationFamilyFacts, kinds: readonly string[]): boolean {
  const me = caller.professionalId;
  return kinds.some((kind) => {
    switch (kind) {
      case "REGISSEUR":
        return facts.regisseurId === me;
      case "PROCESS_LEAD":
        return facts.processLeadId === me;
      case "LINE_MANAGERS":
        return (
          caller.roles.includes("PARTNER_MANAGER") &&
          (facts.partyPartnerIds.includes(caller.partnerId) || facts.regisseurPartnerId === caller.partnerId)
        );
      case "PROJECT_LEADERS":
        return caller.roles.includes("PROJECT_LEAD");
      case "ADMINISTRATORS":
        return caller.roles.includes("ADMINISTRATOR");
      case "MAYOR":
        return caller.roles.includes("MAYOR");
      default:
        return false;
    }
  });
}
