import type { DemoPerson, DemoRegion } from "./scenario-types.js";

// ---------------------------------------------------------------------------------------------
// Groningen pilot (000): eleven signatories, a project leader, four coaches, a "top 10" of families.
// ---------------------------------------------------------------------------------------------

const SOZAWE = "Gemeente Groningen – Sozawe";
const GKB = "Gemeente Groningen – GKB";
const OCSW = "Gemeente Groningen – OCSW";
const MJD = "MJD";
const ELKER = "Elker";
const THUISZORG = "Thuiszorg Groningen";
const POLITIE_GRONINGEN = "Regiopolitie Groningen";
const BJZ = "Bureau Jeugdzorg Groningen";
const HUISMEESTERS = "Huismeesters";
const LEFIER = "Lefier";
const NIJESTEE = "Nijestee";

const PROJECT_LEADER = "projectleider@groningen.demo";

// People who are members of two families (or of two regions' registers): one definition each.
/** After the divorce he left Gezin Mulder and moved in with Ingrid Veenstra as her partner. */
const RONALD_MULDER: DemoPerson = { bsn: "999990767", givenName: "Ronald", familyName: "Mulder", birthDate: "1978-06-18" };
/** Co-parent: father of Finn (Gezin Postma) and of Milan (Gezin Hoving): the family match. */
const DENNIS_POSTMA: DemoPerson = { bsn: "999990962", givenName: "Dennis", familyName: "Postma", birthDate: "1983-09-25" };
/** Signalled in Groningen, and in Amsterdam's register too (he stays with his aunt there). */
export const KEVIN_MULDER: DemoPerson = { bsn: "999990780", givenName: "Kevin", familyName: "Mulder", birthDate: "2009-02-27" };

export const GRONINGEN: DemoRegion = {
  code: "groningen",
  name: "Groningen pilot",
  signalActiveMonths: 24,
  signalHistoricalMonths: 60,
  signalAgeLimitYears: 23,
  partners: [
    { name: SOZAWE, sector: "WORK_AND_INCOME", covenantSignatory: true },
    { name: GKB, sector: "DEBT_HELP", covenantSignatory: true },
    { name: OCSW, sector: "EDUCATION", covenantSignatory: true },
    { name: MJD, sector: "SOCIAL_WORK", covenantSignatory: true },
    { name: ELKER, sector: "YOUTH_CARE", covenantSignatory: true },
    { name: THUISZORG, sector: "HOME_CARE", covenantSignatory: true },
    { name: POLITIE_GRONINGEN, sector: "POLICE_JUSTICE", covenantSignatory: true },
    { name: BJZ, sector: "YOUTH_CARE", covenantSignatory: true },
    { name: HUISMEESTERS, sector: "HOUSING", covenantSignatory: true },
    { name: LEFIER, sector: "HOUSING", covenantSignatory: true },
    { name: NIJESTEE, sector: "HOUSING", covenantSignatory: true },
  ],
  professionals: [
    { name: "Marieke Dijkstra", email: PROJECT_LEADER, phone: "06-20000101", partner: SOZAWE, roles: ["PROJECT_LEAD"] },
    // Coaches (regisseurs), seconded by their organisations.
    { name: "Anouk de Vries", email: "coach1@groningen.demo", phone: "06-20000111", partner: MJD, roles: ["COACH"] },
    { name: "Jeroen Kuipers", email: "coach2@groningen.demo", phone: "06-20000112", partner: ELKER, roles: ["COACH"] },
    { name: "Sanne Hoekstra", email: "coach3@groningen.demo", phone: "06-20000113", partner: BJZ, roles: ["COACH"] },
    { name: "Wouter Brouwer", email: "coach4@groningen.demo", phone: "06-20000114", partner: SOZAWE, roles: ["COACH"] },
    // One partner professional at every partner.
    { name: "Ilse Meijer", email: "sozawe@groningen.demo", phone: "06-20000121", partner: SOZAWE, roles: ["PARTNER_PROFESSIONAL"] },
    { name: "Bas van Dijk", email: "gkb@groningen.demo", phone: "06-20000122", partner: GKB, roles: ["PARTNER_PROFESSIONAL"] },
    { name: "Hanneke Smits", email: "ocsw@groningen.demo", phone: "06-20000123", partner: OCSW, roles: ["PARTNER_PROFESSIONAL"] },
    { name: "Femke Boersma", email: "mjd@groningen.demo", phone: "06-20000124", partner: MJD, roles: ["PARTNER_PROFESSIONAL"] },
    { name: "Joost Visscher", email: "elker@groningen.demo", phone: "06-20000125", partner: ELKER, roles: ["PARTNER_PROFESSIONAL"] },
    { name: "Ria Zijlstra", email: "thuiszorg@groningen.demo", phone: "06-20000126", partner: THUISZORG, roles: ["PARTNER_PROFESSIONAL"] },
    { name: "Erwin Huizinga", email: "politie@groningen.demo", phone: "06-20000127", partner: POLITIE_GRONINGEN, roles: ["PARTNER_PROFESSIONAL"] },
    { name: "Nienke Bos", email: "jeugdzorg@groningen.demo", phone: "06-20000128", partner: BJZ, roles: ["PARTNER_PROFESSIONAL"] },
    { name: "Gert Schuurman", email: "huismeesters@groningen.demo", phone: "06-20000129", partner: HUISMEESTERS, roles: ["PARTNER_PROFESSIONAL"] },
    { name: "Lieke Wiersma", email: "lefier@groningen.demo", phone: "06-20000130", partner: LEFIER, roles: ["PARTNER_PROFESSIONAL"] },
    { name: "Marco Veldman", email: "nijestee@groningen.demo", phone: "06-20000131", partner: NIJESTEE, roles: ["PARTNER_PROFESSIONAL"] },
    // Management, covenant administration, research, the last escalation step.
    { name: "Karin Oosterhof", email: "manager@groningen.demo", phone: "06-20000141", partner: ELKER, roles: ["PARTNER_MANAGER"] },
    { name: "Henk Dijkhuis", email: "manager.lefier@groningen.demo", phone: "06-20000145", partner: LEFIER, roles: ["PARTNER_MANAGER"] },
    { name: "Gea Bouma", email: "manager.mjd@groningen.demo", phone: "06-20000146", partner: MJD, roles: ["PARTNER_MANAGER"] },
    { name: "Pieter Nijboer", email: "beheer@groningen.demo", phone: "06-20000142", partner: SOZAWE, roles: ["COVENANT_ADMIN"] },
    { name: "Dr. Esther Hofman", email: "evaluator@groningen.demo", phone: "06-20000143", partner: OCSW, roles: ["EVALUATOR"] },
    { name: "Wethouder Jan Bolt", email: "wethouder@groningen.demo", phone: "06-20000144", partner: SOZAWE, roles: ["ADMINISTRATOR"] },
    // Left the organisation: kept for the record, may not log in.
    { name: "Rick Tuinstra", email: "vertrokken@groningen.demo", phone: "06-20000199", partner: LEFIER, roles: ["PARTNER_PROFESSIONAL"], active: false },
  ],
  families: [
    {
      name: "Gezin Bakker",
      regisseur: "coach1@groningen.demo",
      processLead: PROJECT_LEADER,
      category: "MPG2",
      categorySince: "2025-09-15",
      earlierCategories: [{ category: "MPG1", since: "2025-02-01" }],
      members: [
        { bsn: "999990299", givenName: "Erik", familyName: "Bakker", birthDate: "1982-03-14", relation: "PARENT", legalCustody: true, validFrom: "2025-02-01" },
        { bsn: "999990494", givenName: "Linda", familyName: "Bakker-Smit", birthDate: "1984-07-02", relation: "PARENT", legalCustody: true, validFrom: "2025-02-01" },
        { bsn: "999990585", givenName: "Daan", familyName: "Bakker", birthDate: "2011-05-09", relation: "CHILD", legalCustody: false, validFrom: "2025-02-01" },
        { bsn: "999990676", givenName: "Lotte", familyName: "Bakker", birthDate: "2014-10-21", relation: "CHILD", legalCustody: false, validFrom: "2025-02-01" },
      ],
    },
    {
      // The father left after the divorce (validTo); he is now Ingrid Veenstra's partner.
      name: "Gezin Mulder",
      regisseur: "coach1@groningen.demo",
      processLead: PROJECT_LEADER,
      category: "MPG3",
      categorySince: "2025-08-12",
      earlierCategories: [{ category: "MPG2", since: "2024-09-02" }],
      members: [
        { bsn: "999990858", givenName: "Petra", familyName: "Mulder", birthDate: "1980-11-30", relation: "PARENT", legalCustody: true, validFrom: "2024-09-02" },
        { ...RONALD_MULDER, relation: "PARENT", legalCustody: true, validFrom: "2024-09-02", validTo: "2025-06-30" },
        { ...KEVIN_MULDER, relation: "CHILD", legalCustody: false, validFrom: "2024-09-02" },
        { bsn: "999990871", givenName: "Sem", familyName: "Mulder", birthDate: "2013-08-05", relation: "CHILD", legalCustody: false, validFrom: "2024-09-02" },
      ],
    },
    {
      // A new partner moved in: Ronald Mulder, without custody of Noah.
      name: "Gezin Veenstra",
      regisseur: "coach2@groningen.demo",
      processLead: PROJECT_LEADER,
      category: "MPG1",
      categorySince: "2025-10-01",
      earlierCategories: [],
      members: [
        { bsn: "999990949", givenName: "Ingrid", familyName: "Veenstra", birthDate: "1985-01-19", relation: "PARENT", legalCustody: true, validFrom: "2025-10-01" },
        { bsn: "999992028", givenName: "Noah", familyName: "Veenstra", birthDate: "2015-12-03", relation: "CHILD", legalCustody: false, validFrom: "2025-10-01" },
        { ...RONALD_MULDER, relation: "PARTNER", legalCustody: false, validFrom: "2025-10-01" },
      ],
    },
    {
      name: "Gezin Postma",
      regisseur: "coach2@groningen.demo",
      processLead: PROJECT_LEADER,
      category: "MPG2",
      categorySince: "2025-04-07",
      earlierCategories: [{ category: "RISK", since: "2024-11-18" }],
      members: [
        { ...DENNIS_POSTMA, relation: "PARENT", legalCustody: true, validFrom: "2024-11-18" },
        { bsn: "999992041", givenName: "Marloes", familyName: "Postma-Jonker", birthDate: "1988-04-11", relation: "PARENT", legalCustody: true, validFrom: "2024-11-18" },
        { bsn: "999992119", givenName: "Finn", familyName: "Postma", birthDate: "2013-02-14", relation: "CHILD", legalCustody: false, validFrom: "2024-11-18" },
      ],
    },
    {
      // Milan's mother's household; his father Dennis Postma keeps custody (co-parenting).
      name: "Gezin Hoving",
      regisseur: "coach3@groningen.demo",
      processLead: PROJECT_LEADER,
      category: "MPG3",
      categorySince: "2025-06-02",
      earlierCategories: [{ category: "MPG2", since: "2025-01-13" }],
      members: [
        { bsn: "999992132", givenName: "Yvonne", familyName: "Hoving", birthDate: "1986-12-08", relation: "PARENT", legalCustody: true, validFrom: "2025-01-13" },
        { ...DENNIS_POSTMA, relation: "PARENT", legalCustody: true, validFrom: "2025-01-13" },
        { bsn: "999992223", givenName: "Milan", familyName: "Postma", birthDate: "2010-06-30", relation: "CHILD", legalCustody: false, validFrom: "2025-01-13" },
      ],
    },
    {
      // A newborn joined the family after it was taken in.
      name: "Gezin de Boer",
      regisseur: "coach3@groningen.demo",
      processLead: PROJECT_LEADER,
      category: "RISK",
      categorySince: "2025-11-03",
      earlierCategories: [],
      members: [
        { bsn: "999992314", givenName: "Kim", familyName: "de Boer", birthDate: "1996-08-17", relation: "PARENT", legalCustody: true, validFrom: "2025-11-03" },
        { bsn: "999992405", givenName: "Mark", familyName: "Huisman", birthDate: "1994-02-03", relation: "PARENT", legalCustody: true, validFrom: "2025-11-03" },
        { bsn: "999992600", givenName: "Thijs", familyName: "de Boer", birthDate: "2020-09-29", relation: "CHILD", legalCustody: false, validFrom: "2025-11-03" },
        { bsn: "999993094", givenName: "Sophie", familyName: "de Boer", birthDate: "2026-05-14", relation: "CHILD", legalCustody: false, validFrom: "2026-05-14" },
      ],
    },
    {
      name: "Gezin Smit",
      regisseur: "coach4@groningen.demo",
      processLead: PROJECT_LEADER,
      category: "MPG4",
      categorySince: "2025-12-01",
      earlierCategories: [{ category: "MPG3", since: "2025-03-17" }],
      members: [
        { bsn: "999993185", givenName: "Monique", familyName: "Smit", birthDate: "1979-05-06", relation: "PARENT", legalCustody: true, validFrom: "2025-03-17" },
        { bsn: "999993276", givenName: "Jayden", familyName: "Smit", birthDate: "2008-07-15", relation: "CHILD", legalCustody: false, validFrom: "2025-03-17" },
        { bsn: "999993367", givenName: "Fleur", familyName: "Smit", birthDate: "2012-01-28", relation: "CHILD", legalCustody: false, validFrom: "2025-03-17" },
        // The grandmother lives in and helps out.
        { bsn: "999993380", givenName: "Gerda", familyName: "Smit", birthDate: "1952-10-10", relation: "OTHER", legalCustody: false, validFrom: "2025-03-17" },
      ],
    },
    {
      name: "Gezin Wierenga",
      regisseur: "coach4@groningen.demo",
      processLead: PROJECT_LEADER,
      category: "MPG1",
      categorySince: "2026-02-09",
      earlierCategories: [{ category: "RISK", since: "2025-07-01" }],
      members: [
        { bsn: "999993458", givenName: "Bert", familyName: "Wierenga", birthDate: "1975-04-23", relation: "PARENT", legalCustody: true, validFrom: "2025-07-01" },
        { bsn: "999993471", givenName: "Anja", familyName: "Wierenga", birthDate: "1977-09-09", relation: "PARENT", legalCustody: true, validFrom: "2025-07-01" },
        { bsn: "999993549", givenName: "Tim", familyName: "Wierenga", birthDate: "2010-11-11", relation: "CHILD", legalCustody: false, validFrom: "2025-07-01" },
        { bsn: "999993562", givenName: "Roos", familyName: "Wierenga", birthDate: "2016-06-06", relation: "CHILD", legalCustody: false, validFrom: "2025-07-01" },
      ],
    },
    {
      name: "Gezin Kramer",
      regisseur: "coach2@groningen.demo",
      processLead: PROJECT_LEADER,
      category: "MPG2",
      categorySince: "2025-05-19",
      earlierCategories: [],
      members: [
        { bsn: "999993653", givenName: "Sylvia", familyName: "Kramer", birthDate: "1990-03-03", relation: "PARENT", legalCustody: true, validFrom: "2025-05-19" },
        { bsn: "999993744", givenName: "Julia", familyName: "Kramer", birthDate: "2012-12-12", relation: "CHILD", legalCustody: false, validFrom: "2025-05-19" },
        { bsn: "999993835", givenName: "Stijn", familyName: "Kramer", birthDate: "2018-04-04", relation: "CHILD", legalCustody: false, validFrom: "2025-05-19" },
      ],
    },
    {
      // A new partner since January; the eldest son is 20, his sister still a minor.
      name: "Gezin Bosman",
      regisseur: "coach1@groningen.demo",
      processLead: PROJECT_LEADER,
      category: "MPG1",
      categorySince: "2024-12-02",
      earlierCategories: [],
      members: [
        { bsn: "999993926", givenName: "Harm", familyName: "Bosman", birthDate: "1972-08-08", relation: "PARENT", legalCustody: true, validFrom: "2024-12-02" },
        { bsn: "999994797", givenName: "Ruben", familyName: "Bosman", birthDate: "2006-04-02", relation: "CHILD", legalCustody: false, validFrom: "2024-12-02" },
        { bsn: "999994888", givenName: "Lisa", familyName: "Bosman", birthDate: "2013-09-17", relation: "CHILD", legalCustody: false, validFrom: "2024-12-02" },
        { bsn: "999994979", givenName: "Wendy", familyName: "Dijk", birthDate: "1981-01-01", relation: "PARTNER", legalCustody: false, validFrom: "2026-01-10" },
      ],
    },
  ],
  signals: [
    // Daan Bakker: MJD (his coach's organisation) and OCSW (compulsory schooling): a match.
    { bsn: "999990585", professional: "coach1@groningen.demo", signalledOn: "2025-03-10", discussedWithFamily: true },
    { bsn: "999990585", professional: "ocsw@groningen.demo", signalledOn: "2025-10-02", discussedWithFamily: false, notDiscussedReason: "NOT_YET_REACHED" },
    // Kevin Mulder: police and Bureau Jeugdzorg match; Elker's signal was withdrawn.
    { bsn: KEVIN_MULDER.bsn, professional: "elker@groningen.demo", signalledOn: "2025-01-15", discussedWithFamily: true, withdrawn: true },
    { bsn: KEVIN_MULDER.bsn, professional: "politie@groningen.demo", signalledOn: "2025-07-21", discussedWithFamily: false, notDiscussedReason: "SAFETY_RISK" },
    { bsn: KEVIN_MULDER.bsn, professional: "jeugdzorg@groningen.demo", signalledOn: "2025-09-01", discussedWithFamily: true },
    // Jayden Smit: police, Sozawe (his coach) and Lefier: three organisations, three matches.
    { bsn: "999993276", professional: "politie@groningen.demo", signalledOn: "2025-04-02", discussedWithFamily: false, notDiscussedReason: "OTHER_LEGAL_GROUND" },
    { bsn: "999993276", professional: "coach4@groningen.demo", signalledOn: "2025-12-08", discussedWithFamily: true },
    { bsn: "999993276", professional: "lefier@groningen.demo", signalledOn: "2026-06-15", discussedWithFamily: true },
    // Family match: Finn (Gezin Postma) and Milan (Gezin Hoving) share their father Dennis Postma.
    { bsn: "999992119", professional: "elker@groningen.demo", signalledOn: "2025-05-06", discussedWithFamily: true },
    { bsn: "999992223", professional: "politie@groningen.demo", signalledOn: "2026-02-23", discussedWithFamily: false, notDiscussedReason: "SAFETY_RISK" },
    // Ruben Bosman: MJD's signal is historical (over 24 months old), so Huismeesters' is alone.
    { bsn: "999994797", professional: "mjd@groningen.demo", signalledOn: "2024-01-15", discussedWithFamily: true },
    { bsn: "999994797", professional: "huismeesters@groningen.demo", signalledOn: "2026-03-02", discussedWithFamily: true },
    // Single signals: nobody else involved (yet).
    { bsn: "999992028", professional: "nijestee@groningen.demo", signalledOn: "2026-01-20", discussedWithFamily: true },
    { bsn: "999993744", professional: "thuiszorg@groningen.demo", signalledOn: "2025-06-10", discussedWithFamily: true },
    { bsn: "999993549", professional: "gkb@groningen.demo", signalledOn: "2026-04-14", discussedWithFamily: true },
    { bsn: "999993094", professional: "coach3@groningen.demo", signalledOn: "2026-06-01", discussedWithFamily: false, notDiscussedReason: "NOT_YET_REACHED" },
  ],
};
