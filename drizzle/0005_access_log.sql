CREATE TABLE "access_log" (
	"seq" bigint PRIMARY KEY NOT NULL,
	"occurred_at" timestamp with time zone NOT NULL,
	"request_id" text,
	"region_id" uuid,
	"actor_kind" text NOT NULL,
	"actor_id" uuid,
	"partner_id" uuid,
	"roles" text[] NOT NULL,
	"action" text NOT NULL,
	"operation" text,
	"family_id" uuid,
	"person_ids" uuid[] NOT NULL,
	"subject_digest" text,
	"data" text[] NOT NULL,
	"basis" jsonb NOT NULL,
	"emergency" boolean NOT NULL,
	"prev_hash" text NOT NULL,
	"hash" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "access_log_key" (
	"id" bigint PRIMARY KEY NOT NULL,
	"key" text NOT NULL
);
--> statement-breakpoint
CREATE INDEX "access_log_family" ON "access_log" USING btree ("family_id","seq");--> statement-breakpoint
CREATE INDEX "access_log_subject" ON "access_log" USING btree ("subject_digest");--> statement-breakpoint
CREATE INDEX "access_log_actor" ON "access_log" USING btree ("actor_id","seq");--> statement-breakpoint
-- Append-only, for every role: the server's own included (also a superuser, short of dropping the trigger).
CREATE FUNCTION access_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'the access log is append-only: % is refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER access_log_no_update BEFORE UPDATE OR DELETE ON "access_log" FOR EACH ROW EXECUTE FUNCTION access_log_append_only();
--> statement-breakpoint
CREATE TRIGGER access_log_no_truncate BEFORE TRUNCATE ON "access_log" FOR EACH STATEMENT EXECUTE FUNCTION access_log_append_only();
--> statement-breakpoint
CREATE TRIGGER access_log_key_no_update BEFORE UPDATE OR DELETE ON "access_log_key" FOR EACH ROW EXECUTE FUNCTION access_log_append_only();
--> statement-breakpoint
CREATE TRIGGER access_log_key_no_truncate BEFORE TRUNCATE ON "access_log_key" FOR EACH STATEMENT EXECUTE FUNCTION access_log_append_only();
--> statement-breakpoint
REVOKE UPDATE, DELETE, TRUNCATE ON "access_log", "access_log_key" FROM PUBLIC;
--> statement-breakpoint
-- 244 random bits from the server's strong random source.
INSERT INTO "access_log_key" ("id", "key") VALUES (1, replace(gen_random_uuid()::text || gen_random_uuid()::text, '-', ''));
