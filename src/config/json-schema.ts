import { z } from "zod";
import { configSchema } from "./schema.js";

/** The JSON Schema of `transtrack.config.json`, generated from the zod schema it is validated with. */
export function configJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(configSchema, { io: "input", target: "draft-7" }) as Record<string, unknown>;
  return { ...schema, title: "transtrack configuration" };
}
