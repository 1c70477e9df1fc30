-- The access log without a lock on the request path (decision 0011): a request inserts its
-- entries in one statement; the sequencer gives them their place in the chain afterwards.
-- Entries written before this keep their place: their id is their seq.
ALTER TABLE "access_log" DROP CONSTRAINT "access_log_pkey";--> statement-breakpoint
ALTER TABLE "access_log" ALTER COLUMN "seq" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "access_log" ALTER COLUMN "prev_hash" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "access_log" ALTER COLUMN "hash" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "access_log" ADD COLUMN "id" bigint;--> statement-breakpoint
ALTER TABLE "access_log" DISABLE TRIGGER "access_log_no_update";--> statement-breakpoint
UPDATE "access_log" SET "id" = "seq";--> statement-breakpoint
ALTER TABLE "access_log" ENABLE TRIGGER "access_log_no_update";--> statement-breakpoint
ALTER TABLE "access_log" ALTER COLUMN "id" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "access_log" ALTER COLUMN "id" ADD GENERATED ALWAYS AS IDENTITY (sequence name "access_log_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1);--> statement-breakpoint
SELECT setval('access_log_id_seq', coalesce((SELECT max("id") FROM "access_log"), 0) + 1, false);--> statement-breakpoint
ALTER TABLE "access_log" ADD PRIMARY KEY ("id");--> statement-breakpoint
DROP INDEX "access_log_family";--> statement-breakpoint
DROP INDEX "access_log_actor";--> statement-breakpoint
CREATE UNIQUE INDEX "access_log_seq" ON "access_log" USING btree ("seq");--> statement-breakpoint
CREATE INDEX "access_log_unsealed" ON "access_log" USING btree ("id") WHERE "access_log"."seq" is null;--> statement-breakpoint
CREATE INDEX "access_log_family" ON "access_log" USING btree ("family_id","id");--> statement-breakpoint
CREATE INDEX "access_log_actor" ON "access_log" USING btree ("actor_id","id");--> statement-breakpoint
ALTER TABLE "access_log" ADD CONSTRAINT "access_log_sealed_whole" CHECK (("access_log"."seq" is null) = ("access_log"."hash" is null) and ("access_log"."hash" is null) = ("access_log"."prev_hash" is null));--> statement-breakpoint
-- Append-only, for every role, but for one update: the sequencer's seal, once, of an entry's
-- place in the chain (seq and the two hashes), leaving everything the entry says as it was.
-- A column added to access_log later must be added to both rows compared here.
CREATE FUNCTION access_log_seal_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND OLD.seq IS NULL AND NEW.seq IS NOT NULL
     AND ROW(NEW.id, NEW.occurred_at, NEW.request_id, NEW.region_id, NEW.actor_kind, NEW.actor_id, NEW.partner_id, NEW.roles,
             NEW.action, NEW.operation, NEW.family_id, NEW.person_ids, NEW.subject_digest, NEW.data, NEW.basis, NEW.emergency)
         IS NOT DISTINCT FROM
         ROW(OLD.id, OLD.occurred_at, OLD.request_id, OLD.region_id, OLD.actor_kind, OLD.actor_id, OLD.partner_id, OLD.roles,
             OLD.action, OLD.operation, OLD.family_id, OLD.person_ids, OLD.subject_digest, OLD.data, OLD.basis, OLD.emergency)
  THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'the access log is append-only: % is refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;--> statement-breakpoint
DROP TRIGGER "access_log_no_update" ON "access_log";--> statement-breakpoint
CREATE TRIGGER "access_log_no_update" BEFORE UPDATE OR DELETE ON "access_log" FOR EACH ROW EXECUTE FUNCTION access_log_seal_only();
