import { authenticated, familyAccess, guardedAtEntry, meetingProcess, planContent } from "../../access/rules.js";

/*
 * A case meeting (002 §2.8): that it was held, its kind, day and attendees are process data —
 * PROCESS, and who attended it from DAT; its minutes and decisions are plan content (part
 * MEETING). The family's keepers record it (the family gate).
 */
export const meetingPermissions = {
  Mutation: { recordCaseMeeting: authenticated },
  // The list holds only the meetings the caller may see (all from PROCESS, those attended below).
  Family: { caseMeetings: familyAccess("DAT") },
  Plan: { adoptedIn: familyAccess("PROCESS") },
  CaseMeeting: {
    id: meetingProcess,
    meeting: meetingProcess,
    heldOn: meetingProcess,
    attendees: meetingProcess,
    memberIds: meetingProcess,
    networkMemberIds: meetingProcess,
    adoptedPlanVersion: meetingProcess,
    recordedAt: meetingProcess,
    content: planContent,
  },
  CaseMeetingContent: { minutes: guardedAtEntry, decisions: guardedAtEntry },
};

export const meetingEntryGuards = { CaseMeetingContent: [planContent] };
