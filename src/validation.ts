import { z } from "zod";
import { isValidBsn } from "./families/bsn.js";
import { badInput } from "./errors.js";

/** Parses an argument with zod; the first problem becomes BAD_USER_INPUT naming the field. */
export function parseInput<T extends z.ZodType>(schema: T, value: unknown, argument: string): z.infer<T> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const path = [argument, ...issue.path].map((part) => (typeof part === "number" ? `[${part}]` : `.${String(part)}`));
  throw badInput(path.join("").replace(/^\./, "").replace(/\.\[/g, "["), issue.message);
}

export const bsn = z.string().refine(isValidBsn, "not a valid BSN (nine digits passing the 11-proof)");
// PostgreSQL text holds no NUL, and no field here has a use for control characters.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u001f\u007f]/;
export const text = (max: number) =>
  z.string().trim().min(1, "must not be empty").max(max, `at most ${max} characters`).refine((value) => !CONTROL.test(value), "must not contain control characters");
/** A calendar date the database can hold and a person can have: years 1900 to 2999. */
export const day = z.string().refine((value) => value >= "1900-01-01" && value <= "2999-12-31", "must lie between 1900 and 2999");
