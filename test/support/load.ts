import { and, eq, inArray } from "drizzle-orm";
import { expect } from "vitest";
import { accessLog } from "../../src/accountability/access-log/tables.js";
import type { Db } from "../../src/db/database.js";
import { demoProfessionalId } from "../../src/demo/identity.js";
import { families, familyCategories, familyMemberships, persons, regieAssignments } from "../../src/families/tables.js";
import { familyPhases, processSettings } from "../../src/process/tables.js";
import type { GraphQLResponse, TestApp } from "./app.js";
import { bsnNumber } from "./builders.js";

/*
 * Concurrent clients of the demo world (seedDemo) through the HTTP endpoint, for the tests that
 * take the database away under load: a coach reading her caseload, a project leader registering
 * households, a probe polling /readyz. Every answer is kept, with its status, codes and latency.
 */

export interface Answer {
  kind: "read" | "mutation" | "readyz";
  /** performance.now() when the request was sent. */
  started: number;
  ms: number;
  status: number;
  codes: (string | undefined)[];
  messages: string[];
}

/** One registration: a household of three whose BSNs no other registration uses. */
export interface Registration {
  name: string;
  bsns: string[];
  answer: Answer;
  id: string | null;
}

/** How long a client waits before its next request: a moment, or longer after a 503. */
const THINK_MS = 25;
const RETRY_AFTER_MS = 100;

const CASELOAD = `{ families { nodes { id name members { relation person { givenName familyName } } } } }`;
/**
 * The load registers hundreds of households with one demo coach; the demo regions' caseload
 * ceiling (ten) is not what a fault test is about, so it is lifted where the load runs.
 */
export async function liftCaseloadCeiling(db: Db): Promise<void> {
  await db.update(processSettings).set({ caseloadCeiling: null });
}

const REGISTER = `mutation($input: RegisterFamilyInput!) { registerFamily(input: $input) { id } }`;

export function demoLoad(app: TestApp, options: { bsnSeed: number }) {
  const coach = demoProfessionalId("coach1@groningen.demo");
  const lead = demoProfessionalId("projectleider@groningen.demo");
  const answers: Answer[] = [];
  const registrations: Registration[] = [];
  const clients: Promise<void>[] = [];
  let registered = 0;
  let running = false;

  async function timed(kind: Answer["kind"], call: () => Promise<GraphQLResponse>) {
    const started = performance.now();
    const response = await call();
    const errors = response.body.errors ?? [];
    const answer: Answer = {
      kind,
      started,
      ms: performance.now() - started,
      status: response.status,
      codes: errors.map((error) => error.extensions?.code),
      messages: errors.map((error) => error.message),
    };
    answers.push(answer);
    return { answer, response };
  }

  const read = async () => (await timed("read", () => app.gql(CASELOAD, {}, coach))).answer;

  async function register() {
    const n = registered++;
    // bsnNumber moves on to the next valid number: 100 apart, no two members meet.
    const bsns = [0, 1, 2].map((member) => bsnNumber(options.bsnSeed + n * 1000 + member * 100));
    const name = `Gezin Storing ${options.bsnSeed}-${n}`;
    const input = {
      name,
      category: "MPG2",
      regisseurId: coach,
      members: [
        { bsn: bsns[0], givenName: "Ouder", familyName: "Storing", birthDate: "1985-01-01", relation: "PARENT", legalCustody: true },
        { bsn: bsns[1], givenName: "Kind", familyName: "Storing", birthDate: "2015-01-01", relation: "CHILD", legalCustody: false },
        { bsn: bsns[2], givenName: "Baby", familyName: "Storing", birthDate: "2024-01-01", relation: "CHILD", legalCustody: false },
      ],
    };
    const { answer, response } = await timed("mutation", () => app.gql(REGISTER, { input }, lead));
    const data = response.body.data as { registerFamily?: { id: string } } | null | undefined;
    registrations.push({ name, bsns, answer, id: data?.registerFamily?.id ?? null });
    return answer;
  }

  async function readyz() {
    return (
      await timed("readyz", async () => {
        const response = await fetch(`${app.url}/readyz`);
        return { status: response.status, body: {}, text: await response.text() };
      })
    ).answer;
  }

  async function loop(step: () => Promise<Answer>, pauseMs: number) {
    while (running) {
      const answer = await step();
      // As a client would, and so that a few dozen of them in this one process (on a machine
      // that may be busy with other work) measure the server rather than their own queue.
      await new Promise((resolve) => setTimeout(resolve, answer.status === 503 ? Math.max(pauseMs, RETRY_AFTER_MS) : pauseMs));
    }
  }

  return {
    answers,
    registrations,
    read,
    register,
    readyz,
    /** Readers and writers each send their next request 25 ms after the last one was answered (100 ms after a 503); /readyz is polled every 20 ms. */
    start({ readers, writers }: { readers: number; writers: number }) {
      running = true;
      for (let i = 0; i < readers; i++) clients.push(loop(read, THINK_MS));
      for (let i = 0; i < writers; i++) clients.push(loop(register, THINK_MS));
      clients.push(loop(readyz, 20));
    },
    async stop() {
      running = false;
      await Promise.all(clients.splice(0));
    },
    /** Whether a request of this kind sent after `moment` was answered 200 without errors. */
    servedAfter(kind: Answer["kind"], moment: number) {
      return answers.some((answer) => answer.kind === kind && answer.started > moment && answer.status === 200 && answer.codes.length === 0);
    },
  };
}

/** Every answer is whole (200, no error) or a refusal the client may retry (503, only SERVICE_UNAVAILABLE): never a 500, never another code. */
export function expectWholeOrUnavailable(answers: readonly Answer[]): void {
  for (const answer of answers) {
    if (answer.status === 200 && answer.codes.length === 0) continue;
    if (answer.kind === "readyz") expect(answer.status, JSON.stringify(answer)).toBe(503);
    else expect({ status: answer.status, codes: answer.codes }, JSON.stringify(answer)).toEqual({ status: 503, codes: answer.codes.map(() => "SERVICE_UNAVAILABLE") });
  }
}

/** Per kind of request: how many were sent, how many answered 503, and the slowest answer. */
export function latencies(answers: readonly Answer[]) {
  const of = (kind: Answer["kind"]) => {
    const mine = answers.filter((answer) => answer.kind === kind);
    return { count: mine.length, unavailable: mine.filter((answer) => answer.status === 503).length, maxMs: Math.round(Math.max(0, ...mine.map((answer) => answer.ms))) };
  };
  return { read: of("read"), mutation: of("mutation"), readyz: of("readyz") };
}

/**
 * Each registration is in the database whole — the family, its category, regie, phase, three
 * persons and memberships, and its entry in the access log — or not at all; one answered 200 is
 * there. Returns how many are there.
 */
export async function expectNoneHalfWritten(db: Db, registrations: readonly Registration[]): Promise<{ whole: number; absent: number }> {
  let whole = 0;
  const count = async (rows: Promise<unknown[]>) => (await rows).length;
  for (const registration of registrations) {
    const found = await db.select({ id: families.id }).from(families).where(eq(families.name, registration.name));
    const people = await db.select({ id: persons.id }).from(persons).where(inArray(persons.bsn, registration.bsns));
    if (registration.answer.status === 200) expect(found, registration.name).toEqual([{ id: registration.id }]);
    if (found.length === 0) {
      expect(people, `${registration.name}: persons without their family`).toEqual([]);
      continue;
    }
    expect(found, registration.name).toHaveLength(1);
    const familyId = found[0]!.id;
    expect(
      {
        persons: people.length,
        memberships: await count(db.select().from(familyMemberships).where(eq(familyMemberships.familyId, familyId))),
        categories: await count(db.select().from(familyCategories).where(eq(familyCategories.familyId, familyId))),
        regie: await count(db.select().from(regieAssignments).where(eq(regieAssignments.familyId, familyId))),
        phases: await count(db.select().from(familyPhases).where(eq(familyPhases.familyId, familyId))),
        logged: await count(db.select().from(accessLog).where(and(eq(accessLog.familyId, familyId), eq(accessLog.operation, "registerFamily")))),
      },
      registration.name,
    ).toEqual({ persons: 3, memberships: 3, categories: 1, regie: 1, phases: 1, logged: 1 });
    whole++;
  }
  return { whole, absent: registrations.length - whole };
}

/**
 * Records what would have killed a process without vitest's own handlers: an exception nobody
 * caught (postgres.js 3.4's write to a closed socket) or a rejection nobody handled.
 */
export function trapCrashes() {
  const seen: string[] = [];
  const onException = (error: unknown) => void seen.push(`uncaught exception: ${String(error)}`);
  const onRejection = (error: unknown) => void seen.push(`unhandled rejection: ${String(error)}`);
  process.on("uncaughtException", onException);
  process.on("unhandledRejection", onRejection);
  return {
    seen: () => [...seen],
    release: () => {
      process.off("uncaughtException", onException);
      process.off("unhandledRejection", onRejection);
    },
  };
}

export const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
