-- Steps coordinated with the regisseur (issue 16 §1): announced before, or reported after under a legal duty.
ALTER TABLE "process_settings" ADD COLUMN "step_report_days" integer DEFAULT 2 NOT NULL;
--> statement-breakpoint
CREATE TABLE "coordinated_steps" (
  "id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
  "region_id" uuid NOT NULL REFERENCES "regions"("id"),
  "family_id" uuid NOT NULL REFERENCES "families"("id") ON DELETE cascade,
  "partner_id" uuid NOT NULL REFERENCES "partners"("id"),
  "kind" text NOT NULL,
  "status" text NOT NULL,
  "life_domain" text NOT NULL,
  "legal_duty" text,
  "step_at" timestamp with time zone NOT NULL,
  "description" text,
  "reported_by" uuid REFERENCES "professionals"("id"),
  "recorded_at" timestamp with time zone NOT NULL,
  "report_due_at" timestamp with time zone,
  "reported_at" timestamp with time zone,
  "expected_by" uuid REFERENCES "professionals"("id")
);
--> statement-breakpoint
CREATE INDEX "coordinated_steps_family" ON "coordinated_steps" USING btree ("family_id", "step_at");
--> statement-breakpoint
CREATE INDEX "coordinated_steps_awaiting" ON "coordinated_steps" USING btree ("status", "report_due_at");
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON "coordinated_steps" TO one_family_app;
--> statement-breakpoint
ALTER TABLE "coordinated_steps" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "own_region" ON "coordinated_steps" USING (region_id = app_region()) WITH CHECK (region_id = app_region());
--> statement-breakpoint
CREATE POLICY "client_household" ON "coordinated_steps" AS RESTRICTIVE USING (app_person() IS NULL OR family_id IN (SELECT app_client_families()));
