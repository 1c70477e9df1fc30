import { and, eq } from "drizzle-orm";
import type { Db } from "../../db/database.js";
import type { Category } from "../../families/types.js";
import { partners, professionals } from "../../organisations/tables.js";
import { categoryRoutes, planMeetings, processSettings } from "../tables.js";

/**
 * A region's process settings as data: the demo seed writes them with `installProcessDefaults`.
 * Partners are named by name and professionals by email, as in the demo directory
 * (src/demo/scenario.ts); contacts use the demo's own domains.
 */
export interface ProcessDefaults {
  regionCode: string;
  meldpunt: { name: string; contact: string };
  crisisPartner: string;
  intakeCoordinator: string;
  positiveExitPercent: number;
  aftercareMonths: number;
  caseloadCeiling: number | null;
  /** Euro cents per family plan; null: no ceiling. */
  budgetCeilingCents: number | null;
  meetings: { code: string; name: string }[];
  routes: { category: Category; processLead: string | null; meeting: string }[];
}

const AMSTERDAM_COORDINATOR = "coordinator@amsterdam.demo";
const AMSTERDAM_PROCESS_MANAGER = "procesmanager@amsterdam.demo";

/**
 * Amsterdam (002 §2.2, §3): risk families and MPG1 in the local family meeting under the
 * coordinator for risk families; MPG2–3 in the MDO+ under the process manager; MPG4 (nuisance in
 * public space) in the city's analysis team, the process manager following it. A crisis goes
 * to youth care (the work plan's Bureau Jeugdzorg, now Jeugdbescherming Regio Amsterdam).
 */
export const AMSTERDAM_PROCESS: ProcessDefaults = {
  regionCode: "amsterdam",
  meldpunt: { name: "Meldpunt Zorg en Overlast Amsterdam", contact: "meldpunt@amsterdam.demo" },
  crisisPartner: "Jeugdbescherming Regio Amsterdam",
  intakeCoordinator: AMSTERDAM_COORDINATOR,
  positiveExitPercent: 80,
  aftercareMonths: 6,
  // 003: "the caseload should certainly not exceed 10 client systems"; Groningen's top 10 (000 §7).
  caseloadCeiling: 10,
  budgetCeilingCents: null,
  meetings: [
    { code: "LOCAL_FAMILY_MEETING", name: "Lokaal gezinsoverleg" },
    { code: "MDO_PLUS", name: "MDO+ (multidisciplinair overleg)" },
    { code: "ANALYSIS_TEAM", name: "Stedelijk analyseteam" },
  ],
  routes: [
    { category: "RISK", processLead: AMSTERDAM_COORDINATOR, meeting: "LOCAL_FAMILY_MEETING" },
    { category: "MPG1", processLead: AMSTERDAM_COORDINATOR, meeting: "LOCAL_FAMILY_MEETING" },
    { category: "MPG2", processLead: AMSTERDAM_PROCESS_MANAGER, meeting: "MDO_PLUS" },
    { category: "MPG3", processLead: AMSTERDAM_PROCESS_MANAGER, meeting: "MDO_PLUS" },
    { category: "MPG4", processLead: AMSTERDAM_PROCESS_MANAGER, meeting: "ANALYSIS_TEAM" },
  ],
};

const GRONINGEN_PROJECT_LEADER = "projectleider@groningen.demo";

/**
 * Groningen (000): the core partners together pick the "top 10" families to work with (000
 * L78), and the project leader leads every family's process. One meeting, every category.
 */
export const GRONINGEN_PROCESS: ProcessDefaults = {
  regionCode: "groningen",
  meldpunt: { name: "Meldpunt Zorg en Overlast Groningen", contact: "meldpunt@groningen.demo" },
  crisisPartner: "Bureau Jeugdzorg Groningen",
  intakeCoordinator: GRONINGEN_PROJECT_LEADER,
  positiveExitPercent: 80,
  aftercareMonths: 6,
  // 003: "the caseload should certainly not exceed 10 client systems"; Groningen's top 10 (000 §7).
  caseloadCeiling: 10,
  // The pilot's earmarked budget per family plan (000): five thousand euros.
  budgetCeilingCents: 500_000,
  meetings: [{ code: "TOP10_PARTNER_MEETING", name: "Casusoverleg kernpartners (selectie top 10 gezinnen)" }],
  routes: (["RISK", "MPG1", "MPG2", "MPG3", "MPG4"] as const).map((category) => ({
    category,
    processLead: GRONINGEN_PROJECT_LEADER,
    meeting: "TOP10_PARTNER_MEETING",
  })),
};

export const DEMO_PROCESS_DEFAULTS: readonly ProcessDefaults[] = [GRONINGEN_PROCESS, AMSTERDAM_PROCESS];

type Writer = Pick<Db, "select" | "insert">;

/**
 * Writes a region's defaults, resolving names and emails within the region; a name the region
 * does not have is a mistake in the data and throws. Idempotent: what is there is left as it is.
 */
export async function installProcessDefaults(db: Writer, regionId: string, defaults: ProcessDefaults): Promise<void> {
  const partnerId = async (name: string) => {
    const [row] = await db.select({ id: partners.id }).from(partners).where(and(eq(partners.regionId, regionId), eq(partners.name, name)));
    if (!row) throw new Error(`Process defaults for ${defaults.regionCode}: unknown partner "${name}"`);
    return row.id;
  };
  const professionalId = async (email: string) => {
    const [row] = await db
      .select({ id: professionals.id })
      .from(professionals)
      .where(and(eq(professionals.regionId, regionId), eq(professionals.email, email)));
    if (!row) throw new Error(`Process defaults for ${defaults.regionCode}: unknown professional "${email}"`);
    return row.id;
  };
  await db
    .insert(processSettings)
    .values({
      regionId,
      meldpuntName: defaults.meldpunt.name,
      meldpuntContact: defaults.meldpunt.contact,
      crisisPartnerId: await partnerId(defaults.crisisPartner),
      intakeCoordinatorId: await professionalId(defaults.intakeCoordinator),
      positiveExitPercent: defaults.positiveExitPercent,
      aftercareMonths: defaults.aftercareMonths,
      caseloadCeiling: defaults.caseloadCeiling,
      budgetCeilingCents: defaults.budgetCeilingCents,
    })
    .onConflictDoNothing();
  await db
    .insert(planMeetings)
    .values(defaults.meetings.map((meeting) => ({ regionId, ...meeting })))
    .onConflictDoNothing();
  for (const route of defaults.routes) {
    await db
      .insert(categoryRoutes)
      .values({
        regionId,
        category: route.category,
        processLeadId: route.processLead ? await professionalId(route.processLead) : null,
        meeting: route.meeting,
      })
      .onConflictDoNothing();
  }
}
