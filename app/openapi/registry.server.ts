// The OpenAPI document served at /api/v1/openapi.json, built from the same zod schemas that validate
// requests (@asteasolutions/zod-to-openapi). Each area registers its endpoints from its own file in
// app/openapi/areas/<area>.server.ts exporting `register(api: ApiRegistry)`; nothing else to edit.
import { OpenAPIRegistry, OpenApiGeneratorV31, zodToOpenAPIRegistry } from "@asteasolutions/zod-to-openapi";
import { z } from "zod";
import { coordinationOpenApi, coordinationTags } from "~/lib/openapi/coordination";
import amendmentsOpenApi from "../../docs/api/amendments.openapi.json";

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

export interface ApiRegistry {
  registry: OpenAPIRegistry;
  /** A component schema (shows under components/schemas and is referenced by name). */
  schema<T extends z.ZodType>(name: string, schema: T): T;
  /** Standard error responses, by status. */
  errors(...statuses: (400 | 401 | 403 | 404 | 405 | 409 | 410 | 413 | 422 | 429)[]): Record<string, { description: string; content: { "application/json": { schema: typeof ErrorSchema } } }>;
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
  const api: ApiRegistry = {
    registry,
    schema: (name, schema) => registry.register(name, schema),
    errors: (...statuses) =>
      Object.fromEntries(statuses.map((s) => [String(s), { description: errorText[s]!, content: { "application/json": { schema: errorRef } } }])),
  };
  const modules = areas ?? (import.meta.glob<AreaModule>("./areas/*.server.ts", { eager: true }) as Record<string, AreaModule>);
  for (const key of Object.keys(modules).sort()) modules[key]!.register(api);
  const doc = new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: "3.1.0",
    info: {
      title: "Tawafuq API",
      version: "1",
      description: "JSON API of Tawafuq (توافق). Authenticate with the session cookie or `Authorization: Bearer <token>`. Errors are `{ error: { code, message } }`.",
    },
    servers: [{ url: "/" }],
    security: [{ session: [] }, { token: [] }],
  });
  // Areas whose documents are written as plain OpenAPI (amendments, coordination) are merged into the
  // full document (not when a caller builds from chosen areas).
  if (!areas) mergeFragment(doc as unknown as OpenApiDoc, coordinationOpenApi as unknown as OpenApiFragment, coordinationTags);
  if (!areas) mergeFragment(doc as unknown as OpenApiDoc, amendmentsOpenApi as unknown as OpenApiFragment, [{ name: "Amendments", description: "Per-force amendments to the working paper" }]);
  return doc;
}

type Json = Record<string, unknown>;
interface OpenApiFragment {
  paths: Record<string, Json>;
  components?: { schemas?: Record<string, Json>; responses?: Record<string, Json> };
}
interface OpenApiDoc extends OpenApiFragment {
  tags?: { name: string; description?: string }[];
  components: NonNullable<OpenApiFragment["components"]>;
}

function mergeFragment(doc: OpenApiDoc, fragment: OpenApiFragment, tags: { name: string; description?: string }[]) {
  for (const [path, item] of Object.entries(fragment.paths)) {
    if (doc.paths[path]) throw new Error(`OpenAPI path documented twice: ${path}`);
    doc.paths[path] = item;
  }
  for (const kind of ["schemas", "responses"] as const) {
    const into = (doc.components[kind] ??= {});
    for (const [name, schema] of Object.entries(fragment.components?.[kind] ?? {})) {
      // The shared error shape is the same everywhere; any other clash would be a real conflict.
      if (into[name] && name !== "Error") throw new Error(`OpenAPI component ${kind}.${name} defined twice`);
      into[name] ??= schema;
    }
  }
  doc.tags = [...(doc.tags ?? []), ...tags];
}
