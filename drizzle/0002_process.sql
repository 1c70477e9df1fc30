CREATE TABLE "category_routes" (
	"region_id" uuid NOT NULL,
	"category" text NOT NULL,
	"process_lead_id" uuid,
	"meeting" text NOT NULL,
	CONSTRAINT "category_routes_region_id_category_pk" PRIMARY KEY("region_id","category")
);
--> statement-breakpoint
CREATE TABLE "closures" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"region_id" uuid NOT NULL,
	"family_id" uuid NOT NULL,
	"closed_at" timestamp with time zone NOT NULL,
	"closed_by" uuid NOT NULL,
	"final_evaluation_id" uuid NOT NULL,
	"goals_total" integer NOT NULL,
	"goals_achieved" integer NOT NULL,
	"positive_exit" boolean NOT NULL,
	"aftercare_keeper_id" uuid NOT NULL,
	"revisit_on" date NOT NULL,
	"handover_partner_id" uuid,
	"handover_professional_id" uuid,
	"handover_note" text,
	"aftercare_ended_at" timestamp with time zone,
	"aftercare_note" text,
	"reopened_at" timestamp with time zone,
	"reopened_by" uuid,
	"reopen_reason" text
);
--> statement-breakpoint
CREATE TABLE "concerns" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"region_id" uuid NOT NULL,
	"family_id" uuid NOT NULL,
	"submitted_by" uuid NOT NULL,
	"partner_id" uuid NOT NULL,
	"submitted_at" timestamp with time zone NOT NULL,
	"description" text NOT NULL,
	"discussed_with_family" boolean NOT NULL,
	"not_discussed_reason" text,
	"crisis" boolean NOT NULL,
	"route" text NOT NULL,
	"routed_to_partner_id" uuid,
	"routed_to_professional_id" uuid
);
--> statement-breakpoint
CREATE TABLE "escalation_ladder" (
	"region_id" uuid NOT NULL,
	"track" text NOT NULL,
	"step" integer NOT NULL,
	"title" text NOT NULL,
	"deciders" text[] NOT NULL,
	"informed" text[] DEFAULT '{}'::text[] NOT NULL,
	"deadline_days" integer NOT NULL,
	"binding" boolean DEFAULT false NOT NULL,
	CONSTRAINT "escalation_ladder_region_id_track_step_pk" PRIMARY KEY("region_id","track","step")
);
--> statement-breakpoint
CREATE TABLE "escalation_steps" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"region_id" uuid NOT NULL,
	"escalation_id" uuid NOT NULL,
	"step" integer NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	"due_at" timestamp with time zone NOT NULL,
	"outcome" text,
	"decision" text,
	"reasoning" text,
	"decided_by" uuid,
	"decided_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "escalations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"region_id" uuid NOT NULL,
	"family_id" uuid NOT NULL,
	"track" text NOT NULL,
	"subject" text NOT NULL,
	"party_partner_ids" uuid[] NOT NULL,
	"raised_by" uuid NOT NULL,
	"raised_at" timestamp with time zone NOT NULL,
	"advice_id" uuid,
	"status" text NOT NULL,
	"current_step" integer NOT NULL,
	"resolved_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "family_phases" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"region_id" uuid NOT NULL,
	"family_id" uuid NOT NULL,
	"phase" text NOT NULL,
	"since" timestamp with time zone NOT NULL,
	"set_by" uuid NOT NULL,
	"note" text
);
--> statement-breakpoint
CREATE TABLE "mandate_advices" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"region_id" uuid NOT NULL,
	"family_id" uuid NOT NULL,
	"partner_id" uuid NOT NULL,
	"life_domain" text NOT NULL,
	"decision_type" text NOT NULL,
	"binding" boolean NOT NULL,
	"advice" text NOT NULL,
	"issued_by" uuid NOT NULL,
	"issued_at" timestamp with time zone NOT NULL,
	"answer_due" date NOT NULL,
	"status" text NOT NULL,
	"answered_by" uuid,
	"answered_at" timestamp with time zone,
	"answer" text,
	"legal_ground" text,
	"escalation_id" uuid
);
--> statement-breakpoint
CREATE TABLE "mandate_entries" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"region_id" uuid NOT NULL,
	"life_domain" text NOT NULL,
	"partner_id" uuid NOT NULL,
	"decision_type" text NOT NULL,
	"description" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "plan_meetings" (
	"region_id" uuid NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	CONSTRAINT "plan_meetings_region_id_code_pk" PRIMARY KEY("region_id","code")
);
--> statement-breakpoint
CREATE TABLE "process_settings" (
	"region_id" uuid PRIMARY KEY NOT NULL,
	"meldpunt_name" text NOT NULL,
	"meldpunt_contact" text NOT NULL,
	"crisis_partner_id" uuid,
	"intake_coordinator_id" uuid,
	"positive_exit_percent" integer DEFAULT 80 NOT NULL,
	"aftercare_months" integer DEFAULT 6 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "screenings" (
	"family_id" uuid PRIMARY KEY NOT NULL,
	"region_id" uuid NOT NULL,
	"outcome" text NOT NULL,
	"meeting" text,
	"reasoning" text NOT NULL,
	"screened_by" uuid NOT NULL,
	"screened_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "families" ADD COLUMN "phase" text DEFAULT 'SCREENED' NOT NULL;--> statement-breakpoint
ALTER TABLE "plan_evaluations" ADD COLUMN "final" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "notifications" ADD COLUMN "dedupe_key" text;--> statement-breakpoint
ALTER TABLE "category_routes" ADD CONSTRAINT "category_routes_region_id_regions_id_fk" FOREIGN KEY ("region_id") REFERENCES "public"."regions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "category_routes" ADD CONSTRAINT "category_routes_process_lead_id_professionals_id_fk" FOREIGN KEY ("process_lead_id") REFERENCES "public"."professionals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "closures" ADD CONSTRAINT "closures_region_id_regions_id_fk" FOREIGN KEY ("region_id") REFERENCES "public"."regions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "closures" ADD CONSTRAINT "closures_family_id_families_id_fk" FOREIGN KEY ("family_id") REFERENCES "public"."families"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "closures" ADD CONSTRAINT "closures_closed_by_professionals_id_fk" FOREIGN KEY ("closed_by") REFERENCES "public"."professionals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "closures" ADD CONSTRAINT "closures_aftercare_keeper_id_professionals_id_fk" FOREIGN KEY ("aftercare_keeper_id") REFERENCES "public"."professionals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "closures" ADD CONSTRAINT "closures_handover_partner_id_partners_id_fk" FOREIGN KEY ("handover_partner_id") REFERENCES "public"."partners"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "closures" ADD CONSTRAINT "closures_handover_professional_id_professionals_id_fk" FOREIGN KEY ("handover_professional_id") REFERENCES "public"."professionals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "closures" ADD CONSTRAINT "closures_reopened_by_professionals_id_fk" FOREIGN KEY ("reopened_by") REFERENCES "public"."professionals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "concerns" ADD CONSTRAINT "concerns_region_id_regions_id_fk" FOREIGN KEY ("region_id") REFERENCES "public"."regions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "concerns" ADD CONSTRAINT "concerns_family_id_families_id_fk" FOREIGN KEY ("family_id") REFERENCES "public"."families"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "concerns" ADD CONSTRAINT "concerns_submitted_by_professionals_id_fk" FOREIGN KEY ("submitted_by") REFERENCES "public"."professionals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "concerns" ADD CONSTRAINT "concerns_partner_id_partners_id_fk" FOREIGN KEY ("partner_id") REFERENCES "public"."partners"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "concerns" ADD CONSTRAINT "concerns_routed_to_partner_id_partners_id_fk" FOREIGN KEY ("routed_to_partner_id") REFERENCES "public"."partners"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "concerns" ADD CONSTRAINT "concerns_routed_to_professional_id_professionals_id_fk" FOREIGN KEY ("routed_to_professional_id") REFERENCES "public"."professionals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "escalation_ladder" ADD CONSTRAINT "escalation_ladder_region_id_regions_id_fk" FOREIGN KEY ("region_id") REFERENCES "public"."regions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "escalation_steps" ADD CONSTRAINT "escalation_steps_region_id_regions_id_fk" FOREIGN KEY ("region_id") REFERENCES "public"."regions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "escalation_steps" ADD CONSTRAINT "escalation_steps_escalation_id_escalations_id_fk" FOREIGN KEY ("escalation_id") REFERENCES "public"."escalations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "escalation_steps" ADD CONSTRAINT "escalation_steps_decided_by_professionals_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."professionals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "escalations" ADD CONSTRAINT "escalations_region_id_regions_id_fk" FOREIGN KEY ("region_id") REFERENCES "public"."regions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "escalations" ADD CONSTRAINT "escalations_family_id_families_id_fk" FOREIGN KEY ("family_id") REFERENCES "public"."families"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "escalations" ADD CONSTRAINT "escalations_raised_by_professionals_id_fk" FOREIGN KEY ("raised_by") REFERENCES "public"."professionals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "family_phases" ADD CONSTRAINT "family_phases_region_id_regions_id_fk" FOREIGN KEY ("region_id") REFERENCES "public"."regions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "family_phases" ADD CONSTRAINT "family_phases_family_id_families_id_fk" FOREIGN KEY ("family_id") REFERENCES "public"."families"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "family_phases" ADD CONSTRAINT "family_phases_set_by_professionals_id_fk" FOREIGN KEY ("set_by") REFERENCES "public"."professionals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mandate_advices" ADD CONSTRAINT "mandate_advices_region_id_regions_id_fk" FOREIGN KEY ("region_id") REFERENCES "public"."regions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mandate_advices" ADD CONSTRAINT "mandate_advices_family_id_families_id_fk" FOREIGN KEY ("family_id") REFERENCES "public"."families"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mandate_advices" ADD CONSTRAINT "mandate_advices_partner_id_partners_id_fk" FOREIGN KEY ("partner_id") REFERENCES "public"."partners"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mandate_advices" ADD CONSTRAINT "mandate_advices_issued_by_professionals_id_fk" FOREIGN KEY ("issued_by") REFERENCES "public"."professionals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mandate_advices" ADD CONSTRAINT "mandate_advices_answered_by_professionals_id_fk" FOREIGN KEY ("answered_by") REFERENCES "public"."professionals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mandate_advices" ADD CONSTRAINT "mandate_advices_escalation_id_escalations_id_fk" FOREIGN KEY ("escalation_id") REFERENCES "public"."escalations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mandate_entries" ADD CONSTRAINT "mandate_entries_region_id_regions_id_fk" FOREIGN KEY ("region_id") REFERENCES "public"."regions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mandate_entries" ADD CONSTRAINT "mandate_entries_partner_id_partners_id_fk" FOREIGN KEY ("partner_id") REFERENCES "public"."partners"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_meetings" ADD CONSTRAINT "plan_meetings_region_id_regions_id_fk" FOREIGN KEY ("region_id") REFERENCES "public"."regions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "process_settings" ADD CONSTRAINT "process_settings_region_id_regions_id_fk" FOREIGN KEY ("region_id") REFERENCES "public"."regions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "process_settings" ADD CONSTRAINT "process_settings_crisis_partner_id_partners_id_fk" FOREIGN KEY ("crisis_partner_id") REFERENCES "public"."partners"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "process_settings" ADD CONSTRAINT "process_settings_intake_coordinator_id_professionals_id_fk" FOREIGN KEY ("intake_coordinator_id") REFERENCES "public"."professionals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "screenings" ADD CONSTRAINT "screenings_family_id_families_id_fk" FOREIGN KEY ("family_id") REFERENCES "public"."families"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "screenings" ADD CONSTRAINT "screenings_region_id_regions_id_fk" FOREIGN KEY ("region_id") REFERENCES "public"."regions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "screenings" ADD CONSTRAINT "screenings_screened_by_professionals_id_fk" FOREIGN KEY ("screened_by") REFERENCES "public"."professionals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "closures_family" ON "closures" USING btree ("family_id","closed_at");--> statement-breakpoint
CREATE INDEX "concerns_family" ON "concerns" USING btree ("family_id");--> statement-breakpoint
CREATE INDEX "concerns_submitter" ON "concerns" USING btree ("submitted_by");--> statement-breakpoint
CREATE UNIQUE INDEX "escalation_steps_step" ON "escalation_steps" USING btree ("escalation_id","step");--> statement-breakpoint
CREATE INDEX "escalations_family" ON "escalations" USING btree ("family_id");--> statement-breakpoint
CREATE INDEX "escalations_open" ON "escalations" USING btree ("region_id","status");--> statement-breakpoint
CREATE INDEX "family_phases_family" ON "family_phases" USING btree ("family_id","since");--> statement-breakpoint
CREATE INDEX "mandate_advices_family" ON "mandate_advices" USING btree ("family_id");--> statement-breakpoint
CREATE INDEX "mandate_advices_partner" ON "mandate_advices" USING btree ("partner_id","status");--> statement-breakpoint
CREATE UNIQUE INDEX "mandate_entries_key" ON "mandate_entries" USING btree ("region_id","life_domain","partner_id","decision_type");--> statement-breakpoint
CREATE UNIQUE INDEX "notifications_dedupe" ON "notifications" USING btree ("recipient_id","dedupe_key");