import DataLoader from "dataloader";
import { sql } from "drizzle-orm";
import type { Caller } from "../auth/caller.js";
import { CARE_ROLES } from "./roles.js";
import type { Db } from "../db/database.js";
import { rowsOf } from "../db/rows.js";
import { type CovenantInForce, loadCovenantInForce } from "../covenant/in-force.js";

/**
 * Access levels of the covenant, least to most (domain brief §6). The order matters: a rule
 * asks "at least X", so every level includes the ones before it.
 */
export const ACCESS_LEVELS = ["NONE", "DAT", "PROCESS", "SECTION", "FULL"] as const;
export type AccessLevel = (typeof ACCESS_LEVELS)[number];

export const atLeast = (level: AccessLevel, minimum: AccessLevel) =>
  ACCESS_LEVELS.indexOf(level) >= ACCESS_LEVELS.indexOf(minimum);
const higher = (a: AccessLevel, b: AccessLevel) => (atLeast(a, b) ? a : b);

/** The kinds of plan part a covenant rule can open. */
export const PART_KINDS = ["ANALYSIS", "GOAL", "TASK", "SCHEDULE", "EVALUATION"] as const;
export type PartKind = (typeof PART_KINDS)[number];

export const CAUSE_KINDS = ["REGISSEUR", "PROCESS_LEAD", "COVENANT_RULE", "CONSENT", "LEGAL_GROUND", "EMERGENCY_ACCESS"] as const;
export type CauseKind = (typeof CAUSE_KINDS)[number];

/** Why a caller sees what they see: every grant has a cause the caller can ask for. */
export interface EntitlementCause {
  kind: CauseKind;
  level: AccessLevel;
  covenantVersion?: number;
  ruleId?: string;
  description?: string;
  partKind?: PartKind | null;
  lifeDomains?: string[];
  consentId?: string;
  legalGroundId?: string;
  emergencyAccessId?: string;
  personId?: string;
  basis?: string;
  until?: Date;
}

/** Content opened at SECTION: a part kind (null: every kind) in a life domain (null: every one). */
interface Grant {
  partKind: PartKind | null;
  lifeDomain: string | null;
  /** Only over members with consent or a legal ground on record for the caller's partner. */
  needsCover: boolean;
}

export interface Entitlement {
  familyId: string;
  level: AccessLevel;
  causes: EntitlementCause[];
  regisseur: boolean;
  processLead: boolean;
  /** The caller's organisation is involved: an active signal on a member, or a task given to it. */
  involved: boolean;
  grants: Grant[];
  /** Per member: the life domains consent or a legal ground covers for the caller's partner. */
  cover: Map<string, Set<string>>;
  currentMemberIds: string[];
  /** The caller's organisation, and the goals of the tasks it works on (not declined, not cancelled). */
  partnerId: string | null;
  ownGoalIds: Set<string>;
}

const none = (familyId: string): Entitlement => ({
  familyId,
  level: "NONE",
  causes: [],
  regisseur: false,
  processLead: false,
  involved: false,
  grants: [],
  cover: new Map(),
  currentMemberIds: [],
  partnerId: null,
  ownGoalIds: new Set(),
});

/** The regisseur and the process lead keep the family: its regie, records and legal grounds. */
export const keepsFamily = (entitlement: Entitlement): boolean => entitlement.regisseur || entitlement.processLead;

/** A plan part as the rules see it: its kind, its life domain (if any), the members it is about. */
export interface PartRef {
  kind: PartKind;
  lifeDomain: string | null;
  memberIds: readonly string[];
}

/** Whether the caller may read a part's content. O(grants × members): both are a handful. */
export function canSeePart(entitlement: Entitlement, part: PartRef): boolean {
  if (entitlement.level === "FULL") return true;
  return entitlement.grants.some((grant) => {
    if (grant.partKind !== null && grant.partKind !== part.kind) return false;
    if (grant.lifeDomain !== null && grant.lifeDomain !== part.lifeDomain) return false;
    if (!grant.needsCover) return true;
    const members = part.memberIds.length > 0 ? part.memberIds : entitlement.currentMemberIds;
    const domain = part.lifeDomain ?? grant.lifeDomain;
    return (
      members.length > 0 &&
      members.every((member) => {
        const covered = entitlement.cover.get(member);
        // A part without a life domain (the schedule, an overall evaluation) needs consent for the partner at all.
        return covered !== undefined && (domain === null ? covered.size > 0 : covered.has(domain));
      })
    );
  });
}

/**
 * Whether the caller may read a task's process data (status, due date, who leads): from
 * PROCESS, and from DAT for the partner the task was given to, so it can find, accept and report
 * on its own work. A task is reached either through the plan (PROCESS) or through the root
 * fields that answer the caller's own tasks, which keep only those this opens.
 */
export function seesTaskProcess(entitlement: Entitlement, leadPartnerId: string | undefined): boolean {
  if (atLeast(entitlement.level, "PROCESS")) return true;
  return atLeast(entitlement.level, "DAT") && leadPartnerId !== undefined && leadPartnerId === entitlement.partnerId;
}

interface FamilyFacts {
  id: string;
  is_regisseur: boolean;
  is_process_lead: boolean;
  involved: boolean;
  members: string[] | null;
  own_goals: string[] | null;
  consents: { id: string; personId: string; domains: string[] }[] | null;
  legal_grounds: { id: string; personId: string; domains: string[]; basis: string; kind: string }[] | null;
  emergencies: { id: string; until: string }[] | null;
}

/**
 * Everything about the caller's relation to many families, in one statement. A family of
 * another region, or one that does not exist, is not returned and gets NONE: the two are
 * indistinguishable.
 */
async function loadFacts(db: Db, caller: Caller, familyIds: readonly string[], today: string, now: Date): Promise<FamilyFacts[]> {
  const ids = sql.join(familyIds.map((id) => sql`${id}::uuid`), sql`, `);
  const current = sql`m.valid_from <= ${today}::date and (m.valid_to is null or m.valid_to >= ${today}::date)`;
  return rowsOf<FamilyFacts>(
    await db.execute(sql`
      select f.id,
        coalesce(f.regisseur_id = ${caller.professionalId}::uuid, false) as is_regisseur,
        coalesce(f.process_lead_id = ${caller.professionalId}::uuid, false) as is_process_lead,
        (exists (
          select 1 from family_memberships m
          join persons p on p.id = m.person_id
          join signals s on s.region_id = p.region_id and s.bsn = p.bsn
          where m.family_id = f.id and ${current}
            and s.partner_id = ${caller.partnerId}::uuid and s.withdrawn_at is null and s.active_until > ${today}::date
        ) or exists (
          select 1 from plan_tasks t
          where t.family_id = f.id and t.lead_partner_id = ${caller.partnerId}::uuid
            and t.status <> 'CANCELLED' and t.response <> 'DECLINED'
        )) as involved,
        (select json_agg(m.person_id) from family_memberships m where m.family_id = f.id and ${current}) as members,
        (select json_agg(distinct t.goal_id) from plan_tasks t
          where t.family_id = f.id and t.lead_partner_id = ${caller.partnerId}::uuid and t.goal_id is not null
            and t.status <> 'CANCELLED' and t.response <> 'DECLINED') as own_goals,
        (select json_agg(json_build_object('id', c.id, 'personId', c.person_id, 'domains', c.life_domains))
          from consents c
          where c.family_id = f.id and c.partner_id = ${caller.partnerId}::uuid
            and c.given_on <= ${today}::date and c.withdrawn_on is null) as consents,
        (select json_agg(json_build_object('id', g.id, 'personId', g.person_id, 'domains', g.life_domains, 'basis', g.basis, 'kind', g.kind))
          from legal_grounds g
          where g.family_id = f.id and g.partner_id = ${caller.partnerId}::uuid
            and g.valid_from <= ${today}::date and (g.valid_until is null or g.valid_until > ${today}::date)) as legal_grounds,
        (select json_agg(json_build_object('id', e.id, 'until', e.expires_at))
          from emergency_accesses e
          where e.family_id = f.id and e.professional_id = ${caller.professionalId}::uuid
            and e.opened_at <= ${now.toISOString()}::timestamptz and e.expires_at > ${now.toISOString()}::timestamptz) as emergencies
      from families f
      where f.id in (${ids}) and f.region_id = ${caller.regionId}::uuid`),
  );
}

/** Decides one family from the facts and the covenant in force: the whole covenant logic. */
export function decide(caller: Caller, covenant: CovenantInForce, facts: FamilyFacts): Entitlement {
  const entitlement = none(facts.id);
  entitlement.partnerId = caller.partnerId;
  entitlement.regisseur = facts.is_regisseur;
  entitlement.processLead = facts.is_process_lead;
  entitlement.involved = facts.involved;
  entitlement.currentMemberIds = facts.members ?? [];
  entitlement.ownGoalIds = new Set(facts.own_goals ?? []);
  const causes = entitlement.causes;
  if (facts.is_regisseur) causes.push({ kind: "REGISSEUR", level: "FULL" });
  if (facts.is_process_lead) causes.push({ kind: "PROCESS_LEAD", level: "PROCESS" });

  const coverCauses: EntitlementCause[] = [];
  for (const consent of facts.consents ?? []) {
    addCover(entitlement.cover, consent.personId, consent.domains);
    coverCauses.push({ kind: "CONSENT", level: "SECTION", consentId: consent.id, personId: consent.personId, lifeDomains: consent.domains });
  }
  for (const ground of facts.legal_grounds ?? []) {
    addCover(entitlement.cover, ground.personId, ground.domains);
    coverCauses.push({
      kind: "LEGAL_GROUND",
      level: "SECTION",
      legalGroundId: ground.id,
      personId: ground.personId,
      lifeDomains: ground.domains,
      basis: `${ground.kind}: ${ground.basis}`,
    });
  }

  // A covenant not in force, or one the caller's organisation did not sign, grants nothing. Its
  // rules reach the people who work with families; a process lead, covenant administrator,
  // evaluator, manager or administrator has its own, narrower access (domain brief §3).
  const careWorker = caller.roles.some((role) => CARE_ROLES.includes(role));
  let usesCover = false;
  if (covenant.versionId !== null && covenant.signatory && careWorker) {
    for (const rule of covenant.rules) {
      if (rule.granteePartnerId !== null && rule.granteePartnerId !== caller.partnerId) continue;
      if (rule.granteeSector !== null && rule.granteeSector !== covenant.callerSector) continue;
      if (rule.requiredRole !== null && !caller.roles.includes(rule.requiredRole)) continue;
      if (rule.requiresInvolvement && !facts.involved) continue;
      if (rule.requiresConsentOrLegalGround && !hasCover(entitlement.cover, rule.lifeDomain)) continue;
      usesCover ||= rule.requiresConsentOrLegalGround;
      if (atLeast(rule.level, "SECTION")) {
        entitlement.grants.push({ partKind: rule.partKind, lifeDomain: rule.lifeDomain, needsCover: rule.requiresConsentOrLegalGround });
      }
      causes.push({
        kind: "COVENANT_RULE",
        level: rule.level,
        covenantVersion: covenant.version ?? undefined,
        ruleId: rule.id,
        description: rule.description,
        partKind: rule.partKind,
        lifeDomains: rule.lifeDomain ? [rule.lifeDomain] : [],
      });
    }
  }
  if (usesCover) causes.push(...coverCauses);

  // Break the glass: safety-relevant parts only, for this professional, until it ends.
  const emergency = (facts.emergencies ?? [])[0];
  if (emergency && facts.involved && careWorker) {
    for (const domain of covenant.safetyDomains) entitlement.grants.push({ partKind: null, lifeDomain: domain, needsCover: false });
    causes.push({
      kind: "EMERGENCY_ACCESS",
      level: "SECTION",
      emergencyAccessId: emergency.id,
      lifeDomains: covenant.safetyDomains,
      until: new Date(emergency.until),
    });
  }
  entitlement.level = causes.reduce<AccessLevel>((best, cause) => higher(cause.level, best), "NONE");
  return entitlement;
}

function addCover(cover: Map<string, Set<string>>, personId: string, domains: string[]) {
  const set = cover.get(personId) ?? new Set<string>();
  for (const domain of domains) set.add(domain);
  cover.set(personId, set);
}

const hasCover = (cover: Map<string, Set<string>>, domain: string | null) =>
  [...cover.values()].some((domains) => (domain === null ? domains.size > 0 : domains.has(domain)));

/**
 * The caller's entitlement for many families: the covenant in force (once per request) and one
 * statement for all the families asked for in the same tick.
 */
export async function computeEntitlements(
  db: Db,
  caller: Caller,
  familyIds: readonly string[],
  covenant: () => Promise<CovenantInForce>,
  today: string,
  now: Date,
): Promise<Entitlement[]> {
  const [facts, inForce] = await Promise.all([loadFacts(db, caller, familyIds, today, now), covenant()]);
  const byId = new Map(facts.map((row) => [row.id, row]));
  return familyIds.map((familyId) => {
    const row = byId.get(familyId);
    return row ? decide(caller, inForce, row) : none(familyId);
  });
}

/**
 * The per-request entitlement loader. Besides loading in batches, it answers synchronously for
 * a family it has already resolved (`peek`), so a field rule over a loaded family costs no
 * promise: a plan query asks it for every one of thousands of fields.
 */
export class EntitlementLoader extends DataLoader<string, Entitlement> {
  private readonly resolved = new Map<string, Entitlement>();

  constructor(batch: (familyIds: readonly string[]) => Promise<Entitlement[]>) {
    super(async (familyIds) => {
      const entitlements = await batch(familyIds);
      entitlements.forEach((entitlement, index) => this.resolved.set(familyIds[index]!, entitlement));
      return entitlements;
    });
  }

  peek(familyId: string): Entitlement | undefined {
    return this.resolved.get(familyId);
  }

  override clear(familyId: string): this {
    this.resolved.delete(familyId);
    return super.clear(familyId);
  }

  override clearAll(): this {
    this.resolved.clear();
    return super.clearAll();
  }
}

export function entitlementLoader(db: Db, caller: Caller | null, now: () => Date, today: () => string): EntitlementLoader {
  if (!caller) return new EntitlementLoader(async (familyIds) => familyIds.map(none));
  let covenant: Promise<CovenantInForce> | null = null;
  const covenantOnce = () => (covenant ??= loadCovenantInForce(db, caller, today()));
  return new EntitlementLoader((familyIds) => computeEntitlements(db, caller, familyIds, covenantOnce, today(), now()));
}
