import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import postgres from "postgres";
import type { TestProject } from "vitest/node";
import { connectEmbedded, connectServer } from "../../src/db/database.js";
import { copyDirectory } from "./copy-directory.js";

/**
 * Where the run's migrated database is: each test file's fresh database is a copy of it, so the
 * migrations run once per run rather than once per test file (and PGlite's initdb with them).
 */
export type MigratedTemplate = { kind: "embedded"; dataDir: string } | { kind: "server"; name: string };

declare module "vitest" {
  export interface ProvidedContext {
    migratedTemplate: MigratedTemplate;
    /** An embedded database just made, without schema: what the operator scripts find before `npm start`. */
    emptyEmbeddedDataDir: string;
  }
}

/** vitest's globalSetup: makes the templates before any test file runs, and removes them after the last. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const root = await mkdtemp(join(tmpdir(), "ofop-templates-"));
  const cleanups: (() => Promise<void>)[] = [() => rm(root, { recursive: true, force: true })];
  const removeAll = async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
  };
  try {
    const emptyDataDir = join(root, "empty");
    const serverUrl = process.env.DATABASE_URL;
    // One after the other: PGlite's initdb holds the event loop longer than connectServer waits to connect.
    const name = serverUrl ? await serverTemplate(serverUrl, cleanups) : null;
    await (await connectEmbedded(emptyDataDir)).close();
    project.provide("emptyEmbeddedDataDir", emptyDataDir);
    if (name) {
      project.provide("migratedTemplate", { kind: "server", name });
      return removeAll;
    }
    const dataDir = join(root, "migrated");
    await copyDirectory(emptyDataDir, dataDir);
    const database = await connectEmbedded(dataDir);
    await database.migrate();
    await database.close();
    project.provide("migratedTemplate", { kind: "embedded", dataDir });
    return removeAll;
  } catch (error) {
    // vitest calls no teardown when setup fails: nothing of a failed run may stay behind.
    await removeAll();
    throw error;
  }
}

/** Makes the migrated template database on the server, and adds dropping it to cleanups. */
async function serverTemplate(serverUrl: string, cleanups: (() => Promise<void>)[]): Promise<string> {
  const name = `test_template_${randomBytes(6).toString("hex")}`;
  await onServer(serverUrl, (admin) => admin.unsafe(`create database ${name}`));
  cleanups.push(() => onServer(serverUrl, (admin) => admin.unsafe(`drop database if exists ${name} with (force)`)));
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const database = connectServer(url.toString());
  try {
    await database.migrate();
  } finally {
    // CREATE DATABASE … TEMPLATE refuses while anyone is connected to the template.
    await database.close();
  }
  return name;
}

async function onServer(serverUrl: string, run: (admin: postgres.Sql) => Promise<unknown>): Promise<void> {
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  try {
    await run(admin);
  } finally {
    await admin.end();
  }
}
