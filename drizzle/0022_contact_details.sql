-- Reaching the household (issue 16 §2): addresses and contact details per household and member, with history.
CREATE TABLE "contact_details" (
  "id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
  "region_id" uuid NOT NULL REFERENCES "regions"("id"),
  "family_id" uuid NOT NULL REFERENCES "families"("id") ON DELETE cascade,
  "person_id" uuid REFERENCES "persons"("id") ON DELETE cascade,
  "kind" text NOT NULL,
  "value" text NOT NULL,
  "valid_from" timestamp with time zone NOT NULL,
  "valid_to" timestamp with time zone,
  "recorded_by" uuid REFERENCES "professionals"("id"),
  "recorded_by_client" boolean DEFAULT false NOT NULL
);
--> statement-breakpoint
CREATE INDEX "contact_details_family" ON "contact_details" USING btree ("family_id", "valid_from");
--> statement-breakpoint
CREATE INDEX "contact_details_person" ON "contact_details" USING btree ("person_id");
--> statement-breakpoint
-- At most one current detail of a kind per member, and per household.
CREATE UNIQUE INDEX "contact_details_current" ON "contact_details" ("family_id", coalesce("person_id", '00000000-0000-0000-0000-000000000000'::uuid), "kind") WHERE "valid_to" IS NULL;
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON "contact_details" TO one_family_app;
--> statement-breakpoint
ALTER TABLE "contact_details" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "own_region" ON "contact_details" USING (region_id = app_region()) WITH CHECK (region_id = app_region());
--> statement-breakpoint
CREATE POLICY "client_household" ON "contact_details" AS RESTRICTIVE USING (app_person() IS NULL OR family_id IN (SELECT app_client_families()));
