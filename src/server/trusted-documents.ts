import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";

/*
 * Trusted documents (docs/decisions/0020): in production the server may run only the operations
 * its partners' front-ends registered. The manifest is the one GraphQL Code Generator's client
 * preset writes with `persistedDocuments: true`: a JSON object from the sha256 of each document
 * (hex) to its text. A request names its document by `documentId` ("sha256:<hex>" or the bare
 * hex) or by Apollo's `extensions.persistedQuery.sha256Hash`, or sends a registered document's
 * full text; anything else is refused before it is parsed, with PERSISTED_QUERY_NOT_FOUND. A
 * free query is then no way to probe the schema or to reach a field no front-end asks for.
 */

export type TrustedDocuments = ReadonlyMap<string, string>;

/** The refusal: the same whether the id is unknown, malformed, or a free query was sent. */
export const NOT_REGISTERED = {
  status: 400,
  code: "PERSISTED_QUERY_NOT_FOUND",
  message: "This server runs only registered operations: send a documentId from its manifest.",
} as const;

/** Reads a manifest; throws at startup, naming the file, when it is not one. */
export function loadTrustedDocuments(file: string): TrustedDocuments {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, "utf8"));
  } catch (error) {
    throw new Error(`TRUSTED_DOCUMENTS_FILE ${file}: not a readable JSON file (${(error as Error).message})`, { cause: error });
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
    throw new Error(`TRUSTED_DOCUMENTS_FILE ${file}: expected an object from sha256 to document`);
  }
  const documents = new Map<string, string>();
  for (const [hash, text] of Object.entries(parsed)) {
    if (typeof text !== "string" || sha256(text) !== hash.toLowerCase()) {
      throw new Error(`TRUSTED_DOCUMENTS_FILE ${file}: the entry ${hash.slice(0, 16)}… is not the sha256 of its document`);
    }
    documents.set(hash.toLowerCase(), text);
  }
  return documents;
}

export const sha256 = (text: string): string => createHash("sha256").update(text, "utf8").digest("hex");

/**
 * The request's fields with its registered document as `query`, or null when it names none.
 * Works on a POST body and on a GET's parameters alike (both are plain records here).
 */
export function admitted(documents: TrustedDocuments, request: Record<string, unknown>): Record<string, unknown> | null {
  const { documentId, query, extensions, ...rest } = request;
  const hash = requestedHash(documentId, extensions) ?? (typeof query === "string" ? sha256(query) : undefined);
  const text = hash === undefined ? undefined : documents.get(hash);
  if (text === undefined) return null;
  if (typeof query === "string" && query !== text) return null;
  const kept = typeof extensions === "object" && extensions !== null ? withoutPersistedQuery(extensions) : undefined;
  return { ...rest, query: text, ...(kept ? { extensions: kept } : {}) };
}

function requestedHash(documentId: unknown, extensions: unknown): string | undefined {
  if (typeof documentId === "string") return documentId.replace(/^sha256:/, "").toLowerCase();
  const persisted = (extensions as { persistedQuery?: { sha256Hash?: unknown } } | undefined)?.persistedQuery;
  return typeof persisted?.sha256Hash === "string" ? persisted.sha256Hash.toLowerCase() : undefined;
}

/** Apollo would answer a persistedQuery extension by its own cache, which this server does not keep. */
function withoutPersistedQuery(extensions: object): Record<string, unknown> | undefined {
  const others = { ...(extensions as Record<string, unknown>) };
  delete others.persistedQuery;
  return Object.keys(others).length > 0 ? others : undefined;
}
