-- Row-level security: the database's own fence under the API's (docs/decisions/0015).
-- A request runs in a transaction as the role one_family_app, which owns no table, with its
-- caller in transaction-local settings (app.region_id, app.partner_id, app.professional_id,
-- app.person_id); see src/server/request-transaction.ts and src/auth/enter.ts. Migrations and the background jobs run as the owner.
-- Roles belong to the whole server: another database on it may have made it already, even now.
DO $$ BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'one_family_app') THEN
    CREATE ROLE one_family_app NOLOGIN NOSUPERUSER NOBYPASSRLS;
  END IF;
EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
END $$;
--> statement-breakpoint
-- The owner switches to it per request (SET LOCAL ROLE), which a superuser may anyway.
DO $$ BEGIN
  IF NOT (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) THEN
    EXECUTE format('GRANT one_family_app TO %I', current_user);
  END IF;
END $$;
--> statement-breakpoint
GRANT USAGE ON SCHEMA public TO one_family_app;
--> statement-breakpoint
CREATE FUNCTION app_region() RETURNS uuid LANGUAGE sql STABLE AS $$ SELECT nullif(current_setting('app.region_id', true), '')::uuid $$;
--> statement-breakpoint
CREATE FUNCTION app_partner() RETURNS uuid LANGUAGE sql STABLE AS $$ SELECT nullif(current_setting('app.partner_id', true), '')::uuid $$;
--> statement-breakpoint
CREATE FUNCTION app_professional() RETURNS uuid LANGUAGE sql STABLE AS $$ SELECT nullif(current_setting('app.professional_id', true), '')::uuid $$;
--> statement-breakpoint
CREATE FUNCTION app_person() RETURNS uuid LANGUAGE sql STABLE AS $$ SELECT nullif(current_setting('app.person_id', true), '')::uuid $$;
--> statement-breakpoint
-- A client's household: every family a register row with the client's BSN belongs to (in any
-- household of the region), and the persons of those families. Definer: read past the fences
-- they serve, which would otherwise recurse.
CREATE FUNCTION app_client_families() RETURNS SETOF uuid LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT DISTINCT m.family_id FROM persons me
    JOIN persons p ON p.region_id = me.region_id AND p.bsn = me.bsn
    JOIN family_memberships m ON m.person_id = p.id
  WHERE me.id = app_person() AND me.region_id = app_region()
$$;
--> statement-breakpoint
CREATE FUNCTION app_client_persons() RETURNS SETOF uuid LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT m.person_id FROM family_memberships m WHERE m.family_id IN (SELECT app_client_families())
  UNION SELECT app_person() WHERE app_person() IS NOT NULL
$$;
--> statement-breakpoint
CREATE FUNCTION app_client_bsns() RETURNS SETOF text LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT DISTINCT p.bsn FROM persons p WHERE p.id IN (SELECT app_client_persons())
$$;
--> statement-breakpoint
CREATE FUNCTION app_client_digests() RETURNS SETOF text LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT encode(sha256(convert_to(k.key || ':' || app_region()::text || ':' || b.bsn, 'UTF8')), 'hex')
  FROM access_log_key k, app_client_bsns() b(bsn) WHERE k.id = 1
$$;
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON "category_routes", "client_accounts", "closed_family_outlines", "closures", "concern_members", "concerns", "consents", "covenant_versions", "emergency_accesses", "escalation_ladder", "escalation_steps", "escalations", "families", "family_categories", "family_memberships", "family_phases", "legal_grounds", "life_domains", "mandate_advices", "mandate_entries", "match_notifications", "notifications", "partners", "persons", "plan_agreements", "plan_analyses", "plan_coach_notes", "plan_evaluations", "plan_goals", "plan_meetings", "plan_milestones", "plan_revisions", "plan_tasks", "plans", "process_settings", "professionals", "regie_assignments", "rights_requests", "rights_settings", "screenings", "signals", "covenant_rules", "covenant_signatories" TO one_family_app;
--> statement-breakpoint
-- A request reads and sets (its retention term) its own region only, and never adds or removes one.
GRANT SELECT, UPDATE ON "regions" TO one_family_app;
--> statement-breakpoint
ALTER TABLE "regions" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "own_region" ON "regions" USING (id = app_region());
--> statement-breakpoint
GRANT SELECT, INSERT ON "access_log" TO one_family_app;
--> statement-breakpoint
GRANT SELECT ON "access_log_key" TO one_family_app;
--> statement-breakpoint
GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO one_family_app;
--> statement-breakpoint
ALTER TABLE "category_routes" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "own_region" ON "category_routes" USING (region_id = app_region()) WITH CHECK (region_id = app_region());
--> statement-breakpoint
ALTER TABLE "client_accounts" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "own_region" ON "client_accounts" USING (region_id = app_region()) WITH CHECK (region_id = app_region());
--> statement-breakpoint
ALTER TABLE "closed_family_outlines" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "own_region" ON "closed_family_outlines" USING (region_id = app_region()) WITH CHECK (region_id = app_region());
--> statement-breakpoint
ALTER TABLE "closures" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "own_region" ON "closures" USING (region_id = app_region()) WITH CHECK (region_id = app_region());
--> statement-breakpoint
ALTER TABLE "concern_members" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "own_region" ON "concern_members" USING (region_id = app_region()) WITH CHECK (region_id = app_region());
--> statement-breakpoint
ALTER TABLE "concerns" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "own_region" ON "concerns" USING (region_id = app_region()) WITH CHECK (region_id = app_region());
--> statement-breakpoint
ALTER TABLE "consents" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "own_region" ON "consents" USING (region_id = app_region()) WITH CHECK (region_id = app_region());
--> statement-breakpoint
ALTER TABLE "covenant_versions" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "own_region" ON "covenant_versions" USING (region_id = app_region()) WITH CHECK (region_id = app_region());
--> statement-breakpoint
ALTER TABLE "emergency_accesses" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "own_region" ON "emergency_accesses" USING (region_id = app_region()) WITH CHECK (region_id = app_region());
--> statement-breakpoint
ALTER TABLE "escalation_ladder" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "own_region" ON "escalation_ladder" USING (region_id = app_region()) WITH CHECK (region_id = app_region());
--> statement-breakpoint
ALTER TABLE "escalation_steps" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "own_region" ON "escalation_steps" USING (region_id = app_region()) WITH CHECK (region_id = app_region());
--> statement-breakpoint
ALTER TABLE "escalations" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "own_region" ON "escalations" USING (region_id = app_region()) WITH CHECK (region_id = app_region());
--> statement-breakpoint
ALTER TABLE "families" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "own_region" ON "families" USING (region_id = app_region()) WITH CHECK (region_id = app_region());
--> statement-breakpoint
ALTER TABLE "family_categories" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "own_region" ON "family_categories" USING (region_id = app_region()) WITH CHECK (region_id = app_region());
--> statement-breakpoint
ALTER TABLE "family_memberships" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "own_region" ON "family_memberships" USING (region_id = app_region()) WITH CHECK (region_id = app_region());
--> statement-breakpoint
ALTER TABLE "family_phases" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "own_region" ON "family_phases" USING (region_id = app_region()) WITH CHECK (region_id = app_region());
--> statement-breakpoint
ALTER TABLE "legal_grounds" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "own_region" ON "legal_grounds" USING (region_id = app_region()) WITH CHECK (region_id = app_region());
--> statement-breakpoint
ALTER TABLE "life_domains" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "own_region" ON "life_domains" USING (region_id = app_region()) WITH CHECK (region_id = app_region());
--> statement-breakpoint
ALTER TABLE "mandate_advices" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "own_region" ON "mandate_advices" USING (region_id = app_region()) WITH CHECK (region_id = app_region());
--> statement-breakpoint
ALTER TABLE "mandate_entries" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "own_region" ON "mandate_entries" USING (region_id = app_region()) WITH CHECK (region_id = app_region());
--> statement-breakpoint
ALTER TABLE "match_notifications" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "own_region" ON "match_notifications" USING (region_id = app_region()) WITH CHECK (region_id = app_region());
--> statement-breakpoint
ALTER TABLE "notifications" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "own_region" ON "notifications" USING (region_id = app_region()) WITH CHECK (region_id = app_region());
--> statement-breakpoint
ALTER TABLE "partners" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "own_region" ON "partners" USING (region_id = app_region()) WITH CHECK (region_id = app_region());
--> statement-breakpoint
ALTER TABLE "persons" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "own_region" ON "persons" USING (region_id = app_region()) WITH CHECK (region_id = app_region());
--> statement-breakpoint
ALTER TABLE "plan_agreements" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "own_region" ON "plan_agreements" USING (region_id = app_region()) WITH CHECK (region_id = app_region());
--> statement-breakpoint
ALTER TABLE "plan_analyses" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "own_region" ON "plan_analyses" USING (region_id = app_region()) WITH CHECK (region_id = app_region());
--> statement-breakpoint
ALTER TABLE "plan_coach_notes" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "own_region" ON "plan_coach_notes" USING (region_id = app_region()) WITH CHECK (region_id = app_region());
--> statement-breakpoint
ALTER TABLE "plan_evaluations" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "own_region" ON "plan_evaluations" USING (region_id = app_region()) WITH CHECK (region_id = app_region());
--> statement-breakpoint
ALTER TABLE "plan_goals" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "own_region" ON "plan_goals" USING (region_id = app_region()) WITH CHECK (region_id = app_region());
--> statement-breakpoint
ALTER TABLE "plan_meetings" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "own_region" ON "plan_meetings" USING (region_id = app_region()) WITH CHECK (region_id = app_region());
--> statement-breakpoint
ALTER TABLE "plan_milestones" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "own_region" ON "plan_milestones" USING (region_id = app_region()) WITH CHECK (region_id = app_region());
--> statement-breakpoint
ALTER TABLE "plan_revisions" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "own_region" ON "plan_revisions" USING (region_id = app_region()) WITH CHECK (region_id = app_region());
--> statement-breakpoint
ALTER TABLE "plan_tasks" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "own_region" ON "plan_tasks" USING (region_id = app_region()) WITH CHECK (region_id = app_region());
--> statement-breakpoint
ALTER TABLE "plans" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "own_region" ON "plans" USING (region_id = app_region()) WITH CHECK (region_id = app_region());
--> statement-breakpoint
ALTER TABLE "process_settings" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "own_region" ON "process_settings" USING (region_id = app_region()) WITH CHECK (region_id = app_region());
--> statement-breakpoint
ALTER TABLE "professionals" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "own_region" ON "professionals" USING (region_id = app_region()) WITH CHECK (region_id = app_region());
--> statement-breakpoint
ALTER TABLE "regie_assignments" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "own_region" ON "regie_assignments" USING (region_id = app_region()) WITH CHECK (region_id = app_region());
--> statement-breakpoint
ALTER TABLE "rights_requests" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "own_region" ON "rights_requests" USING (region_id = app_region()) WITH CHECK (region_id = app_region());
--> statement-breakpoint
ALTER TABLE "rights_settings" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "own_region" ON "rights_settings" USING (region_id = app_region()) WITH CHECK (region_id = app_region());
--> statement-breakpoint
ALTER TABLE "screenings" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "own_region" ON "screenings" USING (region_id = app_region()) WITH CHECK (region_id = app_region());
--> statement-breakpoint
ALTER TABLE "signals" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "own_region" ON "signals" USING (region_id = app_region()) WITH CHECK (region_id = app_region());
--> statement-breakpoint
ALTER TABLE "access_log" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "own_region" ON "access_log" USING (region_id = app_region()) WITH CHECK (region_id = app_region());
--> statement-breakpoint
CREATE POLICY "client_household" ON "closures" AS RESTRICTIVE USING (app_person() IS NULL OR family_id IN (SELECT app_client_families()));
--> statement-breakpoint
CREATE POLICY "client_household" ON "concerns" AS RESTRICTIVE USING (app_person() IS NULL OR family_id IN (SELECT app_client_families()));
--> statement-breakpoint
CREATE POLICY "client_household" ON "consents" AS RESTRICTIVE USING (app_person() IS NULL OR family_id IN (SELECT app_client_families()));
--> statement-breakpoint
CREATE POLICY "client_household" ON "emergency_accesses" AS RESTRICTIVE USING (app_person() IS NULL OR family_id IN (SELECT app_client_families()));
--> statement-breakpoint
CREATE POLICY "client_household" ON "escalations" AS RESTRICTIVE USING (app_person() IS NULL OR family_id IN (SELECT app_client_families()));
--> statement-breakpoint
CREATE POLICY "client_household" ON "family_categories" AS RESTRICTIVE USING (app_person() IS NULL OR family_id IN (SELECT app_client_families()));
--> statement-breakpoint
CREATE POLICY "client_household" ON "family_memberships" AS RESTRICTIVE USING (app_person() IS NULL OR family_id IN (SELECT app_client_families()));
--> statement-breakpoint
CREATE POLICY "client_household" ON "family_phases" AS RESTRICTIVE USING (app_person() IS NULL OR family_id IN (SELECT app_client_families()));
--> statement-breakpoint
CREATE POLICY "client_household" ON "legal_grounds" AS RESTRICTIVE USING (app_person() IS NULL OR family_id IN (SELECT app_client_families()));
--> statement-breakpoint
CREATE POLICY "client_household" ON "mandate_advices" AS RESTRICTIVE USING (app_person() IS NULL OR family_id IN (SELECT app_client_families()));
--> statement-breakpoint
-- A client's request may notify professionals of something outside a family (a signal).
CREATE POLICY "client_household" ON "notifications" AS RESTRICTIVE USING (app_person() IS NULL OR family_id IN (SELECT app_client_families()))
  WITH CHECK (app_person() IS NULL OR family_id IS NULL OR family_id IN (SELECT app_client_families()));
--> statement-breakpoint
CREATE POLICY "client_household" ON "plan_agreements" AS RESTRICTIVE USING (app_person() IS NULL OR family_id IN (SELECT app_client_families()));
--> statement-breakpoint
CREATE POLICY "client_household" ON "plan_analyses" AS RESTRICTIVE USING (app_person() IS NULL OR family_id IN (SELECT app_client_families()));
--> statement-breakpoint
CREATE POLICY "client_household" ON "plan_coach_notes" AS RESTRICTIVE USING (app_person() IS NULL OR family_id IN (SELECT app_client_families()));
--> statement-breakpoint
CREATE POLICY "client_household" ON "plan_evaluations" AS RESTRICTIVE USING (app_person() IS NULL OR family_id IN (SELECT app_client_families()));
--> statement-breakpoint
CREATE POLICY "client_household" ON "plan_goals" AS RESTRICTIVE USING (app_person() IS NULL OR family_id IN (SELECT app_client_families()));
--> statement-breakpoint
CREATE POLICY "client_household" ON "plan_milestones" AS RESTRICTIVE USING (app_person() IS NULL OR family_id IN (SELECT app_client_families()));
--> statement-breakpoint
CREATE POLICY "client_household" ON "plan_revisions" AS RESTRICTIVE USING (app_person() IS NULL OR family_id IN (SELECT app_client_families()));
--> statement-breakpoint
CREATE POLICY "client_household" ON "plan_tasks" AS RESTRICTIVE USING (app_person() IS NULL OR family_id IN (SELECT app_client_families()));
--> statement-breakpoint
CREATE POLICY "client_household" ON "plans" AS RESTRICTIVE USING (app_person() IS NULL OR family_id IN (SELECT app_client_families()));
--> statement-breakpoint
CREATE POLICY "client_household" ON "regie_assignments" AS RESTRICTIVE USING (app_person() IS NULL OR family_id IN (SELECT app_client_families()));
--> statement-breakpoint
CREATE POLICY "client_household" ON "screenings" AS RESTRICTIVE USING (app_person() IS NULL OR family_id IN (SELECT app_client_families()));
--> statement-breakpoint
CREATE POLICY "client_household" ON "rights_requests" AS RESTRICTIVE USING (
  app_person() IS NULL OR family_id IN (SELECT app_client_families()) OR person_id IN (SELECT app_client_persons())
);
--> statement-breakpoint
CREATE POLICY "client_household" ON "families" AS RESTRICTIVE USING (app_person() IS NULL OR id IN (SELECT app_client_families()));
--> statement-breakpoint
CREATE POLICY "client_household" ON "persons" AS RESTRICTIVE USING (app_person() IS NULL OR id IN (SELECT app_client_persons()));
--> statement-breakpoint
CREATE POLICY "client_household" ON "client_accounts" AS RESTRICTIVE USING (app_person() IS NULL OR person_id IN (SELECT app_client_persons()));
--> statement-breakpoint
CREATE POLICY "client_household" ON "concern_members" AS RESTRICTIVE USING (app_person() IS NULL OR bsn IN (SELECT app_client_bsns()));
--> statement-breakpoint
CREATE POLICY "client_household" ON "escalation_steps" AS RESTRICTIVE USING (app_person() IS NULL OR escalation_id IN (SELECT id FROM escalations));
--> statement-breakpoint
CREATE POLICY "no_client" ON "match_notifications" AS RESTRICTIVE USING (app_person() IS NULL);
--> statement-breakpoint
CREATE POLICY "no_client" ON "closed_family_outlines" AS RESTRICTIVE USING (app_person() IS NULL);
--> statement-breakpoint
-- Another organisation's signals are not selectable: only the functions below answer about
-- them, each by its rule. A client sees the signals on their household.
CREATE POLICY "own_partner_or_household" ON "signals" AS RESTRICTIVE USING (
  (app_professional() IS NOT NULL AND partner_id = app_partner())
  OR (app_person() IS NOT NULL AND bsn IN (SELECT app_client_bsns()))
);
--> statement-breakpoint
CREATE POLICY "client_household" ON "access_log" AS RESTRICTIVE USING (
  app_person() IS NULL
  OR family_id IN (SELECT app_client_families())
  OR person_ids && array(SELECT app_client_persons())
  OR subject_digest IN (SELECT app_client_digests())
);
--> statement-breakpoint
ALTER TABLE "covenant_rules" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "own_region" ON "covenant_rules" USING (version_id IN (SELECT id FROM covenant_versions));
--> statement-breakpoint
ALTER TABLE "covenant_signatories" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "own_region" ON "covenant_signatories" USING (version_id IN (SELECT id FROM covenant_versions));
--> statement-breakpoint
-- whoIsInvolved: the other organisations' active signals on the person, to an organisation with
-- its own active signal on them; nothing otherwise.
CREATE FUNCTION ri_who_is_involved(p_bsn text, p_day date) RETURNS SETOF signals
-- plpgsql, not sql: its plan is kept per connection (the lookup is the hottest statement).
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public AS $$
BEGIN
  RETURN QUERY SELECT s.* FROM signals s
  WHERE s.region_id = app_region() AND s.bsn = p_bsn AND s.partner_id <> app_partner()
    AND s.withdrawn_at IS NULL AND s.active_until > p_day
    AND EXISTS (
      SELECT 1 FROM signals own
      WHERE own.region_id = app_region() AND own.bsn = p_bsn AND own.partner_id = app_partner()
        AND own.withdrawn_at IS NULL AND own.active_until > p_day);
END $$;
--> statement-breakpoint
-- The matches of the caller's own new signal: other organisations' active signals on the same
-- person (PERSON_MATCH) and on children who share a current parent with them (FAMILY_MATCH).
CREATE FUNCTION ri_match_candidates(p_signal uuid, p_day date) RETURNS TABLE (id uuid, professional_id uuid, bsn text, kind text)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  WITH created AS (
    SELECT s.* FROM signals s
    WHERE s.id = p_signal AND s.region_id = app_region() AND s.professional_id = app_professional()
  ),
  current_memberships AS (
    SELECT m.* FROM family_memberships m
    WHERE m.region_id = app_region() AND m.valid_from <= p_day AND (m.valid_to IS NULL OR m.valid_to >= p_day)
  ),
  siblings AS (
    SELECT DISTINCT sibling.bsn FROM created c
      JOIN persons child ON child.region_id = c.region_id AND child.bsn = c.bsn
      JOIN current_memberships cm ON cm.person_id = child.id AND cm.relation = 'CHILD'
      JOIN current_memberships pm ON pm.family_id = cm.family_id AND pm.relation = 'PARENT'
      JOIN persons parent ON parent.id = pm.person_id
      JOIN persons parent_again ON parent_again.region_id = parent.region_id AND parent_again.bsn = parent.bsn
      JOIN current_memberships pe ON pe.person_id = parent_again.id AND pe.relation = 'PARENT'
      JOIN current_memberships sm ON sm.family_id = pe.family_id AND sm.relation = 'CHILD'
      JOIN persons sibling ON sibling.id = sm.person_id AND sibling.bsn <> child.bsn
  )
  SELECT s.id, s.professional_id, s.bsn, 'PERSON_MATCH' FROM created c
    JOIN signals s ON s.region_id = c.region_id AND s.bsn = c.bsn AND s.partner_id <> c.partner_id
      AND s.withdrawn_at IS NULL AND s.active_until > p_day
  UNION ALL
  SELECT DISTINCT s.id, s.professional_id, s.bsn, 'FAMILY_MATCH' FROM created c
    JOIN siblings sb ON true
    JOIN signals s ON s.region_id = c.region_id AND s.bsn = sb.bsn AND s.partner_id <> c.partner_id
      AND s.withdrawn_at IS NULL AND s.active_until > p_day
$$;
--> statement-breakpoint
-- The other side of the caller's match notifications: the signal each one names.
CREATE FUNCTION ri_matched_signals() RETURNS SETOF signals
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT s.* FROM signals s
  WHERE s.region_id = app_region()
    AND s.id IN (SELECT n.other_signal_id FROM match_notifications n WHERE n.region_id = app_region() AND n.recipient_id = app_professional())
$$;
--> statement-breakpoint
-- Every organisation's active signals on the current members of these families of the
-- caller's region: the family's involvements. The covenant (in the API) decides who may ask.
CREATE FUNCTION ri_family_signals(p_families uuid[], p_day date) RETURNS SETOF signals
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT s.* FROM signals s
  WHERE app_professional() IS NOT NULL AND s.region_id = app_region()
    AND s.withdrawn_at IS NULL AND s.active_until > p_day
    AND s.bsn IN (
      SELECT p.bsn FROM family_memberships m JOIN persons p ON p.id = m.person_id
      WHERE m.region_id = app_region() AND m.family_id = ANY (p_families)
        AND m.valid_from <= p_day AND (m.valid_to IS NULL OR m.valid_to >= p_day))
$$;
--> statement-breakpoint
-- Which of these families of the caller's region the organisation is involved with through the
-- reference index (an active signal on a current member): what the covenant decides from, for
-- the caller's organisation or another's (a keeper named for aftercare).
CREATE FUNCTION ri_involved_families(p_partner uuid, p_families uuid[], p_day date) RETURNS SETOF uuid
-- plpgsql, not sql: its plan is kept per connection (every family's entitlement asks it).
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public AS $$
BEGIN
  RETURN QUERY SELECT DISTINCT m.family_id FROM family_memberships m
    JOIN persons p ON p.id = m.person_id
    JOIN signals s ON s.region_id = p.region_id AND s.bsn = p.bsn
  WHERE app_professional() IS NOT NULL AND m.region_id = app_region() AND m.family_id = ANY (p_families)
    AND m.valid_from <= p_day AND (m.valid_to IS NULL OR m.valid_to >= p_day)
    AND s.partner_id = p_partner AND s.withdrawn_at IS NULL AND s.active_until > p_day;
END $$;
--> statement-breakpoint
-- Every organisation's involvement through the reference index with every family of the
-- caller's region (an active signal on a current member): what the covenant preview decides
-- each partner from. Ids only; the preview answers counts.
CREATE FUNCTION ri_region_involvements(p_day date) RETURNS TABLE (family_id uuid, partner_id uuid)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT DISTINCT m.family_id, s.partner_id FROM family_memberships m
    JOIN persons p ON p.id = m.person_id
    JOIN signals s ON s.region_id = p.region_id AND s.bsn = p.bsn
  WHERE app_professional() IS NOT NULL AND m.region_id = app_region()
    AND m.valid_from <= p_day AND (m.valid_to IS NULL OR m.valid_to >= p_day)
    AND s.withdrawn_at IS NULL AND s.active_until > p_day
$$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION app_client_families(), app_client_persons(), app_client_bsns(), app_client_digests(),
  ri_who_is_involved(text, date), ri_match_candidates(uuid, date), ri_matched_signals(), ri_family_signals(uuid[], date), ri_involved_families(uuid, uuid[], date), ri_region_involvements(date) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION app_client_families(), app_client_persons(), app_client_bsns(), app_client_digests(),
  ri_who_is_involved(text, date), ri_match_candidates(uuid, date), ri_matched_signals(), ri_family_signals(uuid[], date), ri_involved_families(uuid, uuid[], date), ri_region_involvements(date) TO one_family_app;
