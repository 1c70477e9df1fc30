import { sql, type SQL } from "drizzle-orm";
import { CATEGORIES } from "../../families/types.js";
import { CYCLE_PHASES } from "../../process/closure/due-evaluations.js";
import { namedMembers } from "./coverage.js";
import {
  ZONE,
  agreementFacts,
  categoryFacts,
  closureFacts,
  concernFacts,
  dayOf,
  elementsOf,
  escalationFacts,
  evaluationFacts,
  outlineCoverageFacts,
  outlineTaskFacts,
  outlines,
  phaseFacts,
  planFacts,
  regieFacts,
  screeningFacts,
  stepFacts,
} from "./facts.js";

/*
 * The statements behind the report, one per source: families (phases, categories, regie, plans),
 * intake, evaluations, escalations, closures. Each aggregates in the database and answers rows
 * of (key, value, families) under the keys of definitions.ts; nothing per family comes back.
 * Every table is read with the region's id: no figure crosses regions. Families whose records
 * retention removed count through their outlines: each statement reads the facts of facts.ts,
 * the live families' and the outlines' as one.
 *
 * Moments are compared with the period's bounds in Dutch time: `s`, the start of `from`, and `e`,
 * the end of `to` (exclusive). A state "at the end of the period" is what the last change before
 * `e` left; for a period that runs on past today, that is the state now.
 */

export interface PeriodBounds {
  regionId: string;
  from: string;
  to: string;
  /** The reference day: `to`, or today when the period runs on. */
  day: string;
  /** The last day a missed evaluation counts as late: `to`, or yesterday when the period runs on. */
  lateDay: string;
  /** Now, for deadlines of a period that runs on. */
  now: Date;
}

export interface FigureRow {
  key: string;
  value: number | string | null;
  families: number | string;
}

const daysBetween = (earlier: SQL, later: SQL) => sql`(${dayOf(later)} - ${dayOf(earlier)})`;
const share = (condition: SQL) => sql`(100.0 * count(*) filter (where ${condition}) / nullif(count(*), 0))::float8`;
const median = (of: SQL) => sql`(percentile_cont(0.5) within group (order by ${of}))::float8`;

const APPROACH_PHASES = ["SCREENED", "PLANNING", "EXECUTING", "EVALUATING", "CLOSING"] as const;
const CARRIED_OUT_PHASES = ["EXECUTING", "EVALUATING", "CLOSING"] as const;
const phaseIn = (column: SQL, phases: readonly string[]) => sql`${column} in (${sql.join(phases.map((phase) => sql`${phase}`), sql`, `)})`;

const bounds = (p: PeriodBounds) => sql`bounds as (
  select ${p.regionId}::uuid as region_id, ${p.from}::date as from_day, ${p.day}::date as day, ${p.lateDay}::date as late_day,
    (${p.from}::date)::timestamp at time zone ${ZONE} as s,
    (${p.to}::date + 1)::timestamp at time zone ${ZONE} as e,
    least((${p.to}::date + 1)::timestamp at time zone ${ZONE}, ${p.now.toISOString()}::timestamptz) as until_now
)`;

/** The first time a family entered the approach: its first SCREENED. */
const firstScreened = sql`first_screened as (
  select f.family_id, min(f.since) as at from phase_facts f where f.phase = 'SCREENED' group by f.family_id
)`;

/** Phases, categories, regie, the plans as they stood: reach, the approach, family central, duration so far. */
export const familyFigures = (p: PeriodBounds) => sql`
with ${bounds(p)}, ${phaseFacts}, ${categoryFacts}, ${regieFacts}, ${planFacts}, ${agreementFacts}, ${closureFacts},
periods as (
  select f.family_id, f.phase, f.since, lead(f.since) over (partition by f.family_id order by f.since, f.seq) as until from phase_facts f
),
in_view as (
  select distinct pr.family_id from periods pr, bounds b
  where pr.phase <> 'CLOSED' and pr.since < b.e and (pr.until is null or pr.until > b.s)
),
category_at_end as (
  select distinct on (c.family_id) c.family_id, c.category from category_facts c, bounds b
  where c.since < b.e
  order by c.family_id, c.since desc, c.seq desc
),
viewed as (
  select v.family_id, coalesce(c.category, 'UNSCREENED') as category from in_view v left join category_at_end c on c.family_id = v.family_id
),
phase_at_end as (
  select distinct on (f.family_id) f.family_id, f.phase from phase_facts f, bounds b
  where f.since < b.e
  order by f.family_id, f.since desc, f.seq desc
),
-- A live family's every analysis, goal and task as its last change before the end left it.
items as (
  select distinct on (r.item_id) r.family_id, r.part_kind, r.snapshot from plan_revisions r, bounds b
  where r.region_id = b.region_id and r.changed_at < b.e and r.item_id is not null and r.part_kind in ('ANALYSIS', 'GOAL', 'TASK')
  order by r.item_id, r.version desc
),
named_members as (${namedMembers(sql`items`, sql`i.family_id`)}),
unnamed_members as (
  select m.family_id, count(*)::int as n from family_memberships m, bounds b
  where m.region_id = b.region_id and m.valid_from <= b.day and (m.valid_to is null or m.valid_to >= b.day)
    and not exists (select 1 from named_members n where n.family_id = m.family_id and n.person_id = m.person_id::text)
  group by m.family_id
),
analysed_domains as (
  select i.family_id, count(distinct d.code)::int as n from items i, bounds b, life_domains d
  where i.part_kind = 'ANALYSIS' and d.region_id = b.region_id and d.code = i.snapshot->>'lifeDomain'
  group by i.family_id
),
region_domains as (select count(*)::int as n from life_domains d, bounds b where d.region_id = b.region_id),
coverage_facts as (
  select pl.family_id, coalesce(um.n, 0) = 0 as covers_members, coalesce(ad.n, 0) >= rd.n as covers_domains
  from plans pl join bounds b on pl.region_id = b.region_id cross join region_domains rd
  left join unnamed_members um on um.family_id = pl.family_id
  left join analysed_domains ad on ad.family_id = pl.family_id
  union all ${outlineCoverageFacts}
),
task_facts as (
  select i.family_id, i.snapshot->>'status' as status, (i.snapshot->>'dueDate')::date as due_on from items i where i.part_kind = 'TASK'
  union all ${outlineTaskFacts}
),
task_counts as (
  select t.family_id, count(*) filter (where t.status in ('OPEN', 'IN_PROGRESS'))::int as open,
    count(*) filter (where t.status in ('OPEN', 'IN_PROGRESS') and t.due_on < b.day)::int as overdue
  from task_facts t, bounds b group by t.family_id
),
regie_at_end as (
  select r.family_id, count(*) = 1 and bool_and(r.active) as one from regie_facts r, bounds b
  where r.since < b.e and (r.until is null or r.until >= b.e)
  group by r.family_id
),
agreed_by_client as (
  select distinct ag.family_id from agreement_facts ag, bounds b where ag.party = 'CLIENT' and ag.agreed_at < b.e
),
${firstScreened},
last_reopened as (
  select c.family_id, max(c.reopened_at) as at from closure_facts c, bounds b where c.reopened_at < b.e group by c.family_id
),
running as (
  select a.family_id,
    coalesce(pl.started_on <= b.day, false) as has_plan,
    coalesce(pl.started_on <= b.day, false) and ${phaseIn(sql`a.phase`, CARRIED_OUT_PHASES)} as carried_out,
    coalesce(rg.one, false) as one_regisseur,
    ac.family_id is not null as agreed_by_family,
    coalesce(cf.covers_members, false) as covers_members,
    coalesce(cf.covers_domains, false) as covers_domains,
    coalesce(tc.open, 0) as open_tasks,
    coalesce(tc.overdue, 0) as overdue_tasks,
    b.day - ${dayOf(sql`greatest(fs.at, lr.at)`)} as days_in
  from phase_at_end a cross join bounds b
  left join plan_facts pl on pl.family_id = a.family_id
  left join regie_at_end rg on rg.family_id = a.family_id
  left join agreed_by_client ac on ac.family_id = a.family_id
  left join coverage_facts cf on cf.family_id = a.family_id
  left join task_counts tc on tc.family_id = a.family_id
  left join first_screened fs on fs.family_id = a.family_id
  left join last_reopened lr on lr.family_id = a.family_id
  where ${phaseIn(sql`a.phase`, APPROACH_PHASES)}
),
agreed_versions as (
  select ag.family_id, ag.version,
    min(ag.agreed_at) filter (where ag.party = 'COACH') as coach_at,
    min(ag.agreed_at) filter (where ag.party <> 'COACH') as other_at
  from agreement_facts ag group by ag.family_id, ag.version
),
first_agreed as (
  select family_id, min(greatest(coach_at, other_at)) as at from agreed_versions
  where coach_at is not null and other_at is not null group by family_id
),
first_seen as (
  select f.family_id, min(f.since) as at from phase_facts f group by f.family_id
),
agreed_in_period as (
  select fa.family_id, ${daysBetween(sql`fs.at`, sql`fa.at`)} as days from first_agreed fa join first_seen fs on fs.family_id = fa.family_id, bounds b
  where fa.at >= b.s and fa.at < b.e
)
select 'families_in_view'::text as key, count(*)::float8 as value, count(*)::int as families from viewed
union all select 'families_in_view.' || category, count(*)::float8, count(*)::int from viewed group by category
union all select 'families_in_approach', count(*)::float8, count(*)::int from running
union all select 'one_plan', ${share(sql`has_plan`)}, count(*)::int from running
union all select 'one_regisseur', ${share(sql`one_regisseur`)}, count(*)::int from running
union all select 'plan_agreed_by_family', ${share(sql`agreed_by_family`)}, count(*)::int from running where has_plan
union all select 'plan_covers_family', ${share(sql`covers_members and covers_domains`)}, count(*)::int from running where carried_out
union all select 'plan_covers_members', ${share(sql`covers_members`)}, count(*)::int from running where carried_out
union all select 'plan_covers_life_domains', ${share(sql`covers_domains`)}, count(*)::int from running where carried_out
union all select 'open_tasks', coalesce(sum(open_tasks), 0)::float8, (count(*) filter (where open_tasks > 0))::int from running
union all select 'overdue_tasks', coalesce(sum(overdue_tasks), 0)::float8, (count(*) filter (where overdue_tasks > 0))::int from running
union all select 'duration_running', ${median(sql`days_in`)}, count(days_in)::int from running
union all select 'days_to_agreed_plan', ${median(sql`days`)}, count(*)::int from agreed_in_period
`;

/** Concerns and screenings: reach, and whether concerns were discussed with the family. */
export const intakeFigures = (p: PeriodBounds) => sql`
with ${bounds(p)}, ${concernFacts}, ${screeningFacts},
period_concerns as (
  select c.family_id, c.discussed_with_family from concern_facts c, bounds b
  where c.submitted_at >= b.s and c.submitted_at < b.e
),
first_concern as (
  select c.family_id, min(c.submitted_at) as at from concern_facts c group by c.family_id
),
period_screenings as (
  select s.family_id, s.outcome, s.screened_at from screening_facts s, bounds b
  where s.screened_at >= b.s and s.screened_at < b.e
)
select 'concerns_received'::text as key, count(*)::float8 as value, count(distinct family_id)::int as families from period_concerns
union all select 'concerns_discussed_with_family', ${share(sql`discussed_with_family`)}, count(distinct family_id)::int from period_concerns
union all select 'screenings', count(*)::float8, count(distinct family_id)::int from period_screenings
union all select 'screenings.INTO_APPROACH', count(*)::float8, count(distinct family_id)::int from period_screenings where outcome <> 'REGULAR'
union all select 'screenings.REGULAR', count(*)::float8, count(distinct family_id)::int from period_screenings where outcome = 'REGULAR'
union all select 'days_concern_to_screening', ${median(daysBetween(sql`fc.at`, sql`ps.screened_at`))}, count(distinct ps.family_id)::int
  from period_screenings ps join first_concern fc on fc.family_id = ps.family_id
`;

/**
 * Evaluations due in the period: each held evaluation fell due a cycle after the one before (or
 * the plan's start); the one still to hold falls due a cycle after the last. Evaluations held
 * after the reference day are not yet known to it. (A family has one plan: its facts are the plan's.)
 */
export const evaluationFigures = (p: PeriodBounds) => sql`
with ${bounds(p)}, ${planFacts}, ${evaluationFacts}, ${phaseFacts},
held as (
  select e.family_id, e.held_on,
    (coalesce(lag(e.held_on) over (partition by e.family_id order by e.held_on), pl.started_on) + make_interval(months => pl.evaluation_months))::date as due
  from evaluation_facts e join plan_facts pl on pl.family_id = e.family_id, bounds b
  where e.held_on <= b.day
),
next_due as (
  select pl.family_id, (coalesce(max(e.held_on), pl.started_on) + make_interval(months => pl.evaluation_months))::date as due
  from plan_facts pl cross join bounds b left join evaluation_facts e on e.family_id = pl.family_id and e.held_on <= b.day
  where pl.started_on <= b.day
  group by pl.family_id, pl.started_on, pl.evaluation_months
),
-- The family's phase on the day the next evaluation fell due (the last change by that day's end).
phase_when_due as (
  select distinct on (n.family_id) n.family_id, n.due, f.phase from next_due n
  join phase_facts f on f.family_id = n.family_id and f.since < (n.due + 1)::timestamp at time zone ${ZONE}
  order by n.family_id, f.since desc, f.seq desc
),
dues as (
  select h.family_id, h.held_on <= h.due as on_time from held h, bounds b where h.due between b.from_day and b.day
  union all
  select n.family_id, false from phase_when_due n, bounds b
  where n.due between b.from_day and b.late_day and n.phase in (${sql.join(CYCLE_PHASES.map((phase) => sql`${phase}`), sql`, `)})
)
select 'evaluations_on_time'::text as key, ${share(sql`on_time`)} as value, count(distinct family_id)::int as families from dues
`;

/** Escalations: raised, per step, resolved, open and overdue at the end. */
export const escalationFigures = (p: PeriodBounds) => sql`
with ${bounds(p)}, ${escalationFacts}, ${stepFacts},
raised as (
  select e.family_id from escalation_facts e, bounds b where e.raised_at >= b.s and e.raised_at < b.e
),
resolved as (
  select e.family_id, ${daysBetween(sql`e.raised_at`, sql`e.resolved_at`)} as days from escalation_facts e, bounds b
  where e.resolved_at >= b.s and e.resolved_at < b.e
),
open_at_end as (
  select e.escalation, e.family_id from escalation_facts e, bounds b
  where e.raised_at < b.e and (e.resolved_at is null or e.resolved_at >= b.e)
),
current_steps as (
  select distinct on (s.escalation) s.escalation, o.family_id, s.due_at from step_facts s join open_at_end o on o.escalation = s.escalation, bounds b
  where s.started_at < b.e
  order by s.escalation, s.step desc
),
steps as (
  select l.step from escalation_ladder l, bounds b where l.region_id = b.region_id
  union select s.step from step_facts s
  union select generate_series(1, 3)
),
reached as (
  select s.step, s.family_id from step_facts s, bounds b where s.started_at >= b.s and s.started_at < b.e
),
decided as (
  select s.step, s.family_id, ${daysBetween(sql`s.started_at`, sql`s.decided_at`)} as days from step_facts s, bounds b
  where s.decided_at >= b.s and s.decided_at < b.e
)
select 'escalations_raised'::text as key, count(*)::float8 as value, count(distinct family_id)::int as families from raised
union all select 'escalations_resolved', count(*)::float8, count(distinct family_id)::int from resolved
union all select 'escalation_days_to_resolve', ${median(sql`days`)}, count(distinct family_id)::int from resolved
union all select 'escalations_open', count(*)::float8, count(distinct family_id)::int from open_at_end
union all select 'escalations_overdue', count(*)::float8, count(distinct c.family_id)::int from current_steps c, bounds b where c.due_at < b.until_now
union all select 'escalations_reached_step.' || st.step, count(r.family_id)::float8, count(distinct r.family_id)::int from steps st left join reached r on r.step = st.step group by st.step
union all select 'escalation_step_days_to_decide.' || st.step, ${median(sql`d.days`)}, count(distinct d.family_id)::int from steps st left join decided d on d.step = st.step group by st.step
`;

/** Closures in the period: outcome, aftercare, handover, duration; and reopenings. */
export const closureFigures = (p: PeriodBounds) => sql`
with ${bounds(p)}, ${phaseFacts}, ${closureFacts},
${firstScreened},
period_closures as (
  select c.family_id, c.goals_total, c.goals_achieved, c.positive_exit, c.revisit_on, c.handover, c.keeper_active, c.closed_at,
    -- Entered the approach: the first SCREENED, or the reopening of the closure before this one.
    greatest(fs.at, (select max(earlier.reopened_at) from closure_facts earlier where earlier.family_id = c.family_id and earlier.seq < c.seq)) as entered
  from closure_facts c cross join bounds b
  left join first_screened fs on fs.family_id = c.family_id
  where c.closed_at >= b.s and c.closed_at < b.e
),
reopened as (
  select c.family_id from closure_facts c, bounds b where c.reopened_at >= b.s and c.reopened_at < b.e
)
select 'closures'::text as key, count(*)::float8 as value, count(distinct family_id)::int as families from period_closures
union all select 'goals_achieved_at_closure', (100.0 * sum(goals_achieved) / nullif(sum(goals_total), 0))::float8, count(distinct family_id)::int from period_closures
union all select 'positive_exits', ${share(sql`positive_exit`)}, count(distinct family_id)::int from period_closures
union all select 'aftercare_arranged', ${share(sql`keeper_active and revisit_on is not null`)}, count(distinct family_id)::int from period_closures
union all select 'handover_to_regular_care', ${share(sql`handover`)}, count(distinct family_id)::int from period_closures
union all select 'duration_closed', ${median(daysBetween(sql`entered`, sql`closed_at`))}, count(distinct family_id)::int from period_closures
union all select 'families_reopened', count(distinct family_id)::float8, count(distinct family_id)::int from reopened
`;

/** The categories the report breaks families in view down by, and the part for none yet. */
export const VIEW_PARTS = [...CATEGORIES, "UNSCREENED"] as const;

/** Waiting for help: a task's ask and start, live or as a removed family's outline kept them. */
export const waitingFigures = (p: PeriodBounds) => sql`
with ${bounds(p)},
waits as (
  select t.family_id, t.asked_on, t.started_on, t.status from plan_tasks t, bounds b where t.region_id = b.region_id and t.asked_on is not null
  union all
  select o.id, (x.value->>'askedOn')::date, (x.value->>'startedOn')::date, x.value->>'status'
  from ${outlines} ${elementsOf("tasks", "x")} where x.value->>'askedOn' is not null
),
norm as (select coalesce((select s.waiting_norm_days from process_settings s, bounds b where s.region_id = b.region_id), 28) as days),
started as (
  select w.family_id, (w.started_on - w.asked_on)::float8 as days from waits w, bounds b where w.started_on between b.from_day and b.day
),
over_norm as (
  select w.family_id from waits w, bounds b, norm n
  where w.status in ('OPEN', 'IN_PROGRESS') and w.asked_on + n.days < b.day and (w.started_on is null or w.started_on > b.day)
)
select 'help_waiting_days'::text as key, ${median(sql`days`)} as value, count(distinct family_id)::int as families from started
union all select 'help_waiting_over_norm', count(*)::float8, count(distinct family_id)::int from over_norm
`;

/** The cost picture: what was spent on the plans' approved budget commitments, live or as an outline kept the sum. */
export const costFigures = (p: PeriodBounds) => sql`
with ${bounds(p)}, ${closureFacts},
spent as (
  select c.family_id, sum(c.spent_cents)::float8 / 100 as euros from budget_commitments c, bounds b
  where c.region_id = b.region_id and c.status = 'APPROVED' group by c.family_id
  union all
  select o.id, (o.outline->>'budgetSpentCents')::float8 / 100 from ${outlines} where (o.outline->>'budgetSpentCents')::int > 0
),
closed as (select distinct c.family_id from closure_facts c, bounds b where c.closed_at >= b.s and c.closed_at < b.e)
select 'cost_per_family'::text as key, ${median(sql`euros`)} as value, count(distinct family_id)::int as families from spent
union all select 'cost_per_completed_plan', ${median(sql`s.euros`)}, count(distinct s.family_id)::int from spent s join closed c on c.family_id = s.family_id
`;
