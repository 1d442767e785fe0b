// The OpenAPI document served at /api/v1/openapi.json, built from the same zod schemas that validate
// requests (@asteasolutions/zod-to-openapi). Each area registers its endpoints from its own file in
// app/openapi/areas/<area>.server.ts exporting `register(api: ApiRegistry)`; nothing else to edit.
import { OpenAPIRegistry, OpenApiGeneratorV31, zodToOpenAPIRegistry } from "@asteasolutions/zod-to-openapi";
import { z } from "zod";

/**
 * Names component schemas without `extendZodWithOpenApi`: zod 4 gives methods to each schema when it
 * is created, so the domain's schemas (created before any extension could run) never get `.openapi`.
 * A clone carries the name in the library's own metadata registry instead.
 */
function newRegistry(): OpenAPIRegistry {
  const registry = new OpenAPIRegistry();
  // register() calls this (private in the typings) to name a schema.
  (registry as unknown as { schemaWithRefId: (refId: string, schema: z.ZodType) => z.ZodType }).schemaWithRefId = (refId, schema) => {
    const named = schema.clone();
    zodToOpenAPIRegistry.add(named, { _internal: { refId } } as never);
    return named;
  };
  return registry;
}

export const ErrorSchema = z.object({
  error: z.object({
    code: z.string().meta({ description: "Machine-readable: bad_request, unauthenticated, forbidden, not_found, conflict, illegal_transition, stale_version, …" }),
    message: z.string().meta({ description: "Human-readable, says what happened and that nothing changed when refused" }),
    details: z.unknown().optional(),
  }),
});

type ErrorStatus = 400 | 401 | 403 | 404 | 405 | 409 | 410 | 413 | 422 | 429;
type ErrorResponse = { description: string; content: { "application/json": { schema: typeof ErrorSchema } } };

export interface ApiRegistry {
  registry: OpenAPIRegistry;
  /** A component schema (shows under components/schemas and is referenced by name). */
  schema<T extends z.ZodType>(name: string, schema: T): T;
  /** Standard error responses, by status. */
  errors(...statuses: ErrorStatus[]): Record<string, ErrorResponse>;
  /** One error response saying what this endpoint means by the status. */
  error(status: ErrorStatus, description: string): Record<string, ErrorResponse>;
  /** Describes a tag the area's operations use (listed in the document's `tags`). */
  tag(name: string, description: string): void;
}

const errorText: Record<number, string> = {
  400: "The request is not valid (details say which fields)",
  401: "Not signed in and no API token",
  403: "The policy does not allow this caller to do this",
  404: "Not found (or not visible to this caller)",
  405: "Method not allowed",
  409: "Conflict: illegal_transition, stale_version or conflict; nothing was changed",
  410: "Gone",
  413: "Body too large",
  422: "The content is not acceptable (e.g. a CSV file with errors)",
  429: "Too many requests",
};

type AreaModule = { register(api: ApiRegistry): void };

export function buildOpenApiDocument(areas?: Record<string, AreaModule>) {
  const registry = newRegistry();
  registry.registerComponent("securitySchemes", "session", { type: "apiKey", in: "cookie", name: "tq_session" });
  registry.registerComponent("securitySchemes", "token", { type: "http", scheme: "bearer", description: "API token issued by an organizer (tq_…)" });
  const errorRef = registry.register("Error", ErrorSchema);
  const errorResponse = (description: string): ErrorResponse => ({ description, content: { "application/json": { schema: errorRef } } });
  const tags: { name: string; description: string }[] = [];
  const api: ApiRegistry = {
    registry,
    schema: (name, schema) => registry.register(name, schema),
    errors: (...statuses) => Object.fromEntries(statuses.map((s) => [String(s), errorResponse(errorText[s]!)])),
    error: (status, description) => ({ [String(status)]: errorResponse(description) }),
    tag: (name, description) => void tags.push({ name, description }),
  };
  const modules = areas ?? (import.meta.glob<AreaModule>("./areas/*.server.ts", { eager: true }) as Record<string, AreaModule>);
  for (const key of Object.keys(modules).sort()) modules[key]!.register(api);
  return new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: "3.1.0",
    info: {
      title: "Tawafuq API",
      version: "1",
      description: "JSON API of Tawafuq (توافق). Authenticate with the session cookie or `Authorization: Bearer <token>`. Errors are `{ error: { code, message } }`.",
    },
    servers: [{ url: "/" }],
    security: [{ session: [] }, { token: [] }],
    ...(tags.length ? { tags } : {}),
  });
}
