// GET /api/v1/openapi.json — public: it describes the API, it holds no data.
import { json } from "@remix-run/node";
import { buildOpenApiDocument } from "~/openapi/registry.server";

let cached: ReturnType<typeof buildOpenApiDocument> | undefined;

export const loader = async () => json((cached ??= buildOpenApiDocument()), { headers: { "Cache-Control": "public, max-age=300" } });
