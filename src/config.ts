import { z } from "zod";

// Every setting the server reads, with its default. The README lists the same table.
const schema = z.object({
  NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
  PORT: z.coerce.number().int().min(0).max(65535).default(4000),
  HOST: z.string().default("127.0.0.1"),
  // Unset: embedded PostgreSQL (PGlite) with its files under PGLITE_DIR.
  DATABASE_URL: z.string().url().optional(),
  PGLITE_DIR: z.string().default(".data/pglite"),
  JWT_SECRET: z.string().min(32).optional(),
  JWT_PUBLIC_KEY_FILE: z.string().optional(),
  JWT_PRIVATE_KEY_FILE: z.string().optional(),
  JWT_ISSUER: z.string().default("one-family-one-plan"),
  JWT_AUDIENCE: z.string().default("one-family-one-plan-api"),
  // The longest a token may live (exp - iat): a leaked token is worth a working day at most.
  JWT_MAX_LIFETIME_HOURS: z.coerce.number().positive().max(24 * 7).default(12),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  // Query shape limits: a refused query never executes.
  MAX_QUERY_DEPTH: z.coerce.number().int().min(2).default(10),
  MAX_QUERY_ALIASES: z.coerce.number().int().min(0).default(15),
  MAX_QUERY_COST: z.coerce.number().int().min(1).default(5000),
  // Production only: the manifest of registered operations (sha256 → document, as codegen's
  // persisted documents); when set, the server runs nothing else (docs/decisions/0020).
  TRUSTED_DOCUMENTS_FILE: z.string().optional(),
  DEMO_DATA: z.enum(["true", "false"]).default("true").transform((value) => value === "true"),
});

export type Config = z.infer<typeof schema> & { production: boolean };

// Public in the repository: only for the embedded database and the tests, never for real data.
export const DEVELOPMENT_JWT_SECRET = "development-only-secret-never-use-in-production-0123456789";

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`);
    throw new Error(`Invalid configuration: ${problems.join("; ")}`);
  }
  const config = { ...parsed.data, production: parsed.data.NODE_ENV === "production" };
  const needsOwnKey = mustHaveOwnKey(config);
  if (needsOwnKey && config.JWT_SECRET === DEVELOPMENT_JWT_SECRET) {
    throw new Error(`Invalid configuration: JWT_SECRET is the public development secret; ${needsOwnKey}`);
  }
  if (!config.JWT_SECRET && !config.JWT_PUBLIC_KEY_FILE) {
    if (needsOwnKey) throw new Error(`Invalid configuration: set JWT_SECRET or JWT_PUBLIC_KEY_FILE; ${needsOwnKey}`);
    config.JWT_SECRET = DEVELOPMENT_JWT_SECRET;
  }
  return config;
}

/**
 * Why this configuration may not use the development secret, or null when it may. Fail closed:
 * only the embedded database (a fresh clone's `npm start`) and the tests may; anything holding
 * real data — production, or any PostgreSQL server — needs a key of its own.
 */
function mustHaveOwnKey(config: { NODE_ENV: string; DATABASE_URL?: string | undefined }): string | null {
  if (config.NODE_ENV === "production") return "NODE_ENV=production needs a key of its own.";
  if (config.DATABASE_URL && config.NODE_ENV !== "test") return "a server named by DATABASE_URL needs a key of its own.";
  return null;
}
