import { randomUUID } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { ApolloServer, type ApolloServerPlugin } from "@apollo/server";
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from "@apollo/server/plugin/disabled";
import { ApolloServerPluginDrainHttpServer } from "@apollo/server/plugin/drainHttpServer";
import express from "express";
import type { GraphQLSchema } from "graphql";
import type { Logger } from "pino";
import type { Identity } from "../auth/enter.js";
import { createTokenVerifier } from "../auth/tokens.js";
import type { Config } from "../config.js";
import { useCursorSecret } from "../pagination/cursor.js";
import type { RequestContext } from "../context.js";
import type { Database } from "../db/database.js";
import { writeRequestLog } from "../accountability/access-log/flush.js";
import { buildServedSchema } from "../schema.js";
import { accessLogging } from "./access-logging.js";
import { serviceUnavailableStatus } from "./database-errors.js";
import { formatError } from "./error-format.js";
import { graphiqlRouter } from "./graphiql.js";
import { errorSummary } from "../error-summary.js";
import { graphqlHttpHandler } from "./graphql-http.js";
import { MAX_BODY_BYTES, queryLimitRules } from "./limits.js";
import { createRequestContext } from "./request-context.js";
import { refusalFolding } from "./refusal-folding.js";
import { inRequestTransaction } from "./request-transaction.js";
import { startSubscriptions } from "./subscriptions.js";
import { admitted, loadTrustedDocuments } from "./trusted-documents.js";

export interface ServerOptions {
  config: Config;
  database: Database;
  log: Logger;
  /** The clock; tests move it. */
  now?: () => Date;
  /** Writes a request's gathered reads to the access log before the answer is sent; the default writes them. */
  recordReads?: (ctx: RequestContext) => Promise<void>;
  /** Whether requests pass the row-level fences (the default); off only for the benchmark's ratio. */
  rowSecurity?: boolean;
  /** The schema to serve, enforced; the served one by default. Tests extend it to probe the fences. */
  schema?: GraphQLSchema;
}

export interface RunningServer {
  url: string;
  server: Server;
  close(): Promise<void>;
}

/** Starts the HTTP server: /graphql, /graphiql (not in production), /healthz, /readyz. */
export async function startServer(options: ServerOptions, port: number, host: string): Promise<RunningServer> {
  const { config, database, log } = options;
  const now = options.now ?? (() => new Date());
  const tokens = createTokenVerifier(config);
  useCursorSecret(config);
  // /graphql on node:http itself (graphql-http.ts); the rest, which no caller calls per request, on express.
  const app = express();
  app.disable("x-powered-by");
  let graphql: ReturnType<typeof graphqlHttpHandler<RequestContext>> | null = null;
  const server = createServer((req, res) => {
    if (!graphql || !isGraphqlPath(req.url)) return void app(req, res);
    graphql(req, res).catch((error: unknown) => {
      log.error({ err: errorSummary(error) }, "graphql request failed outside GraphQL");
      if (res.headersSent) return void res.destroy();
      res.writeHead(500, { "content-type": "application/json; charset=utf-8", "cache-control": "no-store" });
      res.end(JSON.stringify({ errors: [{ message: "Internal server error", extensions: { code: "INTERNAL_SERVER_ERROR" } }] }));
    });
  });

  const schema = options.schema ?? (await buildServedSchema());
  let subscriptions: { close(): Promise<void> } | null = null;
  const apollo = new ApolloServer<RequestContext>({
    schema,
    introspection: !config.production,
    includeStacktraceInErrorResponses: false,
    validationRules: queryLimitRules(config),
    formatError: (formatted, error) => formatError(formatted, error, log),
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer: server }),
      // Stopping closes the live inbox's sockets too: the HTTP drain does not know upgraded ones.
      { serverWillStart: async () => ({ drainServer: async () => void (await subscriptions?.close()) }) },
      ApolloServerPluginLandingPageDisabled(),
      // Apollo's cache hints run a hook on every field; no answer here may be cached anyway
      // (Cache-Control: no-store is set on /graphql below).
      ApolloServerPluginCacheControlDisabled(),
      serviceUnavailableStatus(),
      requestLogging(),
      accessLogging(options.recordReads ?? writeRequestLog),
      refusalFolding(),
    ],
  });
  await apollo.start();

  app.get("/healthz", (_req, res) => {
    res.json({ status: "ok" });
  });
  app.get("/readyz", async (_req, res) => {
    try {
      await database.ping();
      res.json({ status: "ready", database: database.kind });
    } catch (error) {
      log.warn({ err: errorSummary(error) }, "readiness check failed");
      res.status(503).json({ status: "unavailable", database: database.kind });
    }
  });
  if (!config.production) app.use(graphiqlRouter({ graphqlPath: "/graphql", config }));

  const rowSecurity = options.rowSecurity ?? true;
  const admit = trustedDocumentsOf(config, log);
  graphql = graphqlHttpHandler(apollo, {
    maxBytes: MAX_BODY_BYTES,
    admit,
    run: (req, execute) => {
      const requestId = validRequestId(req.headers["x-request-id"]) ?? randomUUID();
      return inRequestTransaction(database.db, identify(req.headers.authorization), { rowSecurity, log }, (tx, { caller, client }) => {
        const requestLog = log.child({ requestId, professionalId: caller?.professionalId, clientAccountId: client?.accountId });
        return execute(createRequestContext({ requestId, caller, client, db: tx, log: requestLog, now }));
      });
    },
  });

  subscriptions = await startSubscriptions({ server, schema, database, config, log, now, identify, rowSecurity, admit });

  /** A professional's token names a professional, a client's token an account; anything else nobody. */
  function identify(header: string | undefined): Identity {
    const match = /^Bearer ([A-Za-z0-9_.-]+)$/.exec(header ?? "");
    if (!match) return null;
    const professionalId = tokens.verify(match[1]!);
    if (professionalId) return { professionalId };
    const accountId = tokens.verifyClient(match[1]!);
    return accountId ? { accountId } : null;
  }

  await new Promise<void>((resolve) => server.listen(port, host, resolve));
  const address = server.address() as AddressInfo;
  const url = `http://${host}:${address.port}`;
  return {
    url,
    server,
    close: async () => {
      await apollo.stop();
      if (server.listening) await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/**
 * With a manifest, its documents run by id. In production nothing else does; in development free
 * queries run too (GraphiQL, exploring), so a client sending ids works against both.
 */
function trustedDocumentsOf(config: Config, log: Logger): ((request: Record<string, unknown>) => Record<string, unknown> | null) | undefined {
  if (!config.TRUSTED_DOCUMENTS_FILE) return undefined;
  const documents = loadTrustedDocuments(config.TRUSTED_DOCUMENTS_FILE);
  if (!config.production) {
    log.info({ documents: documents.size }, "registered operations run by id; free queries too (not production)");
    return (request) => admitted(documents, request) ?? request;
  }
  log.info({ documents: documents.size }, "serving registered operations only");
  return (request) => admitted(documents, request);
}


/** Logs one line per operation: name, outcome, duration. Never the variables or the query text. */
function requestLogging(): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart() {
      const started = performance.now();
      return {
        async willSendResponse({ contextValue, operationName, errors }) {
          contextValue.log?.info(
            {
              operationName: operationName ?? null,
              errorCodes: errors?.map((error) => error.extensions?.code ?? "INTERNAL_SERVER_ERROR"),
              durationMs: Math.round(performance.now() - started),
            },
            "graphql request",
          );
        },
      };
    },
  };
}

/** /graphql, with or without a trailing slash or a query string. */
function isGraphqlPath(url: string | undefined): boolean {
  const path = url?.split("?", 1)[0];
  return path === "/graphql" || path === "/graphql/";
}

function validRequestId(header: string | string[] | undefined): string | null {
  return typeof header === "string" && /^[A-Za-z0-9_.:-]{1,64}$/.test(header) ? header : null;
}