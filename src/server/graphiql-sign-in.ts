import express from "express";
import { signClientToken, signToken } from "../auth/tokens.js";
import type { Config } from "../config.js";
import { demoClientAccountId, demoProfessionalId } from "../demo/identity.js";
import { demoClientLogins } from "../demo/seed-clients.js";
import { demoLogins } from "../demo/seed.js";

/**
 * The demo sign-in behind GraphiQL's picker, in development only (the router is never mounted
 * when config.production): GET /graphiql/demo-users lists the demo world's logins, POST
 * /graphiql/demo-token issues a token for one of them, as `npm run token` does. Ids derive from
 * the email, so no database is opened. A client is listed by region and family, never by BSN.
 */

export interface DemoUser {
  email: string;
  kind: "professional" | "client";
  name: string;
  roles: string[];
  organisation: string | null;
  region: string;
}

export function demoUsers(): DemoUser[] {
  const professionals = demoLogins().map(
    (login): DemoUser => ({ email: login.email, kind: "professional", name: login.name, roles: login.roles, organisation: login.partner, region: login.region }),
  );
  const clients = demoClientLogins().map(
    (login): DemoUser => ({ email: login.email, kind: "client", name: `${login.email.split("@")[0]} (${login.family})`, roles: ["CLIENT"], organisation: null, region: login.region }),
  );
  return [...professionals, ...clients];
}

export function demoSignInRouter(config: Config): express.Router {
  const users = demoUsers();
  const router = express.Router();
  const noStore = { "Cache-Control": "no-store", "X-Content-Type-Options": "nosniff" };

  router.get("/graphiql/demo-users", (_req, res) => {
    res.set(noStore).json({ users });
  });

  // JSON only: a cross-site form cannot post it without a preflight this server never answers.
  router.post("/graphiql/demo-token", express.json({ limit: "1kb" }), (req, res) => {
    res.set(noStore);
    const email: unknown = (req.body as { email?: unknown } | undefined)?.email;
    const user = typeof email === "string" ? users.find((candidate) => candidate.email.toLowerCase() === email.toLowerCase()) : undefined;
    if (!req.is("application/json") || !user) {
      res.status(400).json({ error: { code: "BAD_USER_INPUT", field: "email", message: "Name one of the demo users' emails." } });
      return;
    }
    const token = user.kind === "professional" ? signToken(config, demoProfessionalId(user.email)) : signClientToken(config, demoClientAccountId(user.email));
    res.json({ token, user });
  });

  return router;
}
