import { createHash } from "node:crypto";

/** What an entry says, as written: everything but its place in the chain. */
export interface EntryContent {
  occurredAt: Date;
  requestId: string | null;
  regionId: string | null;
  actorKind: "PROFESSIONAL" | "CLIENT" | "SYSTEM";
  actorId: string | null;
  partnerId: string | null;
  roles: string[];
  action: "READ" | "WRITE" | "LOOKUP" | "MATCH" | "ERASE";
  operation: string | null;
  familyId: string | null;
  personIds: string[];
  subjectDigest: string | null;
  data: string[];
  basis: Basis;
  emergency: boolean;
}

/** Why the data was open to the actor (see basis.ts). JSON only: it is stored as jsonb. */
export type Basis = { [key: string]: Json };
type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

export interface ChainedEntry extends EntryContent {
  seq: number;
  prevHash: string;
  hash: string;
}

/** The hash before the first entry. */
export const GENESIS = "0".repeat(64);

/**
 * The hash of an entry: SHA-256 over its place (seq, previous hash) and everything it says, in
 * one canonical form that reads back the same from the database (jsonb reorders object keys, so
 * keys are sorted; timestamps carry milliseconds, which timestamptz keeps exactly).
 */
export function entryHash(seq: number, prevHash: string, entry: EntryContent): string {
  const canonical = canonicalJson([
    seq,
    prevHash,
    entry.occurredAt.toISOString(),
    entry.requestId,
    entry.regionId,
    entry.actorKind,
    entry.actorId,
    entry.partnerId,
    entry.roles,
    entry.action,
    entry.operation,
    entry.familyId,
    entry.personIds,
    entry.subjectDigest,
    entry.data,
    entry.basis,
    entry.emergency,
  ]);
  return createHash("sha256").update(canonical).digest("hex");
}

/** JSON with object keys sorted at every depth. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const object = value as Record<string, unknown>;
    const keys = Object.keys(object).filter((key) => object[key] !== undefined).sort();
    return `{${keys.map((key) => `${JSON.stringify(key)}:${canonicalJson(object[key])}`).join(",")}}`;
  }
  return JSON.stringify(value ?? null);
}

/** Places entries after the head of the chain: consecutive seqs, each hash over the one before. */
export function chain(head: { seq: number; hash: string } | null, entries: EntryContent[]): ChainedEntry[] {
  let seq = head?.seq ?? 0;
  let prevHash = head?.hash ?? GENESIS;
  return entries.map((entry) => {
    seq += 1;
    const hash = entryHash(seq, prevHash, entry);
    const chained = { ...entry, seq, prevHash, hash };
    prevHash = hash;
    return chained;
  });
}
