-- A household moving to another region: a hand-over between regions, not a copy (issue 16 §2).
CREATE TABLE "region_handovers" (
  "id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
  "from_region_id" uuid NOT NULL REFERENCES "regions"("id"),
  "to_region_id" uuid NOT NULL REFERENCES "regions"("id"),
  "from_region_name" text NOT NULL,
  "from_family_id" uuid REFERENCES "families"("id") ON DELETE set null,
  "household" jsonb,
  "note" text,
  "offered_by" uuid NOT NULL REFERENCES "professionals"("id"),
  "offered_at" timestamp with time zone NOT NULL,
  "status" text DEFAULT 'OFFERED' NOT NULL,
  "accepted_at" timestamp with time zone
);
--> statement-breakpoint
CREATE INDEX "region_handovers_to" ON "region_handovers" USING btree ("to_region_id", "status");
--> statement-breakpoint
CREATE INDEX "region_handovers_from" ON "region_handovers" USING btree ("from_region_id");
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE ON "region_handovers" TO one_family_app;
--> statement-breakpoint
ALTER TABLE "region_handovers" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
-- The one table two regions share: each reads and writes the hand-overs it sends or receives.
CREATE POLICY "sending_or_receiving_region" ON "region_handovers"
  USING (from_region_id = app_region() OR to_region_id = app_region())
  WITH CHECK (from_region_id = app_region() OR to_region_id = app_region());
--> statement-breakpoint
CREATE POLICY "client_household" ON "region_handovers" AS RESTRICTIVE USING (app_person() IS NULL);
--> statement-breakpoint
-- Another region by its code, for a hand-over: its id and name only. Definer: a request reads its own region's row alone.
CREATE FUNCTION app_region_by_code(wanted text) RETURNS TABLE (id uuid, name text) LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT r.id, r.name FROM regions r WHERE r.code = wanted
$$;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION app_region_by_code(text) TO one_family_app;
