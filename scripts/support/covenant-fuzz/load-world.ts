import type { Database } from "../../../src/db/database.js";
import { consents, covenantRules, covenantSignatories, covenantVersions, emergencyAccesses, legalGrounds } from "../../../src/covenant/tables.js";
import { families, familyMemberships, persons, regieAssignments } from "../../../src/families/tables.js";
import { notifications } from "../../../src/notifications/tables.js";
import { partners, professionals, regions } from "../../../src/organisations/tables.js";
import { analyses, budgetCommitments, caseMeetings, coachNotes, coordinatedSteps, evaluations, goals, lifeDomains, milestones, networkMembers, planRevisions, tasks } from "../../../src/plan/tables.js";
import { closures, concernMembers, concerns, escalations, escalationSteps, familyPhases, mandateAdvices, screenings } from "../../../src/process/tables.js";
import { signals } from "../../../src/reference-index/tables.js";
import { clientAccounts, rightsSettings } from "../../../src/accountability/rights/tables.js";
import { MARKER, type Descriptor, type Level, type Part, type PartKind, type World } from "./world.js";

/*
 * Reads the world from the database tables, once per oracle: the covenant's versions, rules and
 * signatories, the register, the reference index, consents, legal grounds, emergency accesses,
 * tasks, regie, closures and the process records, and where every stored text lives. A batch of
 * plain selects: the oracle then answers every question without the database.
 */

type Row = Record<string, unknown>;
const iso = (value: unknown) => (value instanceof Date ? value : new Date(String(value)));

export async function loadWorld(database: Database): Promise<World> {
  const { db } = database;
  const [
    regionRows, domainRows, settingRows, versionRows, signatoryRows, ruleRows, partnerRows, proRows, personRows, familyRows, memberRows,
    regieRows, signalRows, taskRows, goalRows, analysisRows, milestoneRows, evaluationRows, noteRows, revisionRows, consentRows,
    groundRows, emergencyRows, escalationRows, stepRows, adviceRows, concernRows, concernMemberRows, closureRows, phaseRows,
    screeningRows, clientRows, noticeRows, coordinatedStepRows, networkRows, meetingRows, budgetRows,
  ] = await Promise.all([
    db.select().from(regions), db.select().from(lifeDomains), db.select().from(rightsSettings), db.select().from(covenantVersions),
    db.select().from(covenantSignatories), db.select().from(covenantRules), db.select().from(partners), db.select().from(professionals),
    db.select().from(persons), db.select().from(families), db.select().from(familyMemberships), db.select().from(regieAssignments),
    db.select().from(signals), db.select().from(tasks), db.select().from(goals), db.select().from(analyses), db.select().from(milestones),
    db.select().from(evaluations), db.select().from(coachNotes), db.select().from(planRevisions), db.select().from(consents),
    db.select().from(legalGrounds), db.select().from(emergencyAccesses), db.select().from(escalations), db.select().from(escalationSteps),
    db.select().from(mandateAdvices), db.select().from(concerns), db.select().from(concernMembers), db.select().from(closures),
    db.select().from(familyPhases), db.select().from(screenings), db.select().from(clientAccounts), db.select().from(notifications),
    db.select().from(coordinatedSteps), db.select().from(networkMembers), db.select().from(caseMeetings), db.select().from(budgetCommitments),
  ]);

  const world: World = {
    regions: new Map(), versions: [], partners: new Map(), pros: new Map(), persons: new Map(), fams: new Map(), signals: [],
    tasks: new Map(), consents: [], grounds: [], emergencies: [], escalations: new Map(), advices: new Map(), concerns: new Map(),
    clients: new Map(), notices: [], parts: new Map(), markers: new Map(), texts: new Map(),
  };
  /** Files a stored text under what its row is: every marker in it, and the text itself. */
  const text = (value: unknown, descriptor: Descriptor) => {
    if (typeof value !== "string" || value.length === 0) return;
    for (const match of value.matchAll(MARKER)) push(world.markers, Number(match[1]), descriptor);
    if (value.length >= 3) push(world.texts, value, descriptor);
  };

  for (const row of regionRows) {
    const setting = settingRows.find((s) => s.regionId === row.id);
    world.regions.set(row.id, {
      id: row.id, name: row.name, safety: new Set(), domains: new Set(),
      selfAccessAge: setting?.selfAccessAge ?? 16, onBehalf: setting?.onBehalf ?? ["REGISSEUR", "PROCESS_LEAD"],
    });
    text(row.name, { t: "region", region: row.id });
  }
  for (const row of domainRows) {
    const region = world.regions.get(row.regionId)!;
    region.domains.add(row.code);
    if (row.safetyRelevant) region.safety.add(row.code);
    text(row.name, { t: "region", region: row.regionId });
  }
  for (const row of versionRows) {
    world.versions.push({
      id: row.id, region: row.regionId, version: row.version, from: row.inForceFrom, until: row.inForceUntil,
      signatories: new Set(signatoryRows.filter((s) => s.versionId === row.id).map((s) => s.partnerId)),
      rules: ruleRows.filter((r) => r.versionId === row.id).sort((a, b) => a.position - b.position).map((r) => ({
        id: r.id, partner: r.granteePartnerId, sector: r.granteeSector, level: r.level as Level, partKind: r.partKind as PartKind | null,
        domain: r.lifeDomain, involvement: r.requiresInvolvement, cover: r.requiresConsentOrLegalGround, role: r.requiredRole, description: r.description,
      })),
      consentAgeAlone: row.consentAgeAlone, consentAgeJoint: row.consentAgeJoint,
    });
    text(row.title, { t: "region", region: row.regionId });
  }
  for (const rule of ruleRows) {
    const version = versionRows.find((v) => v.id === rule.versionId)!;
    text(rule.description, { t: "region", region: version.regionId });
  }
  for (const row of partnerRows) {
    world.partners.set(row.id, { id: row.id, region: row.regionId, sector: row.sector, name: row.name });
    text(row.name, { t: "region", region: row.regionId });
  }
  for (const row of proRows) {
    world.pros.set(row.id, { id: row.id, region: row.regionId, partner: row.partnerId, roles: row.roles, name: row.name, active: row.active, email: row.email });
    text(row.name, { t: "region", region: row.regionId });
  }
  for (const row of personRows) {
    world.persons.set(row.id, { id: row.id, region: row.regionId, bsn: row.bsn, birthDate: row.birthDate });
    text(row.givenName, { t: "person", person: row.id });
    text(row.familyName, { t: "person", person: row.id });
  }
  for (const row of familyRows) {
    // The regisseur is who holds regie now: the open assignment, else the family's own column.
    const open = regieRows.filter((r) => r.familyId === row.id && r.until === null).sort((a, b) => iso(b.since).getTime() - iso(a.since).getTime())[0];
    world.fams.set(row.id, {
      id: row.id, region: row.regionId, regisseur: open?.professionalId ?? row.regisseurId, processLead: row.processLeadId, phase: row.phase,
      members: memberRows.filter((m) => m.familyId === row.id).map((m) => ({ person: m.personId, relation: m.relation, custody: m.legalCustody, from: m.validFrom, to: m.validTo })),
    });
    text(row.name, { t: "familyName", fam: row.id });
  }
  for (const row of regieRows) text(row.note, { t: "handover", fam: row.familyId });
  for (const row of signalRows) {
    world.signals.push({ id: row.id, pro: row.professionalId, partner: row.partnerId, region: row.regionId, bsn: row.bsn, birthDate: row.birthDate, activeUntil: row.activeUntil, withdrawn: row.withdrawnAt !== null });
  }

  const addPart = (id: string, fam: string, part: Part) => world.parts.set(id, { fam, part });
  for (const row of analysisRows) {
    const part: Part = { kind: "ANALYSIS", domain: row.lifeDomain, members: row.personId ? [row.personId] : [] };
    addPart(row.id, row.familyId, part);
    text(row.text, { t: "part", fam: row.familyId, part });
  }
  for (const row of goalRows) {
    const part: Part = { kind: "GOAL", domain: row.lifeDomain, members: row.memberIds, goal: row.id };
    addPart(row.id, row.familyId, part);
    text(row.ownWords, { t: "part", fam: row.familyId, part });
    text(row.target, { t: "part", fam: row.familyId, part });
  }
  for (const row of taskRows) {
    // A task led by a family or network member has no partner lead: "" matches no partner.
    world.tasks.set(row.id, { id: row.id, fam: row.familyId, lead: row.leadPartnerId ?? "", goal: row.goalId, status: row.status, response: row.response });
    const part: Part = { kind: "TASK", domain: row.lifeDomain, members: row.memberIds, task: row.id };
    addPart(row.id, row.familyId, part);
    for (const value of [row.description, row.followUp, row.responseReason]) text(value, { t: "part", fam: row.familyId, part });
  }
  for (const row of coordinatedStepRows) {
    const part: Part = { kind: "STEP", domain: row.lifeDomain, members: [], lead: row.partnerId };
    addPart(row.id, row.familyId, part);
    text(row.description, { t: "part", fam: row.familyId, part });
  }
  for (const row of budgetRows) {
    // As open as the task or goal it pays for (filed after them).
    const purpose = world.parts.get((row.taskId ?? row.goalId)!);
    if (!purpose) continue;
    const part: Part = { ...purpose.part, budget: true };
    addPart(row.id, row.familyId, part);
    text(row.service, { t: "part", fam: row.familyId, part });
  }
  for (const row of meetingRows) {
    const part: Part = { kind: "MEETING", domain: null, members: [], attendees: row.professionalIds };
    addPart(row.id, row.familyId, part);
    for (const value of [row.minutes, ...row.decisions]) text(value, { t: "part", fam: row.familyId, part });
  }
  for (const row of networkRows) {
    const part: Part = { kind: "NETWORK", domain: null, members: row.relatedPersonId ? [row.relatedPersonId] : [] };
    addPart(row.id, row.familyId, part);
    for (const value of [row.name, row.relation, row.contact, row.support]) text(value, { t: "part", fam: row.familyId, part });
  }
  for (const row of milestoneRows) {
    const part: Part = { kind: "SCHEDULE", domain: null, members: [] };
    addPart(row.id, row.familyId, part);
    text(row.title, { t: "part", fam: row.familyId, part });
  }
  for (const row of evaluationRows) {
    const part: Part = { kind: "EVALUATION", domain: null, members: [] };
    addPart(row.id, row.familyId, part);
    text(row.overall, { t: "part", fam: row.familyId, part });
    for (const result of row.results) text(result.result, { t: "part", fam: row.familyId, part: { kind: "EVALUATION", domain: result.lifeDomain, members: result.memberIds } });
  }
  for (const row of revisionRows) revisionTexts(row.familyId, row.partKind, row.itemId, row.snapshot, text);
  for (const row of noteRows) text(row.text, { t: "note", fam: row.familyId, author: row.authorId });

  for (const row of consentRows) {
    world.consents.push({ id: row.id, fam: row.familyId, person: row.personId, partner: row.partnerId, domains: row.lifeDomains, givenBy: row.givenBy, givenOn: row.givenOn, withdrawnOn: row.withdrawnOn });
  }
  for (const row of groundRows) {
    world.grounds.push({ id: row.id, fam: row.familyId, person: row.personId, partner: row.partnerId, domains: row.lifeDomains, from: row.validFrom, until: row.validUntil });
    text(row.basis, { t: "basis", fam: row.familyId, partner: row.partnerId, person: row.personId });
  }
  for (const row of emergencyRows) {
    world.emergencies.push({ id: row.id, fam: row.familyId, pro: row.professionalId, opened: iso(row.openedAt), expires: iso(row.expiresAt) });
    text(row.reason, { t: "emergency", fam: row.familyId, opener: row.professionalId, id: row.id });
  }
  for (const row of escalationRows) {
    world.escalations.set(row.id, { id: row.id, fam: row.familyId, raisedBy: row.raisedBy, parties: row.partyPartnerIds });
    text(row.subject, { t: "escalation", id: row.id });
  }
  for (const row of stepRows) for (const value of [row.decision, row.reasoning]) text(value, { t: "escalation", id: row.escalationId });
  for (const row of adviceRows) {
    world.advices.set(row.id, { id: row.id, fam: row.familyId, partner: row.partnerId });
    for (const value of [row.advice, row.answer, row.legalGround]) text(value, { t: "advice", id: row.id });
  }
  for (const row of concernRows) {
    world.concerns.set(row.id, { id: row.id, fam: row.familyId, submittedBy: row.submittedBy, crisis: row.crisis, routedToPartner: row.routedToPartnerId, routedToPro: row.routedToProfessionalId });
    for (const value of [row.description, row.notDiscussedReason, row.label]) text(value, { t: "concern", id: row.id });
  }
  for (const row of concernMemberRows as Row[]) {
    for (const value of [row.givenName, row.familyName]) text(value, { t: "concern", id: String(row.concernId) });
  }
  for (const row of closureRows) {
    text(row.handoverNote, { t: "handover", fam: row.familyId });
    for (const value of [row.aftercareNote, row.reopenReason]) text(value, { t: "keeper", fam: row.familyId });
  }
  for (const row of phaseRows) text(row.note, { t: "keeper", fam: row.familyId });
  for (const row of screeningRows as Row[]) text(row.reasoning, { t: "keeper", fam: String(row.familyId) });
  for (const row of clientRows) world.clients.set(row.id, { id: row.id, person: row.personId, region: row.regionId, active: row.active });
  for (const row of noticeRows) {
    world.notices.push({ recipient: row.recipientId, fam: row.familyId, kind: row.kind, subject: (row.detail as Record<string, string | null>)?.emergencyAccessId ?? null });
  }
  return world;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V) {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** A revision keeps the part as it was: its texts are that part's, with the domain and members it had then. */
function revisionTexts(fam: string, kind: string, itemId: string | null, snapshot: Record<string, unknown> | null, text: (value: unknown, d: Descriptor) => void) {
  if (!snapshot) return;
  const s = snapshot as Record<string, unknown> & { lifeDomain?: string; memberIds?: string[]; personId?: string | null; results?: { result: string; lifeDomain: string; memberIds: string[] }[] };
  const part = (k: PartKind, extra: Partial<Part> = {}): Descriptor => ({
    t: "part", fam,
    part: { kind: k, domain: s.lifeDomain ?? null, members: k === "ANALYSIS" ? (s.personId ? [s.personId] : []) : (s.memberIds ?? []), ...extra },
  });
  if (kind === "ANALYSIS") text(s.text, part("ANALYSIS"));
  if (kind === "GOAL") for (const key of ["ownWords", "target"]) text(s[key], part("GOAL", { goal: itemId ?? undefined }));
  if (kind === "TASK") for (const key of ["description", "followUp", "responseReason"]) text(s[key], part("TASK", { task: itemId ?? undefined }));
  if (kind === "SCHEDULE") text(s.title, { t: "part", fam, part: { kind: "SCHEDULE", domain: null, members: [] } });
  if (kind === "EVALUATION") {
    text(s.overall, { t: "part", fam, part: { kind: "EVALUATION", domain: null, members: [] } });
    for (const result of s.results ?? []) text(result.result, { t: "part", fam, part: { kind: "EVALUATION", domain: result.lifeDomain, members: result.memberIds } });
  }
}
