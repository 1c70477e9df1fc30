// The demo regions' process configuration: intake and meetings, the escalation ladders and
// Groningen's functional-mandate table, each from the data its capability keeps.
import type { Db } from "../db/database.js";
import { AMSTERDAM_VARIANTS, DEFAULT_LADDERS, ladderRows } from "../process/escalation/ladders.js";
import { ESCALATION_TRACKS } from "../process/escalation/open.js";
import { AMSTERDAM_PROCESS, GRONINGEN_PROCESS, installProcessDefaults } from "../process/intake/defaults.js";
import { GRONINGEN_MANDATE_TABLE } from "../process/mandate/groningen.js";
import { writeMandateTable } from "../process/mandate/table.js";
import { escalationLadder } from "../process/tables.js";

type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];

export async function seedRegionProcessConfig(tx: Tx, regionId: string, code: string): Promise<void> {
  const groningen = code === "groningen";
  await installProcessDefaults(tx, regionId, groningen ? GRONINGEN_PROCESS : AMSTERDAM_PROCESS);
  const ladders = DEFAULT_LADDERS[groningen ? "GRONINGEN" : "AMSTERDAM"];
  for (const track of ESCALATION_TRACKS) await tx.insert(escalationLadder).values(ladderRows(regionId, track, ladders[track]));
  // Amsterdam's ladders per commissioner, and to the mayor where nuisance dominates.
  if (!groningen) {
    for (const track of ESCALATION_TRACKS) {
      for (const [variant, steps] of Object.entries(AMSTERDAM_VARIANTS)) await tx.insert(escalationLadder).values(ladderRows(regionId, track, steps, variant));
    }
  }
  // Amsterdam's documents name no mandate table: there an advice is advice only.
  if (groningen) await writeMandateTable(tx as unknown as Db, regionId, GRONINGEN_MANDATE_TABLE);
}
