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
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  // Query shape limits: a refused query never executes.
  MAX_QUERY_DEPTH: z.coerce.number().int().min(2).default(10),
  MAX_QUERY_ALIASES: z.coerce.number().int().min(0).default(15),
  MAX_QUERY_COST: z.coerce.number().int().min(1).default(5000),
  DEMO_DATA: z.enum(["true", "false"]).default("true").transform((value) => value === "true"),
});

export type Config = z.infer<typeof schema> & { production: boolean };

// Only for development and tests: a production server refuses to start without its own key.
export const DEVELOPMENT_JWT_SECRET = "development-only-secret-never-use-in-production-0123456789";

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`);
    throw new Error(`Invalid configuration: ${problems.join("; ")}`);
  }
  const config = { ...parsed.data, production: parsed.data.NODE_ENV === "production" };
  if (!config.JWT_SECRET && !config.JWT_PUBLIC_KEY_FILE) {
    if (config.production) throw new Error("Invalid configuration: set JWT_SECRET or JWT_PUBLIC_KEY_FILE");
    config.JWT_SECRET = DEVELOPMENT_JWT_SECRET;
  }
  return config;
}
