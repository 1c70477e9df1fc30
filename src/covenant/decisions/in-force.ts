import { sql } from "drizzle-orm";
import type { Role } from "../../access/roles.js";
import type { Caller } from "../../auth/caller.js";
import type { Db } from "../../db/database.js";
import { rowsOf } from "../../db/rows.js";
import type { AccessLevel, PartKind } from "./levels.js";

export interface CovenantRule {
  id: string;
  granteePartnerId: string | null;
  granteeSector: string | null;
  level: AccessLevel;
  partKind: PartKind | null;
  lifeDomain: string | null;
  requiresInvolvement: boolean;
  requiresConsentOrLegalGround: boolean;
  requiredRole: Role | null;
  description: string;
}

/** What the entitlement needs of the covenant in force, seen from one caller. */
export interface CovenantInForce {
  /** Null when no version is in force: then the covenant grants nothing. */
  versionId: string | null;
  version: number | null;
  /** Whether the caller's organisation signed this version: a non-signatory gets nothing. */
  signatory: boolean;
  callerSector: string;
  rules: CovenantRule[];
  safetyDomains: string[];
  emergencyHours: number;
  /** The age rule for consent: alone from this age (also for signing the plan), jointly from the other. */
  consentAgeAlone: number;
  consentAgeJoint: number;
  /** Who records consent: the regisseur, or also the process lead. */
  consentRecorders: string;
}

interface Row {
  version_id: string | null;
  version: number | null;
  signatory: boolean | null;
  caller_sector: string;
  emergency_hours: number | null;
  consent_age_alone: number | null;
  consent_age_joint: number | null;
  consent_recorders: string | null;
  rules: CovenantRule[] | null;
  safety_domains: string[] | null;
}

/**
 * The region's covenant as it applies today. The version in force today in the caller's region (the highest-numbered one whose period
 * holds today), its rules, and the region's safety-relevant life domains: one statement.
 */
export async function loadCovenantInForce(db: Db, caller: Caller, today: string): Promise<CovenantInForce> {
  const [row] = rowsOf<Row>(
    await db.execute(sql`
      with version as (
        select v.* from covenant_versions v
        where v.region_id = ${caller.regionId}::uuid
          and v.in_force_from <= ${today}::date and (v.in_force_until is null or v.in_force_until > ${today}::date)
        order by v.version desc limit 1
      )
      select version.id as version_id, version.version, version.emergency_hours, version.consent_age_alone,
        version.consent_age_joint, version.consent_recorders,
        (select sector from partners where id = ${caller.partnerId}::uuid) as caller_sector,
        exists (select 1 from covenant_signatories s where s.version_id = version.id and s.partner_id = ${caller.partnerId}::uuid) as signatory,
        (select json_agg(json_build_object(
            'id', r.id, 'granteePartnerId', r.grantee_partner_id, 'granteeSector', r.grantee_sector, 'level', r.level,
            'partKind', r.part_kind, 'lifeDomain', r.life_domain, 'requiresInvolvement', r.requires_involvement,
            'requiresConsentOrLegalGround', r.requires_consent_or_legal_ground, 'requiredRole', r.required_role,
            'description', r.description) order by r.position)
          from covenant_rules r where r.version_id = version.id) as rules,
        (select json_agg(d.code order by d.position) from life_domains d
          where d.region_id = ${caller.regionId}::uuid and d.safety_relevant) as safety_domains
      from (select 1) one left join version on true`),
  );
  return {
    versionId: row?.version_id ?? null,
    version: row?.version ?? null,
    signatory: row?.signatory === true,
    callerSector: row?.caller_sector ?? "",
    rules: row?.rules ?? [],
    safetyDomains: row?.safety_domains ?? [],
    emergencyHours: row?.emergency_hours ?? 24,
    consentAgeAlone: row?.consent_age_alone ?? 16,
    consentAgeJoint: row?.consent_age_joint ?? 12,
    consentRecorders: row?.consent_recorders ?? "REGISSEUR",
  };
}
