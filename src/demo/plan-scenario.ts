// The demo plans and covenants (domain brief §5–6): the same kind of plan, shown differently
// under Groningen's open covenant and Amsterdam's strict one. Pure data, written by seed-plans.ts.
import type { AccessLevel, PartKind } from "../covenant/decisions/levels.js";

export interface DemoLifeDomain {
  code: string;
  name: string;
  safetyRelevant?: boolean;
}

export interface DemoRule {
  sector?: string;
  level: AccessLevel;
  partKind?: PartKind;
  lifeDomain?: string;
  requiresInvolvement: boolean;
  requiresConsentOrLegalGround: boolean;
  description: string;
}

export interface DemoCovenant {
  title: string;
  inForceFrom: string;
  rules: DemoRule[];
}

export interface DemoTask {
  lifeDomain: string;
  description: string;
  /** Lead partner, by name; its professional by email. Or, instead, a member of the family's network (by index in `network`). */
  partner?: string;
  network?: number;
  professional?: string;
  dueDate: string;
  status?: "OPEN" | "IN_PROGRESS" | "DONE";
  response?: "PENDING" | "ACCEPTED" | "DECLINED";
  followUp?: string;
  /** The goal (by its index in `goals`) the task serves. */
  goal?: number;
}

/** A step coordinated with the regisseur (000 §8): announced, reported afterwards, or a report still awaited. */
export interface DemoStep {
  status: "ANNOUNCED" | "REPORTED" | "AWAITING_REPORT";
  partner: string;
  /** Who announced or reported it, by email; none while a report is awaited. */
  professional?: string;
  lifeDomain: string;
  legalDuty?: "HOUSE_BAN" | "EVICTION" | "CHILD_PROTECTION" | "POLICE_INTERVENTION" | "OTHER_STATUTORY_DUTY";
  /** Planned for, or taken at (ISO). */
  at: string;
  description?: string;
  /** When it was reported (ISO): after its step. */
  reportedAt?: string;
}

export interface DemoPlan {
  family: string;
  startedOn: string;
  referringPartner?: string;
  analyses: { lifeDomain: string; text: string; member?: string }[];
  goals: {
    lifeDomain: string;
    members?: string[];
    ownWords: string;
    target: string;
    status?: "OPEN" | "IN_PROGRESS" | "ACHIEVED" | "NOT_ACHIEVED";
    achievement?: number;
  }[];
  tasks: DemoTask[];
  milestones: { title: string; dueDate: string; reachedOn?: string }[];
  /** `final`: the final evaluation closing needs. */
  evaluations: { heldOn: string; overall: string; final?: boolean; results: { goal: number; result: string; achievement?: number }[] }[];
  coachNotes: string[];
  /** Members (by BSN) who have consented, for a partner, to life domains. `givenBy` BSNs. */
  consents: { member: string; partner: string; lifeDomains: string[]; givenBy: string[]; givenOn: string }[];
  legalGrounds: { member: string; partner: string; lifeDomains: string[]; kind: string; basis: string; validFrom: string }[];
  steps?: DemoStep[];
  /** The family's own network; `member` the BSN of whom they relate to (none: the household). */
  network?: { name: string; relation: string; member?: string; contact?: string; support?: string }[];
  /** Case meetings held: attendees by email, members by BSN, network by index; `adopts`: it adopted the plan as seeded. */
  /** Nominated in the region's (confirmed) selection round, by a partner's professional, with a reason. */
  nominations?: { round: string; projectLeader: string; partner: string; professional: string; reason: string; selected: boolean }[];
  /** How to reach the household (`member` a BSN; none: the household's address). */
  contacts?: { kind: "ADDRESS" | "PHONE" | "EMAIL"; value: string; member?: string }[];
  /** Budget commitments for a task or goal (by index); `decidedBy` the project leader's email once decided. */
  budget?: { task?: number; goal?: number; service: string; amountCents: number; status: "PROPOSED" | "APPROVED" | "REFUSED"; spentCents?: number; decidedBy?: string; reason?: string }[];
  meetings?: { meeting: string; heldOn: string; professionals: string[]; members?: string[]; network?: number[]; minutes: string; decisions: string[]; adopts?: boolean }[];
}

export interface DemoRegionPlans {
  region: string;
  lifeDomains: DemoLifeDomain[];
  covenant: DemoCovenant;
  plans: DemoPlan[];
}

/** A plan further along the process: goals and evaluations only, no tasks or consents. */
function laterPlan(family: string, startedOn: string, goals: DemoPlan["goals"], evaluations: DemoPlan["evaluations"]): DemoPlan {
  return { family, startedOn, analyses: [], goals, tasks: [], milestones: [], evaluations, coachNotes: [], consents: [], legalGrounds: [] };
}

const reached = (goal: number, result: string) => ({ goal, result, achievement: 100 });

// Groningen's covenant (000 §8 VII, §10): for the selected families "the information in the
// family recovery plans is accessible to all partners" and "may be exchanged freely".
const GRONINGEN: DemoRegionPlans = {
  region: "groningen",
  lifeDomains: [
    { code: "HOUSING", name: "Wonen" },
    { code: "WORK_INCOME", name: "Werk en inkomen" },
    { code: "FINANCES", name: "Financiën en schulden" },
    { code: "HEALTH", name: "Gezondheid" },
    { code: "PARENTING", name: "Opvoeding en ontwikkeling" },
    { code: "EDUCATION", name: "Onderwijs" },
    { code: "SAFETY", name: "Veiligheid", safetyRelevant: true },
    { code: "SOCIAL", name: "Sociaal netwerk" },
  ],
  covenant: {
    title: "Convenant Gezinscoaching Groningen (pilot top 10)",
    inForceFrom: "2025-01-01",
    rules: [
      {
        level: "SECTION",
        requiresInvolvement: false,
        requiresConsentOrLegalGround: false,
        description: "The family recovery plans of the selected families are accessible to all partners (§8 VII, §10).",
      },
    ],
  },
  plans: [
    {
      family: "Gezin Bakker",
      startedOn: "2025-10-01",
      referringPartner: "Gemeente Groningen – OCSW",
      analyses: [
        { lifeDomain: "FINANCES", text: "Schulden bij zes schuldeisers, samen ongeveer 18.000 euro; post blijft ongeopend." },
        { lifeDomain: "HOUSING", text: "Huurachterstand van drie maanden bij Lefier; ontruimingsprocedure dreigt." },
        { lifeDomain: "EDUCATION", member: "999990585", text: "Daan verzuimt sinds september; leerplicht is ingeschakeld." },
      ],
      goals: [
        { lifeDomain: "FINANCES", ownWords: "We willen weer rustig slapen zonder brieven van deurwaarders.", target: "Binnen zes maanden een schuldregeling via GKB.", status: "IN_PROGRESS", achievement: 40 },
        { lifeDomain: "HOUSING", ownWords: "We willen in ons huis blijven wonen.", target: "Geen nieuwe huurachterstand; ontruiming van tafel.", status: "IN_PROGRESS", achievement: 60 },
        { lifeDomain: "EDUCATION", members: ["999990585"], ownWords: "Daan wil weer naar school.", target: "Daan is vier weken achter elkaar volledig aanwezig.", status: "OPEN" },
      ],
      tasks: [
        { lifeDomain: "FINANCES", description: "Schuldenoverzicht maken en een minnelijk traject starten.", partner: "Gemeente Groningen – GKB", professional: "gkb@groningen.demo", dueDate: "2026-12-15", status: "IN_PROGRESS", response: "ACCEPTED", goal: 0 },
        { lifeDomain: "HOUSING", description: "Betalingsregeling voor de huurachterstand afspreken; ontruiming aanhouden.", partner: "Lefier", professional: "lefier@groningen.demo", dueDate: "2026-11-01", response: "ACCEPTED", followUp: "Terugkoppeling in het gezinsoverleg.", goal: 1 },
        { lifeDomain: "EDUCATION", description: "Gesprek met Daan en school over een aangepast rooster.", partner: "Gemeente Groningen – OCSW", professional: "ocsw@groningen.demo", dueDate: "2027-01-15", response: "PENDING", goal: 2 },
        { lifeDomain: "EDUCATION", description: "Daan op dinsdag en donderdag naar school brengen.", network: 0, dueDate: "2027-01-31", goal: 2 },
      ],
      milestones: [
        { title: "Eerste gezinsplanbespreking", dueDate: "2025-10-15", reachedOn: "2025-10-14" },
        { title: "Schuldregeling rond", dueDate: "2027-03-01" },
      ],
      evaluations: [
        {
          heldOn: "2026-09-01",
          overall: "Stappen gezet op wonen en geld; school blijft een zorg.",
          results: [
            { goal: 0, result: "Overzicht compleet, traject loopt.", achievement: 40 },
            { goal: 1, result: "Regeling loopt, twee termijnen betaald.", achievement: 60 },
          ],
        },
      ],
      coachNotes: ["Moeder lijkt overbelast; volgende keer vragen naar haar netwerk."],
      network: [
        { name: "Oma Bakker", relation: "grootmoeder", member: "999990585", contact: "050-1234567", support: "Haalt Daan twee ochtenden per week op voor school." },
        { name: "Trainer Henk", relation: "voetbaltrainer", member: "999990585", support: "Daan traint twee keer per week mee." },
      ],
      nominations: [
        {
          round: "Top 10, najaar 2025",
          projectLeader: "projectleider@groningen.demo",
          partner: "Lefier",
          professional: "lefier@groningen.demo",
          reason: "Ontruiming dreigt; schulden en schoolverzuim tegelijk.",
          selected: true,
        },
      ],
      contacts: [
        { kind: "ADDRESS", value: "Oosterstraat 12, 9711 NN Groningen" },
        { kind: "PHONE", value: "06-41000001", member: "999990585" },
      ],
      budget: [
        { task: 0, service: "Budgetcursus en beschermingsbewind (GKB)", amountCents: 125_000, status: "APPROVED", spentCents: 40_000, decidedBy: "projectleider@groningen.demo" },
        { goal: 2, service: "Huiswerkbegeleiding voor Daan, tien weken", amountCents: 90_000, status: "PROPOSED" },
      ],
      meetings: [
        {
          meeting: "TOP10_PARTNER_MEETING",
          heldOn: "2025-10-14",
          professionals: ["coach1@groningen.demo", "projectleider@groningen.demo", "lefier@groningen.demo", "gkb@groningen.demo", "ocsw@groningen.demo"],
          minutes: "Eerste gezinsplanbespreking: schulden, huurachterstand en schoolverzuim besproken met de kernpartners.",
          decisions: ["GKB start een minnelijk traject.", "Lefier houdt de ontruiming aan zolang de regeling loopt."],
        },
      ],
      consents: [],
      legalGrounds: [],
      steps: [
        {
          status: "ANNOUNCED",
          partner: "Lefier",
          professional: "lefier@groningen.demo",
          lifeDomain: "HOUSING",
          at: "2026-12-10T09:30:00Z",
          description: "Huisbezoek over de betalingsregeling; vooraf gemeld bij de gezinscoach.",
        },
        // The coach heard of a police call-out from the family: the report is awaited, and overdue.
        { status: "AWAITING_REPORT", partner: "Regiopolitie Groningen", lifeDomain: "SAFETY", legalDuty: "POLICE_INTERVENTION", at: "2026-11-19T22:15:00Z" },
      ],
    },
    // Evaluating: the last evaluation was in July, so the next one is overdue.
    laterPlan(
      "Gezin Mulder",
      "2025-11-03",
      [
        { lifeDomain: "PARENTING", ownWords: "Sem moet weer naar school willen.", target: "Sem gaat vier dagen per week naar school.", status: "IN_PROGRESS", achievement: 60 },
        { lifeDomain: "FINANCES", ownWords: "Geen nieuwe schulden.", target: "Een jaar zonder nieuwe achterstanden.", status: "IN_PROGRESS", achievement: 50 },
      ],
      [{ heldOn: "2026-07-20", overall: "Kleine stappen vooruit; school loopt beter.", results: [{ goal: 0, result: "Drie dagen per week op school.", achievement: 60 }] }],
    ),
    // Closing: the final evaluation is recorded (four of five goals achieved); the coach can close it.
    laterPlan(
      "Gezin de Boer",
      "2025-09-01",
      [
        { lifeDomain: "HOUSING", ownWords: "Een eigen plek voor ons drieën.", target: "Een huurcontract op eigen naam.", status: "ACHIEVED", achievement: 100 },
        { lifeDomain: "FINANCES", ownWords: "Rondkomen van ons inkomen.", target: "Een sluitend budget, zes maanden lang.", status: "ACHIEVED", achievement: 100 },
        { lifeDomain: "PARENTING", ownWords: "Rust in huis voor Thijs.", target: "Vaste dagritme, met steun van het consultatiebureau.", status: "ACHIEVED", achievement: 100 },
        { lifeDomain: "HEALTH", ownWords: "Kim slaapt weer.", target: "Behandeling bij de huisarts afgerond.", status: "ACHIEVED", achievement: 100 },
        { lifeDomain: "SOCIAL", ownWords: "Iemand om op terug te vallen.", target: "Twee mensen in het netwerk die helpen.", status: "NOT_ACHIEVED", achievement: 50 },
      ],
      [{ heldOn: "2026-11-16", overall: "Eindevaluatie: het gezin redt het zelf; netwerk blijft dun.", final: true, results: [reached(0, "Huurcontract getekend."), reached(1, "Budget sluit.")] }],
    ),
    // In aftercare: closed in September with a positive exit.
    laterPlan(
      "Gezin Smit",
      "2025-06-02",
      [
        { lifeDomain: "SAFETY", ownWords: "Jayden blijft uit de problemen.", target: "Geen nieuwe politiecontacten in een half jaar.", status: "ACHIEVED", achievement: 100 },
        { lifeDomain: "EDUCATION", ownWords: "Fleur haalt haar diploma.", target: "Overgang naar het derde jaar.", status: "ACHIEVED", achievement: 100 },
        { lifeDomain: "HOUSING", ownWords: "Geen overlast meer in de straat.", target: "Geen klachten bij de corporatie.", status: "ACHIEVED", achievement: 100 },
        { lifeDomain: "FINANCES", ownWords: "Orde in de papieren.", target: "Budgetbeheer loopt zelfstandig.", status: "ACHIEVED", achievement: 100 },
      ],
      [{ heldOn: "2026-08-28", overall: "Eindevaluatie: doelen gehaald; nazorg door MJD.", final: true, results: [reached(0, "Geen politiecontacten."), reached(2, "Geen klachten.")] }],
    ),
    // Closed: aftercare ended after the revisit; the exit was not positive (one of three goals).
    laterPlan(
      "Gezin Wierenga",
      "2025-07-07",
      [
        { lifeDomain: "FINANCES", ownWords: "Van de schulden af.", target: "Schuldregeling toegekend.", status: "ACHIEVED", achievement: 100 },
        { lifeDomain: "WORK_INCOME", ownWords: "Bert weer aan het werk.", target: "Twintig uur per week werk.", status: "NOT_ACHIEVED", achievement: 20 },
        { lifeDomain: "EDUCATION", ownWords: "Tim op school houden.", target: "Geen verzuim meer.", status: "NOT_ACHIEVED", achievement: 40 },
      ],
      [{ heldOn: "2026-05-10", overall: "Eindevaluatie: regeling loopt; overige doelen in reguliere zorg.", final: true, results: [reached(0, "Regeling toegekend.")] }],
    ),
  ],
};

// Amsterdam (002): others learn only *that* a partner is involved; content goes to involved
// partners with consent (or a legal ground), for their own life domains.
const AMSTERDAM: DemoRegionPlans = {
  region: "amsterdam",
  lifeDomains: [
    { code: "HOUSING", name: "Wonen" },
    { code: "INCOME", name: "Inkomen" },
    { code: "DEBTS", name: "Schulden" },
    { code: "HEALTH", name: "Gezondheid" },
    { code: "PARENTING", name: "Opvoeding" },
    { code: "SCHOOL", name: "School en dagbesteding" },
    { code: "SAFETY", name: "Veiligheid", safetyRelevant: true },
    { code: "NETWORK", name: "Netwerk" },
  ],
  covenant: {
    title: "Convenant Aanpak Multiprobleemgezinnen Amsterdam",
    inForceFrom: "2025-06-01",
    rules: [
      { level: "DAT", requiresInvolvement: true, requiresConsentOrLegalGround: false, description: "Involved signatories learn that the others are involved, and how to reach them." },
      { sector: "HOUSING", level: "SECTION", lifeDomain: "HOUSING", requiresInvolvement: true, requiresConsentOrLegalGround: true, description: "Housing corporations: the housing parts, with consent." },
      { sector: "YOUTH_CARE", level: "SECTION", lifeDomain: "PARENTING", requiresInvolvement: true, requiresConsentOrLegalGround: true, description: "Youth care: parenting, with consent or a child-protection measure." },
      { sector: "YOUTH_CARE", level: "SECTION", lifeDomain: "SAFETY", requiresInvolvement: true, requiresConsentOrLegalGround: true, description: "Youth care: safety, with consent or a child-protection measure." },
      { sector: "YOUTH_CARE", level: "SECTION", lifeDomain: "SCHOOL", requiresInvolvement: true, requiresConsentOrLegalGround: true, description: "Youth care: school, with consent or a child-protection measure." },
      { sector: "WORK_AND_INCOME", level: "SECTION", lifeDomain: "INCOME", requiresInvolvement: true, requiresConsentOrLegalGround: true, description: "Work and income: income, with consent." },
      { sector: "DEBT_HELP", level: "SECTION", lifeDomain: "DEBTS", requiresInvolvement: true, requiresConsentOrLegalGround: true, description: "Debt help: debts, with consent." },
    ],
  },
  plans: [
    {
      family: "Gezin Jansen",
      startedOn: "2026-02-02",
      referringPartner: "Jeugdbescherming Regio Amsterdam",
      analyses: [
        { lifeDomain: "HOUSING", text: "Huurachterstand van vier maanden bij Ymere; overlastklachten van buren." },
        { lifeDomain: "DEBTS", text: "Schulden bij energieleverancier en zorgverzekeraar; geen budgetbeheer." },
        { lifeDomain: "SAFETY", member: "999996071", text: "Tess is betrokken geweest bij een incident in de buurt; politie heeft contact gehad." },
        { lifeDomain: "PARENTING", text: "Ouders zijn het oneens over grenzen stellen; ondertoezichtstelling loopt." },
      ],
      goals: [
        { lifeDomain: "HOUSING", ownWords: "Wij willen niet op straat komen te staan.", target: "Betalingsregeling nagekomen, geen overlastmeldingen in drie maanden.", status: "IN_PROGRESS", achievement: 30 },
        { lifeDomain: "SAFETY", members: ["999996071"], ownWords: "Tess wil zich veilig voelen in de buurt.", target: "Geen nieuwe incidenten; vaste dagbesteding.", status: "OPEN" },
        { lifeDomain: "DEBTS", ownWords: "We willen overzicht over ons geld.", target: "Budgetbeheer gestart binnen twee maanden.", status: "OPEN" },
      ],
      tasks: [
        { lifeDomain: "HOUSING", description: "Betalingsregeling huurachterstand opstellen en bewaken.", partner: "Ymere", professional: "ymere@amsterdam.demo", dueDate: "2026-12-01", status: "IN_PROGRESS", response: "ACCEPTED", goal: 0 },
        { lifeDomain: "DEBTS", description: "Huurschuld afstemmen met schuldhulpverlening.", partner: "Ymere", professional: "ymere@amsterdam.demo", dueDate: "2026-11-10", response: "ACCEPTED" },
        { lifeDomain: "SAFETY", description: "Veiligheidsplan voor Tess opstellen met de gezinsvoogd.", partner: "Jeugdbescherming Regio Amsterdam", professional: "jeugdbescherming@amsterdam.demo", dueDate: "2026-12-20", response: "ACCEPTED", goal: 1 },
        { lifeDomain: "DEBTS", description: "Intake schuldhulpverlening en budgetbeheer aanvragen.", partner: "Gemeente Amsterdam – Schuldhulpverlening", professional: "schuldhulp@amsterdam.demo", dueDate: "2027-01-10", response: "PENDING", goal: 2 },
      ],
      milestones: [
        { title: "Plan vastgesteld in MDO+", dueDate: "2026-03-01", reachedOn: "2026-02-26" },
        { title: "Evaluatie na drie maanden", dueDate: "2026-06-01", reachedOn: "2026-06-03" },
      ],
      evaluations: [
        {
          heldOn: "2026-08-31",
          overall: "Wonen stabiliseert langzaam; veiligheid Tess blijft punt van zorg.",
          results: [
            { goal: 0, result: "Twee termijnen gemist, daarna op schema.", achievement: 30 },
            { goal: 1, result: "Nog geen vaste dagbesteding.", achievement: 10 },
          ],
        },
      ],
      coachNotes: ["Vader houdt de boot af bij elk gesprek over geld; eerst vertrouwen opbouwen."],
      contacts: [{ kind: "ADDRESS", value: "Javastraat 80-2, 1094 HG Amsterdam" }, { kind: "PHONE", value: "06-51000001", member: "999995200" }],
      network: [{ name: "Buurvrouw Samira", relation: "buurvrouw", support: "Vangt de kinderen op als moeder naar afspraken moet." }],
      meetings: [
        {
          meeting: "MDO_PLUS",
          heldOn: "2026-09-02",
          professionals: ["coach2@amsterdam.demo", "procesmanager@amsterdam.demo", "ymere@amsterdam.demo", "jeugdbescherming@amsterdam.demo"],
          members: ["999995200"],
          network: [0],
          minutes: "Evaluatie-MDO+: wonen stabiliseert; veiligheid van Tess blijft zorg. Plan bijgesteld met vader en de buurvrouw.",
          decisions: ["Het bijgestelde plan is vastgesteld.", "Jeugdbescherming maakt het veiligheidsplan voor Tess af voor 20 december."],
          adopts: true,
        },
      ],
      steps: [
        {
          status: "REPORTED",
          partner: "Politie Amsterdam",
          professional: "politie@amsterdam.demo",
          lifeDomain: "SAFETY",
          legalDuty: "HOUSE_BAN",
          at: "2026-10-12T21:30:00Z",
          reportedAt: "2026-10-13T08:45:00Z",
          description: "Tijdelijk huisverbod van tien dagen opgelegd aan vader (Wet tijdelijk huisverbod).",
        },
        {
          status: "ANNOUNCED",
          partner: "Ymere",
          professional: "ymere@amsterdam.demo",
          lifeDomain: "HOUSING",
          at: "2026-12-09T10:00:00Z",
          description: "Gesprek over het aanhouden van de ontruiming; eerst afgestemd met de gezinsmanager.",
        },
      ],
      consents: [
        { member: "999995200", partner: "Ymere", lifeDomains: ["HOUSING"], givenBy: ["999995200"], givenOn: "2026-02-10" },
        { member: "999996058", partner: "Ymere", lifeDomains: ["HOUSING"], givenBy: ["999996058"], givenOn: "2026-02-10" },
        { member: "999996071", partner: "Ymere", lifeDomains: ["HOUSING"], givenBy: ["999996071"], givenOn: "2026-02-10" },
        { member: "999996149", partner: "Ymere", lifeDomains: ["HOUSING"], givenBy: ["999995200", "999996058"], givenOn: "2026-02-10" },
      ],
      legalGrounds: [
        {
          member: "999996071",
          partner: "Jeugdbescherming Regio Amsterdam",
          lifeDomains: ["PARENTING", "SAFETY", "SCHOOL"],
          kind: "CHILD_PROTECTION_MEASURE",
          basis: "Ondertoezichtstelling (art. 1:255 BW), beschikking rechtbank Amsterdam van 15 januari 2026",
          validFrom: "2026-01-19",
        },
        {
          member: "999996149",
          partner: "Jeugdbescherming Regio Amsterdam",
          lifeDomains: ["PARENTING", "SAFETY", "SCHOOL"],
          kind: "CHILD_PROTECTION_MEASURE",
          basis: "Ondertoezichtstelling (art. 1:255 BW), beschikking rechtbank Amsterdam van 15 januari 2026",
          validFrom: "2026-01-19",
        },
      ],
    },
    // Evaluating: the evaluation due in October has not been held yet.
    laterPlan(
      "Gezin de Wit",
      "2026-01-05",
      [
        { lifeDomain: "HOUSING", ownWords: "Geen overlast meer met de buren.", target: "Drie maanden zonder klachten bij Ymere.", status: "IN_PROGRESS", achievement: 70 },
        { lifeDomain: "PARENTING", ownWords: "Luuk en Nina slapen op tijd.", target: "Vast avondritme, vijf dagen per week.", status: "OPEN" },
      ],
      [{ heldOn: "2026-07-01", overall: "Rustiger in huis; het avondritme blijft lastig.", results: [{ goal: 0, result: "Eén klacht in drie maanden.", achievement: 70 }] }],
    ),
  ],
};

export const DEMO_PLANS: readonly DemoRegionPlans[] = [GRONINGEN, AMSTERDAM];
