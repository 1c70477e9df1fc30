/*
 * The random covenant test's oracle, written from the domain brief (§3, §5, §6), not from the
 * implementation: a model of the world the test builds (regions, partners, professionals,
 * persons, families, signals, tasks, consents and legal grounds, emergency accesses, and every
 * marker text written into it), and for a caller and a marker whether the caller may see it.
 */

/** The moment the random queries are asked, and the oracle judges. */
export const QUERY_MOMENT = "2026-11-23T10:00:00+01:00";
const NOW = new Date(QUERY_MOMENT);

export const LEVELS = ["NONE", "DAT", "PROCESS", "SECTION", "FULL"] as const;
export type Level = (typeof LEVELS)[number];
export const rank = (level: Level) => LEVELS.indexOf(level);
export const atLeast = (level: Level, minimum: Level) => rank(level) >= rank(minimum);
const higher = (a: Level, b: Level): Level => (rank(a) >= rank(b) ? a : b);

export type PartKind = "ANALYSIS" | "GOAL" | "TASK" | "SCHEDULE" | "EVALUATION" | "AGREEMENT";
/** A plan part as the covenant sees it: its kind, its life domain, the members it is about (none: the household). */
export interface Part {
  kind: PartKind;
  domain: string | null;
  members: string[];
  /** For a task (and its response reason): the task. */
  task?: string;
  /** For a goal: the goal. */
  goal?: string;
}

export type Descriptor =
  | { t: "region"; region: string }
  | { t: "familyName"; fam: string }
  | { t: "person"; person: string }
  | { t: "part"; fam: string; part: Part }
  | { t: "note"; fam: string; author: string }
  | { t: "handover"; fam: string }
  | { t: "basis"; fam: string; partner: string }
  | { t: "emergency"; fam: string; opener: string; recipients: string[] };

export interface Rule {
  partner?: string;
  sector?: string;
  level: Level;
  partKind?: PartKind;
  domain?: string;
  involvement: boolean;
  cover: boolean;
  role?: string;
  description: string;
}
export interface RegionRec { key: string; id: string; safety: string[]; rules: Rule[]; signatories: Set<string> }
export interface PartnerRec { key: string; id: string; region: string; sector: string; signatory: boolean; name: string }
export interface ProRec { key: string; id: string; region: string; partner: string; roles: string[]; name: string }
export interface PersonRec { key: string; bsn: string; given: string; familyName: string; birthDate: string }
export interface MemberRec { person: string; personId: string; membershipId: string; current: boolean }
export interface FamRec { key: string; id: string; region: string; regisseur: string; processLead: string; members: MemberRec[] }
export interface SignalRec { id: string; pro: string; partner: string; region: string; bsn: string; birthDate: string; active: boolean }
export interface TaskRec { key: string; id: string; fam: string; lead: string; goal: string | null; status: string; response: string; part: Part }
export interface CoverRec { id: string; fam: string; person: string; partner: string; domains: string[]; active: boolean }
export interface EmergencyRec { fam: string; pro: string; expires: Date; recipients: string[] }

export const world = {
  regions: new Map<string, RegionRec>(),
  partners: new Map<string, PartnerRec>(),
  pros: new Map<string, ProRec>(),
  persons: new Map<string, PersonRec>(),
  fams: new Map<string, FamRec>(),
  signals: [] as SignalRec[],
  tasks: new Map<string, TaskRec>(),
  covers: [] as CoverRec[],
  emergencies: [] as EmergencyRec[],
  /** Plan parts by their id (analysis, goal, task, milestone, evaluation). */
  parts: new Map<string, { fam: string; part: Part }>(),
  markers: new Map<number, Descriptor>(),
  famById: new Map<string, string>(),
  domainRegion: new Map<string, string>(),
};

let markerCount = 0;
/** A unique text that says what it is: the oracle reads the number, a human the label. */
export function mark(descriptor: Descriptor, label: string): string {
  markerCount += 1;
  world.markers.set(markerCount, descriptor);
  return `MK${markerCount}:${label}`;
}
export const MARKER = /MK(\d+):/g;

export const fam = (key: string) => world.fams.get(key)!;
export const pro = (key: string) => world.pros.get(key)!;
export const partner = (key: string) => world.partners.get(key)!;
export const person = (key: string) => world.persons.get(key)!;
const currentMembers = (f: FamRec) => f.members.filter((member) => member.current).map((member) => member.person);

/** Involved with the family (§6): an active signal on a current member, or a task given to it that stands. */
export function involved(partnerKey: string, f: FamRec): boolean {
  const bsns = new Set(currentMembers(f).map((key) => person(key).bsn));
  return (
    world.signals.some((s) => s.active && s.partner === partnerKey && s.region === f.region && bsns.has(s.bsn)) ||
    [...world.tasks.values()].some((t) => t.fam === f.key && t.lead === partnerKey && t.status !== "CANCELLED" && t.response !== "DECLINED")
  );
}

/** Per current member: the life domains consent or a legal ground covers for the partner. */
function coverOf(partnerKey: string, f: FamRec): Map<string, Set<string>> {
  const current = new Set(currentMembers(f));
  const cover = new Map<string, Set<string>>();
  for (const c of world.covers) {
    if (!c.active || c.fam !== f.key || c.partner !== partnerKey || !current.has(c.person)) continue;
    const domains = cover.get(c.person) ?? new Set<string>();
    c.domains.forEach((domain) => domains.add(domain));
    cover.set(c.person, domains);
  }
  return cover;
}

/** The covenant's rules that apply to this caller for this family: signatory, grantee, role, involvement, cover. */
function applicableRules(p: ProRec, f: FamRec): Rule[] {
  const region = world.regions.get(f.region)!;
  if (!region.signatories.has(p.partner)) return [];
  const cover = coverOf(p.partner, f);
  return region.rules.filter(
    (rule) =>
      (!rule.partner || rule.partner === p.partner) &&
      (!rule.sector || rule.sector === partner(p.partner).sector) &&
      (!rule.role || p.roles.includes(rule.role)) &&
      (!rule.involvement || involved(p.partner, f)) &&
      (!rule.cover || [...cover.values()].some((domains) => (rule.domain ? domains.has(rule.domain) : domains.size > 0))),
  );
}

const emergencyOpen = (p: ProRec, f: FamRec) =>
  world.emergencies.some((e) => e.pro === p.key && e.fam === f.key && e.expires > NOW) && involved(p.partner, f);

export function levelOf(callerKey: string | null, famKey: string): Level {
  const p = callerKey ? world.pros.get(callerKey) : undefined;
  const f = fam(famKey);
  if (!p || p.region !== f.region) return "NONE";
  let level: Level = "NONE";
  if (f.regisseur === p.key) level = "FULL";
  if (f.processLead === p.key) level = higher(level, "PROCESS");
  for (const rule of applicableRules(p, f)) level = higher(level, rule.level);
  if (emergencyOpen(p, f)) level = higher(level, "SECTION");
  return level;
}

/**
 * Content of a plan part (§5–6): the regisseur; a SECTION rule for its kind and domain, with
 * consent or a legal ground for every member it is about where the rule asks for it; emergency
 * access to a safety-relevant domain; at SECTION, the tasks given to the caller's organisation and
 * the goals it works on (through a task it has not declined and that was not cancelled).
 */
export function canSeePart(callerKey: string | null, famKey: string, part: Part): boolean {
  const level = levelOf(callerKey, famKey);
  if (level === "FULL") return true;
  if (!callerKey || !atLeast(level, "SECTION")) return false;
  const p = pro(callerKey);
  const f = fam(famKey);
  const region = world.regions.get(f.region)!;
  for (const rule of applicableRules(p, f)) {
    if (rule.level !== "SECTION") continue;
    if (rule.partKind && rule.partKind !== part.kind) continue;
    if (rule.domain && rule.domain !== part.domain) continue;
    if (!rule.cover) return true;
    const members = part.members.length > 0 ? part.members : currentMembers(f);
    const domain = part.domain ?? rule.domain ?? null;
    const cover = coverOf(p.partner, f);
    if (members.length > 0 && members.every((m) => (domain ? cover.get(m)?.has(domain) : (cover.get(m)?.size ?? 0) > 0))) return true;
  }
  if (emergencyOpen(p, f) && part.domain !== null && region.safety.includes(part.domain)) return true;
  if (part.task && world.tasks.get(part.task)!.lead === p.partner) return true;
  if (part.kind === "GOAL" && part.goal) {
    const works = [...world.tasks.values()].some(
      (t) => t.goal === part.goal && t.lead === p.partner && t.status !== "CANCELLED" && t.response !== "DECLINED",
    );
    if (works) return true;
  }
  return false;
}

/** Families a person is (or was) a member of. */
export const familiesOf = (personKey: string) => [...world.fams.values()].filter((f) => f.members.some((m) => m.person === personKey));

export function markerAllowed(callerKey: string | null, d: Descriptor): boolean {
  const p = callerKey ? world.pros.get(callerKey) : undefined;
  if (!p) return false;
  switch (d.t) {
    case "region":
      return p.region === d.region;
    case "familyName":
      return atLeast(levelOf(p.key, d.fam), "DAT");
    case "person":
      // PROCESS: who is in the household; DAT: only that someone is involved with member Z.
      return familiesOf(d.person).some((f) => {
        const level = levelOf(p.key, f.key);
        if (atLeast(level, "PROCESS")) return true;
        const signalled = world.signals.some((s) => s.active && s.region === f.region && s.bsn === person(d.person).bsn);
        return atLeast(level, "DAT") && currentMembers(f).includes(d.person) && signalled;
      });
    case "part":
      return canSeePart(p.key, d.fam, d.part);
    case "note":
      // "The coach's own working notes; nobody else reads them" (§5): the current regisseur who wrote it.
      return fam(d.fam).regisseur === p.key && d.author === p.key;
    case "handover":
      return levelOf(p.key, d.fam) === "FULL";
    case "basis":
      // A legal ground may name a child-protection measure: not §6's process data ("phase,
      // category, regisseur, deadlines, escalations"). The regisseur and the process lead keep it;
      // the partner it covers sees its own, as the cause of its access.
      return keepsFamily(p.key, d.fam) || (d.partner === p.partner && atLeast(levelOf(p.key, d.fam), "DAT"));
    case "emergency":
      // Logged, and the regisseur and process lead are told; the one who broke the glass sees it.
      return keepsFamily(p.key, d.fam) || d.opener === p.key || d.recipients.includes(p.key);
  }
}

/** The regisseur and the process lead keep a family's records (consent, legal grounds, emergencies). */
const keepsFamily = (callerKey: string, famKey: string) => fam(famKey).regisseur === callerKey || fam(famKey).processLead === callerKey;

/** A BSN or birth date: the regisseur of a family the person is in (FULL), or the professional who signalled them. */
export function identifyingAllowed(callerKey: string | null, personKey: string, field: "bsn" | "birthDate"): boolean {
  const p = callerKey ? world.pros.get(callerKey) : undefined;
  if (!p) return false;
  const who = person(personKey);
  if (familiesOf(personKey).some((f) => levelOf(p.key, f.key) === "FULL")) return true;
  return world.signals.some((s) => s.pro === p.key && s.region === p.region && s[field] === who[field]);
}
