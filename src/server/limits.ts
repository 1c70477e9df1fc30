import { costLimitRule } from "@escape.tech/graphql-armor-cost-limit";
import { maxAliasesRule } from "@escape.tech/graphql-armor-max-aliases";
import { maxDepthRule } from "@escape.tech/graphql-armor-max-depth";
import { GraphQLError, type ValidationContext } from "graphql";
import type { Config } from "../config.js";
import { pageCostRule } from "./page-cost.js";

/** The most a request body may carry, in bytes (1 MiB): refused with 413 before GraphQL sees it. */
export const MAX_BODY_BYTES = 1024 * 1024;

/**
 * By default the rules throw, which Apollo answers as an internal error; reported instead, a
 * refusal is an ordinary GRAPHQL_VALIDATION_FAILED with a message that names the limit.
 */
const reportAsValidationError = {
  exposeLimits: true,
  propagateOnRejection: false,
  onReject: [
    (context: ValidationContext | null, error: GraphQLError) =>
      context?.reportError(new GraphQLError(error.message.replace(/^Syntax Error: /, ""))),
  ],
};

/**
 * Query shape limits, as validation rules: a refused query never executes. The defaults fit
 * the deepest honest query with room to spare. Introspection is exempt (GraphiQL's own query
 * is deep), and is switched off in production anyway.
 */
export const queryLimitRules = (config: Pick<Config, "MAX_QUERY_DEPTH" | "MAX_QUERY_ALIASES" | "MAX_QUERY_COST">) => [
  maxDepthRule({ n: config.MAX_QUERY_DEPTH, ...reportAsValidationError }),
  maxAliasesRule({ n: config.MAX_QUERY_ALIASES, ...reportAsValidationError }),
  costLimitRule({ maxCost: config.MAX_QUERY_COST, ...reportAsValidationError }),
  pageCostRule(config.MAX_QUERY_COST),
];
