// All tables, for drizzle's relational queries and for drizzle-kit.
export * from "../organisations/tables.js";
export * from "../families/tables.js";
export * from "../reference-index/tables.js";
