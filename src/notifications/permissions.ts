import { authenticated, ownedByCaller } from "../access/rules.js";
import { connectionRules } from "../pagination/connection.js";

// One inbox per professional: each notification is readable by its recipient alone.
export const notificationPermissions = {
  Query: { notifications: authenticated },
  // The page is the caller's own inbox; each Notification is again owned-by-caller.
  ...connectionRules("Notification", authenticated),
  Mutation: { markNotificationRead: authenticated },
  // The live inbox: a professional's own new notifications (each field again owned-by-caller).
  Subscription: { notificationAdded: authenticated },
  Notification: {
    id: ownedByCaller,
    kind: ownedByCaller,
    familyId: ownedByCaller,
    actorId: ownedByCaller,
    subjectId: ownedByCaller,
    reason: ownedByCaller,
    until: ownedByCaller,
    due: ownedByCaller,
    match: ownedByCaller,
    createdAt: ownedByCaller,
    readAt: ownedByCaller,
  },
};
