import { sql, type SQL } from "drizzle-orm";

/*
 * What the indicators count, one relation per kind of fact (phases, categories, regie, plans,
 * agreements, concerns, screenings, evaluations, escalations and their steps, closures), each the
 * union of the live families' rows and the removed families' outlines (closed_family_outlines,
 * docs/decisions/0008), so a past period counts the same before and after retention. Each is a
 * CTE that reads the region from `bounds`. An outline's id stands for its family's: it is never a
 * family's id, so nothing counts twice.
 *
 * An outline keeps days, not moments. A day enters as noon of that day in Dutch time, which every
 * comparison with the period's bounds (whole days) reads as that day; within a family, the order
 * of the outline's lists (the order things happened) stands in for the order of the moments.
 */

export const ZONE = sql.raw(`'Europe/Amsterdam'`);
/** A moment's calendar day in Dutch time. */
export const dayOf = (moment: SQL) => sql`(${moment} at time zone ${ZONE})::date`;
/** An outline's day as a moment: noon of that day, Dutch time. */
const noonOf = (day: SQL) => sql`((${day})::date + time '12:00') at time zone ${ZONE}`;

/** The region's outlines, and the elements of one of their lists, numbered in order. */
export const outlines = sql`closed_family_outlines o join bounds b on o.region_id = b.region_id`;
export const elementsOf = (list: string, alias: string) =>
  sql`cross join lateral jsonb_array_elements(o.outline->${sql.raw(`'${list}'`)}) with ordinality ${sql.raw(alias)}(value, n)`;

/** phase_facts(family_id, phase, since, seq): the phase history; (since, seq) orders it. */
export const phaseFacts = sql`phase_facts as (
  select f.family_id, f.phase, f.since, f.seq from family_phases f join bounds b on f.region_id = b.region_id
  union all
  select o.id, x.value->>'phase', ${noonOf(sql`x.value->>'since'`)}, x.n from ${outlines} ${elementsOf("phases", "x")}
)`;

/** category_facts(family_id, category, since, seq): the category history. */
export const categoryFacts = sql`category_facts as (
  select c.family_id, c.category, c.since, 0::bigint as seq from family_categories c join bounds b on c.region_id = b.region_id
  union all
  select o.id, x.value->>'category', ${noonOf(sql`x.value->>'since'`)}, x.n from ${outlines} ${elementsOf("categories", "x")}
)`;

/**
 * regie_facts(family_id, since, until, active): the periods of regie, and whether the regisseur
 * is an active professional: now for a live family, on the day its records went for an outline
 * (it names no professional).
 */
export const regieFacts = sql`regie_facts as (
  select ra.family_id, ra.since, ra.until, pro.active from regie_assignments ra join bounds b on ra.region_id = b.region_id join professionals pro on pro.id = ra.professional_id
  union all
  select o.id, ${noonOf(sql`x.value->>'since'`)}, ${noonOf(sql`x.value->>'until'`)}, (x.value->>'regisseurActive')::boolean from ${outlines} ${elementsOf("regie", "x")}
)`;

/** plan_facts(family_id, started_on, evaluation_months): one plan per family. */
export const planFacts = sql`plan_facts as (
  select pl.family_id, pl.started_on, pl.evaluation_months from plans pl join bounds b on pl.region_id = b.region_id
  union all
  select o.id, (o.outline->'plan'->>'startedOn')::date, (o.outline->'plan'->>'evaluationMonths')::int from ${outlines}
  where jsonb_typeof(o.outline->'plan') = 'object'
)`;

/** agreement_facts(family_id, version, party, agreed_at): who agreed to which version of the plan. */
export const agreementFacts = sql`agreement_facts as (
  select ag.family_id, ag.version, ag.party, ag.agreed_at from plan_agreements ag join bounds b on ag.region_id = b.region_id
  union all
  select o.id, (x.value->>'version')::int, x.value->>'party', ${noonOf(sql`x.value->>'agreedOn'`)} from ${outlines} ${elementsOf("agreements", "x")}
)`;

/** concern_facts(family_id, submitted_at, discussed_with_family). */
export const concernFacts = sql`concern_facts as (
  select c.family_id, c.submitted_at, c.discussed_with_family from concerns c join bounds b on c.region_id = b.region_id
  union all
  select o.id, ${noonOf(sql`x.value->>'submittedOn'`)}, (x.value->>'discussedWithFamily')::boolean from ${outlines} ${elementsOf("concerns", "x")}
)`;

/** screening_facts(family_id, outcome, screened_at): a family is screened once. */
export const screeningFacts = sql`screening_facts as (
  select s.family_id, s.outcome, s.screened_at from screenings s join bounds b on s.region_id = b.region_id
  union all
  select o.id, o.outline->'screening'->>'outcome', ${noonOf(sql`o.outline->'screening'->>'screenedOn'`)} from ${outlines}
  where jsonb_typeof(o.outline->'screening') = 'object'
)`;

/** evaluation_facts(family_id, held_on): the evaluations of the family's plan. */
export const evaluationFacts = sql`evaluation_facts as (
  select e.family_id, e.held_on from plan_evaluations e join bounds b on e.region_id = b.region_id
  union all
  select o.id, (x.value->>'heldOn')::date from ${outlines} ${elementsOf("evaluations", "x")}
)`;

/** escalation_facts(escalation, family_id, raised_at, resolved_at); `escalation` is a key, not an id. */
export const escalationFacts = sql`escalation_facts as (
  select e.id::text as escalation, e.family_id, e.raised_at, e.resolved_at from escalations e join bounds b on e.region_id = b.region_id
  union all
  select o.id::text || '/' || x.n, o.id, ${noonOf(sql`x.value->>'raisedOn'`)}, ${noonOf(sql`x.value->>'resolvedOn'`)} from ${outlines} ${elementsOf("escalations", "x")}
)`;

/** step_facts(escalation, family_id, step, started_at, due_at, decided_at): each step an escalation reached. */
export const stepFacts = sql`step_facts as (
  select s.escalation_id::text as escalation, e.family_id, s.step, s.started_at, s.due_at, s.decided_at
  from escalation_steps s join escalations e on e.id = s.escalation_id join bounds b on s.region_id = b.region_id
  union all
  select o.id::text || '/' || x.n, o.id, (s.value->>'step')::int, ${noonOf(sql`s.value->>'startedOn'`)}, ${noonOf(sql`s.value->>'dueOn'`)}, ${noonOf(sql`s.value->>'decidedOn'`)}
  from ${outlines} ${elementsOf("escalations", "x")} cross join lateral jsonb_array_elements(x.value->'steps') s(value)
)`;

/**
 * closure_facts(family_id, seq, closed_at, goals_total, goals_achieved, positive_exit, revisit_on,
 * keeper_active, handover, reopened_at): each closure, numbered in the family's order. Whether the
 * aftercare keeper is an active professional: now for a live family, on the day its records went
 * for an outline.
 */
export const closureFacts = sql`closure_facts as (
  select c.family_id, row_number() over (partition by c.family_id order by c.closed_at) as seq, c.closed_at, c.goals_total, c.goals_achieved, c.positive_exit,
    c.revisit_on, coalesce(keeper.active, false) as keeper_active, c.handover_partner_id is not null as handover, c.reopened_at
  from closures c join bounds b on c.region_id = b.region_id left join professionals keeper on keeper.id = c.aftercare_keeper_id
  union all
  select o.id, x.n, ${noonOf(sql`x.value->>'closedOn'`)}, (x.value->>'goalsTotal')::int, (x.value->>'goalsAchieved')::int, (x.value->>'positiveExit')::boolean,
    (x.value->>'revisitOn')::date, coalesce((x.value->>'keeperActive')::boolean, false), (x.value->>'handover')::boolean, ${noonOf(sql`x.value->>'reopenedOn'`)}
  from ${outlines} ${elementsOf("closures", "x")}
)`;

/*
 * The plan as it stood at the end: a live family's is read from its revisions (queries.ts); these
 * are the outlines' branches of the same relations.
 */

/** (family_id, status, due_on): each task as its last change before the end left it. */
export const outlineTaskFacts = sql`
  select o.id as family_id, t.value->>'status' as status, (t.value->>'dueOn')::date as due_on
  from ${outlines} ${elementsOf("tasks", "x")}
  cross join lateral (
    select r.value from jsonb_array_elements(x.value->'revisions') with ordinality r(value, n)
    where ${noonOf(sql`r.value->>'on'`)} < b.e order by r.n desc limit 1
  ) t`;

/** (family_id, covers_members, covers_domains): the plan's coverage as the outline kept it for the reference day. */
export const outlineCoverageFacts = sql`
  select o.id as family_id, (c.value->>'members')::boolean as covers_members, (c.value->>'lifeDomains')::boolean as covers_domains
  from ${outlines}
  cross join lateral (
    select x.value from jsonb_array_elements(o.outline->'coverage') with ordinality x(value, n)
    where (x.value->>'since')::date <= b.day order by x.n desc limit 1
  ) c`;
