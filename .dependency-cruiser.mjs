/**
 * Imports run one way: from the top (server, schema, main) through the capabilities to the
 * core (auth, access, the covenant's decisions, the request context, the access log) and the
 * foundation (database, tables, errors, dates, ids, config). docs/architecture.md draws it.
 * `npm run lint` runs this; a circle or an import that runs back up fails the build.
 */

// The bottom: imports nothing of ours above it. Every capability's tables.ts belongs here (the
// database module types its queries with all of them), and so does the 11-proof the input
// validation checks BSNs with.
const FOUNDATION =
  "^src/(?:(?:config|dates|errors|error-summary|ids|validation)\\.ts$|db/|jobs/|pagination/|families/bsn\\.ts$|.+/tables\\.ts$)";

// Above it: who calls (auth), the rule vocabulary of the schema's fields (access), the covenant's
// decisions, the request context and its loader interface, and the access log every service
// writes to.
const CORE =
  "^src/(?:auth/|access/(?!permissions\\.ts$|snapshot\\.ts$)|covenant/decisions/|context\\.ts$|loaders\\.ts$|accountability/access-log/)";

const CAPABILITIES = "^src/(?:families|plan|process|covenant|reference-index|accountability|notifications|organisations)/";

// What the core may take from a capability folder: its tables and GraphQL types (the loader
// interface names them), and the mandate's addressedTo (core-rule-names-the-mandate says who may).
const CAPABILITY_PARTS_FOR_THE_CORE = "types\\.ts$|/tables\\.ts$|^src/process/mandate/addressed\\.ts$";

// The top: only the server and the entry points assemble everything (the shield too).
const TOP = "^src/(?:main\\.ts$|schema\\.ts$|server/|demo/|access/(?:permissions|snapshot)\\.ts$)";

export default {
  forbidden: [
    {
      name: "no-circular",
      severity: "error",
      comment: "A circle of imports, type-only ones included.",
      from: {},
      to: { circular: true },
    },
    {
      name: "foundation-imports-foundation",
      severity: "error",
      comment: "The database, the tables, errors, dates, ids and config import nothing above them.",
      from: { path: FOUNDATION },
      to: { path: "^src/", pathNot: FOUNDATION },
    },
    {
      name: "core-below-capabilities",
      severity: "error",
      comment:
        "auth, access's rule vocabulary, the request context and the access log sit below the capabilities: " +
        "they may name a capability's tables and types, never its services.",
      from: { path: CORE },
      to: { path: CAPABILITIES, pathNot: `${CORE}|${CAPABILITY_PARTS_FOR_THE_CORE}` },
    },
    {
      name: "core-rule-names-the-mandate",
      severity: "error",
      comment:
        "The one exception to core-below-capabilities: access/rules.ts asks process/mandate/addressed.ts " +
        "(roles and a partner id, no data) whom an advice is addressed to. Nothing else in the core may.",
      from: { path: CORE, pathNot: "^src/access/rules\\.ts$" },
      to: { path: "^src/process/mandate/addressed\\.ts$" },
    },
    {
      name: "nothing-below-imports-the-top",
      severity: "error",
      comment:
        "server/, schema.ts, main.ts, demo/ and the shield assembly are the top: capabilities and all below " +
        "them never import them (a capability that needs something of the server needs it moved down).",
      from: { path: "^src/", pathNot: TOP },
      to: { path: TOP },
    },
    {
      name: "context-declares-types",
      severity: "error",
      comment: "The request context and its loader interface are plain types: they import nothing at run time.",
      from: { path: "^src/(?:context|loaders)\\.ts$" },
      to: { dependencyTypesNot: ["type-only"] },
    },
    {
      name: "not-to-unresolvable",
      severity: "error",
      comment: "An import that resolves to nothing: a typo, or a file moved without its importers.",
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    // Type-only imports count: a circle of types is still a circle to read and to change.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    // Subpath exports (graphql-ws/use/ws) resolve as Node resolves them.
    enhancedResolveOptions: { exportsFields: ["exports"], conditionNames: ["import", "require", "node", "default"] },
  },
};
