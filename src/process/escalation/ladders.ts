import type { ActorKind } from "./actors.js";
import type { EscalationTrack } from "./open.js";

/** A step as a region configures it; its number is its place in the list, and the last binds. */
export interface LadderStepDefinition {
  title: string;
  deciders: ActorKind[];
  informed: ActorKind[];
  deadlineDays: number;
}

/**
 * Amsterdam (002 §3.4), the same on both tracks: the professionals' own line managers with the
 * coordinator informed; then the coordinator (RISK/MPG1) or process manager (MPG2–4) — the
 * family's process lead — with the institutions' directors; then the alderman or portfolio holder
 * (the mayor where nuisance dominates), whose decision binds.
 */
export const AMSTERDAM_LADDER: readonly LadderStepDefinition[] = [
  { title: "Line managers of the professionals", deciders: ["LINE_MANAGERS"], informed: ["PROCESS_LEAD"], deadlineDays: 10 },
  { title: "Coordinator or process manager with the institutions' directors", deciders: ["PROCESS_LEAD", "LINE_MANAGERS"], informed: [], deadlineDays: 10 },
  { title: "Alderman, portfolio holder or mayor", deciders: ["ADMINISTRATORS"], informed: [], deadlineDays: 14 },
];

/**
 * Groningen (000 §8), the same on both tracks: the coach's voice leads; no agreement → the
 * project leader and the partner's management representative at once; still none → a
 * representative of the municipal executive, who settles it within one week.
 */
export const GRONINGEN_LADDER: readonly LadderStepDefinition[] = [
  { title: "The coach's voice leads", deciders: ["REGISSEUR"], informed: [], deadlineDays: 5 },
  { title: "Project leader and the partner's management representative", deciders: ["PROJECT_LEADERS", "LINE_MANAGERS"], informed: [], deadlineDays: 7 },
  { title: "Representative of the municipal executive", deciders: ["ADMINISTRATORS"], informed: [], deadlineDays: 7 },
];

/** Amsterdam's ladder ending at the mayor (or district chair): where nuisance dominates. */
export const AMSTERDAM_NUISANCE_LADDER: readonly LadderStepDefinition[] = [
  ...AMSTERDAM_LADDER.slice(0, -1),
  { title: "Mayor or district chair (nuisance dominates)", deciders: ["MAYOR"], informed: ["ADMINISTRATORS"], deadlineDays: 14 },
];

/**
 * Amsterdam per commissioner (002 §2.6, §3.4): where the district commissions the care the
 * coordinator escalates, up to the district's alderman or chair; where the care region does, the
 * process manager, up to the region's portfolio holder for youth care or the mayor.
 */
export const AMSTERDAM_VARIANTS: Readonly<Record<string, readonly LadderStepDefinition[]>> = {
  LOCAL: [
    { title: "Line managers of the professionals (district)", deciders: ["LINE_MANAGERS"], informed: ["PROCESS_LEAD"], deadlineDays: 10 },
    { title: "Coordinator for risk families with the directors", deciders: ["PROCESS_LEAD", "LINE_MANAGERS"], informed: [], deadlineDays: 10 },
    { title: "District alderman or portfolio holder", deciders: ["ADMINISTRATORS"], informed: [], deadlineDays: 14 },
  ],
  LOCAL_NUISANCE: [
    { title: "Line managers of the professionals (district)", deciders: ["LINE_MANAGERS"], informed: ["PROCESS_LEAD"], deadlineDays: 10 },
    { title: "Coordinator for risk families with the directors", deciders: ["PROCESS_LEAD", "LINE_MANAGERS"], informed: [], deadlineDays: 10 },
    { title: "District chair (nuisance dominates)", deciders: ["MAYOR"], informed: ["ADMINISTRATORS"], deadlineDays: 14 },
  ],
  REGIONAL: [
    { title: "Line managers of the professionals (care region)", deciders: ["LINE_MANAGERS"], informed: ["PROCESS_LEAD"], deadlineDays: 10 },
    { title: "Process manager with the directors", deciders: ["PROCESS_LEAD", "LINE_MANAGERS"], informed: [], deadlineDays: 10 },
    { title: "Regional portfolio holder for youth care", deciders: ["ADMINISTRATORS"], informed: [], deadlineDays: 14 },
  ],
  REGIONAL_NUISANCE: [
    { title: "Line managers of the professionals (care region)", deciders: ["LINE_MANAGERS"], informed: ["PROCESS_LEAD"], deadlineDays: 10 },
    { title: "Process manager with the directors", deciders: ["PROCESS_LEAD", "LINE_MANAGERS"], informed: [], deadlineDays: 10 },
    { title: "Mayor (nuisance dominates)", deciders: ["MAYOR"], informed: ["ADMINISTRATORS"], deadlineDays: 14 },
  ],
  NUISANCE: AMSTERDAM_NUISANCE_LADDER,
};

export const DEFAULT_LADDERS: Readonly<Record<"AMSTERDAM" | "GRONINGEN", Readonly<Record<EscalationTrack, readonly LadderStepDefinition[]>>>> = {
  AMSTERDAM: { PLAN_DRAFTING: AMSTERDAM_LADDER, PLAN_EXECUTION: AMSTERDAM_LADDER },
  GRONINGEN: { PLAN_DRAFTING: GRONINGEN_LADDER, PLAN_EXECUTION: GRONINGEN_LADDER },
};

/** The ladder's rows for one region and track: numbered from 1, the last one binding. */
export function ladderRows(regionId: string, track: EscalationTrack, steps: readonly LadderStepDefinition[], variant: string = "DEFAULT") {
  return steps.map((step, index) => ({
    regionId,
    track,
    variant,
    step: index + 1,
    title: step.title,
    deciders: [...step.deciders],
    informed: [...step.informed],
    deadlineDays: step.deadlineDays,
    binding: index === steps.length - 1,
  }));
}
