-- A granted rectification carried out (issue 16 §9): the request records when and by whom, and
-- every corrected field of the register row keeps its previous value.
ALTER TABLE "rights_requests" ADD COLUMN "applied_at" timestamp with time zone;
--> statement-breakpoint
ALTER TABLE "rights_requests" ADD COLUMN "applied_by" uuid REFERENCES "professionals"("id");
--> statement-breakpoint
CREATE TABLE "person_corrections" (
  "id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
  "region_id" uuid NOT NULL REFERENCES "regions"("id"),
  "person_id" uuid NOT NULL REFERENCES "persons"("id") ON DELETE cascade,
  "request_id" uuid NOT NULL REFERENCES "rights_requests"("id") ON DELETE cascade,
  "field" text NOT NULL,
  "previous" text NOT NULL,
  "corrected" text NOT NULL,
  "corrected_at" timestamp with time zone NOT NULL,
  "corrected_by" uuid NOT NULL REFERENCES "professionals"("id")
);
--> statement-breakpoint
CREATE INDEX "person_corrections_person" ON "person_corrections" USING btree ("person_id");
--> statement-breakpoint
CREATE INDEX "person_corrections_request" ON "person_corrections" USING btree ("request_id");
--> statement-breakpoint
GRANT SELECT, INSERT ON "person_corrections" TO one_family_app;
--> statement-breakpoint
ALTER TABLE "person_corrections" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "own_region" ON "person_corrections" USING (region_id = app_region()) WITH CHECK (region_id = app_region());
--> statement-breakpoint
CREATE POLICY "client_household" ON "person_corrections" AS RESTRICTIVE USING (app_person() IS NULL OR person_id IN (SELECT app_client_persons()));
