import { demoProfessionalId } from "../../../src/demo/identity.js";
import { make } from "./canaries.js";
import type { FuzzServer } from "./server.js";
import type { Writer } from "./writer.js";

/*
 * Canaries in the records around the plans — a hand-over of regie, consent, legal grounds,
 * emergency access, an escalation, a binding advice, a concern — written as the professionals
 * entitled to write them; and the changes made halfway through a run.
 */

const GRONINGEN_LEAD = "projectleider@groningen.demo";
const AMSTERDAM_MANAGER = "procesmanager@amsterdam.demo";

export async function plantRecords(w: Writer): Promise<void> {
  // Regie passes from coach2 to coach1: coach2's earlier note stays hers, and she loses the family.
  const kramer = await w.family("groningen", "Gezin Kramer");
  const kramerTag = { index: 2, name: "Kramer" };
  await w.must("coach2@groningen.demo", `mutation($id: ID!, $text: String!) { addCoachNote(familyId: $id, text: $text) { id } }`, {
    id: kramer.id, text: make(kramerTag, "NOTE", null, null),
  });
  const coach1 = demoProfessionalId("coach1@groningen.demo");
  await w.must("coach2@groningen.demo", `mutation($id: ID!, $to: ID!, $note: String) { handOverRegie(familyId: $id, toProfessionalId: $to, note: $note) }`, {
    id: kramer.id, to: coach1, note: make(kramerTag, "HANDOVER", null, null),
  });

  // Consent for debt help in Gezin Jansen, by the age rule: adults and Tess (17) alone, Mees (11) through his parents.
  const jansen = await w.family("amsterdam", "Gezin Jansen");
  const jansenTag = { index: 11, name: "Jansen" };
  const schuldhulp = await w.partner("amsterdam", "Gemeente Amsterdam – Schuldhulpverlening");
  const parents = jansen.members.filter((m) => m.relation === "PARENT" && m.custody).map((m) => m.personId);
  for (const member of jansen.members) {
    const givenBy = member.relation === "PARENT" || member.givenName === "Tess" ? [member.personId] : parents;
    await w.must("coach2@amsterdam.demo", `mutation($input: ConsentInput!) { recordConsent(input: $input) { id } }`, {
      input: { familyId: jansen.id, personId: member.personId, partnerId: schuldhulp, lifeDomains: ["DEBTS"], givenBy },
    });
  }
  // A consent the age rule does not allow (Mees, 11, alone) must be refused; if it is stored, the oracle does not count it.
  const mees = jansen.members.find((m) => m.givenName === "Mees")!;
  await w.may("coach2@amsterdam.demo", `mutation($input: ConsentInput!) { recordConsent(input: $input) { id } }`, {
    input: { familyId: jansen.id, personId: mees.personId, partnerId: await w.partner("amsterdam", "Ymere"), lifeDomains: ["DEBTS"], givenBy: [mees.personId] },
  });
  // Emergency access by the police, involved through Tess: the safety parts, for a day.
  await w.must("politie@amsterdam.demo", `mutation($id: ID!, $reason: String!) { openEmergencyAccess(familyId: $id, reason: $reason) { id } }`, {
    id: jansen.id, reason: make(jansenTag, "EMERGENCY", { index: 6, code: "SAFETY" }, null),
  });

  // Legal grounds for the housing corporation in Gezin de Wit: the basis may name a measure.
  const deWit = await w.family("amsterdam", "Gezin de Wit");
  const deWitTag = { index: 12, name: "de Wit" };
  const ymere = await w.partner("amsterdam", "Ymere");
  for (const [index, member] of deWit.members.entries()) {
    await w.must(AMSTERDAM_MANAGER, `mutation($input: LegalGroundInput!) { recordLegalGround(input: $input) { id } }`, {
      input: {
        familyId: deWit.id, personId: member.personId, partnerId: ymere, lifeDomains: ["HOUSING"], kind: "OTHER_STATUTORY_TASK",
        basis: make(deWitTag, "BASIS", { index: 0, code: "HOUSING" }, { index, name: member.givenName }),
      },
    });
  }

  // Groningen: an emergency on Gezin Mulder by youth care (involved through Kevin), an escalation and an advice on Gezin Bakker, a concern about Gezin Kramer.
  const mulder = await w.family("groningen", "Gezin Mulder");
  await w.must("jeugdzorg@groningen.demo", `mutation($id: ID!, $reason: String!) { openEmergencyAccess(familyId: $id, reason: $reason) { id } }`, {
    id: mulder.id, reason: make({ index: 3, name: "Mulder" }, "EMERGENCY", { index: 6, code: "SAFETY" }, null),
  });
  const bakker = await w.family("groningen", "Gezin Bakker");
  const bakkerTag = { index: 1, name: "Bakker" };
  await w.may("coach1@groningen.demo", `mutation($id: ID!, $parties: [ID!]!, $subject: String!) { raiseEscalation(familyId: $id, track: PLAN_DRAFTING, partyPartnerIds: $parties, subject: $subject) { id } }`, {
    id: bakker.id, parties: [await w.partner("groningen", "Gemeente Groningen – GKB")], subject: make(bakkerTag, "ESCALATION", { index: 2, code: "FINANCES" }, null),
  });
  await w.may("coach1@groningen.demo", `mutation($id: ID!, $input: AdviceInput!) { issueAdvice(familyId: $id, input: $input) { id } }`, {
    id: bakker.id,
    input: { partnerId: await w.partner("groningen", "Lefier"), lifeDomain: "HOUSING", decisionType: "STOP_BAILIFF_OR_EVICTION", advice: make(bakkerTag, "ADVICE", { index: 0, code: "HOUSING" }, null) },
  });
  await w.may("thuiszorg@groningen.demo", `mutation($input: ConcernInput!) { registerConcern(input: $input) { concern { id } } }`, {
    input: {
      label: "Kramer", description: make(kramerTag, "CONCERN", null, null), discussedWithFamily: true, crisis: false,
      members: kramer.members.map((m) => ({ bsn: m.bsn, givenName: m.givenName, familyName: "Kramer", birthDate: m.birthDate, relation: m.relation === "PARENT" ? "PARENT" : "CHILD", legalCustody: m.custody })),
    },
  });
}

/**
 * Halfway: a day passes (every emergency window of the day before ends), Amsterdam publishes a
 * new covenant version (the police follow the process; debt help no longer reads debts), Groningen
 * one without Lefier among its signatories, and Mees's parents withdraw his consent for Ymere.
 */
export async function changeHalfway(w: Writer, server: FuzzServer): Promise<string[]> {
  server.clock.set(new Date(server.clock.now().getTime() + 25 * 3600_000));
  const day = new Intl.DateTimeFormat("sv-SE", { timeZone: "Europe/Amsterdam" }).format(server.clock.now());
  const current = async (email: string) => {
    const data = await w.must<{ covenant: { signatories: { id: string; name: string }[]; rules: Record<string, unknown>[] } }>(email, `query { covenant {
      signatories { id name } rules { granteePartnerId granteeSector level partKind lifeDomain requiresInvolvement requiresConsentOrLegalGround requiredRole description } } }`);
    return data.covenant;
  };
  const amsterdam = await current("beheer@amsterdam.demo");
  const amsterdamRules = amsterdam.rules.filter((rule) => rule.granteeSector !== "DEBT_HELP");
  amsterdamRules.push({ granteePartnerId: null, granteeSector: "POLICE_JUSTICE", level: "PROCESS", partKind: null, lifeDomain: null, requiresInvolvement: true, requiresConsentOrLegalGround: false, requiredRole: null, description: "Police follow the process of families they are involved with." });
  await w.must("beheer@amsterdam.demo", `mutation($input: CovenantVersionInput!) { publishCovenantVersion(input: $input) { id } }`, {
    input: { title: "Convenant Amsterdam, versie 2", inForceFrom: day, signatoryPartnerIds: amsterdam.signatories.map((s) => s.id), rules: amsterdamRules },
  });
  const groningen = await current("beheer@groningen.demo");
  await w.must("beheer@groningen.demo", `mutation($input: CovenantVersionInput!) { publishCovenantVersion(input: $input) { id } }`, {
    input: { title: "Convenant Groningen, versie 2", inForceFrom: day, signatoryPartnerIds: groningen.signatories.filter((s) => s.name !== "Lefier").map((s) => s.id), rules: groningen.rules },
  });
  const jansen = await w.family("amsterdam", "Gezin Jansen");
  const mees = jansen.members.find((m) => m.givenName === "Mees")!;
  const parents = jansen.members.filter((m) => m.relation === "PARENT" && m.custody).map((m) => m.personId);
  const ymere = await w.partner("amsterdam", "Ymere");
  const consents = await w.must<{ family: { consents: { id: string; personId: string; partnerId: string; lifeDomains: string[]; withdrawnOn: string | null }[] } }>("coach2@amsterdam.demo", `query($id: ID!) { family(id: $id) { consents { id personId partnerId lifeDomains withdrawnOn } } }`, { id: jansen.id });
  const consent = consents.family.consents.find((c) => c.personId === mees.personId && c.partnerId === ymere && c.lifeDomains.includes("HOUSING") && c.withdrawnOn === null);
  if (consent) await w.must("coach2@amsterdam.demo", `mutation($id: ID!, $by: [ID!]!) { withdrawConsent(id: $id, withdrawnBy: $by) { id } }`, { id: consent.id, by: parents });
  return [`clock +25h to ${day}`, "Amsterdam covenant v2 (police PROCESS, no debt help rule)", "Groningen covenant v2 without Lefier", consent ? "Mees's consent for Ymere withdrawn" : "no consent of Mees for Ymere found"];
}


export const PROCESS_LEADS = { groningen: GRONINGEN_LEAD, amsterdam: AMSTERDAM_MANAGER };
