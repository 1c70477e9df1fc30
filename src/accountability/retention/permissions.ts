import { authenticated, withRole } from "../../access/rules.js";

/*
 * The retention term is how the region works, not case data: every professional of the region
 * reads it beside the reference index's periods; the covenant administrator sets it, as the
 * region's other settings. The run itself has no API: it is a job (npm run retention).
 */
export const retentionPermissions = {
  Mutation: { setRetentionSettings: withRole("COVENANT_ADMIN") },
  Region: { retention: authenticated },
  RetentionSettings: { closedFamilyYears: authenticated },
};
