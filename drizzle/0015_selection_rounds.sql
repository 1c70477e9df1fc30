-- Selection rounds (issue 16 §8): partners nominate families, the project leader confirms a list.
CREATE TABLE "selection_rounds" (
  "id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
  "region_id" uuid NOT NULL REFERENCES "regions"("id"),
  "title" text NOT NULL,
  "size" integer NOT NULL,
  "opened_by" uuid NOT NULL REFERENCES "professionals"("id"),
  "opened_at" timestamp with time zone NOT NULL,
  "status" text DEFAULT 'OPEN' NOT NULL,
  "confirmed_by" uuid REFERENCES "professionals"("id"),
  "confirmed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE INDEX "selection_rounds_region" ON "selection_rounds" USING btree ("region_id", "opened_at");
--> statement-breakpoint
CREATE TABLE "selection_nominations" (
  "id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
  "region_id" uuid NOT NULL REFERENCES "regions"("id"),
  "round_id" uuid NOT NULL REFERENCES "selection_rounds"("id") ON DELETE cascade,
  "family_id" uuid NOT NULL REFERENCES "families"("id") ON DELETE cascade,
  "concern_id" uuid REFERENCES "concerns"("id") ON DELETE set null,
  "partner_id" uuid NOT NULL REFERENCES "partners"("id"),
  "nominated_by" uuid NOT NULL REFERENCES "professionals"("id"),
  "nominated_at" timestamp with time zone NOT NULL,
  "reason" text NOT NULL,
  "selected" boolean DEFAULT false NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "selection_nominations_once" ON "selection_nominations" USING btree ("round_id", "partner_id", "family_id") WHERE "concern_id" is null;
--> statement-breakpoint
CREATE UNIQUE INDEX "selection_nominations_concern" ON "selection_nominations" USING btree ("round_id", "concern_id") WHERE "concern_id" is not null;
--> statement-breakpoint
CREATE INDEX "selection_nominations_round" ON "selection_nominations" USING btree ("round_id");
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON "selection_rounds", "selection_nominations" TO one_family_app;
--> statement-breakpoint
ALTER TABLE "selection_rounds" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "own_region" ON "selection_rounds" USING (region_id = app_region()) WITH CHECK (region_id = app_region());
--> statement-breakpoint
ALTER TABLE "selection_nominations" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "own_region" ON "selection_nominations" USING (region_id = app_region()) WITH CHECK (region_id = app_region());
--> statement-breakpoint
-- A client has no business in the partners' selection.
CREATE POLICY "client_household" ON "selection_rounds" AS RESTRICTIVE USING (app_person() IS NULL);
--> statement-breakpoint
CREATE POLICY "client_household" ON "selection_nominations" AS RESTRICTIVE USING (app_person() IS NULL);
