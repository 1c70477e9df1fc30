-- The live inbox's bus (docs/decisions/0018): PostgreSQL itself tells every server process of a
-- new notification and of a deactivated account. A NOTIFY is sent on commit only, and every
-- listener on the database may read it: so it carries ids, never a name, a reason or plan content.
CREATE FUNCTION live_notification_added() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('notification_added', json_build_object('id', NEW.id, 'recipientId', NEW.recipient_id)::text);
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER notifications_live AFTER INSERT ON notifications FOR EACH ROW EXECUTE FUNCTION live_notification_added();
--> statement-breakpoint
-- A reference-index match lands in the same inbox, kept with its signals.
CREATE TRIGGER match_notifications_live AFTER INSERT ON match_notifications FOR EACH ROW EXECUTE FUNCTION live_notification_added();
--> statement-breakpoint
CREATE FUNCTION live_caller_deactivated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_TABLE_NAME = 'professionals' THEN
    PERFORM pg_notify('caller_deactivated', json_build_object('professionalId', NEW.id)::text);
  ELSE
    PERFORM pg_notify('caller_deactivated', json_build_object('accountId', NEW.id)::text);
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER professionals_deactivated AFTER UPDATE OF active ON professionals FOR EACH ROW
  WHEN (OLD.active AND NOT NEW.active) EXECUTE FUNCTION live_caller_deactivated();
--> statement-breakpoint
CREATE TRIGGER client_accounts_deactivated AFTER UPDATE OF active ON client_accounts FOR EACH ROW
  WHEN (OLD.active AND NOT NEW.active) EXECUTE FUNCTION live_caller_deactivated();
