// The messages between `npm run bench:load` and its load generator (load-worker.mjs).

export interface LoadJob {
  url: string;
  connections: number;
  seconds: number;
  /** Per-request timeout in seconds: a response later than this counts as a timeout. */
  timeoutSeconds: number;
  /** Each connection sends these in turn, round and round (POST /graphql). */
  requests: { body: string; authorization: string }[];
  /** A 2xx body counts as good when it has one of these and no "errors"; else it is a bad answer. */
  expect: string[];
}

export interface LoadSummary {
  seconds: number;
  /** Completed requests. */
  requests: number;
  perSecond: number;
  /** Latency percentiles in ms. */
  p50: number;
  p99: number;
  non2xx: number;
  timeouts: number;
  /** Connection errors (timeouts included, as autocannon counts them). */
  errors: number;
  /** 2xx answers that are not the expected data (GraphQL errors, or the data missing). */
  mismatches: number;
  statusCodes: Record<string, number>;
}

export type WorkerRequest = { kind: "run"; id: number; job: LoadJob } | { kind: "stop" };
export type WorkerReply = { id: number; summary: LoadSummary } | { id: number; error: string };
