import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { readFileSync } from "node:fs";
import type { Config } from "../config.js";
import { badInput } from "../errors.js";

/**
 * Opaque page cursors (docs/decisions/0016). A cursor is base64url(JSON {list, key}) and an HMAC
 * over (list, caller, region, key): one made for another caller, region or list, or changed by a
 * hand, fails exactly as a malformed one does, so a cursor can never be used to probe.
 */
let secret: Buffer = randomBytes(32);

/**
 * The key is derived from the server's token secret (or its private signing key), so cursors
 * stay valid across instances and restarts; a server that only verifies RS256 tokens keeps the
 * random per-process key (cursors then die with the process, which only restarts a listing).
 */
export function useCursorSecret(config: Pick<Config, "JWT_SECRET" | "JWT_PRIVATE_KEY_FILE">): void {
  const material = config.JWT_SECRET ?? (config.JWT_PRIVATE_KEY_FILE ? readFileSync(config.JWT_PRIVATE_KEY_FILE) : null);
  if (material) secret = createHmac("sha256", material).update("page-cursor").digest();
}

/** What a cursor is bound to: the list, and who asks it in which region. */
export interface CursorScope {
  list: string;
  callerId: string;
  regionId: string;
}

/** A professional's list: bound to them and their region. */
export const professionalScope = (caller: { professionalId: string; regionId: string }, list: string): CursorScope => ({
  list,
  callerId: caller.professionalId,
  regionId: caller.regionId,
});

const mac = (scope: CursorScope, key: readonly string[]): Buffer =>
  createHmac("sha256", secret).update(JSON.stringify([scope.list, scope.callerId, scope.regionId, key])).digest();

export function encodeCursor(scope: CursorScope, key: readonly string[]): string {
  const body = Buffer.from(JSON.stringify({ list: scope.list, key })).toString("base64url");
  return `${body}.${mac(scope, key).toString("base64url")}`;
}

const refused = () => badInput("after", "not a cursor of this list; start again without one");

/** The key a cursor holds, or BAD_USER_INPUT on `after`: one answer for every way to be wrong. */
export function decodeCursor(scope: CursorScope, cursor: string, keyLength: number): string[] {
  const [body, signature, ...rest] = cursor.split(".");
  if (!body || !signature || rest.length > 0) throw refused();
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(body, "base64url").toString("utf8"));
  } catch {
    throw refused();
  }
  const { list, key } = (parsed ?? {}) as { list?: unknown; key?: unknown };
  if (list !== scope.list || !Array.isArray(key) || key.length !== keyLength || !key.every((part) => typeof part === "string")) {
    throw refused();
  }
  const expected = mac(scope, key as string[]);
  const given = Buffer.from(signature, "base64url");
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw refused();
  return key as string[];
}
