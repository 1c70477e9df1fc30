import { LocalDateResolver } from "graphql-scalars";
import { Arg, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from "type-graphql";
import { keepsFamily } from "./decisions/predicates.js";
import { authenticated, type RequestContext } from "../context.js";
import { Family } from "../families/types.js";
import { endLegalGround, recordConsent, recordLegalGround, withdrawConsent } from "./consent.js";
import { openEmergencyAccess } from "./emergency.js";
import { previewCovenantVersion, recordAccessChangesRead } from "./preview/service.js";
import { CovenantAccessChanges } from "./preview/types.js";
import { endCovenantVersion, listCovenantVersions, publishCovenantVersion } from "./service.js";
import {
  Consent,
  ConsentInput,
  CovenantVersion,
  CovenantVersionInput,
  EmergencyAccess,
  LegalGround,
  LegalGroundInput,
} from "./types.js";

@Resolver(() => CovenantVersion)
export class CovenantResolver {
  @Query(() => [CovenantVersion], { description: "Every version of your region's covenant, newest first; old versions stay readable." })
  covenantVersions(@Ctx() ctx: RequestContext) {
    return listCovenantVersions(authenticated(ctx));
  }

  @Query(() => CovenantVersion, { nullable: true, description: "The version in force today; null when none is (then it grants nothing)." })
  async covenant(@Ctx() ctx: RequestContext) {
    return (await listCovenantVersions(authenticated(ctx))).find((version) => version.inForce) ?? null;
  }

  @Query(() => CovenantAccessChanges, {
    description:
      "What publishing this draft would change, per partner of the region, against the version in force (covenant administrator). Writes nothing: the draft is never in force. Counts of families only; a count under five is suppressed exactly as the indicators suppress it, and so is one of two counts of a partner within four of each other; no totals.",
  })
  previewCovenantVersion(@Arg("input", () => CovenantVersionInput) input: CovenantVersionInput, @Ctx() ctx: RequestContext) {
    return previewCovenantVersion(authenticated(ctx), input);
  }

  @Mutation(() => CovenantVersion, { description: "Publishes a new version of the covenant (covenant administrator)." })
  publishCovenantVersion(@Arg("input", () => CovenantVersionInput) input: CovenantVersionInput, @Ctx() ctx: RequestContext) {
    return publishCovenantVersion(authenticated(ctx), input);
  }

  // The changes are served only in a publication's answer, and recorded only where they are asked for.
  @FieldResolver(() => CovenantAccessChanges, { nullable: true })
  accessChanges(@Root() version: CovenantVersion, @Ctx() ctx: RequestContext): CovenantAccessChanges | null {
    if (!version.accessChanges) return null;
    recordAccessChangesRead(authenticated(ctx), "CovenantVersion.accessChanges");
    return version.accessChanges;
  }

  @Mutation(() => CovenantVersion, { description: "Ends a version from a day on (today by default) (covenant administrator)." })
  endCovenantVersion(
    @Arg("versionId", () => ID) versionId: string,
    @Arg("on", () => LocalDateResolver, { nullable: true }) on: string | null,
    @Ctx() ctx: RequestContext,
  ) {
    return endCovenantVersion(authenticated(ctx), versionId, on);
  }

  @Mutation(() => Consent, { description: "Records a member's consent for a partner and life domains." })
  recordConsent(@Arg("input", () => ConsentInput) input: ConsentInput, @Ctx() ctx: RequestContext) {
    return recordConsent(authenticated(ctx), input);
  }

  @Mutation(() => Consent, { description: "Records that consent was withdrawn; it counts no more from the next request." })
  withdrawConsent(
    @Arg("id", () => ID) id: string,
    @Arg("withdrawnBy", () => [ID], { description: "The member or parent(s) who withdrew it." }) withdrawnBy: string[],
    @Ctx() ctx: RequestContext,
  ) {
    return withdrawConsent(authenticated(ctx), id, withdrawnBy);
  }

  @Mutation(() => LegalGround, { description: "Records a legal ground standing in for consent (regisseur or process lead)." })
  recordLegalGround(@Arg("input", () => LegalGroundInput) input: LegalGroundInput, @Ctx() ctx: RequestContext) {
    return recordLegalGround(authenticated(ctx), input);
  }

  @Mutation(() => LegalGround, { description: "Ends a legal ground from today." })
  endLegalGround(@Arg("id", () => ID) id: string, @Ctx() ctx: RequestContext) {
    return endLegalGround(authenticated(ctx), id);
  }

  @Mutation(() => EmergencyAccess, {
    description: "Break the glass: opens the safety-relevant parts for the region's emergency period, with a written reason; the regisseur and process lead are told.",
  })
  openEmergencyAccess(@Arg("familyId", () => ID) familyId: string, @Arg("reason", () => String) reason: string, @Ctx() ctx: RequestContext) {
    return openEmergencyAccess(authenticated(ctx), familyId, reason);
  }
}

/**
 * What stands behind the family's entitlements, as fields of a family. The regisseur and the
 * process lead see every record; any other caller only those of its own organisation (consent,
 * legal grounds) or its own (emergency access), so not even their number tells more.
 */
@Resolver(() => Family)
export class FamilyCovenantResolver {
  @FieldResolver(() => [Consent], { nullable: true }) async consents(@Root() family: Family, @Ctx() ctx: RequestContext) {
    const [records, seesAll] = await Promise.all([ctx.loaders.consents.load(family.familyId), keeps(ctx, family)]);
    return seesAll ? records : records.filter((record) => record.partnerId === ctx.caller?.partnerId);
  }
  @FieldResolver(() => [LegalGround], { nullable: true }) async legalGrounds(@Root() family: Family, @Ctx() ctx: RequestContext) {
    const [records, seesAll] = await Promise.all([ctx.loaders.legalGrounds.load(family.familyId), keeps(ctx, family)]);
    return seesAll ? records : records.filter((record) => record.partnerId === ctx.caller?.partnerId);
  }
  @FieldResolver(() => [EmergencyAccess], { nullable: true }) async emergencyAccesses(@Root() family: Family, @Ctx() ctx: RequestContext) {
    const [records, seesAll] = await Promise.all([ctx.loaders.emergencyAccesses.load(family.familyId), keeps(ctx, family)]);
    return seesAll ? records : records.filter((record) => record.ownerId === ctx.caller?.professionalId);
  }
}

async function keeps(ctx: RequestContext, family: Family): Promise<boolean> {
  return keepsFamily(await ctx.entitlements.load(family.familyId));
}
