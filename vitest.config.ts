import { createRequire } from "node:module";
import { availableParallelism } from "node:os";
import { defineConfig } from "vitest/config";

const require = createRequire(import.meta.url);

export default defineConfig({
  resolve: {
    // graphql@16 ships CommonJS and ESM builds; Node loads the CommonJS one (as type-graphql does),
    // vite would pick the ESM one, and two copies of graphql refuse each other's types.
    alias: [{ find: /^graphql$/, replacement: require.resolve("graphql") }],
  },
  test: {
    include: ["test/**/*.test.ts", "src/**/*.test.ts"],
    // Each test file starts its own server and database; PGlite boots in about a second.
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: "forks",
    // A worker per core (vitest leaves one to its own process, which mostly waits), each running
    // test file after test file: the app's modules and PGlite's compiled WebAssembly load once per
    // worker rather than once per file. Every file still has its own database and server.
    maxWorkers: availableParallelism(),
    isolate: false,
    // Migrates one database per run; each test file's database is a copy of it.
    globalSetup: ["test/support/migrated-template.ts"],
    // type-graphql's decorators need the metadata polyfill before any type module loads, whichever
    // module a test file imports first (the server's entry points import it first too).
    setupFiles: ["reflect-metadata"],
  },
});
