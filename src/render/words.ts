import type pc from "picocolors";

/** Translates a message key with interpolations; words exist only behind this. */
export type Translate = (key: string, args?: Record<string, unknown>) => string;

/** Colour functions; identity functions when colour is off. */
export type Colors = ReturnType<typeof pc.createColors>;
