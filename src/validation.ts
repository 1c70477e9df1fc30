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
export const isoDay = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "expected a date as YYYY-MM-DD")
  .refine((value) => !Number.isNaN(Date.parse(`${value}T00:00:00Z`)) && new Date(`${value}T00:00:00Z`).toISOString().startsWith(value), "not a real calendar date");
export const text = (max: number) => z.string().trim().min(1, "must not be empty").max(max, `at most ${max} characters`);
