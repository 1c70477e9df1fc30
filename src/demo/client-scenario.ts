// The demo clients: family members with their own login (AVG art. 15: their data and who read
// it), and each region's rules for who may ask. Pure data, written by seed-clients.ts.
import type { OnBehalf } from "../accountability/rights/settings.js";

export interface DemoClient {
  /** The login. */
  email: string;
  region: string;
  /** The household and the member in it, by BSN. */
  family: string;
  bsn: string;
  /** Who opened the account, by email. */
  openedBy: string;
}

export interface DemoRightsSettings {
  region: string;
  selfAccessAge: number;
  onBehalf: OnBehalf[];
}

export const DEMO_CLIENTS: readonly DemoClient[] = [
  // Linda Bakker-Smit: a parent with custody in Gezin Bakker (a plan); she may ask for Daan (15)
  // and Lotte (12), who are below the age rule. Daan has two reference-index signals.
  { email: "linda.bakker@groningen.client.demo", region: "groningen", family: "Gezin Bakker", bsn: "999990494", openedBy: "coach1@groningen.demo" },
  // Patrick Jansen: a parent with custody in Gezin Jansen (a plan, his consent for Ymere, Ymere's
  // signal on him); he may ask for Mees (11), not for Tess (17), who reads her own.
  { email: "patrick.jansen@amsterdam.client.demo", region: "amsterdam", family: "Gezin Jansen", bsn: "999995200", openedBy: "coach2@amsterdam.demo" },
  // Tess Jansen, 17: above the age rule, she reads her own file (signals, a legal ground).
  { email: "tess.jansen@amsterdam.client.demo", region: "amsterdam", family: "Gezin Jansen", bsn: "999996071", openedBy: "coach2@amsterdam.demo" },
];

// Groningen's process lead is its project leader (PROJECT_LEAD); Amsterdam keeps the defaults.
export const DEMO_RIGHTS_SETTINGS: readonly DemoRightsSettings[] = [
  { region: "groningen", selfAccessAge: 16, onBehalf: ["REGISSEUR", "PROJECT_LEAD"] },
  { region: "amsterdam", selfAccessAge: 16, onBehalf: ["REGISSEUR", "PROCESS_LEAD"] },
];
