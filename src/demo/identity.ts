import { createHash } from "node:crypto";

/**
 * Demo professionals get an id derived from their email, so `npm run token` can sign a token
 * without opening the database: the embedded database belongs to the running server alone.
 */
export function demoProfessionalId(email: string): string {
  return uuidFrom(`one-family-one-plan demo professional ${email.toLowerCase()}`);
}

function uuidFrom(text: string): string {
  const hex = createHash("sha256").update(text).digest("hex");
  // Shaped as a version-4-style UUID (random-looking, variant 10xx) so it is a valid uuid value.
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16)}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** Demo client accounts likewise: a family member's login, from their email (another namespace). */
export function demoClientAccountId(email: string): string {
  return uuidFrom(`one-family-one-plan demo client ${email.toLowerCase()}`);
}
