// The load generator of `npm run bench:load`: autocannon in a worker thread of its own, so the
// load does not compete with the servers for the main thread's event loop. Plain JavaScript, so
// it starts the same under tsx, node --import tsx or a profiler. One job at a time, run the same
// way for every variant; the messages are typed in load-job.ts.
import { URL } from "node:url";
import { parentPort } from "node:worker_threads";
import autocannon from "autocannon";

if (!parentPort) throw new Error("load-worker.mjs runs as a worker thread");
const port = parentPort;
let running = null;

/** @param {import("./load-job.ts").LoadJob} job */
async function run(job) {
  const host = new URL(job.url).hostname;
  if (host !== "127.0.0.1" && host !== "localhost") throw new Error(`the load generator drives loopback only, not ${host}`);
  const options = {
    url: job.url,
    connections: job.connections,
    duration: job.seconds,
    timeout: job.timeoutSeconds,
    requests: job.requests.map((request) => ({
      method: "POST",
      path: "/graphql",
      headers: { "content-type": "application/json", authorization: request.authorization },
      body: request.body,
    })),
    verifyBody: (body) => !body.includes('"errors"') && job.expect.some((expected) => body.includes(expected)),
  };
  running = autocannon(options);
  // Off the main thread autocannon answers with its raw, encoded histograms: aggregate them here.
  const result = autocannon.aggregateResult([await running], options);
  running = null;
  return {
    seconds: result.duration,
    requests: result.requests.total,
    perSecond: result.requests.total / result.duration,
    p50: result.latency.p50,
    p99: result.latency.p99,
    non2xx: result.non2xx,
    timeouts: result.timeouts,
    errors: result.errors,
    mismatches: result.mismatches,
    statusCodes: Object.fromEntries(Object.entries(result.statusCodeStats).map(([code, { count }]) => [code, count])),
  };
}

port.on("message", (message) => {
  if (message.kind === "stop") {
    running?.stop();
    return;
  }
  run(message.job).then(
    (summary) => port.postMessage({ id: message.id, summary }),
    (error) => port.postMessage({ id: message.id, error: error instanceof Error ? error.message : String(error) }),
  );
});
