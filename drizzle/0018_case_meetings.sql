-- Case meetings (issue 16 §5): MDO+ or the local family meeting, its attendees, minutes and decisions.
CREATE TABLE "case_meetings" (
  "id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
  "region_id" uuid NOT NULL REFERENCES "regions"("id"),
  "family_id" uuid NOT NULL REFERENCES "families"("id") ON DELETE cascade,
  "meeting" text NOT NULL,
  "held_on" date NOT NULL,
  "professional_ids" uuid[] NOT NULL,
  "member_ids" uuid[] NOT NULL,
  "network_member_ids" uuid[] NOT NULL,
  "minutes" text NOT NULL,
  "decisions" text[] NOT NULL,
  "adopted_plan_version" integer,
  "recorded_by" uuid NOT NULL REFERENCES "professionals"("id"),
  "recorded_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE INDEX "case_meetings_family" ON "case_meetings" USING btree ("family_id", "held_on");
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON "case_meetings" TO one_family_app;
--> statement-breakpoint
ALTER TABLE "case_meetings" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "own_region" ON "case_meetings" USING (region_id = app_region()) WITH CHECK (region_id = app_region());
--> statement-breakpoint
CREATE POLICY "client_household" ON "case_meetings" AS RESTRICTIVE USING (app_person() IS NULL OR family_id IN (SELECT app_client_families()));
