import { createPublicKey, createSecretKey } from "node:crypto";
import { readFileSync } from "node:fs";
import jwt from "jsonwebtoken";
import type { Config } from "../config.js";
import { normalizeId } from "../ids.js";

// Clocks of issuer and server differ a little; a token "issued" later than this is refused.
const CLOCK_SKEW_SECONDS = 60;
// What `npm run token` and the tests issue unless told otherwise (and the limit allows it).
const DEFAULT_LIFETIME_SECONDS = 8 * 3600;

/*
 * Two kinds of token, never confused: a professional's names the professional's id as its
 * subject and carries no `typ` claim; a client's (a family member's) carries `typ: "client"` and
 * the subject `client:<account id>`. Each check demands both marks of its own kind, so a
 * professional's token never passes as a client's, nor the other way round, even when an id
 * could be read from it.
 */
const CLIENT_TYPE = "client";
const CLIENT_SUBJECT = "client:";

export interface TokenVerifier {
  /** The professional id the token names, or null for any token that is not a valid professional's. */
  verify(token: string): string | null;
  /** The client account id the token names, or null for any token that is not a valid client's. */
  verifyClient(token: string): string | null;
}

/**
 * One algorithm only, chosen by configuration: HS256 with a shared secret or RS256 with a
 * public key. Fixing the list is what refuses `alg: none` and algorithm confusion.
 */
export function createTokenVerifier(config: Config): TokenVerifier {
  const publicKey = config.JWT_PUBLIC_KEY_FILE ? readFileSync(config.JWT_PUBLIC_KEY_FILE, "utf8") : null;
  // Made once: given a string, jsonwebtoken builds a key object on every verify (first trying,
  // and failing, to read the secret as a public key), which cost more than the rest of a lookup.
  const key = publicKey ? createPublicKey(publicKey) : createSecretKey(Buffer.from(config.JWT_SECRET!, "utf8"));
  const algorithms: jwt.Algorithm[] = publicKey ? ["RS256"] : ["HS256"];
  const maxLifetime = maxLifetimeSeconds(config);
  /** The valid token's `typ` claim and subject, or null. */
  const claimsOf = (token: string): { typ: unknown; sub: string } | null => {
    try {
      const payload = jwt.verify(token, key, {
        algorithms,
        issuer: config.JWT_ISSUER,
        audience: config.JWT_AUDIENCE,
      });
      if (typeof payload !== "object" || payload === null) return null;
      // jsonwebtoken accepts a token without exp or iat, and of any lifetime; we do not.
      const { exp, iat, sub } = payload;
      if (typeof exp !== "number" || typeof iat !== "number") return null;
      if (exp - iat > maxLifetime) return null;
      // A token from the future would outlive the limit by however far ahead it claims to be.
      if (iat > Date.now() / 1000 + CLOCK_SKEW_SECONDS) return null;
      return typeof sub === "string" ? { typ: (payload as { typ?: unknown }).typ, sub } : null;
    } catch {
      return null;
    }
  };
  return {
    verify(token) {
      const claims = claimsOf(token);
      return claims && claims.typ === undefined ? normalizeId(claims.sub) : null;
    },
    verifyClient(token) {
      const claims = claimsOf(token);
      if (!claims || claims.typ !== CLIENT_TYPE || !claims.sub.startsWith(CLIENT_SUBJECT)) return null;
      return normalizeId(claims.sub.slice(CLIENT_SUBJECT.length));
    },
  };
}

const maxLifetimeSeconds = (config: Config) => Math.floor(config.JWT_MAX_LIFETIME_HOURS * 3600);

/** Signs a token for a professional: the demo `npm run token` and the tests use it. */
export function signToken(config: Config, professionalId: string, expiresInSeconds?: number): string {
  return sign(config, {}, professionalId, expiresInSeconds);
}

/** Signs a token for a client account (a family member): the demo `npm run token` and the tests. */
export function signClientToken(config: Config, accountId: string, expiresInSeconds?: number): string {
  return sign(config, { typ: CLIENT_TYPE }, `${CLIENT_SUBJECT}${accountId}`, expiresInSeconds);
}

function sign(config: Config, claims: Record<string, string>, subject: string, expiresInSeconds?: number): string {
  const privateKey = config.JWT_PRIVATE_KEY_FILE ? readFileSync(config.JWT_PRIVATE_KEY_FILE, "utf8") : null;
  if (config.JWT_PUBLIC_KEY_FILE && !privateKey) {
    throw new Error("RS256 is configured: set JWT_PRIVATE_KEY_FILE to sign tokens.");
  }
  const lifetime = expiresInSeconds ?? Math.min(DEFAULT_LIFETIME_SECONDS, maxLifetimeSeconds(config));
  // Never hand out a token the server would refuse.
  if (lifetime > maxLifetimeSeconds(config)) {
    throw new Error(`A token may live at most JWT_MAX_LIFETIME_HOURS (${config.JWT_MAX_LIFETIME_HOURS} hours).`);
  }
  return jwt.sign(claims, privateKey ?? config.JWT_SECRET!, {
    algorithm: privateKey ? "RS256" : "HS256",
    subject,
    issuer: config.JWT_ISSUER,
    audience: config.JWT_AUDIENCE,
    expiresIn: lifetime,
  });
}
