-- Escalation ladders by who commissions the care, and the mayor where nuisance dominates (issue 16 §4).
ALTER TABLE "escalation_ladder" ADD COLUMN "variant" text DEFAULT 'DEFAULT' NOT NULL;
--> statement-breakpoint
ALTER TABLE "escalation_ladder" DROP CONSTRAINT "escalation_ladder_region_id_track_step_pk";
--> statement-breakpoint
ALTER TABLE "escalation_ladder" ADD CONSTRAINT "escalation_ladder_region_id_track_variant_step_pk" PRIMARY KEY("region_id","track","variant","step");
--> statement-breakpoint
ALTER TABLE "escalations" ADD COLUMN "variant" text DEFAULT 'DEFAULT' NOT NULL;
