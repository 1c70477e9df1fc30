/** A family's way through the approach (domain brief §4; Groningen's five steps, 004 L2113). */
export const PHASES = ["SIGNALLED", "SCREENED", "PLANNING", "EXECUTING", "EVALUATING", "CLOSING", "AFTERCARE", "CLOSED"] as const;
export type Phase = (typeof PHASES)[number];

/**
 * Which phase may follow which, and through what. `changePhase` (the regisseur or process lead
 * moving the family on) may take the MANUAL steps; the others belong to the mutation that does
 * the work: screening decides SIGNALLED → SCREENED (or CLOSED: regular care suffices), closing
 * needs the final evaluation and aftercare, reopening needs a reason.
 */
export type PhaseStep = "MANUAL" | "SCREENING" | "CLOSURE" | "AFTERCARE_END" | "REOPEN";
export const TRANSITIONS: Readonly<Record<Phase, Partial<Record<Phase, PhaseStep>>>> = {
  SIGNALLED: { SCREENED: "SCREENING", CLOSED: "SCREENING" },
  SCREENED: { PLANNING: "MANUAL" },
  PLANNING: { EXECUTING: "MANUAL" },
  EXECUTING: { EVALUATING: "MANUAL" },
  EVALUATING: { EXECUTING: "MANUAL", CLOSING: "MANUAL" },
  CLOSING: { EXECUTING: "MANUAL", AFTERCARE: "CLOSURE" },
  AFTERCARE: { CLOSED: "AFTERCARE_END", PLANNING: "REOPEN" },
  CLOSED: { PLANNING: "REOPEN" },
};

/** The phases a family can reach from `from` through `step`. */
export const nextPhases = (from: Phase, step: PhaseStep): Phase[] =>
  (Object.entries(TRANSITIONS[from]) as [Phase, PhaseStep][]).filter(([, how]) => how === step).map(([to]) => to);
