import type { Role } from "../../access/roles.js";
import type { Caller } from "../../auth/caller.js";

/**
 * Who speaks for an institution an advice is addressed to: its care workers and its partner
 * managers. Its project leader, covenant administrator, evaluator or administrator does not:
 * they have no part in turning an advice into a decision, nor in reading one.
 */
export const ANSWERING_ROLES: readonly Role[] = ["COACH", "PARTNER_PROFESSIONAL", "PARTNER_MANAGER"];

export const answersFor = (caller: Pick<Caller, "partnerId" | "roles">): boolean => caller.roles.some((role) => ANSWERING_ROLES.includes(role));

/** The caller speaks for the partner the advice is addressed to. */
export const addressedTo = (caller: Pick<Caller, "partnerId" | "roles">, partnerId: string | undefined): boolean =>
  partnerId !== undefined && caller.partnerId === partnerId && answersFor(caller);
