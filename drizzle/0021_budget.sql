-- A budget per family plan (issue 16 §6): commitments for purchased services, approved within a per-region ceiling.
ALTER TABLE "process_settings" ADD COLUMN "budget_ceiling_cents" integer;
--> statement-breakpoint
CREATE TABLE "budget_commitments" (
  "id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
  "region_id" uuid NOT NULL REFERENCES "regions"("id"),
  "family_id" uuid NOT NULL REFERENCES "families"("id") ON DELETE cascade,
  "task_id" uuid REFERENCES "plan_tasks"("id") ON DELETE cascade,
  "goal_id" uuid REFERENCES "plan_goals"("id") ON DELETE cascade,
  "service" text NOT NULL,
  "amount_cents" integer NOT NULL CHECK ("amount_cents" > 0),
  "spent_cents" integer DEFAULT 0 NOT NULL CHECK ("spent_cents" >= 0 AND "spent_cents" <= "amount_cents"),
  "status" text DEFAULT 'PROPOSED' NOT NULL,
  "proposed_by" uuid NOT NULL REFERENCES "professionals"("id"),
  "proposed_at" timestamp with time zone NOT NULL,
  "decided_by" uuid REFERENCES "professionals"("id"),
  "decided_at" timestamp with time zone,
  "reason" text,
  CONSTRAINT "budget_commitments_one_purpose" CHECK (num_nonnulls("task_id", "goal_id") = 1)
);
--> statement-breakpoint
CREATE INDEX "budget_commitments_family" ON "budget_commitments" USING btree ("family_id");
--> statement-breakpoint
CREATE INDEX "budget_commitments_status" ON "budget_commitments" USING btree ("region_id", "status");
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON "budget_commitments" TO one_family_app;
--> statement-breakpoint
ALTER TABLE "budget_commitments" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "own_region" ON "budget_commitments" USING (region_id = app_region()) WITH CHECK (region_id = app_region());
--> statement-breakpoint
CREATE POLICY "client_household" ON "budget_commitments" AS RESTRICTIVE USING (app_person() IS NULL OR family_id IN (SELECT app_client_families()));
