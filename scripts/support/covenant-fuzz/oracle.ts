import type { Who } from "./server.js";
import { atLeast, higher, type Descriptor, type FamRec, type Level, type Part, type ProRec, type Rule, type VersionRec, type World } from "./world.js";

/*
 * The oracle, written from the domain brief (§3, §5, §6) over the database's facts, never by
 * asking the server or its covenant code: for a caller and a stored text, may the caller see it
 * at this moment? Every answer is computed from the world once per (caller, family) and cached;
 * a new moment or new facts make a new oracle.
 */

const CARE_ROLES = ["COACH", "PARTNER_PROFESSIONAL"];
const DUTCH_DAY = new Intl.DateTimeFormat("sv-SE", { timeZone: "Europe/Amsterdam" });
const ageOn = (birthDate: string, day: string) => {
  const [by, bm, bd] = birthDate.split("-").map(Number) as [number, number, number];
  const [y, m, d] = day.split("-").map(Number) as [number, number, number];
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
};

interface Standing {
  level: Level;
  rules: Rule[];
  cover: Map<string, Set<string>>;
  emergency: boolean;
  involved: boolean;
  current: string[];
}

export class Oracle {
  readonly today: string;
  private standings = new Map<string, Standing>();
  private subjectsCache = new Map<string, Set<string>>();

  constructor(readonly world: World, readonly now: Date) {
    this.today = DUTCH_DAY.format(now);
  }

  pro(who: Who): ProRec | undefined {
    if (who.kind !== "professional") return undefined;
    const p = this.world.pros.get(who.id);
    return p?.active ? p : undefined;
  }

  /** The version in force today: the highest-numbered whose period holds today; none grants nothing. */
  versionInForce(region: string, day = this.today): VersionRec | undefined {
    return this.world.versions
      .filter((v) => v.region === region && v.from <= day && (v.until === null || v.until > day))
      .sort((a, b) => b.version - a.version)[0];
  }

  currentMembers(f: FamRec): string[] {
    return f.members.filter((m) => m.from <= this.today && (m.to === null || m.to >= this.today)).map((m) => m.person);
  }

  /** Involved (§6): an active signal of the partner on a current member, or a task given to it that stands. */
  involved(partner: string, f: FamRec): boolean {
    const bsns = new Set(this.currentMembers(f).map((id) => this.world.persons.get(id)!.bsn));
    return (
      this.world.signals.some((s) => s.partner === partner && s.region === f.region && !s.withdrawn && s.activeUntil > this.today && bsns.has(s.bsn)) ||
      [...this.world.tasks.values()].some((t) => t.fam === f.id && t.lead === partner && t.status !== "CANCELLED" && t.response !== "DECLINED")
    );
  }

  /**
   * Consent counts when given by whom the age rule names (§6: parents below 12, parents and the
   * child from 12, the youngster alone from 16 — the ages of the version in force that day), and
   * not withdrawn.
   */
  consentCounts(c: World["consents"][number], f: FamRec): boolean {
    if (c.givenOn > this.today || (c.withdrawnOn !== null && c.withdrawnOn <= this.today)) return false;
    const person = this.world.persons.get(c.person);
    if (!person) return false;
    const version = this.versionInForce(f.region, c.givenOn) ?? this.versionInForce(f.region);
    const alone = version?.consentAgeAlone ?? 16;
    const joint = version?.consentAgeJoint ?? 12;
    const age = ageOn(person.birthDate, c.givenOn);
    const custodians = new Set(f.members.filter((m) => m.relation === "PARENT" && m.custody && m.person !== c.person).map((m) => m.person));
    const self = c.givenBy.includes(c.person);
    const parent = c.givenBy.some((id) => custodians.has(id));
    if (age >= alone) return self;
    if (age >= joint) return self && parent;
    return parent;
  }

  /** Per current member: the life domains consent or a legal ground covers for the partner. */
  private coverOf(partner: string, f: FamRec, current: string[]): Map<string, Set<string>> {
    const cover = new Map<string, Set<string>>();
    const add = (person: string, domains: string[]) => {
      if (!current.includes(person)) return;
      const set = cover.get(person) ?? new Set<string>();
      domains.forEach((d) => set.add(d));
      cover.set(person, set);
    };
    for (const c of this.world.consents) if (c.fam === f.id && c.partner === partner && this.consentCounts(c, f)) add(c.person, c.domains);
    for (const g of this.world.grounds) {
      if (g.fam === f.id && g.partner === partner && g.from <= this.today && (g.until === null || g.until > this.today)) add(g.person, g.domains);
    }
    return cover;
  }

  /** A caller's standing with a family: its level, the rules that reach it, cover and emergency. */
  standing(who: Who, famId: string): Standing {
    const key = `${who.kind}:${who.kind === "anonymous" ? "" : who.id}:${famId}`;
    const known = this.standings.get(key);
    if (known) return known;
    const none: Standing = { level: "NONE", rules: [], cover: new Map(), emergency: false, involved: false, current: [] };
    const p = this.pro(who);
    const f = this.world.fams.get(famId);
    if (!p || !f || p.region !== f.region) {
      this.standings.set(key, none);
      return none;
    }
    const current = this.currentMembers(f);
    const involved = this.involved(p.partner, f);
    const cover = this.coverOf(p.partner, f, current);
    const careWorker = p.roles.some((role) => CARE_ROLES.includes(role));
    const version = this.versionInForce(f.region);
    const sector = this.world.partners.get(p.partner)?.sector;
    // Rules reach care workers of signatories only (ADR 0003); FULL is the regisseur's, PROCESS the process lead's.
    const rules =
      version && careWorker && version.signatories.has(p.partner)
        ? version.rules.filter(
            (rule) =>
              (!rule.partner || rule.partner === p.partner) &&
              (!rule.sector || rule.sector === sector) &&
              (!rule.role || p.roles.includes(rule.role)) &&
              (!rule.involvement || involved) &&
              (!rule.cover || [...cover.values()].some((domains) => (rule.domain ? domains.has(rule.domain) : domains.size > 0))),
          )
        : [];
    const emergency =
      careWorker && involved && this.world.emergencies.some((e) => e.pro === p.id && e.fam === f.id && e.opened <= this.now && e.expires > this.now);
    let level: Level = "NONE";
    if (f.regisseur === p.id) level = "FULL";
    if (f.processLead === p.id) level = higher(level, "PROCESS");
    for (const rule of rules) level = higher(level, rule.level);
    if (emergency) level = higher(level, "SECTION");
    const standing = { level, rules, cover, emergency, involved, current };
    this.standings.set(key, standing);
    return standing;
  }

  levelOf(who: Who, famId: string): Level {
    return this.standing(who, famId).level;
  }

  keeps(who: Who, famId: string): boolean {
    const f = this.world.fams.get(famId);
    return who.kind === "professional" && f !== undefined && (f.regisseur === who.id || f.processLead === who.id) && this.pro(who) !== undefined;
  }

  /**
   * A part's content (§5–6): the regisseur; a SECTION rule for its kind and domain, with consent
   * or a legal ground for every member it is about where the rule asks; emergency access to a
   * safety-relevant domain; at SECTION, the tasks given to the caller's organisation and the goals
   * it works on through a task that stands.
   */
  canSeePart(who: Who, famId: string, part: Part): boolean {
    const s = this.standing(who, famId);
    if (s.level === "FULL") return true;
    if (part.budget && atLeast(s.level, "PROCESS") && this.pro(who)?.roles.includes("PROJECT_LEAD")) return true;
    if (!atLeast(s.level, "SECTION")) return false;
    const p = this.pro(who)!;
    const f = this.world.fams.get(famId)!;
    for (const rule of s.rules) {
      if (rule.level !== "SECTION") continue;
      if (rule.partKind && rule.partKind !== part.kind) continue;
      if (rule.domain && rule.domain !== part.domain) continue;
      if (!rule.cover) return true;
      const members = part.members.length > 0 ? part.members : s.current;
      const domain = part.domain ?? rule.domain;
      if (members.length > 0 && members.every((m) => (domain ? s.cover.get(m)?.has(domain) : (s.cover.get(m)?.size ?? 0) > 0))) return true;
    }
    if (s.emergency && part.domain !== null && this.world.regions.get(f.region)!.safety.has(part.domain)) return true;
    if (part.task && this.world.tasks.get(part.task)?.lead === p.partner) return true;
    if (part.lead !== undefined && part.lead === p.partner) return true;
    if (part.kind === "GOAL" && part.goal) {
      return [...this.world.tasks.values()].some((t) => t.goal === part.goal && t.lead === p.partner && t.status !== "CANCELLED" && t.response !== "DECLINED");
    }
    return false;
  }

  /** A task's process data: from PROCESS, and from DAT for the partner it was given to. */
  seesTaskProcess(who: Who, taskId: string): boolean {
    const task = this.world.tasks.get(taskId);
    if (!task) return false;
    const level = this.levelOf(who, task.fam);
    return atLeast(level, "PROCESS") || (atLeast(level, "DAT") && this.pro(who)?.partner === task.lead);
  }

  /** For a client: their register rows (one per household) and those of the children they ask for (below the region's age). */
  clientSubjects(who: Who): Set<string> {
    if (who.kind !== "client") return new Set();
    const cached = this.subjectsCache.get(who.id);
    if (cached) return cached;
    const subjects = new Set<string>();
    const account = this.world.clients.get(who.id);
    const own = account?.active ? this.world.persons.get(account.person) : undefined;
    if (own) {
      const rows = [...this.world.persons.values()].filter((p) => p.region === own.region && p.bsn === own.bsn);
      rows.forEach((row) => subjects.add(row.id));
      const age = this.world.regions.get(own.region)?.selfAccessAge ?? 16;
      for (const f of this.world.fams.values()) {
        if (!f.members.some((m) => subjects.has(m.person) && m.relation === "PARENT" && m.custody)) continue;
        for (const m of f.members) {
          const child = this.world.persons.get(m.person)!;
          if (m.relation === "CHILD" && ageOn(child.birthDate, this.today) < age) {
            [...this.world.persons.values()].filter((p) => p.region === own.region && p.bsn === child.bsn).forEach((p) => subjects.add(p.id));
          }
        }
      }
    }
    this.subjectsCache.set(who.id, subjects);
    return subjects;
  }

  /** The households a client's subjects belong or belonged to. */
  clientFamily(who: Who, famId: string): boolean {
    const subjects = this.clientSubjects(who);
    return this.world.fams.get(famId)?.members.some((m) => subjects.has(m.person)) ?? false;
  }

  /** The professional's region, or the client's. */
  regionOf(who: Who): string | undefined {
    if (who.kind === "client") {
      const account = this.world.clients.get(who.id);
      return account?.active ? this.world.persons.get(account.person)?.region : undefined;
    }
    return this.pro(who)?.region;
  }
}

export type { Descriptor };
