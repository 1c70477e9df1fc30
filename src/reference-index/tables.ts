import { boolean, date, index, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { partners, professionals, regions } from "../organisations/tables.js";

// A signal says only *that* an organisation is involved with a person: no reason, no content.
export const signals = pgTable(
  "signals",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    regionId: uuid("region_id").notNull().references(() => regions.id),
    bsn: text("bsn").notNull(),
    // Kept only to destroy everything on a person at the region's age limit.
    birthDate: date("birth_date", { mode: "string" }).notNull(),
    partnerId: uuid("partner_id").notNull().references(() => partners.id),
    professionalId: uuid("professional_id").notNull().references(() => professionals.id),
    contactPhone: text("contact_phone"),
    contactEmail: text("contact_email"),
    signalledOn: date("signalled_on", { mode: "string" }).notNull(),
    // The first day the signal is no longer active (signalled on + the region's active months,
    // fixed when it is made). Exclusive, so "active" is simply active_until > today.
    activeUntil: date("active_until", { mode: "string" }).notNull(),
    discussedWithFamily: boolean("discussed_with_family").notNull(),
    notDiscussedReason: text("not_discussed_reason"),
    withdrawnAt: timestamp("withdrawn_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
  },
  (table) => [
    // The lookup and the match both start from (region, BSN): one index probe at national size.
    index("signals_region_bsn").on(table.regionId, table.bsn),
    index("signals_professional").on(table.professionalId),
  ],
);

// The inbox for matches. Deleting a signal (retention, erasure) deletes what it told others.
export const matchNotifications = pgTable(
  "match_notifications",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    regionId: uuid("region_id").notNull().references(() => regions.id),
    recipientId: uuid("recipient_id").notNull().references(() => professionals.id),
    kind: text("kind").notNull(),
    // The recipient's own signal the match concerns, and the other organisation's signal.
    ownSignalId: uuid("own_signal_id").notNull().references(() => signals.id, { onDelete: "cascade" }),
    otherSignalId: uuid("other_signal_id").notNull().references(() => signals.id, { onDelete: "cascade" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
    readAt: timestamp("read_at", { withTimezone: true }),
  },
  (table) => [index("match_notifications_recipient").on(table.recipientId, table.createdAt)],
);
