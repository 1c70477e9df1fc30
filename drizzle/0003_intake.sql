CREATE TABLE "concern_members" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"region_id" uuid NOT NULL,
	"concern_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"bsn" text NOT NULL,
	"given_name" text NOT NULL,
	"family_name" text NOT NULL,
	"birth_date" date NOT NULL,
	"relation" text NOT NULL,
	"legal_custody" boolean NOT NULL
);
--> statement-breakpoint
ALTER TABLE "concerns" ADD COLUMN "label" text NOT NULL;--> statement-breakpoint
ALTER TABLE "concerns" ADD COLUMN "status" text DEFAULT 'ROUTED' NOT NULL;--> statement-breakpoint
ALTER TABLE "concern_members" ADD CONSTRAINT "concern_members_region_id_regions_id_fk" FOREIGN KEY ("region_id") REFERENCES "public"."regions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "concern_members" ADD CONSTRAINT "concern_members_concern_id_concerns_id_fk" FOREIGN KEY ("concern_id") REFERENCES "public"."concerns"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "concern_members_concern" ON "concern_members" USING btree ("concern_id");--> statement-breakpoint
CREATE INDEX "concern_members_region_bsn" ON "concern_members" USING btree ("region_id","bsn");