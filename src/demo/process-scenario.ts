// The demo process (domain brief §4, §8): every family in a phase with its history, a concern
// waiting for screening, a crisis routed to youth care, open and overdue escalations, binding
// advices and closures with aftercare. Pure data, written by seed-process.ts. Escalations and
// advices are dated relative to the seeding moment, so a fresh demo always shows some overdue.
import type { Phase } from "../process/phase.js";

export interface DemoPhaseStep {
  phase: Phase;
  since: string;
  /** Who moved the family, by email. */
  by: string;
  note?: string;
}

export interface DemoConcern {
  /** A new household, made by the concern (phase SIGNALLED). */
  family: string;
  submittedBy: string;
  daysAgo: number;
  description: string;
  crisis: boolean;
  discussedWithFamily: boolean;
  notDiscussedReason?: string;
  members: { bsn: string; givenName: string; familyName: string; birthDate: string; relation: "PARENT" | "CHILD"; legalCustody: boolean }[];
}

export interface DemoEscalationStep {
  /** When the step opened, days before seeding. */
  daysAgo: number;
  /** A decided step: ESCALATED to the next, with the decision and its reasoning, by email. */
  decided?: { outcome: "ESCALATED" | "RESOLVED"; decision: string; reasoning: string; by: string; daysAgo: number };
}

export interface DemoEscalation {
  family: string;
  track: "PLAN_DRAFTING" | "PLAN_EXECUTION";
  subject: string;
  raisedBy: string;
  /** Partners in conflict, by name. */
  parties: string[];
  steps: DemoEscalationStep[];
  /** The advice (by index in `advices`) whose deviation opened it. */
  advice?: number;
}

export interface DemoAdvice {
  family: string;
  partner: string;
  lifeDomain: string;
  decisionType: string;
  advice: string;
  issuedDaysAgo: number;
  /** Days from seeding; negative: the answer is overdue. */
  answerDueInDays: number;
  answer?: { status: "EXECUTED" | "DEVIATED" | "FOLLOWED" | "NOT_FOLLOWED"; by: string; text: string; legalGround?: string; daysAgo: number };
}

export interface DemoClosure {
  family: string;
  closedOn: string;
  keeper: string;
  revisitOn: string;
  handover?: { partner: string; professional?: string; note: string };
  aftercareEnded?: { on: string; note: string };
}

export interface DemoRegionProcess {
  region: string;
  phases: Record<string, DemoPhaseStep[]>;
  concerns: DemoConcern[];
  advices: DemoAdvice[];
  escalations: DemoEscalation[];
  closures: DemoClosure[];
}

const G_LEAD = "projectleider@groningen.demo";
const G = (phase: Phase, since: string, by: string, note?: string): DemoPhaseStep => ({ phase, since, by, note });

const GRONINGEN: DemoRegionProcess = {
  region: "groningen",
  phases: {
    "Gezin Bakker": [G("SCREENED", "2025-02-01", G_LEAD), G("PLANNING", "2025-09-15", "coach1@groningen.demo"), G("EXECUTING", "2025-10-14", "coach1@groningen.demo", "Plan besproken in het gezinsoverleg")],
    "Gezin Mulder": [G("SCREENED", "2024-09-02", G_LEAD), G("PLANNING", "2025-10-20", "coach1@groningen.demo"), G("EXECUTING", "2025-11-10", "coach1@groningen.demo"), G("EVALUATING", "2026-07-13", "coach1@groningen.demo")],
    "Gezin Veenstra": [G("SCREENED", "2026-09-07", G_LEAD), G("PLANNING", "2026-10-26", "coach2@groningen.demo", "Eerste gezinsgesprek gepland")],
    "Gezin Postma": [G("SCREENED", "2026-11-02", G_LEAD, "Top-10 selectie november")],
    "Gezin Hoving": [G("SCREENED", "2025-01-13", G_LEAD), G("PLANNING", "2025-02-03", "coach3@groningen.demo"), G("EXECUTING", "2025-03-10", "coach3@groningen.demo")],
    "Gezin de Boer": [
      G("SCREENED", "2025-08-18", G_LEAD),
      G("PLANNING", "2025-09-01", "coach3@groningen.demo"),
      G("EXECUTING", "2025-09-29", "coach3@groningen.demo"),
      G("EVALUATING", "2026-11-09", "coach3@groningen.demo"),
      G("CLOSING", "2026-11-16", "coach3@groningen.demo", "Eindevaluatie gehouden"),
    ],
    "Gezin Smit": [
      G("SCREENED", "2025-05-19", G_LEAD),
      G("PLANNING", "2025-06-02", "coach4@groningen.demo"),
      G("EXECUTING", "2025-07-01", "coach4@groningen.demo"),
      G("EVALUATING", "2026-08-24", "coach4@groningen.demo"),
      G("CLOSING", "2026-08-28", "coach4@groningen.demo"),
      G("AFTERCARE", "2026-09-01", "coach4@groningen.demo"),
    ],
    "Gezin Wierenga": [
      G("SCREENED", "2025-07-01", G_LEAD),
      G("PLANNING", "2025-07-07", "coach4@groningen.demo"),
      G("EXECUTING", "2025-08-04", "coach4@groningen.demo"),
      G("EVALUATING", "2026-05-04", "coach4@groningen.demo"),
      G("CLOSING", "2026-05-10", "coach4@groningen.demo"),
      G("AFTERCARE", "2026-05-15", "coach4@groningen.demo"),
      G("CLOSED", "2026-11-16", "coach4@groningen.demo", "Nazorgbezoek: het gaat goed genoeg"),
    ],
    "Gezin Kramer": [G("SCREENED", "2025-06-02", G_LEAD), G("PLANNING", "2025-06-16", "coach2@groningen.demo"), G("EXECUTING", "2025-07-14", "coach2@groningen.demo")],
    "Gezin Bosman": [G("SCREENED", "2026-03-02", G_LEAD), G("PLANNING", "2026-03-16", "coach1@groningen.demo"), G("EXECUTING", "2026-04-20", "coach1@groningen.demo")],
  },
  concerns: [
    {
      family: "Gezin Dijkstra",
      submittedBy: "ocsw@groningen.demo",
      daysAgo: 3,
      description: "Twee kinderen verzuimen structureel; moeder geeft aan het overzicht kwijt te zijn.",
      crisis: false,
      discussedWithFamily: true,
      members: [
        { bsn: "999997002", givenName: "Wendy", familyName: "Dijkstra", birthDate: "1989-04-12", relation: "PARENT", legalCustody: true },
        { bsn: "999997014", givenName: "Jesse", familyName: "Dijkstra", birthDate: "2012-09-30", relation: "CHILD", legalCustody: false },
        { bsn: "999997026", givenName: "Mila", familyName: "Dijkstra", birthDate: "2016-01-17", relation: "CHILD", legalCustody: false },
      ],
    },
  ],
  advices: [
    {
      family: "Gezin Bosman",
      partner: "Lefier",
      lifeDomain: "HOUSING",
      decisionType: "STOP_BAILIFF_OR_EVICTION",
      advice: "Ontruiming aanhouden zolang de betalingsregeling wordt nagekomen.",
      issuedDaysAgo: 12,
      answerDueInDays: -2,
    },
    {
      family: "Gezin Bakker",
      partner: "Gemeente Groningen – GKB",
      lifeDomain: "FINANCES",
      decisionType: "DEBT_HELP",
      advice: "Het gezin toelaten tot schuldhulpverlening zonder wachttijd.",
      issuedDaysAgo: 40,
      answerDueInDays: -30,
      answer: { status: "EXECUTED", by: "gkb@groningen.demo", text: "Toegelaten per 1 oktober.", daysAgo: 35 },
    },
    {
      family: "Gezin Kramer",
      partner: "Huismeesters",
      lifeDomain: "HOUSING",
      decisionType: "STOP_BAILIFF_OR_EVICTION",
      advice: "De ontruimingsprocedure stoppen; de huurschuld gaat mee in de regeling.",
      issuedDaysAgo: 20,
      answerDueInDays: -10,
      answer: {
        status: "DEVIATED",
        by: "huismeesters@groningen.demo",
        text: "Het vonnis is al uitgesproken; wij kunnen de procedure niet meer stoppen.",
        legalGround: "Vonnis kantonrechter tot ontbinding huurovereenkomst (art. 7:231 BW)",
        daysAgo: 12,
      },
    },
  ],
  escalations: [
    {
      family: "Gezin Bakker",
      track: "PLAN_EXECUTION",
      subject: "Lefier houdt de ontruiming niet aan ondanks de afgesproken betalingsregeling.",
      raisedBy: "coach1@groningen.demo",
      parties: ["Lefier"],
      steps: [{ daysAgo: 7 }],
    },
    {
      family: "Gezin Kramer",
      track: "PLAN_EXECUTION",
      subject: "Afwijking van een bindend advies: Huismeesters stopt de ontruimingsprocedure niet.",
      raisedBy: "huismeesters@groningen.demo",
      parties: ["Huismeesters"],
      advice: 2,
      steps: [
        { daysAgo: 12, decided: { outcome: "ESCALATED", decision: "Geen overeenstemming", reasoning: "De corporatie blijft bij het vonnis; de coach houdt vast aan het advies.", by: "coach2@groningen.demo", daysAgo: 9 } },
        { daysAgo: 9 },
      ],
    },
  ],
  closures: [
    {
      family: "Gezin Smit",
      closedOn: "2026-09-01",
      keeper: "mjd@groningen.demo",
      revisitOn: "2027-03-01",
      handover: { partner: "MJD", professional: "mjd@groningen.demo", note: "Maatschappelijk werk houdt de vinger aan de pols; wekelijks contact met moeder." },
    },
    {
      family: "Gezin Wierenga",
      closedOn: "2026-05-15",
      keeper: "coach4@groningen.demo",
      revisitOn: "2026-11-15",
      aftercareEnded: { on: "2026-11-16", note: "Nazorgbezoek: regeling loopt, geen nieuwe zorgen." },
    },
  ],
};

const A_COORDINATOR = "coordinator@amsterdam.demo";
const A_MANAGER = "procesmanager@amsterdam.demo";

const AMSTERDAM: DemoRegionProcess = {
  region: "amsterdam",
  phases: {
    "Gezin Visser": [G("SCREENED", "2026-03-02", A_COORDINATOR), G("PLANNING", "2026-10-19", "coach1@amsterdam.demo", "Lokaal gezinsoverleg gepland")],
    "Gezin Jansen": [G("SCREENED", "2025-09-08", A_MANAGER), G("PLANNING", "2026-01-26", "coach2@amsterdam.demo"), G("EXECUTING", "2026-03-01", "coach2@amsterdam.demo", "Plan vastgesteld in MDO+")],
    "Gezin de Wit": [G("SCREENED", "2025-12-15", A_MANAGER), G("PLANNING", "2025-12-22", "coach1@amsterdam.demo"), G("EXECUTING", "2026-01-26", "coach1@amsterdam.demo"), G("EVALUATING", "2026-10-05", "coach1@amsterdam.demo")],
  },
  concerns: [
    {
      family: "Gezin Yilmaz",
      submittedBy: "politie@amsterdam.demo",
      daysAgo: 1,
      description: "Melding huiselijk geweld; de kinderen waren getuige. Directe zorg om hun veiligheid.",
      crisis: true,
      discussedWithFamily: false,
      notDiscussedReason: "Acute onveiligheid: eerst de veiligheid van de kinderen, daarna het gesprek.",
      members: [
        { bsn: "999997038", givenName: "Selin", familyName: "Yilmaz", birthDate: "1991-06-21", relation: "PARENT", legalCustody: true },
        { bsn: "999997051", givenName: "Emre", familyName: "Yilmaz", birthDate: "2017-02-08", relation: "CHILD", legalCustody: false },
      ],
    },
  ],
  advices: [],
  escalations: [
    {
      family: "Gezin Jansen",
      track: "PLAN_EXECUTION",
      subject: "Ymere en schuldhulpverlening zijn het niet eens over wie de huurschuld eerst regelt.",
      raisedBy: "coach2@amsterdam.demo",
      parties: ["Ymere", "Gemeente Amsterdam – Schuldhulpverlening"],
      steps: [
        { daysAgo: 22, decided: { outcome: "ESCALATED", decision: "Geen akkoord tussen de leidinggevenden", reasoning: "Beide organisaties wachten op elkaar; de termijn verstreek.", by: "manager.ymere@amsterdam.demo", daysAgo: 12 } },
        { daysAgo: 12 },
      ],
    },
  ],
  closures: [],
};

export const DEMO_PROCESS: readonly DemoRegionProcess[] = [GRONINGEN, AMSTERDAM];
