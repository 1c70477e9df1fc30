import type { Oracle } from "./oracle.js";
import type { Who } from "./server.js";
import { atLeast, type Descriptor } from "./world.js";

/*
 * The oracle's answers for what is not a plan part's content: names, notes, legal bases,
 * emergency reasons, process records, identifying numbers and ids. From the domain brief:
 * DAT shows that someone is involved with member Z; PROCESS shows the household; FULL is the
 * regisseur's; coach notes are nobody else's; records about one partner stay with it (ADR 0003);
 * a client reads their own household's file, not the coach's notes (ADR 0010).
 */

const LADDER_ROLES = ["ADMINISTRATOR", "PROCESS_LEAD", "PROJECT_LEAD"];

export function allows(oracle: Oracle, who: Who, d: Descriptor): boolean {
  if (who.kind === "client") return clientAllows(oracle, who, d);
  const p = oracle.pro(who);
  if (!p) return false;
  const w = oracle.world;
  switch (d.t) {
    case "region":
      return p.region === d.region;
    case "familyName":
      return atLeast(oracle.levelOf(who, d.fam), "DAT") || partyToFamily(oracle, who, d.fam);
    case "person":
      // PROCESS: who is in the household; DAT: only that someone is involved with member Z.
      return [...w.fams.values()].some((f) => {
        if (!f.members.some((m) => m.person === d.person)) return false;
        const level = oracle.levelOf(who, f.id);
        if (atLeast(level, "PROCESS")) return true;
        const bsn = w.persons.get(d.person)!.bsn;
        const signalled = w.signals.some((s) => !s.withdrawn && s.activeUntil > oracle.today && s.region === f.region && s.bsn === bsn);
        return atLeast(level, "DAT") && oracle.currentMembers(f).includes(d.person) && signalled;
      });
    case "part":
      return oracle.canSeePart(who, d.fam, d.part);
    case "note":
      return w.fams.get(d.fam)?.regisseur === p.id && d.author === p.id;
    case "handover":
      return oracle.levelOf(who, d.fam) === "FULL";
    case "keeper":
      return oracle.keeps(who, d.fam);
    case "basis":
      return oracle.keeps(who, d.fam) || (d.partner === p.partner && atLeast(oracle.levelOf(who, d.fam), "DAT"));
    case "emergency":
      // Logged, and the regisseur and process lead are told; who broke the glass sees it.
      return oracle.keeps(who, d.fam) || d.opener === p.id || w.notices.some((n) => n.recipient === p.id && n.fam === d.fam && n.kind === "EMERGENCY_ACCESS_OPENED");
    case "escalation":
      return escalationParty(oracle, who, d.id);
    case "advice": {
      const advice = w.advices.get(d.id);
      return advice !== undefined && (advice.partner === p.partner || w.fams.get(advice.fam)?.regisseur === p.id);
    }
    case "concern": {
      const concern = w.concerns.get(d.id);
      if (!concern) return false;
      return concern.submittedBy === p.id || oracle.keeps(who, concern.fam) || (concern.crisis && (concern.routedToPartner === p.partner || concern.routedToPro === p.id));
    }
  }
}

/**
 * Parties to an escalation (§8): who raised it, the family's keepers, care workers and line
 * managers of the partners in conflict, and the ladder's deciders (process leads, project
 * leader, alderman) of the region. Everyone else — other partners, covenant administrators,
 * evaluators — must not learn that it exists.
 */
function escalationParty(oracle: Oracle, who: Who, id: string): boolean {
  const p = oracle.pro(who);
  const e = oracle.world.escalations.get(id);
  if (!p || !e) return false;
  const f = oracle.world.fams.get(e.fam);
  if (!f || f.region !== p.region) return false;
  if (e.raisedBy === p.id || oracle.keeps(who, e.fam)) return true;
  const raiser = oracle.world.pros.get(e.raisedBy);
  const regisseur = f.regisseur ? oracle.world.pros.get(f.regisseur) : undefined;
  const sides = new Set([...e.parties, raiser?.partner, regisseur?.partner]);
  if (p.roles.some((r) => ["COACH", "PARTNER_PROFESSIONAL"].includes(r)) && e.parties.includes(p.partner)) return true;
  if (p.roles.includes("PARTNER_MANAGER") && sides.has(p.partner)) return true;
  return p.roles.some((r) => LADDER_ROLES.includes(r));
}

/** A party to one of the family's escalations, the partner an advice is addressed to, or told of it by a notice. */
function partyToFamily(oracle: Oracle, who: Who, famId: string): boolean {
  const p = oracle.pro(who);
  if (!p) return false;
  const w = oracle.world;
  return (
    [...w.escalations.values()].some((e) => e.fam === famId && escalationParty(oracle, who, e.id)) ||
    [...w.advices.values()].some((a) => a.fam === famId && a.partner === p.partner) ||
    [...w.concerns.values()].some((c) => c.fam === famId && (c.submittedBy === p.id || (c.crisis && c.routedToPartner === p.partner))) ||
    w.notices.some((n) => n.recipient === p.id && n.fam === famId)
  );
}

function clientAllows(oracle: Oracle, who: Who, d: Descriptor): boolean {
  const w = oracle.world;
  const subjects = oracle.clientSubjects(who);
  const household = (fam: string) => oracle.clientFamily(who, fam);
  switch (d.t) {
    case "region":
      return oracle.regionOf(who) === d.region;
    case "familyName":
    case "handover":
    case "keeper":
    case "emergency":
      return household(d.fam);
    case "person":
      return [...w.fams.values()].some((f) => household(f.id) && f.members.some((m) => m.person === d.person));
    case "part":
      return household(d.fam) && (d.part.members.length === 0 || d.part.members.some((m) => subjects.has(m)));
    case "note":
      return false;
    case "basis":
      return subjects.has(d.person);
    case "escalation": {
      const e = w.escalations.get(d.id);
      return e !== undefined && household(e.fam);
    }
    case "advice": {
      const a = w.advices.get(d.id);
      return a !== undefined && household(a.fam);
    }
    case "concern": {
      const c = w.concerns.get(d.id);
      return c !== undefined && household(c.fam);
    }
  }
}

/**
 * A BSN or birth date: the regisseur of a household the person is in (FULL), the professional
 * who signalled it, the process lead while the household awaits screening, the crisis partner
 * of a crisis concern; a client their own and their children's.
 */
export function identifyingAllowed(oracle: Oracle, who: Who, field: "bsn" | "birthDate", value: string): boolean {
  const w = oracle.world;
  const rows = [...w.persons.values()].filter((person) => person[field] === value);
  if (who.kind === "client") {
    const subjects = oracle.clientSubjects(who);
    return rows.some((row) => subjects.has(row.id));
  }
  const p = oracle.pro(who);
  if (!p) return false;
  const families = [...w.fams.values()].filter((f) => f.region === p.region && f.members.some((m) => rows.some((row) => row.id === m.person)));
  if (families.some((f) => oracle.levelOf(who, f.id) === "FULL")) return true;
  if (families.some((f) => f.processLead === p.id && ["SIGNALLED", "SCREENED"].includes(f.phase))) return true;
  if ([...w.concerns.values()].some((c) => c.crisis && (c.routedToPartner === p.partner || c.routedToPro === p.id) && families.some((f) => f.id === c.fam))) return true;
  return w.signals.some((s) => s.pro === p.id && s.region === p.region && s[field] === value);
}

/** A family's id: a family the caller may know of, or is a party to through a record that names it. */
export function familyIdAllowed(oracle: Oracle, who: Who, famId: string): boolean {
  if (who.kind === "client") return oracle.clientFamily(who, famId);
  return atLeast(oracle.levelOf(who, famId), "DAT") || partyToFamily(oracle, who, famId);
}

/**
 * §7: a lookup answers only an organisation with its own active signal on the person, and names
 * only other organisations' professionals with an active signal on the person.
 */
export function lookupAnswerable(oracle: Oracle, who: Who, bsn: string): Set<string> | null {
  const p = oracle.pro(who);
  if (!p) return null;
  const active = oracle.world.signals.filter((s) => !s.withdrawn && s.activeUntil > oracle.today && s.region === p.region && s.bsn === bsn);
  if (!active.some((s) => s.partner === p.partner)) return null;
  return new Set(active.filter((s) => s.partner !== p.partner).map((s) => oracle.world.pros.get(s.pro)?.name ?? ""));
}
