// The demo world: two regions (tenants) with fictional partners' staff, families and signals.
// Pure data: `seed.ts` writes it to the database; the README and the start banner list the logins.
//
// Every person is invented. The BSNs come from the range 99999xxxx that the Dutch government
// keeps for testing; each passes the 11-proof (checked when the file was written, and again by
// the seed). Scenario dates are absolute and read against DEMO_TODAY.
//
// Each region is a file of its own (scenario-groningen.ts, scenario-amsterdam.ts), their shapes are
// scenario-types.ts.
import { AMSTERDAM } from "./scenario-amsterdam.js";
import { GRONINGEN } from "./scenario-groningen.js";
import type { DemoRegion } from "./scenario-types.js";

export * from "./scenario-types.js";

export const DEMO_REGIONS: readonly DemoRegion[] = [GRONINGEN, AMSTERDAM];
