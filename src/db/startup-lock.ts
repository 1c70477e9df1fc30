import postgres from "postgres";

// Held while a replica migrates and seeds: a second replica starting at the same moment waits.
const STARTUP_LOCK = 7514;

/**
 * Runs `work` (migrations, demo data) while holding a session lock on the PostgreSQL server, on
 * a connection of its own: replicas started together would otherwise both create the same tables
 * or seed the same demo families. The embedded database has one process by construction.
 */
export async function withStartupLock<T>(databaseUrl: string | undefined, work: () => Promise<T>): Promise<T> {
  if (!databaseUrl) return work();
  const connection = postgres(databaseUrl, { max: 1, onnotice: () => {}, connect_timeout: 5 });
  try {
    await connection`select pg_advisory_lock(${STARTUP_LOCK})`;
    return await work();
  } finally {
    // Ending the session releases the lock, also when the work failed.
    await connection.end({ timeout: 5 });
  }
}
