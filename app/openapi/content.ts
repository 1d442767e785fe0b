// Request and response content for the areas' registerPath calls (apart from the registry, which
// imports every area).
import type { z } from "zod";

/** A JSON response with its description. */
export const json = <T extends z.ZodType>(schema: T, description = "OK") => ({ description, content: { "application/json": { schema } } });

/** A required JSON request body, for `request: { ...body(Schema) }`. */
export const body = <T extends z.ZodType>(schema: T) => ({ body: { required: true, content: { "application/json": { schema } } } });
