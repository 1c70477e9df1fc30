import { allows, familyIdAllowed, identifyingAllowed, lookupAnswerable } from "./judge.js";
import type { Oracle } from "./oracle.js";
import type { Sel } from "./queries.js";
import type { Who } from "./server.js";
import { atLeast, LEVELS, MARKER, rank, type Descriptor, type Level, type Part } from "./world.js";

/*
 * Walks every answer and reports each value the oracle does not allow the caller as a leak;
 * counts what it saw where allowed, and content withheld that the oracle would have allowed.
 */

/** A plan part's content (§6 "the content of the plan parts"): one object per part. */
const CONTENT_TYPES = new Set(["Analysis", "Goal", "Task", "Milestone", "Evaluation", "GoalResult", "CoordinatedStep", "NetworkMember", "CaseMeeting", "BudgetCommitment"]);
/** What DAT shows of a family (§6): that it is there, why, who is involved, and the caller's own records. */
// coordinatedSteps: at DAT only the caller's organisation's own steps (checked per step).
const FAMILY_AT_DAT = new Set(["id", "name", "myAccess", "involvements", "consents", "legalGrounds", "emergencyAccesses", "coordinatedSteps", "caseMeetings"]);

export interface Leak {
  path: string;
  value: string;
  why: string;
}

export interface Stats {
  queries: number;
  leaves: number;
  allowed: Map<string, number>;
  identifyingSeen: number;
  contentChecked: number;
  familiesSeen: number;
  errors: Map<string, number>;
  fields: Set<string>;
  /** Content the oracle would allow that came back null: the "denied field that should be visible" count. */
  withheld: number;
  withheldExamples: string[];
}
export const newStats = (): Stats => ({
  queries: 0, leaves: 0, allowed: new Map(), identifyingSeen: 0, contentChecked: 0, familiesSeen: 0,
  errors: new Map(), fields: new Set(), withheld: 0, withheldExamples: [],
});
export const bump = (map: Map<string, number>, key: string) => map.set(key, (map.get(key) ?? 0) + 1);

export class AnswerChecker {
  leaks: Leak[] = [];
  constructor(
    private oracle: Oracle,
    private who: Who,
    private stats: Stats,
    /** Paths of the answer that carry an error (FORBIDDEN and the like): a null there is a refusal. */
    private refused: Set<string> = new Set(),
  ) {}

  /** A refusal at the path: its own, or a folded one's that counted more paths than it listed. */
  private isRefused(path: string): boolean {
    return this.refused.has(path) || this.refused.has(path.replace(/(^|\.)\d+(?=\.|$)/g, "$1*"));
  }

  private leak(path: string[], value: unknown, why: string) {
    this.leaks.push({ path: path.join("."), value: JSON.stringify(value).slice(0, 300), why });
  }

  walkRoot(sel: Sel, value: unknown) {
    const path = [sel.alias ?? sel.field];
    if (sel.field === "family" && value === null) this.checkFamilyRefused(sel, path);
    this.walk(value, sel, "Query", null, path);
    if (sel.field === "whoIsInvolved" && Array.isArray(value) && value.length > 0) this.checkLookup(sel, value as Record<string, unknown>[], path);
  }

  /** family(id) answered nothing for a family the oracle says the caller may know of: denied where it should be visible. */
  private checkFamilyRefused(sel: Sel, path: string[]) {
    const id = String(sel.argValues.id ?? "").toLowerCase();
    // A null that an error below it caused (a non-null field refused) says nothing of the family itself.
    const key = path.join(".");
    if ([...this.refused].some((refused) => refused.startsWith(`${key}.`))) return;
    if (!this.oracle.world.fams.has(id) || !atLeast(this.oracle.levelOf(this.who, id), "DAT")) return;
    this.stats.withheld += 1;
    if (this.stats.withheldExamples.length < 20) this.stats.withheldExamples.push(`family(id: ${id}) answered null at ${path.join(".")}; the oracle says ${this.oracle.levelOf(this.who, id)}`);
  }

  private checkLookup(sel: Sel, rows: Record<string, unknown>[], path: string[]) {
    const bsn = String(sel.argValues.bsn);
    const others = lookupAnswerable(this.oracle, this.who, bsn);
    if (!others) return this.leak(path, rows, `whoIsInvolved(${bsn}) answered a caller whose organisation has no active signal on the person (§7: no free search)`);
    rows.forEach((row, index) => {
      const professional = row[keyOf(sel, "professional")];
      if (typeof professional === "string" && !others.has(professional)) {
        this.leak([...path, String(index)], row, "whoIsInvolved names someone without an active signal of another organisation on the person");
      }
    });
  }

  private walk(value: unknown, sel: Sel, parentType: string, famId: string | null, path: string[]) {
    this.stats.fields.add(`${parentType}.${sel.field}`);
    if (value === null || value === undefined) return;
    if (Array.isArray(value)) {
      value.forEach((item, index) => this.walk(item, sel, parentType, famId, [...path, String(index)]));
      return;
    }
    if (!sel.children) return this.checkLeaf(value, sel.field, parentType, famId, path);
    const object = value as Record<string, unknown>;
    let family = famId;
    if (sel.type === "Family") family = this.checkFamily(object, sel, path);
    if (CONTENT_TYPES.has(sel.type)) this.checkPart(object, sel, path);
    for (const child of sel.children) {
      const key = child.alias ?? child.field;
      this.walk(object[key], child, sel.type, family, [...path, key]);
    }
  }

  /** A family the caller may know of (DAT), showing at DAT nothing but DAT. */
  private checkFamily(object: Record<string, unknown>, sel: Sel, path: string[]): string | null {
    const id = String(object[keyOf(sel, "id")]);
    if (!this.oracle.world.fams.has(id)) {
      this.leak(path, id, "a family the database does not hold");
      return null;
    }
    this.stats.familiesSeen += 1;
    const level = this.oracle.levelOf(this.who, id);
    if (!atLeast(level, "DAT")) {
      this.leak(path, id, `family ${id} is visible, but the oracle's level for the caller is ${level} (not even that it exists, §6)`);
    } else if (!atLeast(level, "PROCESS")) {
      for (const child of sel.children ?? []) {
        const field = object[child.alias ?? child.field];
        if (!FAMILY_AT_DAT.has(child.field) && field !== null && field !== undefined) {
          this.leak([...path, child.alias ?? child.field], field, `Family.${child.field} is process data; the caller has only ${level} (§6: DAT shows only who is involved)`);
        }
      }
    }
    return id;
  }

  /** A part's content only where the oracle opens the part; its process data from PROCESS (a task's also from DAT for its own). */
  private checkPart(object: Record<string, unknown>, sel: Sel, path: string[]) {
    if (this.who.kind === "client") return;
    let ref: { fam: string; part: Part } | undefined;
    if (sel.type === "GoalResult") {
      const goal = this.oracle.world.parts.get(String(object[keyOf(sel, "goalId")]));
      if (goal) ref = { fam: goal.fam, part: { kind: "EVALUATION", domain: goal.part.domain, members: goal.part.members } };
    } else {
      ref = this.oracle.world.parts.get(String(object[keyOf(sel, "id")]));
    }
    if (!ref) return;
    const visible = this.oracle.canSeePart(this.who, ref.fam, ref.part);
    const level = this.oracle.levelOf(this.who, ref.fam);
    for (const child of sel.children ?? []) {
      const key = child.alias ?? child.field;
      const field = object[key];
      if (field === null || field === undefined) {
        if (child.field === "content" && visible && this.isRefused([...path, key].join("."))) {
          this.stats.withheld += 1;
          if (this.stats.withheldExamples.length < 20) this.stats.withheldExamples.push(`${sel.type}.content of family ${ref.fam} ${JSON.stringify(ref.part)} at ${[...path, key].join(".")}`);
        }
        continue;
      }
      if (child.field === "content") {
        this.stats.contentChecked += 1;
        if (!visible) this.leak([...path, key], field, `${sel.type}.content of family ${ref.fam} (${describePart(ref.part)}) is content the covenant does not open to the caller (level ${level})`);
      } else if (sel.type === "CoordinatedStep") {
        const own = ref.part.lead !== undefined && this.oracle.pro(this.who)?.partner === ref.part.lead;
        if (!atLeast(level, "PROCESS") && !(own && atLeast(level, "DAT"))) this.leak([...path, key], field, `CoordinatedStep.${child.field} is process data (level ${level}, not the caller's organisation's step)`);
      } else if (sel.type === "CaseMeeting") {
        const attended = this.who.kind === "professional" && (ref.part.attendees ?? []).includes(this.who.id);
        if (!atLeast(level, "PROCESS") && !(attended && atLeast(level, "DAT"))) this.leak([...path, key], field, `CaseMeeting.${child.field} is process data (level ${level}, not an attendee)`);
      } else if (sel.type === "Task") {
        if (!this.oracle.seesTaskProcess(this.who, ref.part.task!)) this.leak([...path, key], field, `Task.${child.field} is process data (level ${level}, not the caller's organisation's task)`);
      } else if (!atLeast(level, "PROCESS")) {
        this.leak([...path, key], field, `${sel.type}.${child.field} of family ${ref.fam} is process data; the caller has ${level}`);
      }
    }
  }

  private checkLeaf(value: unknown, field: string, parentType: string, famId: string | null, path: string[]) {
    this.stats.leaves += 1;
    if ((parentType === "FamilyAccess" || parentType === "EntitlementCause") && field === "level" && famId && typeof value === "string") {
      const oracle = this.oracle.levelOf(this.who, famId);
      if (LEVELS.includes(value as Level) && rank(value as Level) > rank(oracle)) this.leak(path, value, `${parentType}.level is ${value}; the oracle says ${oracle}`);
    }
    this.checkValue(value, field, path);
  }

  /** Any value, also inside a JSON answer (an export): markers, stored texts, BSNs, birth dates, family ids, life domains. */
  private checkValue(value: unknown, field: string, path: string[]) {
    if (Array.isArray(value)) return value.forEach((item, index) => this.checkValue(item, field, [...path, String(index)]));
    if (value !== null && typeof value === "object") {
      for (const [key, item] of Object.entries(value)) this.checkValue(item, key, [...path, key]);
      return;
    }
    if (typeof value !== "string") return;
    const judged = new Set<Descriptor>();
    for (const match of value.matchAll(MARKER)) {
      const descriptors = this.oracle.world.markers.get(Number(match[1]));
      if (!descriptors) this.leak(path, value, `marker ${match[0]} is not stored anywhere the oracle reads`);
      else this.judge(descriptors, path, value, `marker ${match[0]}`).forEach((d) => judged.add(d));
    }
    const stored = this.oracle.world.texts.get(value);
    if (stored && judged.size === 0) this.judge(stored, path, value, "stored text");
    const w = this.oracle.world;
    if (/^\d{9}$/.test(value) && [...w.persons.values()].some((p) => p.bsn === value)) {
      if (!identifyingAllowed(this.oracle, this.who, "bsn", value)) this.leak(path, value, "a BSN: only the regisseur (FULL), who signalled the person, or the person themself");
      else this.stats.identifyingSeen += 1;
    }
    if (field === "birthDate" && [...w.persons.values()].some((p) => p.birthDate === value)) {
      if (!identifyingAllowed(this.oracle, this.who, "birthDate", value)) this.leak(path, value, "a birth date: only the regisseur (FULL), who signalled the person, or the person themself");
      else this.stats.identifyingSeen += 1;
    }
    if (w.fams.has(value) && !familyIdAllowed(this.oracle, this.who, value)) this.leak(path, value, "the id of a family the caller may not know of (§6 NONE: not even that it exists)");
    const region = this.oracle.regionOf(this.who);
    const domainRegions = [...w.regions.values()].filter((r) => r.domains.has(value));
    if (domainRegions.length > 0 && !domainRegions.some((r) => r.id === region)) this.leak(path, value, "a life domain of another region (no query crosses regions, §2)");
  }

  private judge(descriptors: Descriptor[], path: string[], value: string, what: string): Descriptor[] {
    const allowedOne = descriptors.find((d) => allows(this.oracle, this.who, d));
    if (allowedOne) {
      bump(this.stats.allowed, allowedOne.t);
      return descriptors;
    }
    this.leak(path, value, `${what} is ${describe(descriptors[0]!)}: outside the caller's entitlement`);
    return descriptors;
  }
}

const keyOf = (sel: Sel, field: string) => {
  const child = sel.children?.find((c) => c.field === field);
  return child ? (child.alias ?? child.field) : field;
};

const describePart = (part: Part) =>
  `${part.kind} in ${part.domain ?? "no life domain"} about ${part.members.length > 0 ? `members ${part.members.join(", ")}` : "the household"}`;

export function describe(d: Descriptor): string {
  switch (d.t) {
    case "part": return `plan content of family ${d.fam}: ${describePart(d.part)}`;
    case "note": return `a coach note of family ${d.fam} by ${d.author} (nobody but its author while regisseur reads it, §5)`;
    case "handover": return `a hand-over note of family ${d.fam} (FULL only)`;
    case "keeper": return `a keeper's record of family ${d.fam} (regisseur and process lead only)`;
    case "basis": return `the basis of a legal ground of family ${d.fam} for partner ${d.partner} (keepers and that partner only)`;
    case "emergency": return `the reason of emergency access ${d.id} on family ${d.fam} (keepers, told recipients and its opener only)`;
    case "escalation": return `escalation ${d.id} (its parties only)`;
    case "advice": return `binding advice ${d.id} (the regisseur and the institution addressed only)`;
    case "concern": return `concern ${d.id} (submitter, keepers, crisis partner only)`;
    case "familyName": return `the name of family ${d.fam} (DAT and up)`;
    case "person": return `the name of person ${d.person} (PROCESS on the household, or DAT with a signal)`;
    case "region": return `a name of region ${d.region}`;
  }
}
