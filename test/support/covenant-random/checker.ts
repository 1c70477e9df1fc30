import {
  atLeast,
  identifyingAllowed,
  LEVELS,
  levelOf,
  MARKER,
  markerAllowed,
  pro,
  rank,
  canSeePart,
  world,
  type Level,
  type Part,
} from "./oracle.js";
import type { Sel } from "./queries.js";

/*
 * The random covenant test's judge: walks every response and reports each value the oracle does
 * not allow the caller as a leak, counting what it saw where it was allowed.
 */

/**
 * Content fields of the plan parts (§6: "the content of the plan parts"): the words, domains and
 * members, one object per part (`content`). What is inside it is judged by its markers too.
 */
export const CONTENT: Record<string, string[]> = {
  Analysis: ["content"],
  Goal: ["content"],
  Task: ["content"],
  Milestone: ["content"],
  Evaluation: ["content"],
  GoalResult: ["content"],
};
/**
 * What DAT shows of a family (§6): that it is there, why you may know it, and who is involved
 * with whom — and the records of the caller's own organisation (its consents, legal grounds,
 * emergency accesses), whose content the oracle checks through their markers.
 */
const FAMILY_AT_DAT = new Set(["id", "name", "myAccess", "involvements", "consents", "legalGrounds", "emergencyAccesses"]);

export interface Leak {
  query: number;
  caller: string;
  path: string;
  value: string;
  why: string;
}

export const stats = {
  queries: 0,
  leaves: 0,
  markersAllowed: new Map<string, number>(),
  bsnsSeen: 0,
  birthDatesSeen: 0,
  contentFieldsChecked: 0,
  errors: new Map<string, number>(),
  fieldsExercised: new Set<string>(),
  familiesSeen: 0,
  withheld: [] as string[],
};
export const bump = (map: Map<string, number>, key: string) => map.set(key, (map.get(key) ?? 0) + 1);

export class ResponseChecker {
  leaks: Leak[] = [];
  constructor(
    private callerKey: string | null,
    private queryIndex: number,
    private bsnToPerson: Map<string, string>,
    private birthDateToPerson: Map<string, string>,
  ) {}

  private callerLabel(): string {
    if (!this.callerKey) return "anonymous";
    const p = pro(this.callerKey);
    return `${p.key} (${p.roles.join("+")} at ${p.partner}, region ${p.region})`;
  }

  private leak(path: string[], value: unknown, why: string) {
    this.leaks.push({ query: this.queryIndex, caller: this.callerLabel(), path: path.join("."), value: JSON.stringify(value), why });
  }

  walkRoot(sel: Sel, value: unknown) {
    const path = [sel.alias ?? sel.field];
    this.walk(value, sel, "Query", null, path);
    if (sel.field === "whoIsInvolved" && Array.isArray(value)) this.checkLookup(sel, value as Record<string, unknown>[], path);
  }

  /** §7: involvement only to an organisation with its own active signal on the person; only other organisations' signals. */
  private checkLookup(sel: Sel, rows: Record<string, unknown>[], path: string[]) {
    if (rows.length === 0) return;
    const bsn = String(sel.argValues.bsn);
    const p = this.callerKey ? world.pros.get(this.callerKey) : undefined;
    const own = p && world.signals.some((s) => s.active && s.region === p.region && s.partner === p.partner && s.bsn === bsn);
    if (!p || !own) {
      this.leak(path, rows, `whoIsInvolved(${bsn}) answered to a caller whose organisation has no active signal on the person`);
      return;
    }
    const others = new Set(
      world.signals.filter((s) => s.active && s.region === p.region && s.bsn === bsn && s.partner !== p.partner).map((s) => pro(s.pro).name),
    );
    rows.forEach((row, index) => {
      const professional = row[this.keyOf(sel, "professional")];
      if (typeof professional === "string" && !others.has(professional)) {
        this.leak([...path, String(index)], row, "whoIsInvolved names someone without an active signal of another organisation on the person");
      }
    });
  }

  private keyOf(sel: Sel, field: string): string {
    const child = sel.children?.find((c) => c.field === field);
    return child ? (child.alias ?? child.field) : field;
  }

  private walk(value: unknown, sel: Sel, parentType: string, famKey: string | null, path: string[]) {
    stats.fieldsExercised.add(`${parentType}.${sel.field}`);
    if (value === null || value === undefined) return;
    if (Array.isArray(value)) {
      value.forEach((item, index) => this.walk(item, sel, parentType, famKey, [...path, String(index)]));
      return;
    }
    if (!sel.children) {
      this.checkLeaf(value, sel, parentType, famKey, path);
      return;
    }
    const object = value as Record<string, unknown>;
    let family = famKey;
    if (sel.type === "Family") family = this.checkFamily(object, sel, path);
    this.checkPart(object, sel, path);
    for (const child of sel.children) {
      const key = child.alias ?? child.field;
      this.walk(object[key], child, sel.type, family, [...path, key]);
    }
  }

  /** A family the caller may know of (DAT), showing at DAT nothing but DAT. */
  private checkFamily(object: Record<string, unknown>, sel: Sel, path: string[]): string | null {
    const famKey = world.famById.get(String(object[this.keyOf(sel, "id")]));
    if (!famKey) {
      this.leak(path, object.id, "a family the oracle does not know");
      return null;
    }
    stats.familiesSeen += 1;
    const level = levelOf(this.callerKey, famKey);
    if (!atLeast(level, "DAT")) {
      this.leak(path, famKey, `family ${famKey} is visible, but the caller's level is ${level}`);
      return famKey;
    }
    if (!atLeast(level, "PROCESS")) {
      for (const child of sel.children ?? []) {
        const field = object[child.alias ?? child.field];
        if (!FAMILY_AT_DAT.has(child.field) && field !== null && field !== undefined) {
          this.leak([...path, child.alias ?? child.field], field, `Family.${child.field} of ${famKey} is process data; the caller has only ${level}`);
        }
      }
    }
    return famKey;
  }

  /** Content fields of a plan part only where the oracle opens the part; a task's process data from PROCESS (or DAT for its own). */
  private checkPart(object: Record<string, unknown>, sel: Sel, path: string[]) {
    const content = CONTENT[sel.type];
    if (!content) return;
    let ref: { fam: string; part: Part } | undefined;
    if (sel.type === "GoalResult") {
      const goal = world.parts.get(String(object[this.keyOf(sel, "goalId")]));
      if (goal) ref = { fam: goal.fam, part: { kind: "EVALUATION", domain: goal.part.domain, members: goal.part.members } };
    } else {
      ref = world.parts.get(String(object[this.keyOf(sel, "id")]));
    }
    if (!ref) {
      const id = object[this.keyOf(sel, sel.type === "GoalResult" ? "goalId" : "id")];
      if (id !== null && id !== undefined) this.leak(path, id, `a ${sel.type} the oracle does not know`);
      return;
    }
    const visible = canSeePart(this.callerKey, ref.fam, ref.part);
    const level = levelOf(this.callerKey, ref.fam);
    for (const child of sel.children ?? []) {
      const key = child.alias ?? child.field;
      const field = object[key];
      if (field === null || field === undefined) {
        // Not a leak: the oracle would allow more than the server shows (counted, to keep the oracle honest).
        if (content.includes(child.field) && visible) {
          stats.withheld.push(`${this.callerLabel()}: ${sel.type}.${child.field} of ${ref.fam} ${JSON.stringify(ref.part)}`);
        }
        continue;
      }
      if (content.includes(child.field)) {
        stats.contentFieldsChecked += 1;
        if (!visible) this.leak([...path, key], field, `${sel.type}.${child.field} of ${ref.fam} (${JSON.stringify(ref.part)}) is content the caller may not see (level ${level})`);
      } else if (sel.type === "Task") {
        const own = this.callerKey !== null && world.tasks.get(ref.part.task!)!.lead === pro(this.callerKey).partner;
        if (!(atLeast(level, "PROCESS") || (own && atLeast(level, "DAT")))) {
          this.leak([...path, key], field, `Task.${child.field} of ${ref.fam} is process data (level ${level}, own task: ${own})`);
        }
      } else if (!atLeast(level, "PROCESS")) {
        this.leak([...path, key], field, `${sel.type}.${child.field} of ${ref.fam} is process data; the caller has ${level}`);
      }
    }
  }

  private checkLeaf(value: unknown, sel: Sel, parentType: string, famKey: string | null, path: string[]) {
    stats.leaves += 1;
    if ((parentType === "FamilyAccess" || parentType === "EntitlementCause") && sel.field === "level" && famKey) {
      const oracle = levelOf(this.callerKey, famKey);
      if (typeof value === "string" && LEVELS.includes(value as Level) && rank(value as Level) > rank(oracle)) {
        this.leak(path, value, `${parentType}.level for ${famKey} is ${String(value)}; the oracle says ${oracle}`);
      }
    }
    if (typeof value !== "string") return;
    for (const match of value.matchAll(MARKER)) {
      const descriptor = world.markers.get(Number(match[1]));
      if (!descriptor) {
        this.leak(path, value, `a marker the oracle does not know: ${match[0]}`);
      } else if (!markerAllowed(this.callerKey, descriptor)) {
        this.leak(path, value, `marker ${match[0]} (${JSON.stringify(descriptor)}) is outside the caller's entitlement`);
      } else {
        bump(stats.markersAllowed, descriptor.t);
      }
    }
    const bsnOf = this.bsnToPerson.get(value);
    if (bsnOf) {
      if (!identifyingAllowed(this.callerKey, bsnOf, "bsn")) this.leak(path, value, `the BSN of ${bsnOf}`);
      else stats.bsnsSeen += 1;
    }
    const bornOf = this.birthDateToPerson.get(value);
    if (bornOf) {
      if (!identifyingAllowed(this.callerKey, bornOf, "birthDate")) this.leak(path, value, `the birth date of ${bornOf}`);
      else stats.birthDatesSeen += 1;
    }
    const familyOf = world.famById.get(value);
    if (familyOf) {
      const told = this.callerKey !== null && world.emergencies.some((e) => e.fam === familyOf && e.recipients.includes(this.callerKey!));
      if (!atLeast(levelOf(this.callerKey, familyOf), "DAT") && !(told && parentType === "Notification")) {
        this.leak(path, value, `the id of family ${familyOf}, which the caller may not know of`);
      }
    }
    const domainRegion = world.domainRegion.get(value);
    const p = this.callerKey ? world.pros.get(this.callerKey) : undefined;
    if (domainRegion && (!p || p.region !== domainRegion)) this.leak(path, value, `a life domain of region ${domainRegion}`);
  }
}
