// npm run audit:verify: checks the access log's hash chain. Exits 1 and names the first bad
// entry when any entry was changed, removed or reordered; the last line says how many entries
// were verified; entries not yet sealed into the chain are counted above it. It reads only: run
// it under a role that may select from access_log.
import "reflect-metadata";
import { loadConfig } from "../src/config.js";
import { verifyAccessLog } from "../src/accountability/access-log/verify.js";
import { openDatabase, runOperator } from "./support/operator.js";

await runOperator("audit:verify", async () => {
  const database = await openDatabase(loadConfig(), { reads: ["access_log"] });
  const result = await verifyAccessLog(database.db);
  if (result.head) console.log(`head: entry ${result.head.seq}, hash ${result.head.hash}`);
  if (result.firstBad) console.log(`FAILED at entry ${result.firstBad.seq}: ${result.firstBad.problem}`);
  // Written, not yet chained: the server's sequencer seals entries within a second while it runs.
  if (result.pending.entries > 0) {
    console.log(`pending: ${result.pending.entries} entries not yet sealed into the chain, the oldest written ${result.pending.oldest!.toISOString()}`);
  }
  console.log(`verified ${result.verified} entries`);
  return result.firstBad ? 1 : 0;
});
