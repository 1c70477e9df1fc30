// A throwaway PostgreSQL server for a benchmark run, started as .ci/run starts its own: initdb and
// pg_ctl of PostgreSQL >= 15 (on PATH, else the highest /usr/lib/postgresql/<version>/bin), as
// the postgres user when running as root, in a temporary directory under /tmp, on a free port of
// 127.0.0.1, trust auth, no fsync. stop() stops it and removes the directory; call it on every exit.
import { execFileSync, spawnSync, type SpawnSyncReturns } from "node:child_process";
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { delimiter, dirname, join } from "node:path";

const MIN_PG_MAJOR = 15;

export interface ThrowawayPostgres {
  /** postgres://postgres@127.0.0.1:<port>/postgres */
  url: string;
  version: string;
  /** Stops the server and removes its directory. Synchronous, so an exit handler can call it; idempotent. */
  stop(): void;
}

function major(pgCtl: string): number {
  // "pg_ctl (PostgreSQL) 15.18 (Debian ...)" -> 15
  const version = execFileSync(pgCtl, ["--version"], { encoding: "utf8" }).split(" ")[2] ?? "";
  return Number(version.split(".")[0]!.replace(/[^0-9]/g, "")) || 0;
}

/** A directory holding initdb, pg_ctl and postgres of version >= 15, or null. */
function findPgBin(): string | null {
  const candidates: string[] = [];
  for (const dir of (process.env.PATH ?? "").split(delimiter)) {
    const initdb = join(dir, "initdb");
    const pgCtl = join(dir, "pg_ctl");
    if (dir && existsSync(initdb) && existsSync(pgCtl)) {
      // Resolve symlinks (e.g. /usr/local/bin/pg_ctl -> /usr/lib/postgresql/15/bin/pg_ctl).
      candidates.push(dirname(realpathSync(pgCtl)));
      break;
    }
  }
  const debian = "/usr/lib/postgresql";
  if (existsSync(debian)) {
    const versions = readdirSync(debian)
      .filter((name) => /^\d+$/.test(name))
      .sort((a, b) => Number(b) - Number(a));
    for (const version of versions) candidates.push(join(debian, version, "bin"));
  }
  for (const dir of candidates) {
    if (["initdb", "pg_ctl", "postgres"].every((tool) => existsSync(join(dir, tool))) && major(join(dir, "pg_ctl")) >= MIN_PG_MAJOR) return dir;
  }
  return null;
}

/** A free TCP port on 127.0.0.1: the OS picks it. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export async function startThrowawayPostgres(options: { maxConnections: number }): Promise<ThrowawayPostgres> {
  const bin = findPgBin();
  if (!bin) throw new Error(`PostgreSQL >= ${MIN_PG_MAJOR} (initdb, pg_ctl, postgres) not found on PATH or in /usr/lib/postgresql/*/bin; or set BENCH_DATABASE_URL`);
  const asRoot = process.getuid?.() === 0;
  // Under /tmp, not $TMPDIR: the postgres user must reach it, and socket paths must stay short.
  const dir = mkdtempSync("/tmp/bench-postgres.");
  const data = join(dir, "data");
  let started = false;
  let stopped = false;

  /** Runs a PostgreSQL tool from inside the temp dir, as the postgres user when we are root. */
  const asPg = (tool: string, args: string[]): SpawnSyncReturns<string> => {
    const command = asRoot ? "runuser" : join(bin, tool);
    const argv = asRoot ? ["-u", "postgres", "--", join(bin, tool), ...args] : args;
    return spawnSync(command, argv, { cwd: dir, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
  };
  const stop = () => {
    if (stopped) return;
    stopped = true;
    if (started) {
      const fast = asPg("pg_ctl", ["-D", data, "-m", "fast", "-w", "-t", "60", "stop"]);
      if (fast.status !== 0) asPg("pg_ctl", ["-D", data, "-m", "immediate", "-w", "stop"]);
    }
    rmSync(dir, { recursive: true, force: true });
  };

  try {
    if (asRoot) {
      if (spawnSync("id", ["-u", "postgres"], { stdio: "ignore" }).status !== 0) {
        execFileSync("useradd", ["--system", "--no-create-home", "postgres"], { stdio: "ignore" });
      }
      const uid = Number(execFileSync("id", ["-u", "postgres"], { encoding: "utf8" }).trim());
      const gid = Number(execFileSync("id", ["-g", "postgres"], { encoding: "utf8" }).trim());
      chownSync(dir, uid, gid);
    }
    const port = await freePort();
    const init = asPg("initdb", ["-D", data, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--no-locale"]);
    if (init.status !== 0) throw new Error(`initdb failed:\n${init.stdout}${init.stderr}`);
    started = true;
    const settings = [
      `-k ${dir}`,
      `-p ${port}`,
      "-c listen_addresses=127.0.0.1",
      "-c fsync=off",
      `-c max_connections=${options.maxConnections}`,
    ].join(" ");
    const start = asPg("pg_ctl", ["-D", data, "-l", join(dir, "server.log"), "-w", "-t", "60", "start", "-o", settings]);
    if (start.status !== 0) {
      const log = existsSync(join(dir, "server.log")) ? readFileSync(join(dir, "server.log"), "utf8") : "";
      throw new Error(`PostgreSQL failed to start:\n${start.stdout}${start.stderr}${log}`);
    }
    const version = execFileSync(join(bin, "postgres"), ["--version"], { encoding: "utf8" }).trim().split(" ")[2] ?? "?";
    return { url: `postgres://postgres@127.0.0.1:${port}/postgres`, version, stop };
  } catch (error) {
    stop();
    throw error;
  }
}
