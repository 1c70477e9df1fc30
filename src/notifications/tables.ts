import { index, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { families } from "../families/tables.js";
import { professionals, regions } from "../organisations/tables.js";

/**
 * One inbox per professional for events about a family they lead or watch. The payload holds
 * ids and the reason a professional gave, never plan content.
 */
export const notifications = pgTable(
  "notifications",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    regionId: uuid("region_id").notNull().references(() => regions.id),
    recipientId: uuid("recipient_id").notNull().references(() => professionals.id),
    familyId: uuid("family_id").references(() => families.id, { onDelete: "cascade" }),
    kind: text("kind").notNull(),
    actorId: uuid("actor_id").references(() => professionals.id),
    detail: jsonb("detail").$type<Record<string, string | null>>().notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
    readAt: timestamp("read_at", { withTimezone: true }),
    // A deadline notice names its deadline here, so the deadline job raises it once.
    dedupeKey: text("dedupe_key"),
  },
  (table) => [
    index("notifications_recipient").on(table.recipientId, table.createdAt),
    uniqueIndex("notifications_dedupe").on(table.recipientId, table.dedupeKey),
  ],
);
