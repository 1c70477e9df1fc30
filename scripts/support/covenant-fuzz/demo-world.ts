import { seedDemo } from "../../../src/demo/seed.js";
import { DEMO_TODAY } from "../../../src/demo/scenario-types.js";
import { plantPlan, type PlanTarget } from "./canaries.js";
import { changeHalfway, plantRecords } from "./records.js";
import { startFuzzServer, type FuzzServer } from "./server.js";
import { writer, type Writer } from "./writer.js";

/*
 * The demo world of both regions (as `npm start` seeds it), at the demo's own day, with canaries
 * in every plan part kind of several families and in the records around them.
 */

export const START_MOMENT = `${DEMO_TODAY}T10:00:00+01:00`;

const PLAN_TARGETS: PlanTarget[] = [
  { index: 1, region: "groningen", name: "Gezin Bakker", regisseur: "coach1@groningen.demo" },
  { index: 2, region: "groningen", name: "Gezin Kramer", regisseur: "coach2@groningen.demo" },
  { index: 4, region: "groningen", name: "Gezin Hoving", regisseur: "coach3@groningen.demo" },
  { index: 5, region: "groningen", name: "Gezin Smit", regisseur: "coach4@groningen.demo", lenient: true },
  { index: 6, region: "groningen", name: "Gezin Wierenga", regisseur: "coach4@groningen.demo", lenient: true },
  { index: 11, region: "amsterdam", name: "Gezin Jansen", regisseur: "coach2@amsterdam.demo" },
  { index: 12, region: "amsterdam", name: "Gezin de Wit", regisseur: "coach1@amsterdam.demo" },
  { index: 13, region: "amsterdam", name: "Gezin Visser", regisseur: "coach1@amsterdam.demo" },
];

export interface DemoWorld {
  server: FuzzServer;
  writer: Writer;
  halfway: () => Promise<string[]>;
}

/** The demo world on the server `serverUrl` names (a fresh database there), or embedded without one. */
export async function startDemoWorld(serverUrl?: string): Promise<DemoWorld> {
  const server = await startFuzzServer(START_MOMENT, serverUrl);
  try {
    await seedDemo(server.database.db, server.clock.now());
    const w = writer(server);
    for (const target of PLAN_TARGETS) await plantPlan(w, target);
    await plantRecords(w);
    return { server, writer: w, halfway: () => changeHalfway(w, server) };
  } catch (error) {
    await server.close();
    throw error;
  }
}
