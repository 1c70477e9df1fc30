-- Waiting for help (issue 16 §7): when a task's help was asked for and when it started; a per-region norm.
ALTER TABLE "plan_tasks" ADD COLUMN "asked_on" date;
--> statement-breakpoint
ALTER TABLE "plan_tasks" ADD COLUMN "started_on" date;
--> statement-breakpoint
-- Tasks made before: asked for the day they were given; started, if under way, the day the partner answered.
UPDATE "plan_tasks" SET "asked_on" = ("created_at" AT TIME ZONE 'Europe/Amsterdam')::date;
--> statement-breakpoint
UPDATE "plan_tasks" SET "started_on" = (coalesce("responded_at", "updated_at") AT TIME ZONE 'Europe/Amsterdam')::date WHERE "status" IN ('IN_PROGRESS', 'DONE');
--> statement-breakpoint
ALTER TABLE "process_settings" ADD COLUMN "waiting_norm_days" integer DEFAULT 28 NOT NULL;
