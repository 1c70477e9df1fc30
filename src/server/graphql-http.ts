import type { IncomingMessage, ServerResponse } from "node:http";
import { HeaderMap, type ApolloServer, type BaseContext, type HTTPGraphQLResponse } from "@apollo/server";
import { NOT_REGISTERED } from "./trusted-documents.js";

/**
 * /graphql straight on node:http: read the body, hand it to Apollo, write its answer in one
 * write. Every request of every caller passes here, so nothing sits in between that the
 * request does not need: a framework's router, body-parser's content negotiation and the
 * integration layer cost about a third of a reference-index lookup's CPU (docs/decisions/0012).
 *
 * What it keeps from the general stack: a body over `maxBytes` is refused with 413 before it
 * is read whole; a body that is not JSON with 400; only an application/json body is parsed (any
 * other is no body, which Apollo refuses, as it refuses a CSRF attempt); GET as Apollo serves
 * it; no answer is ever cached.
 */
export function graphqlHttpHandler<Context extends BaseContext>(
  apollo: ApolloServer<Context>,
  options: {
    maxBytes: number;
    /** Runs one request: makes its context and executes with it (the server wraps it in the request's transaction). */
    run: (req: IncomingMessage, execute: (context: Context) => Promise<HTTPGraphQLResponse>) => Promise<HTTPGraphQLResponse>;
    /**
     * Trusted documents (trusted-documents.ts): the request's fields with its registered document
     * as `query`, or null to refuse it before it is parsed. Unset: any document is run.
     */
    admit?: (request: Record<string, unknown>) => Record<string, unknown> | null;
  },
): (req: IncomingMessage, res: ServerResponse) => Promise<void> {
  return async (req, res) => {
    let body = await readJsonBody(req, options.maxBytes);
    if (body === TOO_LARGE) return refuse(res, 413, "PAYLOAD_TOO_LARGE", `The request body is larger than ${options.maxBytes} bytes.`);
    if (body === MALFORMED) return refuse(res, 400, "BAD_REQUEST", "The request body is not valid JSON.");
    const url = req.url ?? "";
    const query = url.indexOf("?");
    let search = query < 0 ? "" : url.slice(query);
    if (options.admit) {
      const method = (req.method ?? "GET").toUpperCase();
      const fields = method === "GET" ? searchFields(search) : isRecord(body) ? body : null;
      const admitted = fields && options.admit(fields);
      if (!admitted) return refuse(res, NOT_REGISTERED.status, NOT_REGISTERED.code, NOT_REGISTERED.message);
      if (method === "GET") search = toSearch(admitted);
      else body = admitted;
    }
    const headers = new HeaderMap();
    for (const [key, value] of Object.entries(req.headers)) {
      if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(", ") : value);
    }
    const httpGraphQLRequest = { method: (req.method ?? "GET").toUpperCase(), headers, search, body };
    const answer = await options.run(req, (context) => apollo.executeHTTPGraphQLRequest({ httpGraphQLRequest, context: async () => context }));
    for (const [key, value] of answer.headers) res.setHeader(key, value);
    res.setHeader("cache-control", "no-store");
    res.statusCode = answer.status ?? 200;
    if (answer.body.kind === "complete") {
      res.end(answer.body.string);
      return;
    }
    for await (const chunk of answer.body.asyncIterator) res.write(chunk);
    res.end();
  };
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);

/** A GET's parameters as a body's fields: `extensions` is JSON there (an unparsable one is dropped, and refused with it). */
function searchFields(search: string): Record<string, unknown> {
  const fields: Record<string, unknown> = Object.fromEntries(new URLSearchParams(search));
  if (typeof fields.extensions === "string") {
    try {
      fields.extensions = JSON.parse(fields.extensions);
    } catch {
      delete fields.extensions;
    }
  }
  return fields;
}

function toSearch(fields: Record<string, unknown>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(fields)) params.set(key, typeof value === "string" ? value : JSON.stringify(value));
  return `?${params}`;
}

const TOO_LARGE = Symbol("too large");
const MALFORMED = Symbol("malformed");

/**
 * The parsed JSON body; undefined when there is none or it is not application/json. Past
 * `maxBytes` it stops reading (the rest is left unread, and the connection closes after the
 * refusal), whether the size was declared or not.
 */
function readJsonBody(req: IncomingMessage, maxBytes: number): Promise<unknown> {
  if (Number(req.headers["content-length"]) > maxBytes) return Promise.resolve(TOO_LARGE);
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= maxBytes) return void chunks.push(chunk);
      req.off("data", onData).off("end", onEnd).pause();
      resolve(TOO_LARGE);
    };
    const onEnd = () => {
      if (size === 0 || !isJson(req.headers["content-type"])) return resolve(undefined);
      try {
        resolve(JSON.parse((chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, size)).toString("utf8")));
      } catch {
        resolve(MALFORMED);
      }
    };
    req.on("data", onData).on("end", onEnd).once("error", reject);
  });
}

/** application/json, in any case, with or without parameters (as body-parser's default). */
function isJson(contentType: string | undefined): boolean {
  if (!contentType) return false;
  const semicolon = contentType.indexOf(";");
  return (semicolon < 0 ? contentType : contentType.slice(0, semicolon)).trim().toLowerCase() === "application/json";
}

/** A refusal before GraphQL runs, shaped as a GraphQL answer; the connection is not reused (its body may be unread). */
function refuse(res: ServerResponse, status: number, code: string, message: string): void {
  const text = JSON.stringify({ errors: [{ message, extensions: { code } }] });
  res.writeHead(status, {
    "content-type": "application/json; charset=utf-8",
    "content-length": Buffer.byteLength(text),
    "cache-control": "no-store",
    connection: "close",
  });
  res.end(text);
}
