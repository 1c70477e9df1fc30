import type { RequestContext } from "../../context.js";
import type { EntryContent } from "./chain.js";

export type Actor = Pick<EntryContent, "actorKind" | "actorId" | "partnerId" | "roles" | "regionId">;

/**
 * Who acts in a request, as the log names them: the professional and their organisation, or a
 * client (a family member with their own login: their account, no organisation, no roles).
 */
export function actorOf(ctx: RequestContext): Actor | null {
  const caller = ctx.caller;
  if (!caller) {
    const client = ctx.client;
    return client ? { actorKind: "CLIENT", actorId: client.accountId, partnerId: null, roles: [], regionId: client.regionId } : null;
  }
  return {
    actorKind: "PROFESSIONAL",
    actorId: caller.professionalId,
    partnerId: caller.partnerId,
    roles: [...caller.roles].sort(),
    regionId: caller.regionId,
  };
}

/** A job of the system itself (retention): no person acts. */
export function systemActor(regionId: string | null): Actor {
  return { actorKind: "SYSTEM", actorId: null, partnerId: null, roles: [], regionId };
}
