// Writes schema/config.schema.json from the zod schema, so editors complete and check the config.
import { writeFileSync } from "node:fs";
import { configJsonSchema } from "../dist/config/json-schema.js";

writeFileSync(new URL("../schema/config.schema.json", import.meta.url), `${JSON.stringify(configJsonSchema(), null, 2)}\n`);
