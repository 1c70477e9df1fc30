import type { Logger } from "pino";
import type { Database } from "../db/database.js";
import { errorSummary } from "../error-summary.js";

/*
 * One listening connection per server process (docs/decisions/0018): the triggers of
 * drizzle/0012 NOTIFY a new notification's id and recipient, and a deactivated account's id;
 * this fans them out to the sockets of this process that follow that recipient. Payloads hold
 * ids only; what a socket receives is loaded as its caller, under the row-level fences.
 */

export interface Follower {
  /** A notification for this follower's professional was committed: its id, not yet loaded. */
  added(notificationId: string): void;
  /** The follower's account was deactivated. */
  deactivated(): void;
}

export interface LiveBus {
  /** Follows a professional or client account by id; returns the way to stop. */
  follow(accountId: string, follower: Follower): () => void;
  close(): Promise<void>;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function startLiveBus(database: Database, log: Logger): Promise<LiveBus> {
  const followers = new Map<string, Set<Follower>>();
  const each = (id: unknown, act: (follower: Follower) => void) => {
    if (typeof id !== "string" || !UUID.test(id)) return;
    for (const follower of followers.get(id.toLowerCase()) ?? []) act(follower);
  };
  const parse = (payload: string): Record<string, unknown> => {
    try {
      return JSON.parse(payload) as Record<string, unknown>;
    } catch {
      log.warn("live inbox: a payload that is not JSON was ignored");
      return {};
    }
  };
  const stops = [
    await database.listen("notification_added", (payload) => {
      const { id, recipientId } = parse(payload);
      if (typeof id === "string" && UUID.test(id)) each(recipientId, (follower) => follower.added(id));
    }),
    await database.listen("caller_deactivated", (payload) => {
      const { professionalId, accountId } = parse(payload);
      each(professionalId ?? accountId, (follower) => follower.deactivated());
    }),
  ];
  return {
    follow(accountId, follower) {
      const key = accountId.toLowerCase();
      const set = followers.get(key) ?? new Set<Follower>();
      set.add(follower);
      followers.set(key, set);
      return () => {
        set.delete(follower);
        if (set.size === 0 && followers.get(key) === set) followers.delete(key);
      };
    },
    async close() {
      followers.clear();
      for (const stop of stops) {
        try {
          await stop();
        } catch (error) {
          log.warn({ err: errorSummary(error) }, "live inbox: stopping to listen failed");
        }
      }
    },
  };
}
