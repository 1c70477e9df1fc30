/**
 * One line of a region's mandate table as data: the institution by name and the life domain by
 * code, as the region's directory and life-domain list spell them (`writeMandateTable` turns
 * them into rows, and refuses a name or code the region does not have).
 */
export interface MandateTableLine {
  lifeDomain: string;
  partner: string;
  decisionType: string;
  description: string;
}

const SOZAWE = "Gemeente Groningen – Sozawe";
const GKB = "Gemeente Groningen – GKB";
const OCSW = "Gemeente Groningen – OCSW";
const BJZ = "Bureau Jeugdzorg Groningen";
const HOUSING_CORPORATIONS = ["Huismeesters", "Lefier", "Nijestee"];

const lines = (lifeDomain: string, partner: string, decisions: [string, string][]): MandateTableLine[] =>
  decisions.map(([decisionType, description]) => ({ lifeDomain, partner, decisionType, description }));

/*
 * Groningen's functional mandate (000, "Functionele mandaatovereenkomst doorstart pilot
 * multiprobleemgezinnen", §9): "the institution follows the family coach's proposal one to one
 * and turns it into a formal decision"; it may deviate only where the law does not allow the
 * decision. The covenant's life domains map onto the region's list: work and income →
 * WORK_INCOME, debt help → FINANCES, compulsory education → EDUCATION, housing → HOUSING, care
 * and support → PARENTING (youth care), HEALTH (home care), or the domain of what is proposed
 * (MJD, ex-offender aftercare, youth probation). The police and the mayor have "no functional
 * mandate, but agreements on cooperation": an advice to them is advice only, so they have no
 * lines here. Descriptions keep the covenant's Dutch wording in brackets.
 */
export const GRONINGEN_MANDATE_TABLE: readonly MandateTableLine[] = [
  ...lines("WORK_INCOME", SOZAWE, [
    ["SPECIAL_ASSISTANCE_GRANT", "Grant special assistance (toekenning bijzondere bijstand)"],
    ["EXPEDITE_SUBSISTENCE_APPLICATION", "Speed up the handling of an application for subsistence (versnellen afhandelen aanvraag levensonderhoud)"],
    ["SUBSISTENCE_ADVANCE", "Pay an advance on subsistence (verstrekken voorschot)"],
    ["BENEFIT_SANCTION", "Impose a sanction on the benefit (sanctie)"],
    ["END_BENEFIT_SANCTION", "End a sanction on the benefit (beëindiging sanctie)"],
    ["OPEN_BBR", "Open a BBR file (openen BBR)"],
    ["DIAGNOSIS_TRACK_REFERRAL", "Put the client forward for a diagnosis track (voordracht voor diagnosetraject)"],
    ["PRIORITY_ASSESSMENT", "Assess the client with priority for a mediation or care track (voorrang beoordeling cliënt ten behoeve van bemiddelings- of zorgtraject)"],
  ]),
  ...lines("FINANCES", GKB, [
    ["DEBT_HELP", "Start debt help (inzet schuldhulpverlening)"],
    ["BUDGET_MANAGEMENT", "Start budget management (inzet budgetbeheer)"],
  ]),
  ...lines("EDUCATION", OCSW, [
    ["SCHOOL_ATTENDANCE_CHECK", "Check and talk under the compulsory-education law (controle en gesprek in kader van leerplicht)"],
    ["SANCTION_TRACK_REFERRAL", "Put forward for a sanction track under the compulsory-education law (voordragen sanctietraject)"],
  ]),
  ...HOUSING_CORPORATIONS.flatMap((corporation) =>
    lines("HOUSING", corporation, [
      ["HOUSING_ALLOCATION", "Allocate a home (woningtoewijzing)"],
      ["RELOCATION", "Move the household to another home (verplaatsing)"],
      ["REVERSE_ALLOCATION_OR_RELOCATION", "Reverse an allocation or a move (terugdraaien toewijzing of verplaatsing)"],
      [
        "STOP_BAILIFF_OR_EVICTION",
        "Stop or defer the collection route to the bailiff, and with it an eviction for arrears (bij incasso gang naar deurwaarder stopzetten of uitstellen)",
      ],
      ["HOME_ADAPTATION", "Adapt the home (aanpassen woning)"],
    ]),
  ),
  ...lines("PARENTING", BJZ, [
    ["GIVE_DIRECTION", "Give a direction to the family (geven van een aanwijzing)"],
    ["INDICATION_DECISION", "Take an indication decision for youth care (indicatiebesluit)"],
    ["OUT_OF_HOME_PLACEMENT_AUTHORISATION", "Seek authorisation for a placement out of home (machtiging uithuisplaatsing)"],
    ["SPECIAL_COSTS_REQUEST", "Apply for special costs (aanvragen bijzondere kosten)"],
    ["PSYCHOLOGICAL_ASSESSMENT_REQUEST", "Apply for a psychological or diagnostic assessment (aanvragen psychologisch/diagnostisch onderzoek)"],
    ["END_SUPERVISION_ORDER", "End or not extend a supervision order (beëindigen/niet verlengen OTS)"],
    ["AMBULATORY_CARE_INDICATION", "Order an indication for ambulatory care (opdracht tot indicatie ambulante zorg)"],
    ["DECISION_AFTER_REFERRAL", "Decide after referral and acceptance (besluit na aanmelding en acceptatie)"],
    ["CARE_FORM_DECISION", "Decide on a form of care (besluit tot een vorm van zorg)"],
  ]),
  ...lines("SAFETY", BJZ, [["YOUTH_PROBATION_DECISION", "Decisions of the youth probation service (beslissingen jeugdreclassering)"]]),
  ...lines("PARENTING", "Elker", [
    ["AMBULATORY_YOUTH_CARE", "Specific ambulatory youth care (specifiek ambulante jeugdhulp)"],
    ["OBSERVATION_DIAGNOSTICS", "Ambulatory multidisciplinary observation and diagnostics (ambulante multidisciplinaire observatie diagnostiek)"],
    ["SOCIAL_SKILLS_TRAINING", "Social skills training (sociale vaardigheidstraining)"],
    ["AGGRESSION_REGULATION_TRAINING", "Aggression regulation training (training agressieregulatie)"],
    ["SELF_CONTROL_TRAINING", "Self-control training (training zelfcontrole)"],
    ["YOUNG_CHILD_INTERVENTION", "Ambulatory intervention for the young child (ambulante interventie jonge kind)"],
    ["VIDEO_FAMILY_TREATMENT", "Video family treatment (video gezinsbehandeling)"],
    ["PLAY_THERAPY", "Play therapy (speltherapie)"],
    ["SHELTER_OBSERVATION_ORIENTATION", "Shelter, observation and orientation (opvang, observatie en oriëntatie)"],
  ]),
  ...lines("HOUSING", "MJD", [["HOUSING_CHANCE_TRACK_REFERRAL", "Put forward for a housing-chance track (voordracht traject woonkans)"]]),
  ...lines("FINANCES", "MJD", [["ADMINISTRATIVE_SUPPORT_REFERRAL", "Put forward for administrative support (voordracht administratieve ondersteuning)"]]),
  ...lines("HEALTH", "Thuiszorg Groningen", [["INTENSIVE_HOME_HELP", "Put forward for intensive home help (voordracht intensieve huishoudelijke hulp)"]]),
  ...lines("SAFETY", OCSW, [
    [
      "EX_OFFENDER_AFTERCARE_REFERRAL",
      "Put an ex-offender forward for case discussion and a track to limit reoffending (voordracht casusbespreking en traject in kader recidivebeperking van ex-gedetineerden)",
    ],
  ]),
];
