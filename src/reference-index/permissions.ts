import { CARE_ROLES } from "../access/roles.js";
import { authenticated, ownedByCaller, withRole } from "../access/rules.js";
import { connectionRules } from "../pagination/connection.js";

const careWorker = withRole(...CARE_ROLES);

/*
 * The reference index is for the professionals who work with people: coaches and partner
 * professionals. A process lead, manager or administrator has no signals and no lookup. Each
 * caller sees only their own signals and notifications (owned-by-caller). An Involvement is
 * reached only through the lookup or a match, whose statements demand the caller's own active
 * signal on the person: that is its gate.
 */
export const referenceIndexPermissions = {
  Query: { whoIsInvolved: careWorker, mySignals: careWorker, matchNotifications: careWorker },
  // A page of the caller's own signals: each Signal is again owned-by-caller.
  ...connectionRules("Signal", careWorker),
  ...connectionRules("MatchNotification", careWorker),
  Mutation: { signal: careWorker, withdrawSignal: careWorker, markMatchNotificationRead: careWorker },
  Signal: {
    id: ownedByCaller,
    bsn: ownedByCaller,
    birthDate: ownedByCaller,
    signalledOn: ownedByCaller,
    activeUntil: ownedByCaller,
    status: ownedByCaller,
    discussedWithFamily: ownedByCaller,
    notDiscussedReason: ownedByCaller,
    contactPhone: ownedByCaller,
    contactEmail: ownedByCaller,
    withdrawnAt: ownedByCaller,
  },
  MatchNotification: {
    id: ownedByCaller,
    kind: ownedByCaller,
    bsn: ownedByCaller,
    other: ownedByCaller,
    createdAt: ownedByCaller,
    readAt: ownedByCaller,
  },
  Involvement: {
    organisation: authenticated,
    sector: authenticated,
    professional: authenticated,
    phone: authenticated,
    email: authenticated,
    since: authenticated,
  },
};
