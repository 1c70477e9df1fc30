import type { CodegenConfig } from "@graphql-codegen/cli";

/**
 * GraphQL Code Generator's client preset over the committed SDL: typed documents for the
 * operations in operations.graphql, and their manifest for trusted documents (sha256 → text).
 * Regenerate with `npm run client:generate`; test/partner-client.test.ts fails when gql/ is stale.
 */
const config: CodegenConfig = {
  schema: "schema/schema.graphql",
  documents: ["examples/partner-client/operations.graphql"],
  generates: {
    "examples/partner-client/gql/": {
      preset: "client",
      presetConfig: { fragmentMasking: false, persistedDocuments: { hashAlgorithm: "sha256" } },
      config: { useTypeImports: true, enumsAsTypes: true, scalars: { DateTime: "string", LocalDate: "string", JSONObject: "Record<string, unknown>" } },
    },
  },
  silent: true,
};

export default config;
