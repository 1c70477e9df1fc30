import { CATEGORIES } from "../../families/types.js";

/*
 * What each figure of the indicator report means (domain brief §9; the inspection's five themes,
 * seed 001; Amsterdam's measures, seed 002 §4.4). The text is served as Indicator.description and
 * is the definition docs/decisions/0009 refers to: change one, change the other. The SQL that
 * computes each figure is in queries.ts, under the same key.
 *
 * Words used throughout:
 * - the period: `from` to `to`, whole days in Dutch time; its end is the end of `to`.
 * - the reference day: `to`, or today when the period runs on past today.
 * - in view during the period: at some moment of the period in a phase other than CLOSED
 *   (signalled, screened, in the approach or in aftercare).
 * - in the approach at the end of the period: its phase then was SCREENED, PLANNING, EXECUTING,
 *   EVALUATING or CLOSING.
 * - days: calendar days in Dutch time; a median of days is over the families' own times.
 * - families: those in the register, and those whose records retention removed, through the
 *   outline kept of each (facts.ts); a past period counts the same before and after a removal.
 */

export const THEMES = ["REACH", "FAMILY_CENTRAL", "APPROACH", "COOPERATION", "CONTINUITY"] as const;
export type Theme = (typeof THEMES)[number];

export const THEME_LABELS: Record<Theme, string> = {
  REACH: "Reach (toeleiding): families are in view and reached",
  FAMILY_CENTRAL: "Family central (gezin centraal): the family and its network at the centre",
  APPROACH: "The approach (aanpak): planned, coherent and persistent, with an equipped regisseur",
  COOPERATION: "Cooperation (samenwerking): partners work together, and escalate when stuck",
  CONTINUITY: "Continuity (continu): as long as needed, with aftercare",
};

export const UNITS = ["FAMILIES", "CONCERNS", "TASKS", "ESCALATIONS", "CLOSURES", "PERCENT", "DAYS", "EUROS"] as const;
export type Unit = (typeof UNITS)[number];

/** COUNT answers 0 where nothing was counted; a SHARE or MEDIAN of nothing has no value. */
export type Measure = "COUNT" | "SHARE" | "MEDIAN";

export interface IndicatorDefinition {
  key: string;
  theme: Theme;
  label: string;
  unit: Unit;
  measure: Measure;
  description: string;
  /** A part of the figure with this key: the parts add up to it (the differencing guard). */
  partOf?: string;
}

const IN_VIEW = "in view during the period (in a phase other than CLOSED at some moment of it)";
const IN_APPROACH = "in the approach at the end of the period (phase SCREENED, PLANNING, EXECUTING, EVALUATING or CLOSING)";
const CARRIED_OUT =
  "families in the approach at the end of the period whose plan was being carried out (phase EXECUTING, EVALUATING or CLOSING, with a plan started)";
const AS_IT_STOOD = "the plan as it stood at the end of the period (each part as its last change before then left it)";

const categoryPart = (category: string, label: string, which: string): IndicatorDefinition => ({
  key: `families_in_view.${category}`,
  theme: "REACH",
  label,
  unit: "FAMILIES",
  measure: "COUNT",
  partOf: "families_in_view",
  description: `Of the families ${IN_VIEW}, those ${which}. The parts per category add up to families_in_view; when exactly one part is suppressed, the next smallest is suppressed too. Rests on: these families.`,
});

const FIXED: readonly IndicatorDefinition[] = [
  // --- reach ---------------------------------------------------------------------------------
  {
    key: "families_in_view",
    theme: "REACH",
    label: "Families in view",
    unit: "FAMILIES",
    measure: "COUNT",
    description: `Families ${IN_VIEW}. Rests on: these families.`,
  },
  ...CATEGORIES.map((category) =>
    categoryPart(category, `Families in view: ${category}`, `whose category at the end of the period (the latest set before it ended) was ${category}`),
  ),
  categoryPart("UNSCREENED", "Families in view: no category yet", "without a category at the end of the period (signalled, not screened into a category)"),
  {
    key: "concerns_received",
    theme: "REACH",
    label: "Concerns received",
    unit: "CONCERNS",
    measure: "COUNT",
    description: "Concerns (aanmeldingen) registered during the period, crises included. Rests on: the distinct families they concern.",
  },
  {
    key: "screenings",
    theme: "REACH",
    label: "Families screened",
    unit: "FAMILIES",
    measure: "COUNT",
    description: "Families screened during the period (a family is screened once). Rests on: these families.",
  },
  {
    key: "screenings.INTO_APPROACH",
    theme: "REACH",
    label: "Screened into the approach",
    unit: "FAMILIES",
    measure: "COUNT",
    partOf: "screenings",
    description:
      "Of the families screened during the period, those taken into the approach in a category. With screenings.REGULAR it adds up to screenings; when one of the two is suppressed, so is the other. Rests on: these families.",
  },
  {
    key: "screenings.REGULAR",
    theme: "REACH",
    label: "Screened out: regular care suffices",
    unit: "FAMILIES",
    measure: "COUNT",
    partOf: "screenings",
    description:
      "Of the families screened during the period, those left to regular care (\"regular care, unless\"). With screenings.INTO_APPROACH it adds up to screenings. Rests on: these families.",
  },
  {
    key: "days_concern_to_screening",
    theme: "REACH",
    label: "Days from concern to screening (median)",
    unit: "DAYS",
    measure: "MEDIAN",
    description: "Median days from a family's first concern to its screening, over the families screened during the period. Rests on: those families.",
  },
  // --- family central ------------------------------------------------------------------------
  {
    key: "concerns_discussed_with_family",
    theme: "FAMILY_CENTRAL",
    label: "Concerns discussed with the family",
    unit: "PERCENT",
    measure: "SHARE",
    description:
      "Of the concerns registered during the period, the share the submitter had discussed with the family before registering it. Rests on: the distinct families they concern.",
  },
  {
    key: "plan_agreed_by_family",
    theme: "FAMILY_CENTRAL",
    label: "Plans a family member agreed to",
    unit: "PERCENT",
    measure: "SHARE",
    description: `Of the families ${IN_APPROACH} that had a plan, the share whose plan a member of the family had agreed to (a CLIENT agreement to any version) before the end of the period. Rests on: the families with a plan.`,
  },
  // --- the approach --------------------------------------------------------------------------
  {
    key: "families_in_approach",
    theme: "APPROACH",
    label: "Families in the approach",
    unit: "FAMILIES",
    measure: "COUNT",
    description: `Families ${IN_APPROACH}. Rests on: these families.`,
  },
  {
    key: "one_plan",
    theme: "APPROACH",
    label: "Families with one plan",
    unit: "PERCENT",
    measure: "SHARE",
    description: `Of the families ${IN_APPROACH}, the share whose plan was started on or before the reference day (there is one plan per family: the API starts no second). Rests on: the families in the approach.`,
  },
  {
    key: "one_regisseur",
    theme: "APPROACH",
    label: "Families with one regisseur",
    unit: "PERCENT",
    measure: "SHARE",
    description: `Of the families ${IN_APPROACH}, the share with exactly one period of regie in force at the end of the period, held by a professional who is active (as the register holds it now: it keeps no history of leaving; for a family whose records retention removed, as it held it the day they went). Rests on: the families in the approach.`,
  },
  {
    key: "plan_covers_family",
    theme: "APPROACH",
    label: "Plans covering all members and all life domains",
    unit: "PERCENT",
    measure: "SHARE",
    description: `Of the ${CARRIED_OUT}, the share for which both plan_covers_members and plan_covers_life_domains hold. Rests on: those families.`,
  },
  {
    key: "plan_covers_members",
    theme: "APPROACH",
    label: "Plans covering every member",
    unit: "PERCENT",
    measure: "SHARE",
    description: `Of the ${CARRIED_OUT}, the share where every member of the household on the reference day is named in ${AS_IT_STOOD}: in an analysis about them or in a goal (not cancelled) for them. A part about the household as a whole names nobody. Rests on: those families.`,
  },
  {
    key: "plan_covers_life_domains",
    theme: "APPROACH",
    label: "Plans covering every life domain",
    unit: "PERCENT",
    measure: "SHARE",
    description: `Of the ${CARRIED_OUT}, the share where ${AS_IT_STOOD} holds an analysis (of the household or of a member) for every life domain on the region's current list (for a family whose records retention removed, the list the day they went). Rests on: those families.`,
  },
  {
    key: "days_to_agreed_plan",
    theme: "APPROACH",
    label: "Days from concern to agreed plan (median)",
    unit: "DAYS",
    measure: "MEDIAN",
    description:
      "Median days from a family coming into view (its first concern, or its registration by a process lead: its first phase) to its agreed plan, over the families whose plan was first agreed during the period. A plan is agreed once one version of it carries the agreement of the coach and of at least one other party (a family member or the referring partner); the later of the two is the moment. Rests on: those families.",
  },
  {
    key: "open_tasks",
    theme: "APPROACH",
    label: "Open tasks",
    unit: "TASKS",
    measure: "COUNT",
    description: `Tasks OPEN or IN_PROGRESS in ${AS_IT_STOOD}, in the plans of the families ${IN_APPROACH}. Rests on: the families with at least one open task.`,
  },
  {
    key: "overdue_tasks",
    theme: "APPROACH",
    label: "Overdue tasks",
    unit: "TASKS",
    measure: "COUNT",
    description: "Of the open tasks, those whose due date lies before the reference day (as a task's `overdue` shows it on that day). Rests on: the families with at least one overdue task.",
  },
  {
    key: "evaluations_on_time",
    theme: "APPROACH",
    label: "Evaluations on time",
    unit: "PERCENT",
    measure: "SHARE",
    description:
      "Of the evaluations that fell due during the period, up to the reference day, the share held on or before their due date. A plan's evaluation falls due one cycle (its evaluation months, 3 by default) after its start or after the evaluation before, as Plan.nextEvaluationDue says; one held later is late, and the next falls due a cycle after it. A due date without an evaluation held by the reference day counts as late once that day has passed, when the family was then in PLANNING, EXECUTING or EVALUATING. Rests on: the families with an evaluation due.",
  },
  // --- cooperation and escalation -----------------------------------------------------------
  {
    key: "escalations_raised",
    theme: "COOPERATION",
    label: "Escalations raised",
    unit: "ESCALATIONS",
    measure: "COUNT",
    description: "Escalations raised during the period, on either track (drafting or carrying out the plan). Rests on: the distinct families they concern.",
  },
  {
    key: "escalations_resolved",
    theme: "COOPERATION",
    label: "Escalations resolved",
    unit: "ESCALATIONS",
    measure: "COUNT",
    description: "Escalations resolved during the period, at whatever step. Rests on: the distinct families they concern.",
  },
  {
    key: "help_waiting_days",
    theme: "APPROACH",
    label: "Days waiting for help (median)",
    unit: "DAYS",
    measure: "MEDIAN",
    description:
      "Median days from a family asking for help (a task's askedOn) to the help starting (the lead partner's first report of progress), over the tasks whose help started during the period. Rests on: the distinct families.",
  },
  {
    key: "help_waiting_over_norm",
    theme: "APPROACH",
    label: "Tasks waiting longer than the norm at the end",
    unit: "TASKS",
    measure: "COUNT",
    description:
      "Tasks open at the end of the period whose help was asked for more than the region's waiting norm (waitingNormDays) before the reference day and had not started by then. Rests on: the distinct families.",
  },
  {
    key: "cost_per_family",
    theme: "APPROACH",
    label: "Spent per family plan so far (median, euros)",
    unit: "EUROS",
    measure: "MEDIAN",
    description:
      "Median over the families whose plan has approved budget commitments of what was spent on them so far (the purchased services of their plan), as recorded on the reference day. Rests on: these families.",
  },
  {
    key: "cost_per_completed_plan",
    theme: "CONTINUITY",
    label: "Spent per completed plan (median, euros)",
    unit: "EUROS",
    measure: "MEDIAN",
    description: "Median over the families closed during the period of what was spent on their plan's approved budget commitments. Rests on: these families.",
  },
  {
    key: "escalation_days_to_resolve",
    theme: "COOPERATION",
    label: "Days to resolve an escalation (median)",
    unit: "DAYS",
    measure: "MEDIAN",
    description: "Median days from raising to resolving, over the escalations resolved during the period. Rests on: the distinct families they concern.",
  },
  {
    key: "escalations_open",
    theme: "COOPERATION",
    label: "Escalations open at the end",
    unit: "ESCALATIONS",
    measure: "COUNT",
    description: "Escalations open at the end of the period: raised before it ended and not resolved by then. Rests on: the distinct families they concern.",
  },
  {
    key: "escalations_overdue",
    theme: "COOPERATION",
    label: "Escalations past their step's deadline",
    unit: "ESCALATIONS",
    measure: "COUNT",
    description:
      "Of the escalations open at the end of the period, those whose current step had passed its deadline by then (or by now, when the period runs on). Rests on: the distinct families they concern.",
  },
  // --- continuity ----------------------------------------------------------------------------
  {
    key: "closures",
    theme: "CONTINUITY",
    label: "Families closed",
    unit: "CLOSURES",
    measure: "COUNT",
    description: "Closures (a final evaluation, then aftercare) during the period. Rests on: the distinct families closed.",
  },
  {
    key: "goals_achieved_at_closure",
    theme: "CONTINUITY",
    label: "Goals achieved at closure",
    unit: "PERCENT",
    measure: "SHARE",
    description:
      "Over the closures during the period taken together: the goals ACHIEVED as a share of the plans' goals at closing (cancelled goals not counted). No value when those plans had no goals. Rests on: the distinct families closed.",
  },
  {
    key: "positive_exits",
    theme: "CONTINUITY",
    label: "Positive exits",
    unit: "PERCENT",
    measure: "SHARE",
    description:
      "Of the closures during the period, the share with a positive exit: at least the region's share of the goals achieved (80% by default); a plan without goals is none. Rests on: the distinct families closed.",
  },
  {
    key: "aftercare_arranged",
    theme: "CONTINUITY",
    label: "Aftercare arranged",
    unit: "PERCENT",
    measure: "SHARE",
    description:
      "Of the closures during the period, the share with aftercare arranged: a revisit date and a keeper who is an active professional (as the register holds it now; for a family whose records retention removed, as it held it the day they went). A closure through the API always names both, so below 100% a keeper has left. Rests on: the distinct families closed.",
  },
  {
    key: "handover_to_regular_care",
    theme: "CONTINUITY",
    label: "Warm handover to a regular partner",
    unit: "PERCENT",
    measure: "SHARE",
    description: "Of the closures during the period, the share where regie passed to a regular partner with a warm handover. Rests on: the distinct families closed.",
  },
  {
    key: "duration_closed",
    theme: "CONTINUITY",
    label: "Days in the approach, families closed (median)",
    unit: "DAYS",
    measure: "MEDIAN",
    description:
      "Median days in the approach of the closures during the period: from entering it (the family's first SCREENED, or the last reopening before the closure) to the closure. Rests on: the distinct families closed.",
  },
  {
    key: "duration_running",
    theme: "CONTINUITY",
    label: "Days in the approach so far (median)",
    unit: "DAYS",
    measure: "MEDIAN",
    description: `Median days in the approach so far of the families ${IN_APPROACH}: from entering it (the first SCREENED, or the last reopening) to the reference day. Rests on: those families.`,
  },
  {
    key: "families_reopened",
    theme: "CONTINUITY",
    label: "Families reopened",
    unit: "FAMILIES",
    measure: "COUNT",
    description: "Families reopened during the period: brought back from aftercare or closed to PLANNING. Rests on: these families.",
  },
];

/** The figures per escalation step: the region's ladder decides how many steps there are. */
function stepDefinitions(step: number): IndicatorDefinition[] {
  return [
    {
      key: `escalations_reached_step.${step}`,
      theme: "COOPERATION",
      label: `Escalations reaching step ${step}`,
      unit: "ESCALATIONS",
      measure: "COUNT",
      description: `Escalations that reached step ${step} of the ladder during the period (the step started then; step 1 starts when an escalation is raised). Rests on: the distinct families they concern.`,
    },
    {
      key: `escalation_step_days_to_decide.${step}`,
      theme: "COOPERATION",
      label: `Days to decide at step ${step} (median)`,
      unit: "DAYS",
      measure: "MEDIAN",
      description: `Median days from the start of step ${step} to its decision (escalated further or resolved), over the steps ${step} decided during the period. Rests on: the distinct families they concern.`,
    },
  ];
}

/** Every figure of a report, theme by theme, with the escalation steps after the escalation counts. */
export function indicatorDefinitions(steps: readonly number[]): IndicatorDefinition[] {
  const afterRaised = FIXED.findIndex((definition) => definition.key === "escalations_raised") + 1;
  const perStep = [...steps].sort((a, b) => a - b).flatMap(stepDefinitions);
  const all = [...FIXED.slice(0, afterRaised), ...perStep, ...FIXED.slice(afterRaised)];
  return THEMES.flatMap((theme) => all.filter((definition) => definition.theme === theme));
}
