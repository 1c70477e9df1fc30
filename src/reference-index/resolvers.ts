import { Arg, Args, Ctx, ID, Mutation, Query, Resolver } from "type-graphql";
import { authenticated, type RequestContext } from "../context.js";
import { PageArgsInput } from "../pagination/connection.js";
import type { Page } from "../pagination/page.js";
import {
  markMatchNotificationRead,
  pageMatchNotifications,
  mySignals,
  registerSignal,
  whoIsInvolved,
  withdrawSignal,
} from "./service.js";
import { Involvement, MatchNotification, MatchNotificationConnection, Signal, SignalConnection, SignalInput } from "./types.js";

@Resolver()
export class ReferenceIndexResolver {
  @Mutation(() => Signal, { description: "Registers that your organisation is involved with a person." })
  signal(@Arg("input", () => SignalInput) input: SignalInput, @Ctx() ctx: RequestContext): Promise<Signal> {
    return registerSignal(authenticated(ctx), input);
  }

  @Mutation(() => Signal, { description: "Withdraws your own signal; it becomes historical." })
  withdrawSignal(@Arg("id", () => ID) id: string, @Ctx() ctx: RequestContext): Promise<Signal> {
    return withdrawSignal(authenticated(ctx), id);
  }

  @Query(() => [Involvement], {
    description:
      "Who else is involved with a person: answered only when your organisation has its own active signal on them. Otherwise the empty list, as for a person nobody signalled.",
  })
  whoIsInvolved(@Arg("bsn", () => String) bsn: string, @Ctx() ctx: RequestContext): Promise<Involvement[]> {
    return whoIsInvolved(authenticated(ctx), bsn);
  }

  @Query(() => SignalConnection, { description: "Your own signals, active and historical, newest first, a page at a time." })
  mySignals(@Args(() => PageArgsInput) page: PageArgsInput, @Ctx() ctx: RequestContext): Promise<Page<Signal>> {
    return mySignals(authenticated(ctx), page);
  }

  @Query(() => MatchNotificationConnection, { description: "Matches on your signals, newest first (time, then id), a page at a time." })
  matchNotifications(
    @Arg("unreadOnly", () => Boolean, { defaultValue: false }) unreadOnly: boolean,
    @Args(() => PageArgsInput) page: PageArgsInput,
    @Ctx() ctx: RequestContext,
  ): Promise<Page<MatchNotification>> {
    return pageMatchNotifications(authenticated(ctx), page, unreadOnly);
  }

  @Mutation(() => MatchNotification)
  markMatchNotificationRead(@Arg("id", () => ID) id: string, @Ctx() ctx: RequestContext): Promise<MatchNotification> {
    return markMatchNotificationRead(authenticated(ctx), id);
  }
}
