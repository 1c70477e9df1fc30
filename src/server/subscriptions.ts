import { randomUUID } from "node:crypto";
import type { Server } from "node:http";
import { GraphQLError, specifiedRules, validate, type ExecutionResult, type FormattedExecutionResult, type GraphQLSchema } from "graphql";
import { useServer } from "graphql-ws/use/ws";
import type { Logger } from "pino";
import { WebSocketServer } from "ws";
import { APPLICATION_ROLE, enterRequest, type Entered, type Identity } from "../auth/enter.js";
import type { Config } from "../config.js";
import type { AuthenticatedContext, RequestContext } from "../context.js";
import type { Database, Db } from "../db/database.js";
import { errorSummary } from "../error-summary.js";
import { writeEntries } from "../accountability/access-log/flush.js";
import { findOwnNotification, type LiveContext } from "../notifications/live.js";
import type { Notification } from "../notifications/types.js";
import { formatError } from "./error-format.js";
import { EventQueue } from "./event-queue.js";
import { startLiveBus } from "./live-bus.js";
import { queryLimitRules } from "./limits.js";
import { foldRefusals } from "./refusal-folding.js";
import { createRequestContext } from "./request-context.js";
import { NOT_REGISTERED } from "./trusted-documents.js";

/*
 * graphql-ws on the HTTP server's /graphql (docs/decisions/0018). A socket is accepted for a
 * token naming an active professional or client (else closed 4403, graphql-ws's refusal); its
 * operations pass the same shield as HTTP's. No transaction lives as long as a socket: each
 * event is loaded in a short one entered as the caller (auth/enter.ts), and the reads it let
 * through are written to the access log in another before the event is sent.
 */

export interface SubscriptionOptions {
  server: Server;
  schema: GraphQLSchema;
  database: Database;
  config: Config;
  log: Logger;
  now: () => Date;
  identify: (authorization: string | undefined) => Identity;
  rowSecurity: boolean;
  /** Trusted documents (trusted-documents.ts), as on /graphql: a subscription names a registered one. */
  admit?: (request: Record<string, unknown>) => Record<string, unknown> | null;
}

/** A socket's account is gone: graphql-ws's code for a refused connection. */
const FORBIDDEN_CLOSE = 4403;

interface Connection {
  identity: Identity;
  entered: Entered;
}

/** A request over a socket reads only in the transactions opened for it: never through this. */
const noDatabase = new Proxy({} as Db, {
  get: () => {
    throw new Error("A socket's operation reads only inside an event's own transaction.");
  },
});

export async function startSubscriptions(options: SubscriptionOptions): Promise<{ close(): Promise<void> }> {
  const { database, log, now } = options;
  const role = options.rowSecurity ? APPLICATION_ROLE : "none";
  const validationRules = [...specifiedRules, ...queryLimitRules(options.config)];
  const bus = await startLiveBus(database, log);
  const connections = new WeakMap<object, Connection>();
  const wss = new WebSocketServer({ server: options.server, path: "/graphql" });

  /** Runs work in a short transaction entered as the identity; null when it no longer names an active account. */
  const asCaller = <T>(identity: Identity, work: (tx: Db, entered: Entered) => Promise<T>): Promise<T | null> =>
    database.db.transaction(async (tx) => {
      const entered = await enterRequest(tx as unknown as Db, identity, role);
      return entered.caller || entered.client ? work(tx as unknown as Db, entered) : null;
    });

  const disposable = useServer<Record<string, unknown> | undefined, { socket: import("ws").WebSocket }>(
    {
      schema: options.schema,
      validate: (schema, document) => validate(schema, document, validationRules),
      onConnect: async (ctx) => {
        const authorization = ctx.connectionParams?.authorization;
        const identity = options.identify(typeof authorization === "string" ? authorization : undefined);
        const entered = identity ? await asCaller(identity, async (_tx, entered) => entered) : null;
        if (!entered) return false;
        connections.set(ctx, { identity, entered });
        return true;
      },
      onSubscribe: (_ctx, _id, payload) => {
        if (!options.admit) return;
        const admitted = options.admit({ ...payload });
        if (!admitted) return [new GraphQLError(NOT_REGISTERED.message, { extensions: { code: NOT_REGISTERED.code } })];
        // graphql-ws parses the payload's query after this hook: the registered text is what runs.
        (payload as { query: string }).query = admitted.query as string;
        return;
      },
      context: (ctx) => {
        const connection = connections.get(ctx)!;
        const { caller, client } = connection.entered;
        const requestLog = log.child({ requestId: randomUUID(), professionalId: caller?.professionalId, clientAccountId: client?.accountId });
        const request = createRequestContext({ requestId: randomUUID(), caller, client, db: noDatabase, log: requestLog, now });
        const close = () => ctx.extra.socket.close(FORBIDDEN_CLOSE, "Forbidden");
        const live: LiveContext = { ...request, liveInbox: { follow: (reqCtx) => follow(reqCtx, connection.identity, close) } };
        return live;
      },
      onNext: async (ctx, _id, _payload, args, result) => {
        const request = args.contextValue as RequestContext;
        const gathered = request.access.take();
        if (gathered.length > 0) {
          const written = await asCaller(connections.get(ctx)!.identity, async (tx) => {
            await writeEntries(request, tx, request.entitlementsOn(tx), gathered);
            return true;
          });
          // Not logged, not sent: the account is gone, and the socket with it.
          if (!written) return void ctx.extra.socket.close(FORBIDDEN_CLOSE, "Forbidden");
        }
        return masked(result, log);
      },
    },
    wss,
  );

  /** The caller's new notifications: each loaded as them, delivered only if it is theirs. */
  function follow(ctx: AuthenticatedContext, identity: Identity, close: () => void): AsyncIterable<Notification> {
    const professionalId = ctx.caller.professionalId;
    const queue: EventQueue<Notification> = new EventQueue(() => stop());
    const stop = bus.follow(professionalId, {
      added: (notificationId) => {
        const load = (tx: Db, entered: Entered) =>
          entered.caller ? findOwnNotification({ ...ctx, db: tx, caller: entered.caller }, notificationId) : Promise.resolve(null);
        asCaller(identity, async (tx, entered) => ({ notification: await load(tx, entered) }))
          .then((loaded) => {
            // No longer an active account: the socket closes. Not theirs: nothing is sent.
            if (loaded === null) return void close();
            if (loaded.notification) queue.push(loaded.notification);
          })
          .catch((error: unknown) => ctx.log.warn({ err: errorSummary(error) }, "live inbox: a notification could not be loaded"));
      },
      deactivated: () => {
        queue.end();
        close();
      },
    });
    return queue;
  }

  return {
    close: async () => {
      await disposable.dispose();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      await bus.close();
    },
  };
}

/** As on HTTP: the same formatting (error-format.ts), and refusals folded (refusal-folding.ts). */
function masked(result: ExecutionResult, log: Logger): FormattedExecutionResult {
  if (!result.errors) return { data: result.data };
  return { data: result.data, errors: foldRefusals(result.errors.map((error) => formatError(error.toJSON(), error, log))) };
}
