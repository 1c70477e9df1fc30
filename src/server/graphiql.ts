import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import express from "express";
import type { Config } from "../config.js";
import { BOOT_JS } from "./graphiql-boot.js";
import { demoSignInRouter } from "./graphiql-sign-in.js";

/**
 * GET /graphiql, in development only: a GraphiQL page against the API with the Explorer plugin
 * and a sign-in picker for the demo users (graphiql-sign-in.ts). Everything it loads (React,
 * ReactDOM, GraphiQL, the Explorer, their CSS and the bootstrap script) is
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
  { name: "plugin-explorer.umd.js", pkg: "@graphiql/plugin-explorer", file: "dist/index.umd.js", type: JS },
  { name: "plugin-explorer.css", pkg: "@graphiql/plugin-explorer", file: "dist/style.css", type: CSS },
];

export const GRAPHIQL_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; font-src 'self' data:";

export const DEFAULT_QUERY = `# One family, one plan.
# Sign in as a demo user with the picker above (development only), or paste a token into the
# Headers tab; get one with:
#   npm run token -- coach1@groningen.demo
# As a coach (Anouk de Vries, coach1@groningen.demo): the families you are regisseur of, process
# lead of or involved with, a page at a time (pass pageInfo.endCursor as after for the next page).
query MyFamilies {
  families(first: 20, filter: { mine: true }) {
    nodes {
      name
      category
      regisseur { name }
    }
    pageInfo { hasNextPage endCursor }
  }
}

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

# The family's first week (the cities' documents): steps coordinated with the regisseur, case
# meetings, the family's own network, how to reach it, its budget, waiting for help. Run it as
# coach2@amsterdam.demo (the regisseur: everything), then as ymere@amsterdam.demo or
# procesmanager@amsterdam.demo: what they may not read comes back null with FORBIDDEN.
query FamilyFirstWeek {
  families(first: 5) {
    nodes {
      name
      contactDetails { kind value memberId }
      coordinatedSteps { kind status at reportDueAt overdue partner { name } content { lifeDomain legalDuty description } }
      caseMeetings { heldOn meeting { name } attendees { name } content { minutes decisions } }
      network { content { name relation support } }
      openEscalations { track currentStep dueAt overdue }
      budget { ceilingCents committedCents spentCents proposedCents }
      plan {
        adoptedIn { heldOn meeting { name } }
        tasks { askedOn startedOn waitingDays leadPartner { name } content { description leadNetworkMemberId } }
      }
    }
  }
}

# A partner announces a planned step to the regisseur (as ymere@amsterdam.demo; the family's id
# from FamilyFirstWeek). A step under a legal duty is reported afterwards with reportStep.
mutation AnnounceStep($familyId: ID!) {
  announceStep(familyId: $familyId, input: { lifeDomain: "HOUSING", plannedFor: "2027-01-15T10:00:00Z", description: "Talk about the eviction" }) {
    kind status partner { name }
  }
}

# The project leader's desk (as projectleider@groningen.demo): the region's ceilings and norms,
# the selection rounds of the top 10, the budget commitments to decide, the wait and cost figures.
query ProjectLeaderDesk {
  processSettings { caseloadCeiling stepReportDays waitingNormDays budgetCeilingCents }
  selectionRounds { title size status nominations { reason selected partner { name } family { name } } }
  commitmentsToDecide(first: 10) { nodes { id amountCents content { service } } }
  indicators(from: "2026-01-01", to: "2026-12-31") { themes { indicators { key value unit suppressed } } }
}

# Who decides an escalation depends on who commissions the care, and ends at the mayor where
# nuisance dominates (Amsterdam's ladders; any professional of the region may read them).
query EscalationLadders {
  local: escalationLadder(track: PLAN_EXECUTION, variant: LOCAL) { step title deciders }
  regionalNuisance: escalationLadder(track: PLAN_EXECUTION, variant: REGIONAL_NUISANCE) { step title deciders }
}

# A household moves from Groningen to Amsterdam: handed over, not copied. As coach1@groningen.demo
# (a family's id from FamilyFirstWeek) the family closes there; then as coordinator@amsterdam.demo,
# RegionHandovers shows the household offered, and acceptRegionHandover takes it in.
mutation HouseholdMovesAway($familyId: ID!) {
  handOverToRegion(familyId: $familyId, toRegion: "amsterdam", note: "Moved in with family in Amsterdam") { id status }
}

query RegionHandovers {
  regionHandovers { id direction fromRegion status note household { name address members { givenName relation } } }
}

# Rights carried out: the keeper who granted a client's rectification corrects the register
# (rightsRequestsToDecide lists the requests; the client reads the result in myRequests).
mutation CarryOutRectification($requestId: ID!) {
  applyRectification(requestId: $requestId, correction: { givenName: "Linda" }) { status appliedAt corrections { field previous corrected } }
}
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
<link rel="stylesheet" href="${asset("plugin-explorer.css")}">
<style>
html, body { height: 100%; margin: 0; width: 100%; overflow: hidden; }
body { display: flex; flex-direction: column; font-family: system-ui, sans-serif; }
#sign-in { display: flex; gap: 0.75em; align-items: center; padding: 0.4em 1em; font-size: 14px; border-bottom: 1px solid #ddd; }
#graphiql { flex: 1; min-height: 0; }
</style>
</head>
<body>
<div id="sign-in">
<label for="demo-user">Demo user</label>
<select id="demo-user" disabled><option value="">— choose a demo user —</option></select>
<button type="button" id="sign-out" disabled>Sign out</button>
<span id="signed-in" role="status">Not signed in</span>
</div>
<div id="graphiql">Loading GraphiQL…</div>
<script type="application/json" id="graphiql-config">${config}</script>
<script src="${asset("react.production.min.js")}"></script>
<script src="${asset("react-dom.production.min.js")}"></script>
<script src="${asset("graphiql.min.js")}"></script>
<script src="${asset("plugin-explorer.umd.js")}"></script>
<script src="${asset("boot.js")}"></script>
</body>
</html>
`;
}

/** Mounted only when not config.production: the page and the demo sign-in must not exist there. */
export function graphiqlRouter(options: { graphqlPath: string; config: Config }): express.Router {
  // Read once, at startup: a missing file fails loudly here rather than on the first request.
  const assets = new Map<string, { body: Buffer; type: string }>();
  for (const { name, pkg, file, type } of ASSET_FILES) {
    assets.set(name, { body: readFileSync(packageFile(pkg, file)), type });
  }
  assets.set("boot.js", { body: Buffer.from(BOOT_JS, "utf8"), type: JS });

  const config = jsonForScriptBlock({
    url: options.graphqlPath,
    defaultQuery: DEFAULT_QUERY,
    demoUsersUrl: "/graphiql/demo-users",
    signInUrl: "/graphiql/demo-token",
  });

  const router = express.Router();
  router.use(demoSignInRouter(options.config));

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
