import { readFileSync } from "node:fs";
import jwt from "jsonwebtoken";
import type { Config } from "../config.js";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface TokenVerifier {
  /** The professional id the token names, or null for any token that is not valid. */
  verify(token: string): string | null;
}

/**
 * One algorithm only, chosen by configuration: HS256 with a shared secret or RS256 with a
 * public key. Fixing the list is what refuses `alg: none` and algorithm confusion.
 */
export function createTokenVerifier(config: Config): TokenVerifier {
  const publicKey = config.JWT_PUBLIC_KEY_FILE ? readFileSync(config.JWT_PUBLIC_KEY_FILE, "utf8") : null;
  const key = publicKey ?? config.JWT_SECRET!;
  const algorithms: jwt.Algorithm[] = publicKey ? ["RS256"] : ["HS256"];
  return {
    verify(token) {
      try {
        const payload = jwt.verify(token, key, {
          algorithms,
          issuer: config.JWT_ISSUER,
          audience: config.JWT_AUDIENCE,
        });
        if (typeof payload !== "object" || payload === null) return null;
        // jsonwebtoken accepts a token without exp; we do not.
        if (typeof payload.exp !== "number") return null;
        if (typeof payload.sub !== "string" || !UUID.test(payload.sub)) return null;
        return payload.sub;
      } catch {
        return null;
      }
    },
  };
}

/** Signs a token for a professional: the demo `npm run token` and the tests use it. */
export function signToken(config: Config, professionalId: string, expiresInSeconds = 8 * 3600): string {
  const privateKey = config.JWT_PRIVATE_KEY_FILE ? readFileSync(config.JWT_PRIVATE_KEY_FILE, "utf8") : null;
  if (config.JWT_PUBLIC_KEY_FILE && !privateKey) {
    throw new Error("RS256 is configured: set JWT_PRIVATE_KEY_FILE to sign tokens.");
  }
  return jwt.sign({}, privateKey ?? config.JWT_SECRET!, {
    algorithm: privateKey ? "RS256" : "HS256",
    subject: professionalId,
    issuer: config.JWT_ISSUER,
    audience: config.JWT_AUDIENCE,
    expiresIn: expiresInSeconds,
  });
}
