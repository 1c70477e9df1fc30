-- The family's own network (issue 16 §3), and goals and tasks led by a member or a network member.
CREATE TABLE "network_members" (
  "id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
  "region_id" uuid NOT NULL REFERENCES "regions"("id"),
  "family_id" uuid NOT NULL REFERENCES "families"("id") ON DELETE cascade,
  "name" text NOT NULL,
  "relation" text NOT NULL,
  "related_person_id" uuid REFERENCES "persons"("id"),
  "contact" text,
  "support" text,
  "added_by" uuid NOT NULL REFERENCES "professionals"("id"),
  "added_at" timestamp with time zone NOT NULL,
  "ended_on" date
);
--> statement-breakpoint
CREATE INDEX "network_members_family" ON "network_members" USING btree ("family_id");
--> statement-breakpoint
ALTER TABLE "plan_goals" ADD COLUMN "lead_person_id" uuid REFERENCES "persons"("id");
--> statement-breakpoint
ALTER TABLE "plan_goals" ADD COLUMN "lead_network_member_id" uuid REFERENCES "network_members"("id");
--> statement-breakpoint
ALTER TABLE "plan_goals" ADD CONSTRAINT "plan_goals_one_lead" CHECK (num_nonnulls("lead_person_id", "lead_network_member_id") <= 1);
--> statement-breakpoint
ALTER TABLE "plan_tasks" ALTER COLUMN "lead_partner_id" DROP NOT NULL;
--> statement-breakpoint
ALTER TABLE "plan_tasks" ADD COLUMN "lead_person_id" uuid REFERENCES "persons"("id");
--> statement-breakpoint
ALTER TABLE "plan_tasks" ADD COLUMN "lead_network_member_id" uuid REFERENCES "network_members"("id");
--> statement-breakpoint
ALTER TABLE "plan_tasks" ADD CONSTRAINT "plan_tasks_one_lead" CHECK (num_nonnulls("lead_partner_id", "lead_person_id", "lead_network_member_id") = 1);
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON "network_members" TO one_family_app;
--> statement-breakpoint
ALTER TABLE "network_members" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "own_region" ON "network_members" USING (region_id = app_region()) WITH CHECK (region_id = app_region());
--> statement-breakpoint
CREATE POLICY "client_household" ON "network_members" AS RESTRICTIVE USING (app_person() IS NULL OR family_id IN (SELECT app_client_families()));
