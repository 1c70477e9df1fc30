import { sql } from "drizzle-orm";
import { bigint, boolean, check, index, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";

/*
 * The access log (NEN 7513): one entry per request, family (or looked-up person) and action.
 * A request inserts its entries in one statement, without a lock (append.ts); the sequencer
 * (seal.ts) then gives them their place in the chain: seq, the previous entry's hash and their
 * own. Append-only: triggers refuse DELETE and TRUNCATE for every role, and UPDATE except the
 * sequencer's one-time seal of an entry's place (migrations 0005 and 0009), so `npm run
 * audit:verify` finds a changed, removed or reordered entry. No foreign keys: the log outlives
 * the records it speaks of (retention removes a family; who looked at it stays accountable), and
 * it holds ids only, never names, BSNs or content.
 */
export const accessLog = pgTable(
  "access_log",
  {
    // The order of insertion, given by the database: a request never waits for another to get it.
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    // The place in the chain, given once by the sequencer: 1, 2, 3, … without gaps. Null until
    // sealed, a fraction of a second after the entry was written.
    seq: bigint("seq", { mode: "number" }),
    occurredAt: timestamp("occurred_at", { withTimezone: true }).notNull(),
    requestId: text("request_id"),
    regionId: uuid("region_id"),
    // PROFESSIONAL, CLIENT or SYSTEM (a job such as retention).
    actorKind: text("actor_kind").notNull(),
    actorId: uuid("actor_id"),
    // The organisation on whose behalf the professional acted.
    partnerId: uuid("partner_id"),
    roles: text("roles").array().notNull(),
    // READ, WRITE, LOOKUP (reference index), MATCH (reference index), ERASE (retention, erasure).
    action: text("action").notNull(),
    // The mutation or job that wrote; null for reads.
    operation: text("operation"),
    familyId: uuid("family_id"),
    // The persons the data is about, where it is about some members rather than the family.
    personIds: uuid("person_ids").array().notNull(),
    // A keyed digest of region and BSN, for lookups and signals: the person is found by it
    // without the log holding a BSN.
    subjectDigest: text("subject_digest"),
    // Which data: fields (Type.field) read, or the kinds of data written.
    data: text("data").array().notNull(),
    // The permission rules that opened the data, and the causes of the caller's access to the
    // family: covenant rule and version, consent, legal ground, emergency access, regie.
    basis: jsonb("basis").notNull(),
    emergency: boolean("emergency").notNull(),
    prevHash: text("prev_hash"),
    hash: text("hash"),
  },
  (table) => [
    uniqueIndex("access_log_seq").on(table.seq),
    // What the sequencer has still to seal: a handful of rows at any moment.
    index("access_log_unsealed").on(table.id).where(sql`${table.seq} is null`),
    index("access_log_family").on(table.familyId, table.id),
    index("access_log_subject").on(table.subjectDigest),
    index("access_log_actor").on(table.actorId, table.id),
    // The chain starts at 1: a row outside it would be read by a client's view but never verified.
    check("access_log_seq_in_chain", sql`${table.seq} > 0`),
    // An entry is sealed whole or not at all.
    check("access_log_sealed_whole", sql`(${table.seq} is null) = (${table.hash} is null) and (${table.hash} is null) = (${table.prevHash} is null)`),
  ],
);

/** The key of the subject digests: made at random when the database is made, never leaves it. */
export const accessLogKey = pgTable("access_log_key", {
  id: bigint("id", { mode: "number" }).primaryKey(),
  key: text("key").notNull(),
});
