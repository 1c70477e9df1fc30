import { registerEnumType } from "type-graphql";
import { ACCESS_LEVELS } from "../covenant/decisions/levels.js";
import { ROLES } from "./roles.js";

const asEnum = <T extends string>(values: readonly T[]) =>
  Object.fromEntries(values.map((value) => [value, value])) as { [K in T]: K };

export const RoleEnum = asEnum(ROLES);
registerEnumType(RoleEnum, { name: "Role", description: "A professional's role in the approach." });

export const AccessLevelEnum = asEnum(ACCESS_LEVELS);
registerEnumType(AccessLevelEnum, {
  name: "AccessLevel",
  description: "What the covenant lets a caller see of a family, least to most: NONE, DAT, PROCESS, SECTION, FULL.",
});

export { asEnum };
