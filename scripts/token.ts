// npm run token -- <email>: prints a bearer token for a demo professional (never in production).
import "reflect-metadata";
// It opens no database: demo ids derive from the email, and the server may be holding the
// embedded database open.
import { signClientToken, signToken } from "../src/auth/tokens.js";
import { loadConfig } from "../src/config.js";
import { demoClientAccountId, demoProfessionalId } from "../src/demo/identity.js";
import { demoClientLogins } from "../src/demo/seed-clients.js";
import { demoLogins } from "../src/demo/seed.js";
import { runOperator } from "./support/operator.js";

await runOperator("token", async () => {
  const config = loadConfig();
  if (config.production) {
    console.error("npm run token is for development only: refused when NODE_ENV=production.");
    return 1;
  }
  const email = process.argv[2]?.toLowerCase();
  const user = demoLogins().find((login) => login.email.toLowerCase() === email);
  // A family member's login gets a client token: it never passes as a professional's.
  const client = demoClientLogins().find((login) => login.email.toLowerCase() === email);
  if (!user && !client) {
    console.error(`Usage: npm run token -- <email>, with one of the active demo users:`);
    for (const login of demoLogins()) console.error(`  ${login.email}  (${login.region}, ${login.roles.join(", ")})`);
    console.error(`or one of the demo clients (family members):`);
    for (const login of demoClientLogins()) console.error(`  ${login.email}  (${login.region}, ${login.family})`);
    return 1;
  }
  console.log(user ? signToken(config, demoProfessionalId(user.email)) : signClientToken(config, demoClientAccountId(client!.email)));
});
