import { GraphQLError, responsePathAsArray, type FieldNode, type GraphQLResolveInfo } from "graphql";
import type { RequestContext } from "../context.js";
import type { AccessLevel } from "../covenant/decisions/levels.js";

/**
 * What a refusal tells a front-end besides its message (docs/decisions/0017): the level the
 * field needs and the caller's own level for the family. Never more than the message says; the
 * caller's level is left out where it is NONE, a family the caller may not know.
 */
export interface RefusalFacts {
  required?: string;
  yours?: AccessLevel;
  /** Refused without telling: the field answers null and the answer carries no error for it. */
  withheld?: true;
}

/** A refusal, made into a FORBIDDEN error at the field's path by the rule that returns it. */
export class Denial {
  constructor(
    readonly message: string,
    readonly facts: RefusalFacts,
  ) {}
}

// Few distinct refusals exist (a message per rule and level): each is made once per process.
const denials = new Map<string, Denial>();
export function denied(message: string, facts: RefusalFacts = {}): Denial {
  const key = `${message}\u0000${facts.required ?? ""}\u0000${facts.yours ?? ""}\u0000${facts.withheld ?? ""}`;
  let denial = denials.get(key);
  if (!denial) {
    const shown: RefusalFacts = { ...facts };
    if (shown.yours === "NONE") delete shown.yours;
    denial = new Denial(message, shown);
    denials.set(key, denial);
  }
  return denial;
}

/*
 * A plan read by a partner can deny a thousand parts or more. graphql-js wraps every error a
 * resolver returns into a new error with the field's path, copying the stack trace; an error
 * that already carries its path is used as it is, and a FORBIDDEN needs no stack trace. Even so,
 * making a GraphQLError costs some 25 µs (its constructor redefines properties of an Error,
 * captures a stack and computes the source locations), more than the field itself. Denials at
 * one field of the query with one reason differ only in their path: per request the first is
 * made in full, and the others are made from it (Object.create), each with its own path. They
 * are GraphQLErrors to graphql-js and Apollo alike, which read message, locations, path and
 * extensions (toJSON) from them. Apollo then folds them into one error (server/refusal-folding.ts).
 */
const madeDenials = new WeakMap<RequestContext, Map<FieldNode, Map<Denial, GraphQLError>>>();

export function forbiddenAt(denial: Denial, rule: string, ctx: RequestContext, info: GraphQLResolveInfo): GraphQLError {
  const path = responsePathAsArray(info.path);
  let byNode = madeDenials.get(ctx);
  if (!byNode) {
    byNode = new Map();
    madeDenials.set(ctx, byNode);
  }
  const node = info.fieldNodes[0]!;
  let byDenial = byNode.get(node);
  if (!byDenial) {
    byDenial = new Map();
    byNode.set(node, byDenial);
  }
  const first = byDenial.get(denial);
  if (first) {
    const error = Object.create(first) as GraphQLError & { path: (string | number)[] };
    error.path = path;
    return error;
  }
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    const extensions = { code: "FORBIDDEN", rule, ...denial.facts };
    const error = new GraphQLError(denial.message, { nodes: info.fieldNodes, path, extensions });
    byDenial.set(denial, error);
    return error;
  } finally {
    Error.stackTraceLimit = limit;
  }
}
