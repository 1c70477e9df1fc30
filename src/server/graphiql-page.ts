import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import express from "express";

const require = createRequire(import.meta.url);
// The packages' "exports" do not list their browser builds, so resolve from each package root.
const fromPackage = (name: string, file: string) => join(dirname(require.resolve(`${name}/package.json`)), file);

// Only these files are served, each from the project's own node_modules: the page works
// offline and loads nothing from another host.
const ASSETS: Record<string, { file: string; type: string }> = {
  "react.production.min.js": { file: fromPackage("react", "umd/react.production.min.js"), type: "text/javascript" },
  "react-dom.production.min.js": { file: fromPackage("react-dom", "umd/react-dom.production.min.js"), type: "text/javascript" },
  "graphiql.min.js": { file: fromPackage("graphiql", "graphiql.min.js"), type: "text/javascript" },
  "graphiql.min.css": { file: fromPackage("graphiql", "graphiql.min.css"), type: "text/css" },
};

const DEFAULT_QUERY = `# One family, one plan. Paste a token in the Headers tab below:
#   npm run token -- coach1@groningen.demo
{
  me { name roles partner { name } region { name } }
  families { name category myAccess { level causes { kind } } }
}
`;

// The bootstrap is a file, not an inline script, so the page's CSP can forbid inline scripts.
const BOOT = `(function () {
  var config = JSON.parse(document.getElementById("graphiql-config").textContent);
  var fetcher = GraphiQL.createFetcher({ url: config.url });
  ReactDOM.createRoot(document.getElementById("graphiql")).render(
    React.createElement(GraphiQL, {
      fetcher: fetcher,
      defaultQuery: config.defaultQuery,
      defaultHeaders: config.defaultHeaders,
      isHeadersEditorEnabled: true,
      shouldPersistHeaders: true,
      defaultEditorToolsVisibility: "headers",
    }),
  );
})();
`;

const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; font-src 'self' data:; frame-ancestors 'none'";

/** GET /graphiql: GraphiQL against the API, where a coach pastes a token into the headers. */
export function graphiqlRouter(options: { graphqlPath: string }): express.Router {
  const router = express.Router();
  const config = JSON.stringify({
    url: options.graphqlPath,
    defaultQuery: DEFAULT_QUERY,
    defaultHeaders: JSON.stringify({ Authorization: "Bearer <paste a token from: npm run token -- coach1@groningen.demo>" }, null, 2),
  }).replace(/</g, "\\u003c");
  const html = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>One family, one plan — GraphiQL</title>
<link rel="stylesheet" href="/graphiql/assets/graphiql.min.css">
<style>html, body, #graphiql { height: 100%; margin: 0; }</style>
</head>
<body>
<div id="graphiql">Loading GraphiQL…</div>
<script type="application/json" id="graphiql-config">${config}</script>
<script src="/graphiql/assets/react.production.min.js"></script>
<script src="/graphiql/assets/react-dom.production.min.js"></script>
<script src="/graphiql/assets/graphiql.min.js"></script>
<script src="/graphiql/assets/boot.js"></script>
</body>
</html>
`;
  const files = new Map(Object.entries(ASSETS).map(([name, asset]) => [name, { body: readFileSync(asset.file), type: asset.type }]));
  files.set("boot.js", { body: Buffer.from(BOOT), type: "text/javascript" });

  router.get("/graphiql", (_req, res) => {
    res.set({ "content-security-policy": CSP, "cache-control": "no-cache", "x-content-type-options": "nosniff" });
    res.type("html").send(html);
  });
  router.get("/graphiql/assets/:name", (req, res) => {
    const asset = files.get(req.params.name);
    if (!asset) {
      res.status(404).end();
      return;
    }
    res.set({ "cache-control": "no-cache", "x-content-type-options": "nosniff", "content-type": `${asset.type}; charset=utf-8` });
    res.send(asset.body);
  });
  return router;
}
