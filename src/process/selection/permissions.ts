import { CARE_ROLES } from "../../access/roles.js";
import { authenticated, madeForReader, withRole } from "../../access/rules.js";

/*
 * A round is how the region works, not case data: every professional of the region reads its
 * title, size and status. Its nominations name families and say why: the service hands each
 * reader only their own organisation's (a project leader all), marked for that reader, and names
 * a family only to who may know it. Project leaders open and confirm; care workers and managers
 * of the partners nominate.
 */
const projectLead = withRole("PROJECT_LEAD");

export const selectionPermissions = {
  Query: { selectionRounds: authenticated },
  Mutation: {
    openSelectionRound: projectLead,
    nominateFamily: withRole(...CARE_ROLES, "PARTNER_MANAGER"),
    confirmSelection: projectLead,
  },
  SelectionRound: {
    id: authenticated,
    title: authenticated,
    size: authenticated,
    status: authenticated,
    openedAt: authenticated,
    confirmedAt: authenticated,
    nominations: authenticated,
  },
  SelectionNomination: {
    id: madeForReader,
    family: madeForReader,
    concernId: madeForReader,
    partner: madeForReader,
    nominatedBy: madeForReader,
    nominatedAt: madeForReader,
    reason: madeForReader,
    selected: madeForReader,
  },
};
