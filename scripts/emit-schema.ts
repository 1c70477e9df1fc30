// Writes the SDL and the permission snapshot that are checked in under schema/.
import "reflect-metadata";
import { writeFileSync } from "node:fs";
import { permissionSnapshot } from "../src/access/snapshot.js";
import { emitSdl } from "../src/schema.js";

writeFileSync(new URL("../schema/schema.graphql", import.meta.url), await emitSdl());
writeFileSync(new URL("../schema/permissions.txt", import.meta.url), await permissionSnapshot());
console.log("schema/schema.graphql and schema/permissions.txt written");
