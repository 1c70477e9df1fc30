import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import express from "express";

/**
 * GET /graphiql: a GraphiQL page against the API where a coach pastes a token into the headers
 * editor. Everything it loads (React, ReactDOM, GraphiQL, its CSS and the bootstrap script) is
 * served from the project's own node_modules under /graphiql/assets/<name>, so the page works
 * offline and its Content-Security-Policy can forbid every other host and every inline script.
 */

const require = createRequire(import.meta.url);

/**
 * The packages' "exports" maps hide their UMD files from require.resolve
 * ("react/umd/react.production.min.js" throws ERR_PACKAGE_PATH_NOT_EXPORTED), but every one of
 * them exports "./package.json", so the files are found relative to the package directory.
 */
function packageFile(pkg: string, file: string): string {
  return join(dirname(require.resolve(`${pkg}/package.json`)), file);
}

const JS = "text/javascript; charset=utf-8";
const CSS = "text/css; charset=utf-8";

/** The only files served under /graphiql/assets/: no directory, no other path. */
const ASSET_FILES: ReadonlyArray<{ name: string; pkg: string; file: string; type: string }> = [
  { name: "react.production.min.js", pkg: "react", file: "umd/react.production.min.js", type: JS },
  { name: "react-dom.production.min.js", pkg: "react-dom", file: "umd/react-dom.production.min.js", type: JS },
  { name: "graphiql.min.js", pkg: "graphiql", file: "graphiql.min.js", type: JS },
  { name: "graphiql.min.css", pkg: "graphiql", file: "graphiql.min.css", type: CSS },
];

export const GRAPHIQL_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; font-src 'self' data:";

export const DEFAULT_QUERY = `# One family, one plan.
# Paste a token into the Headers tab below; get one with:
#   npm run token -- coach1@groningen.demo
query Me {
  me {
    name
    roles
    partner { name }
    region { name }
  }
}

# The covenant what-if, for Groningen: what would its partners gain or lose if the covenant
# opened only the housing parts, and only to the housing corporations involved with a family?
# As the covenant administrator (npm run token -- beheer@groningen.demo): run GroningenCovenant,
# paste the signatories' ids into signatoryPartnerIds, then run PreviewHousingOnly. It publishes
# nothing; it counts families (under five withheld), never names one.
query GroningenCovenant {
  covenant { version title signatories { id name sector } }
}

query PreviewHousingOnly {
  previewCovenantVersion(input: {
    title: "Alleen wonen, voor betrokken corporaties"
    signatoryPartnerIds: ["<the ids from GroningenCovenant>"]
    rules: [
      { level: DAT, requiresInvolvement: true, requiresConsentOrLegalGround: false,
        description: "Involved partners know of each other." }
      { granteeSector: "HOUSING", level: SECTION, lifeDomain: "HOUSING", requiresInvolvement: true,
        requiresConsentOrLegalGround: false, description: "Involved housing corporations read the housing parts." }
    ]
  }) {
    comparedWithVersion
    minimumFamilies
    partners {
      partner { name sector }
      levels { level gaining { families suppressed } losing { families suppressed } }
      parts { partKind lifeDomain gaining { families suppressed } losing { families suppressed } }
    }
  }
}
`;

const DEFAULT_HEADERS = JSON.stringify(
  { Authorization: "Bearer <paste a token from npm run token -- coach1@groningen.demo>" },
  null,
  2,
);

/**
 * The bootstrap, served as /graphiql/assets/boot.js because the CSP forbids inline scripts.
 * The UMD bundles set window.React, window.ReactDOM and window.GraphiQL (the GraphiQL component,
 * with GraphiQL.createFetcher attached); the settings come from the page's JSON config block.
 */
const BOOT_JS = `(function () {
  "use strict";
  var root = document.getElementById("graphiql");
  function fail(message) {
    root.textContent = "GraphiQL could not start: " + message;
  }
  if (typeof window.React === "undefined" || typeof window.ReactDOM === "undefined" || typeof window.GraphiQL === "undefined") {
    fail("React, ReactDOM or GraphiQL did not load.");
    return;
  }
  var config;
  try {
    config = JSON.parse(document.getElementById("graphiql-config").textContent);
  } catch (error) {
    fail("the page configuration is not valid JSON.");
    return;
  }
  var fetcher = GraphiQL.createFetcher({ url: config.url });
  ReactDOM.createRoot(root).render(
    React.createElement(GraphiQL, {
      fetcher: fetcher,
      defaultQuery: config.defaultQuery,
      defaultHeaders: config.defaultHeaders,
      isHeadersEditorEnabled: true,
      defaultEditorToolsVisibility: "headers"
    })
  );
})();
`;

const HTML_ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c] ?? c);
}

/** JSON for a <script type="application/json"> block: no "<" can end the block or open a comment. */
function jsonForScriptBlock(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, "\\u003c")
    .replace(/\u2028/g, "\\u2028")
    .replace(/\u2029/g, "\\u2029");
}

function page(assetBase: string, config: string): string {
  const asset = (name: string) => escapeHtml(`${assetBase}/${name}`);
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>One family, one plan — GraphiQL</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="${asset("graphiql.min.css")}">
<style>html, body, #graphiql { height: 100%; margin: 0; width: 100%; overflow: hidden; }</style>
</head>
<body>
<div id="graphiql">Loading GraphiQL…</div>
<script type="application/json" id="graphiql-config">${config}</script>
<script src="${asset("react.production.min.js")}"></script>
<script src="${asset("react-dom.production.min.js")}"></script>
<script src="${asset("graphiql.min.js")}"></script>
<script src="${asset("boot.js")}"></script>
</body>
</html>
`;
}

export function graphiqlRouter(options: { graphqlPath: string }): express.Router {
  // Read once, at startup: a missing file fails loudly here rather than on the first request.
  const assets = new Map<string, { body: Buffer; type: string }>();
  for (const { name, pkg, file, type } of ASSET_FILES) {
    assets.set(name, { body: readFileSync(packageFile(pkg, file)), type });
  }
  assets.set("boot.js", { body: Buffer.from(BOOT_JS, "utf8"), type: JS });

  const config = jsonForScriptBlock({
    url: options.graphqlPath,
    defaultQuery: DEFAULT_QUERY,
    defaultHeaders: DEFAULT_HEADERS,
  });

  const router = express.Router();

  router.get("/graphiql", (req, res) => {
    // req.baseUrl keeps the asset URLs right if the router is mounted under a prefix, and for
    // "/graphiql/" (which a relative URL would resolve against the wrong directory).
    res.set({
      "Content-Security-Policy": GRAPHIQL_CSP,
      "Cache-Control": "no-cache",
      "X-Content-Type-Options": "nosniff",
      "X-Frame-Options": "DENY",
      "Referrer-Policy": "no-referrer",
    });
    res.type("text/html; charset=utf-8").send(page(`${req.baseUrl}/graphiql/assets`, config));
  });

  router.get("/graphiql/assets/:name", (req, res) => {
    const asset = assets.get(req.params.name);
    if (!asset) {
      res.status(404).type("text/plain; charset=utf-8").send("Not found");
      return;
    }
    res.set({
      "Content-Type": asset.type,
      "Cache-Control": "no-cache",
      "X-Content-Type-Options": "nosniff",
    });
    res.send(asset.body);
  });

  return router;
}
