import { Arg, Ctx, Mutation, Resolver } from "type-graphql";
import { authenticated, type RequestContext } from "../../context.js";
import { setRetentionSettings } from "./settings.js";
import { RetentionSettings, RetentionSettingsInput } from "./types.js";

/** The region's retention term: read on `me.region.retention`, set by the covenant administrator. */
@Resolver(() => RetentionSettings)
export class RetentionSettingsResolver {
  @Mutation(() => RetentionSettings, { description: "Sets how long your region keeps a closed family's records (covenant administrator)." })
  setRetentionSettings(@Arg("input", () => RetentionSettingsInput) input: RetentionSettingsInput, @Ctx() ctx: RequestContext): Promise<RetentionSettings> {
    return setRetentionSettings(authenticated(ctx), input);
  }
}
