CREATE TABLE "closed_family_outlines" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"region_id" uuid NOT NULL,
	"registered_on" date NOT NULL,
	"closed_on" date NOT NULL,
	"outline" jsonb NOT NULL
);
--> statement-breakpoint
ALTER TABLE "regions" ADD COLUMN "closed_family_retention_years" integer DEFAULT 5 NOT NULL;--> statement-breakpoint
ALTER TABLE "closed_family_outlines" ADD CONSTRAINT "closed_family_outlines_region_id_regions_id_fk" FOREIGN KEY ("region_id") REFERENCES "public"."regions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "closed_family_outlines_region" ON "closed_family_outlines" USING btree ("region_id","closed_on");