import DataLoader from "dataloader";
import type { Caller } from "../../auth/caller.js";
import type { Db } from "../../db/database.js";
import { decide } from "./decide.js";
import { noEntitlement, type Entitlement } from "./entitlement.js";
import { loadFacts } from "./facts.js";
import { loadCovenantInForce, type CovenantInForce } from "./in-force.js";

/**
 * The caller's entitlement for many families: the covenant in force (once per request) and one
 * statement for all the families asked for in the same tick.
 */
export async function computeEntitlements(
  db: Db,
  caller: Caller,
  familyIds: readonly string[],
  covenant: () => Promise<CovenantInForce>,
  today: string,
  now: Date,
): Promise<Entitlement[]> {
  const [facts, inForce] = await Promise.all([loadFacts(db, caller, familyIds, today, now), covenant()]);
  const byId = new Map(facts.map((row) => [row.id, row]));
  return familyIds.map((familyId) => {
    const row = byId.get(familyId);
    return row ? decide(caller, inForce, row) : noEntitlement(familyId);
  });
}

/**
 * One family's entitlement for a professional other than the caller (e.g. one named to keep the
 * family in aftercare): what they would be decided, were they asking.
 */
export async function entitlementOf(db: Db, professional: Caller, familyId: string, today: string, now: Date): Promise<Entitlement> {
  const [entitlement] = await computeEntitlements(db, professional, [familyId], () => loadCovenantInForce(db, professional, today), today, now);
  return entitlement!;
}

/**
 * The per-request entitlement loader. Besides loading in batches, it answers synchronously for
 * a family it has already resolved (`peek`), so a field rule over a loaded family costs no
 * promise: a plan query asks it for every one of thousands of fields.
 */
export class EntitlementLoader extends DataLoader<string, Entitlement> {
  private readonly resolved = new Map<string, Entitlement>();

  private inForceOnce: Promise<CovenantInForce> | null = null;

  constructor(
    batch: (familyIds: readonly string[], covenant: () => Promise<CovenantInForce>) => Promise<Entitlement[]>,
    private readonly loadInForce: () => Promise<CovenantInForce>,
  ) {
    super(async (familyIds) => {
      const entitlements = await batch(familyIds, () => this.covenant());
      entitlements.forEach((entitlement, index) => this.resolved.set(familyIds[index]!, entitlement));
      return entitlements;
    });
  }

  peek(familyId: string): Entitlement | undefined {
    return this.resolved.get(familyId);
  }

  /** The covenant in force the entitlements were decided by: loaded once, until `clearAll`. */
  covenant(): Promise<CovenantInForce> {
    return (this.inForceOnce ??= this.loadInForce());
  }

  override clear(familyId: string): this {
    this.resolved.delete(familyId);
    return super.clear(familyId);
  }

  /** Forgets every decision and the covenant in force: a version published or ended applies at once. */
  override clearAll(): this {
    this.resolved.clear();
    this.inForceOnce = null;
    return super.clearAll();
  }
}

export function entitlementLoader(db: Db, caller: Caller | null, now: () => Date, today: () => string): EntitlementLoader {
  if (!caller) {
    return new EntitlementLoader(
      async (familyIds) => familyIds.map(noEntitlement),
      () => Promise.reject(new Error("No covenant applies without a professional calling.")),
    );
  }
  return new EntitlementLoader(
    (familyIds, covenant) => computeEntitlements(db, caller, familyIds, covenant, today(), now()),
    () => loadCovenantInForce(db, caller, today()),
  );
}
