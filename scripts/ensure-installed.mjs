// Runs before `npm start` and `npm test`: on a fresh clone nothing is installed yet, so install
// exactly what package-lock.json pins. Plain JavaScript because tsx itself may be missing.
import { existsSync, statSync } from "node:fs";
import { execSync } from "node:child_process";

const marker = "node_modules/.package-lock.json";
const stale = !existsSync(marker) || statSync(marker).mtimeMs < statSync("package-lock.json").mtimeMs;
if (stale) {
  console.error("Installing dependencies (npm ci)…");
  execSync("npm ci --no-audit --no-fund", { stdio: "inherit" });
}
