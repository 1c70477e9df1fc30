import type { ApolloServerPlugin } from "@apollo/server";
import type { GraphQLFormattedError } from "graphql";
import type { RequestContext } from "../context.js";

/** How many paths a folded refusal lists; `count` says how many there were. */
export const FOLDED_PATHS = 20;

/*
 * One refusal per group instead of one per refused field (docs/decisions/0017). A partner's
 * large plan is refused at a thousand parts or more, each time for the same reason: the
 * FORBIDDEN errors of one field of the query (its path without list indices) with one message,
 * rule, required level and caller's level are one group. The first keeps its place and its
 * path, and lists the group's first paths (`paths`) and its size (`count`); the others are
 * dropped. A refusal the rule withheld (extensions.withheld) is dropped altogether. Every other
 * error is left as it is, in its order.
 */
export function foldRefusals(errors: readonly GraphQLFormattedError[]): GraphQLFormattedError[] {
  const folded: GraphQLFormattedError[] = [];
  const groups = new Map<string, { at: number; paths: (readonly (string | number)[])[]; count: number }>();
  for (const error of errors) {
    const extensions = error.extensions;
    if (extensions?.withheld === true) continue;
    if (extensions?.code !== "FORBIDDEN" || !error.path) {
      folded.push(error);
      continue;
    }
    const key = groupKey(error);
    const group = groups.get(key);
    if (!group) {
      groups.set(key, { at: folded.length, paths: [error.path], count: 1 });
      folded.push(error);
      continue;
    }
    group.count += 1;
    if (group.paths.length < FOLDED_PATHS) group.paths.push(error.path);
  }
  for (const { at, paths, count } of groups.values()) {
    if (count === 1) continue;
    const error = folded[at]!;
    folded[at] = { ...error, extensions: { ...error.extensions, paths, count } };
  }
  return folded;
}

const groupKey = (error: GraphQLFormattedError): string => {
  const { rule, required, yours } = error.extensions ?? {};
  const field = error.path!.map((step) => (typeof step === "number" ? "*" : step)).join(".");
  return `${field}\u0000${String(rule)}\u0000${String(required)}\u0000${String(yours)}\u0000${error.message}`;
};

/** Folds the answer's refusals once, just before it is sent. */
export function refusalFolding(): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response }) {
          if (response.body.kind !== "single") return;
          const result = response.body.singleResult;
          if (!result.errors) return;
          const folded = foldRefusals(result.errors);
          // An answer left without errors has none at all, as the specification asks.
          result.errors = folded.length > 0 ? folded : undefined;
        },
      };
    },
  };
}
