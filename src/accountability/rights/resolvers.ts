import { JSONObjectResolver } from "graphql-scalars";
import { Arg, Args, Ctx, ID, Mutation, Query, Resolver } from "type-graphql";
import { authenticated, type RequestContext } from "../../context.js";
import { PageArgsInput } from "../../pagination/connection.js";
import type { Page } from "../../pagination/page.js";
import {
  applyRectification,
  clientAccessLog,
  clientExport,
  clientRightsRequests,
  decideRightsRequest,
  myAccessLog,
  myAccount,
  myChildren,
  myData,
  myRequests,
  openClientAccount,
  rightsRequestsToDecide,
  rightsSettings,
  setRightsSettings,
  submitMyRightsRequest,
  submitRightsRequest,
} from "./service.js";
import { AccessLogEntry, AccessLogEntryConnection, ClientAccount, ClientChild, RectificationInput, RightsDecisionInput, RightsRequest, RightsRequestConnection, RightsRequestInput, RightsSettings, RightsSettingsInput } from "./types.js";

const FOR = {
  nullable: true,
  description: "A child you may ask for (myChildren); omitted: yourself.",
} as const;

/** What a client (a family member with their own login) asks for themselves, or for a child. */
@Resolver()
export class ClientRightsResolver {
  @Query(() => ClientAccount, { description: "Your own login: who you are to this API (client only)." })
  myAccount(@Ctx() ctx: RequestContext): Promise<ClientAccount> {
    return myAccount(ctx);
  }

  @Query(() => [ClientChild], { description: "The children you may ask for: below your region's age rule, in a household where you have legal custody." })
  myChildren(@Ctx() ctx: RequestContext): Promise<ClientChild[]> {
    return myChildren(ctx);
  }

  @Query(() => JSONObjectResolver, {
    description:
      "Everything your region holds on you (AVG art. 15), as one JSON document: households, plan, consents, legal grounds, concerns, escalations, advices, closures, reference-index signals, requests. From your region's age on; for a child, by a parent with legal custody, of the households where that parent has custody and the child lives.",
  })
  myData(@Arg("for", () => ID, FOR) forId: string | null, @Ctx() ctx: RequestContext): Promise<Record<string, unknown>> {
    return myData(ctx, forId);
  }

  @Query(() => AccessLogEntryConnection, {
    description:
      "Who looked at or changed your data, newest first (in the order of writing), a page at a time: when, which professional for which organisation, in which role, what data, what action, on which basis, and whether emergency access opened it.",
  })
  myAccessLog(@Arg("for", () => ID, FOR) forId: string | null, @Args(() => PageArgsInput) page: PageArgsInput, @Ctx() ctx: RequestContext): Promise<Page<AccessLogEntry>> {
    return myAccessLog(ctx, forId, page);
  }

  @Query(() => RightsRequestConnection, {
    description: "Your requests to rectify or erase (and those filed for you), with their decisions and reasons; the earliest filed first, a page at a time.",
  })
  myRequests(@Arg("for", () => ID, FOR) forId: string | null, @Args(() => PageArgsInput) page: PageArgsInput, @Ctx() ctx: RequestContext): Promise<Page<RightsRequest>> {
    return myRequests(ctx, forId, page);
  }

  @Mutation(() => RightsRequest, { description: "Asks to rectify or erase something held on you (or on a child you may ask for)." })
  submitMyRightsRequest(
    @Arg("input", () => RightsRequestInput) input: RightsRequestInput,
    @Arg("for", () => ID, FOR) forId: string | null,
    @Ctx() ctx: RequestContext,
  ): Promise<RightsRequest> {
    return submitMyRightsRequest(ctx, input, forId);
  }
}

/** The same requests, by a professional the region allows, on a client's behalf; and deciding them. */
@Resolver()
export class ProfessionalRightsResolver {
  @Query(() => RightsSettings, { description: "Your region's age rule and who may ask on a client's behalf." })
  rightsSettings(@Ctx() ctx: RequestContext): Promise<RightsSettings> {
    return rightsSettings(authenticated(ctx));
  }

  @Mutation(() => RightsSettings, { description: "Sets your region's age rule and who may ask on a client's behalf (covenant administrator)." })
  setRightsSettings(@Arg("input", () => RightsSettingsInput) input: RightsSettingsInput, @Ctx() ctx: RequestContext): Promise<RightsSettings> {
    return setRightsSettings(authenticated(ctx), input);
  }

  @Query(() => JSONObjectResolver, {
    description:
      "A person's export (as myData), on their behalf: for a professional the region allows, of the households the covenant opens to them in full (FULL: their regisseur, or whom the covenant gives full access); only the active reference-index signals. FORBIDDEN for a person you know only at PROCESS level (file a request or read their log instead); NOT_FOUND for a person you may not know, as for none.",
  })
  clientExport(@Arg("personId", () => ID) personId: string, @Ctx() ctx: RequestContext): Promise<Record<string, unknown>> {
    return clientExport(authenticated(ctx), personId);
  }

  @Query(() => AccessLogEntryConnection, {
    description:
      "A person's access log (as myAccessLog, newest first, a page at a time), on their behalf: the entries on the households you may know, and of those on the person alone only the reads and filings of their rights (no reference-index entries).",
  })
  clientAccessLog(@Arg("personId", () => ID) personId: string, @Args(() => PageArgsInput) page: PageArgsInput, @Ctx() ctx: RequestContext): Promise<Page<AccessLogEntry>> {
    return clientAccessLog(authenticated(ctx), personId, page);
  }

  @Query(() => RightsRequestConnection, {
    description:
      "A person's requests to rectify or erase, on their behalf: those of the households you may know, and about a signal only your own organisation's; the earliest filed first, a page at a time.",
  })
  clientRightsRequests(@Arg("personId", () => ID) personId: string, @Args(() => PageArgsInput) page: PageArgsInput, @Ctx() ctx: RequestContext): Promise<Page<RightsRequest>> {
    return clientRightsRequests(authenticated(ctx), personId, page);
  }

  @Mutation(() => RightsRequest, { description: "Files a request to rectify or erase on a person's behalf; you are told of the decision." })
  submitRightsRequest(
    @Arg("personId", () => ID) personId: string,
    @Arg("input", () => RightsRequestInput) input: RightsRequestInput,
    @Ctx() ctx: RequestContext,
  ): Promise<RightsRequest> {
    return submitRightsRequest(authenticated(ctx), personId, input);
  }

  @Mutation(() => ClientAccount, {
    description: "Opens a login for a family member from your region's age on (a professional the region allows to act on a client's behalf).",
  })
  openClientAccount(@Arg("personId", () => ID) personId: string, @Arg("email", () => String) email: string, @Ctx() ctx: RequestContext): Promise<ClientAccount> {
    return openClientAccount(authenticated(ctx), personId, email);
  }

  @Query(() => RightsRequestConnection, {
    description:
      "The requests you decide: about your organisation's reference-index signals, and about the households you keep (regisseur, process lead); the earliest filed first (then id), a page at a time.",
  })
  rightsRequestsToDecide(
    @Arg("openOnly", () => Boolean, { defaultValue: true }) openOnly: boolean,
    @Args(() => PageArgsInput) page: PageArgsInput,
    @Ctx() ctx: RequestContext,
  ): Promise<Page<RightsRequest>> {
    return rightsRequestsToDecide(authenticated(ctx), openOnly, page);
  }

  @Mutation(() => RightsRequest, {
    description: "Grants or refuses a request, once, with its reason. A granted erasure of a signal removes it, and the matches it caused.",
  })
  decideRightsRequest(
    @Arg("requestId", () => ID) requestId: string,
    @Arg("input", () => RightsDecisionInput) input: RightsDecisionInput,
    @Ctx() ctx: RequestContext,
  ): Promise<RightsRequest> {
    return decideRightsRequest(authenticated(ctx), requestId, input);
  }

  @Mutation(() => RightsRequest, {
    description:
      "Carries out a granted rectification, once (the one who decided it): corrects the person's register row, keeping what it held; the client reads the result in myRequests and myData.",
  })
  applyRectification(
    @Arg("requestId", () => ID) requestId: string,
    @Arg("correction", () => RectificationInput) correction: RectificationInput,
    @Ctx() ctx: RequestContext,
  ): Promise<RightsRequest> {
    return applyRectification(authenticated(ctx), requestId, correction);
  }
}
