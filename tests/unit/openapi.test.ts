// The OpenAPI document is built from the zod schemas that validate requests, and it documents every
// API route file of the forces/invitations area (a new route without documentation fails here).
import { describe, it, expect } from "vitest";
import { readdirSync } from "node:fs";
import { Validator } from "@seriousme/openapi-schema-validator";
import { buildOpenApiDocument } from "~/openapi/registry.server";
import { TransitionSchema } from "~/domain/invitations-schema";

const doc = buildOpenApiDocument() as any;

/** app/routes/api.v1.invitations.$id.transitions.ts → /api/v1/invitations/{id}/transitions */
function pathOf(file: string): string {
  return (
    "/" +
    file
      .replace(/\.tsx?$/, "")
      .replace(/\[\.\]/g, "\u0000")
      .split(".")
      .map((seg) => (seg.startsWith("$") ? `{${seg.slice(1)}}` : seg))
      .join("/")
      .replace(/\u0000/g, ".")
  );
}

describe("OpenAPI document", () => {
  it("is OpenAPI 3.1 with security schemes and a shared error shape", () => {
    expect(doc.openapi).toBe("3.1.0");
    expect(Object.keys(doc.components.securitySchemes)).toEqual(["session", "token"]);
    expect(doc.components.schemas.Error.properties.error.required).toEqual(["code", "message"]);
  });

  it("documents every forces and invitations API route file", () => {
    const files = readdirSync("app/routes").filter((f) => /^api\.v1\.(conferences\.\$id\.(forces|invitations)|invitations)/.test(f));
    expect(files.length).toBeGreaterThanOrEqual(10);
    for (const f of files) {
      const p = pathOf(f).replace("{forceId}", "{forceId}");
      expect(doc.paths[p], `${f} → ${p}`).toBeDefined();
    }
  });

  it("the transition request is the validating schema, and its 409 is documented", () => {
    const op = doc.paths["/api/v1/invitations/{id}/transitions"].post;
    const schema = op.requestBody.content["application/json"].schema;
    expect(schema.required.sort()).toEqual(["to", "version"]);
    expect(schema.properties.to.enum).toEqual(TransitionSchema.shape.to.options);
    expect(op.responses["409"].content["application/json"].schema.$ref).toBe("#/components/schemas/Error");
  });

  it("query parameters come from the filter schemas", () => {
    const params = doc.paths["/api/v1/conferences/{id}/invitations"].get.parameters.map((p: any) => `${p.in}:${p.name}`);
    expect(params).toEqual(expect.arrayContaining(["path:id", "query:q", "query:kind", "query:region", "query:member", "query:tag", "query:status", "query:attention", "query:page", "query:pageSize", "query:sort"]));
  });

  it("other areas can register from their own file", () => {
    const extra = buildOpenApiDocument({
      "./areas/x.server.ts": {
        register: ({ registry, errors }) =>
          registry.registerPath({ method: "get", path: "/api/v1/x", responses: { 200: { description: "ok" }, ...errors(401) } }),
      },
    }) as any;
    expect(Object.keys(extra.paths)).toEqual(["/api/v1/x"]);
  });
});

describe("OpenAPI document across areas", () => {
  it("is valid OpenAPI 3.1", async () => {
    const res = await new Validator().validate(doc);
    expect(res.errors ?? [], JSON.stringify(res.errors, null, 1)).toEqual([]);
    expect(res.valid).toBe(true);
  });

  it("resolves every $ref", () => {
    const refs = JSON.stringify(doc).match(/"#\/components\/[^"]+"/g) ?? [];
    for (const r of refs) expect(r.slice(3, -1).split("/").reduce((o: any, k) => o?.[k], doc), r).toBeDefined();
  });

  it("every area registers through the registry: no hand-written fragments or static files", () => {
    const sources = import.meta.glob("/app/openapi/**/*.ts", { query: "?raw", import: "default", eager: true }) as Record<string, string>;
    expect(Object.keys(sources).length).toBeGreaterThanOrEqual(5);
    for (const [file, text] of Object.entries(sources)) expect(text, file).not.toMatch(/\.json["']|mergeFragment/);
  });

  it("documents every /api/v1 route file of every area", () => {
    const files = readdirSync("app/routes").filter((f) => f.startsWith("api.v1.") && f !== "api.v1.$.ts" && f !== "api.v1.openapi[.]json.ts");
    const missing = files.map((f) => [f, pathOf(f)] as const).filter(([, p]) => !doc.paths[p]);
    expect(missing).toEqual([]);
  });
});
