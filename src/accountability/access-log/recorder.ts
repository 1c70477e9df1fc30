import type { EntryContent } from "./chain.js";
import type { BsnSubject } from "./pseudonym.js";

type Action = EntryContent["action"];

/** An entry being gathered during a request: data and persons accumulate until it is written. */
export interface Pending {
  action: Action;
  operation: string | null;
  familyId: string | null;
  subject: BsnSubject | null;
  personIds: Set<string>;
  data: Set<string>;
  rules: Set<string>;
}

const pending = (action: Action, operation: string | null, familyId: string | null, subject: BsnSubject | null): Pending => ({
  action,
  operation,
  familyId,
  subject,
  personIds: new Set(),
  data: new Set(),
  rules: new Set(),
});

export interface Recorded {
  /** The persons it is about, where it is about some members rather than the family as a whole. */
  personIds?: readonly string[];
  data?: readonly string[];
}

/**
 * One request's reads and lookups. A field of an object that belongs to a family is recorded
 * when its rule lets it through (access/permissions.ts); the reference index records its lookups
 * itself. Everything is written in one statement when the response is ready, before it is sent
 * (server/access-logging.ts): if that fails, the data is not served.
 */
export class AccessRecorder {
  private readonly reads = new Map<string, Pending>();
  private readonly aboutSubjects = new Map<string, Pending>();
  private aggregates: Pending | null = null;
  /** The mutation being executed (root mutation fields run one at a time) and the rule that let it run. */
  operation: { name: string; rule: string } | null = null;

  /**
   * O(1): called for every field a rule lets through. Data about some members (their own
   * records) goes to an entry per member; data about the household to the household's entry:
   * a member's log shows the household's entries and their own, not another member's.
   */
  read(familyId: string, field: string, rule: string, personIds: readonly string[] | null): void {
    if (!personIds) {
      this.readInto(familyId, familyId, null, field, rule);
      return;
    }
    for (const personId of personIds) this.readInto(`${familyId}:${personId}`, familyId, personId, field, rule);
  }

  private readInto(key: string, familyId: string, personId: string | null, field: string, rule: string): void {
    let entry = this.reads.get(key);
    if (!entry) {
      entry = pending("READ", null, familyId, null);
      if (personId) entry.personIds.add(personId);
      this.reads.set(key, entry);
    }
    entry.data.add(field);
    entry.rules.add(rule);
  }

  /**
   * A reference-index answer about a person known by BSN: a lookup (recorded whatever it found,
   * nothing included), or a read of signals and matches. One entry per person and action.
   */
  readAbout(subject: BsnSubject, action: "READ" | "LOOKUP", data: readonly string[], rule: string): void {
    const key = `${action}:${subject.regionId}:${subject.bsn}`;
    let entry = this.aboutSubjects.get(key);
    if (!entry) {
      entry = pending(action, null, null, subject);
      this.aboutSubjects.set(key, entry);
    }
    for (const field of data) entry.data.add(field);
    entry.rules.add(rule);
  }

  /**
   * A read of the region's aggregates (a covenant preview's counts): no family, no person, no
   * content. One entry per request and action, naming what was read and the rule that opened it.
   */
  readAggregate(field: string, rule: string): void {
    this.aggregates ??= pending("READ", null, null, null);
    this.aggregates.data.add(field);
    this.aggregates.rules.add(rule);
  }

  /** What is gathered so far, emptied: written by the response's flush. */
  take(): Pending[] {
    const taken = [...this.reads.values(), ...this.aboutSubjects.values(), ...(this.aggregates ? [this.aggregates] : [])];
    this.reads.clear();
    this.aboutSubjects.clear();
    this.aggregates = null;
    return taken;
  }
}

/** The writes of one transaction: written inside it, just before it commits (transaction.ts). */
export class WriteLog {
  private readonly entries: Pending[] = [];
  constructor(private readonly operation: { name: string; rule: string } | null) {}

  /** A write of data about a family (and some of its members, if named). */
  wrote(familyId: string, recorded: Recorded = {}, action: Action = "WRITE"): void {
    this.push(pending(action, this.operation?.name ?? null, familyId, null), recorded);
  }

  /** A write about a person known by BSN only (a reference-index signal). */
  wroteAbout(subject: BsnSubject, recorded: Recorded = {}, action: Action = "WRITE"): void {
    this.push(pending(action, this.operation?.name ?? null, null, subject), recorded);
  }

  get size(): number {
    return this.entries.length;
  }

  take(): Pending[] {
    return this.entries.splice(0);
  }

  private push(entry: Pending, recorded: Recorded): void {
    for (const field of recorded.data ?? []) entry.data.add(field);
    for (const personId of recorded.personIds ?? []) entry.personIds.add(personId);
    if (this.operation) entry.rules.add(this.operation.rule);
    this.entries.push(entry);
  }
}
