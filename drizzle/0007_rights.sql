CREATE TABLE "client_accounts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"region_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"email" text NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"created_by" uuid
);
--> statement-breakpoint
CREATE TABLE "rights_requests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"region_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"family_id" uuid,
	"kind" text NOT NULL,
	"signal_id" uuid,
	"signal_partner_id" uuid,
	"description" text,
	"filed_by_account" uuid,
	"filed_by_professional" uuid,
	"filed_at" timestamp with time zone NOT NULL,
	"status" text DEFAULT 'OPEN' NOT NULL,
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	"reason" text
);
--> statement-breakpoint
CREATE TABLE "rights_settings" (
	"region_id" uuid PRIMARY KEY NOT NULL,
	"self_access_age" integer DEFAULT 16 NOT NULL,
	"on_behalf" text[] DEFAULT '{REGISSEUR,PROCESS_LEAD}'::text[] NOT NULL
);
--> statement-breakpoint
ALTER TABLE "client_accounts" ADD CONSTRAINT "client_accounts_region_id_regions_id_fk" FOREIGN KEY ("region_id") REFERENCES "public"."regions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "client_accounts" ADD CONSTRAINT "client_accounts_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."persons"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "client_accounts" ADD CONSTRAINT "client_accounts_created_by_professionals_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."professionals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rights_requests" ADD CONSTRAINT "rights_requests_region_id_regions_id_fk" FOREIGN KEY ("region_id") REFERENCES "public"."regions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rights_requests" ADD CONSTRAINT "rights_requests_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."persons"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rights_requests" ADD CONSTRAINT "rights_requests_family_id_families_id_fk" FOREIGN KEY ("family_id") REFERENCES "public"."families"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rights_requests" ADD CONSTRAINT "rights_requests_signal_partner_id_partners_id_fk" FOREIGN KEY ("signal_partner_id") REFERENCES "public"."partners"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rights_requests" ADD CONSTRAINT "rights_requests_filed_by_account_client_accounts_id_fk" FOREIGN KEY ("filed_by_account") REFERENCES "public"."client_accounts"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rights_requests" ADD CONSTRAINT "rights_requests_filed_by_professional_professionals_id_fk" FOREIGN KEY ("filed_by_professional") REFERENCES "public"."professionals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rights_requests" ADD CONSTRAINT "rights_requests_decided_by_professionals_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."professionals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rights_settings" ADD CONSTRAINT "rights_settings_region_id_regions_id_fk" FOREIGN KEY ("region_id") REFERENCES "public"."regions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "client_accounts_email" ON "client_accounts" USING btree ("email");--> statement-breakpoint
CREATE INDEX "client_accounts_person" ON "client_accounts" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "rights_requests_person" ON "rights_requests" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "rights_requests_family" ON "rights_requests" USING btree ("family_id");--> statement-breakpoint
CREATE INDEX "rights_requests_signal_partner" ON "rights_requests" USING btree ("signal_partner_id","status");