import { KEVIN_MULDER } from "./scenario-groningen.js";
import type { DemoRegion } from "./scenario-types.js";

// ---------------------------------------------------------------------------------------------
// Amsterdam (002): a coordinator for risk families, a process manager, stricter sharing.
// ---------------------------------------------------------------------------------------------

const AMS_JEUGD = "Gemeente Amsterdam – Jeugd en Gezin";
const AMS_WI = "Gemeente Amsterdam – Werk en Inkomen";
const AMS_SCHULD = "Gemeente Amsterdam – Schuldhulpverlening";
const YMERE = "Ymere";
const POLITIE_AMSTERDAM = "Politie Amsterdam";
const JBRA = "Jeugdbescherming Regio Amsterdam";
const COMBIWEL = "Combiwel";
const CORDAAN = "Cordaan";

const COORDINATOR = "coordinator@amsterdam.demo";
const PROCESS_MANAGER = "procesmanager@amsterdam.demo";

export const AMSTERDAM: DemoRegion = {
  code: "amsterdam",
  name: "Amsterdam",
  signalActiveMonths: 24,
  signalHistoricalMonths: 60,
  signalAgeLimitYears: 23,
  partners: [
    { name: AMS_JEUGD, sector: "MUNICIPALITY", covenantSignatory: true },
    { name: AMS_WI, sector: "WORK_AND_INCOME", covenantSignatory: true },
    { name: AMS_SCHULD, sector: "DEBT_HELP", covenantSignatory: true },
    { name: YMERE, sector: "HOUSING", covenantSignatory: true },
    { name: POLITIE_AMSTERDAM, sector: "POLICE_JUSTICE", covenantSignatory: true },
    { name: JBRA, sector: "YOUTH_CARE", covenantSignatory: true },
    { name: COMBIWEL, sector: "SOCIAL_WORK", covenantSignatory: true },
    // Not (yet) a signatory: the covenant grants it nothing.
    { name: CORDAAN, sector: "HEALTH", covenantSignatory: false },
  ],
  professionals: [
    { name: "Saskia van der Linden", email: COORDINATOR, phone: "06-30000101", partner: AMS_JEUGD, roles: ["PROCESS_LEAD"] },
    { name: "Thomas de Graaf", email: PROCESS_MANAGER, phone: "06-30000102", partner: AMS_JEUGD, roles: ["PROCESS_LEAD"] },
    { name: "Fatima Bakker", email: "coach1@amsterdam.demo", phone: "06-30000111", partner: COMBIWEL, roles: ["COACH"] },
    { name: "Jasper Koster", email: "coach2@amsterdam.demo", phone: "06-30000112", partner: JBRA, roles: ["COACH"] },
    { name: "Laura Vermeulen", email: "werkeninkomen@amsterdam.demo", phone: "06-30000121", partner: AMS_WI, roles: ["PARTNER_PROFESSIONAL"] },
    { name: "Rob Verhoeven", email: "schuldhulp@amsterdam.demo", phone: "06-30000122", partner: AMS_SCHULD, roles: ["PARTNER_PROFESSIONAL"] },
    { name: "Maaike Prins", email: "ymere@amsterdam.demo", phone: "06-30000123", partner: YMERE, roles: ["PARTNER_PROFESSIONAL"] },
    { name: "Kees Scholten", email: "politie@amsterdam.demo", phone: "06-30000124", partner: POLITIE_AMSTERDAM, roles: ["PARTNER_PROFESSIONAL"] },
    { name: "Iris Kok", email: "jeugdbescherming@amsterdam.demo", phone: "06-30000125", partner: JBRA, roles: ["PARTNER_PROFESSIONAL"] },
    { name: "Eva Mol", email: "cordaan@amsterdam.demo", phone: "06-30000126", partner: CORDAAN, roles: ["PARTNER_PROFESSIONAL"] },
    { name: "Hans Dekker", email: "beheer@amsterdam.demo", phone: "06-30000141", partner: AMS_JEUGD, roles: ["COVENANT_ADMIN"] },
    // Research and supervision: the region's indicators, aggregates only.
    { name: "Dr. Noor El Amrani", email: "evaluator@amsterdam.demo", phone: "06-30000145", partner: AMS_JEUGD, roles: ["EVALUATOR"] },
    // The escalation ladder: line managers, then the process lead with the directors, then the alderman.
    { name: "Joyce Brink", email: "manager.ymere@amsterdam.demo", phone: "06-30000142", partner: YMERE, roles: ["PARTNER_MANAGER"] },
    { name: "Ruud Hendriks", email: "manager.jbra@amsterdam.demo", phone: "06-30000143", partner: JBRA, roles: ["PARTNER_MANAGER"] },
    { name: "Wethouder Marjolein de Jong", email: "wethouder@amsterdam.demo", phone: "06-30000144", partner: AMS_WI, roles: ["ADMINISTRATOR"] },
    // Where nuisance dominates, the mayor decides the last step (002 §3.4).
    { name: "Burgemeester Anna Visser", email: "burgemeester@amsterdam.demo", phone: "06-30000146", partner: AMS_WI, roles: ["MAYOR"] },
  ],
  families: [
    {
      // Kevin Mulder stays with his aunt here: the same BSN as in Groningen, another register.
      name: "Gezin Visser",
      regisseur: "coach1@amsterdam.demo",
      processLead: COORDINATOR,
      category: "RISK",
      categorySince: "2026-03-02",
      earlierCategories: [],
      members: [
        { bsn: "999994992", givenName: "Sandra", familyName: "Visser", birthDate: "1987-02-02", relation: "PARENT", legalCustody: true, validFrom: "2026-03-02" },
        { bsn: "999995005", givenName: "Bram", familyName: "Visser", birthDate: "2012-07-07", relation: "CHILD", legalCustody: false, validFrom: "2026-03-02" },
        { ...KEVIN_MULDER, relation: "OTHER", legalCustody: false, validFrom: "2026-08-01" },
      ],
    },
    {
      name: "Gezin Jansen",
      regisseur: "coach2@amsterdam.demo",
      processLead: PROCESS_MANAGER,
      category: "MPG3",
      categorySince: "2026-01-19",
      earlierCategories: [{ category: "MPG2", since: "2025-09-08" }],
      members: [
        { bsn: "999995200", givenName: "Patrick", familyName: "Jansen", birthDate: "1981-10-10", relation: "PARENT", legalCustody: true, validFrom: "2025-09-08" },
        { bsn: "999996058", givenName: "Samira", familyName: "Jansen", birthDate: "1985-05-05", relation: "PARENT", legalCustody: true, validFrom: "2025-09-08" },
        { bsn: "999996071", givenName: "Tess", familyName: "Jansen", birthDate: "2009-09-09", relation: "CHILD", legalCustody: false, validFrom: "2025-09-08" },
        { bsn: "999996149", givenName: "Mees", familyName: "Jansen", birthDate: "2015-03-15", relation: "CHILD", legalCustody: false, validFrom: "2025-09-08" },
      ],
    },
    {
      name: "Gezin de Wit",
      regisseur: "coach1@amsterdam.demo",
      processLead: PROCESS_MANAGER,
      category: "MPG2",
      categorySince: "2025-12-15",
      earlierCategories: [],
      members: [
        { bsn: "999996162", givenName: "Esther", familyName: "de Wit", birthDate: "1990-12-24", relation: "PARENT", legalCustody: true, validFrom: "2025-12-15" },
        { bsn: "999996253", givenName: "Luuk", familyName: "de Wit", birthDate: "2011-04-18", relation: "CHILD", legalCustody: false, validFrom: "2025-12-15" },
        { bsn: "999996344", givenName: "Nina", familyName: "de Wit", birthDate: "2019-08-30", relation: "CHILD", legalCustody: false, validFrom: "2025-12-15" },
      ],
    },
  ],
  signals: [
    // Tess Jansen: police and youth protection: a match.
    { bsn: "999996071", professional: "politie@amsterdam.demo", signalledOn: "2025-11-12", discussedWithFamily: false, notDiscussedReason: "SAFETY_RISK" },
    { bsn: "999996071", professional: "jeugdbescherming@amsterdam.demo", signalledOn: "2026-01-08", discussedWithFamily: true },
    { bsn: "999996253", professional: "ymere@amsterdam.demo", signalledOn: "2026-03-30", discussedWithFamily: true },
    // Ymere and Patrick Jansen: rent arrears. With consent Ymere sees the housing parts of the plan.
    { bsn: "999995200", professional: "ymere@amsterdam.demo", signalledOn: "2026-05-11", discussedWithFamily: true },
    { bsn: "999995005", professional: "coach1@amsterdam.demo", signalledOn: "2026-04-02", discussedWithFamily: true },
    // Kevin Mulder in Amsterdam: alone here; Groningen's signals on him must stay invisible.
    { bsn: KEVIN_MULDER.bsn, professional: "politie@amsterdam.demo", signalledOn: "2026-09-14", discussedWithFamily: false, notDiscussedReason: "NOT_YET_REACHED" },
  ],
};
