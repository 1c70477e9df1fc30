/** An open escalation as process data (open-escalations.ts), as the per-request loaders hold it. */
export interface OpenEscalationView {
  familyId: string;
  track: string;
  currentStep: number;
  raisedAt: Date;
  dueAt: Date | null;
  overdue: boolean;
}
