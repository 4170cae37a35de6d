import type pc from "picocolors";

export type { Translate } from "../errors.js";

/** Colour functions; identity functions when colour is off. */
export type Colors = ReturnType<typeof pc.createColors>;
