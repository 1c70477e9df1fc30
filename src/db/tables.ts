// All tables, for drizzle's relational queries and for drizzle-kit.
export * from "../organisations/tables.js";
export * from "../families/tables.js";
export * from "../reference-index/tables.js";
export * from "../covenant/tables.js";
export * from "../plan/tables.js";
export * from "../notifications/tables.js";
export * from "../process/tables.js";
export * from "../accountability/access-log/tables.js";
export * from "../accountability/retention/tables.js";
export * from "../accountability/rights/tables.js";
export * from "../jobs/tables.js";
