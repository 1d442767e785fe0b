// The coordination area's OpenAPI (app/openapi/areas/coordination.server.ts): it documents exactly the
// area's /api/v1 route files, and its request bodies are the domain's zod schemas.
import { describe, it, expect } from "vitest";
import { readdirSync } from "node:fs";
import { buildOpenApiDocument } from "~/openapi/registry.server";

const doc = buildOpenApiDocument() as any;
const areaTags = ["Outreach", "Plans", "Representations", "Search"];
const areaPaths = Object.entries<Record<string, { tags?: string[] }>>(doc.paths)
  .filter(([, item]) => Object.values(item).some((op) => op.tags?.some((t) => areaTags.includes(t))))
  .map(([path]) => path);

/** /api/v1/outreach/{id}/follow-up → api.v1.outreach.$id.follow-up */
const routeFileOf = (path: string) => path.slice(1).replace(/\//g, ".").replace(/\{(\w+)\}/g, "$$$1");

describe("coordination OpenAPI", () => {
  it("describes its tags", () => {
    expect(doc.tags.map((t: { name: string }) => t.name)).toEqual(expect.arrayContaining(areaTags));
  });

  it("refers to its component schemas", () => {
    const refs = JSON.stringify(areaPaths.map((p) => doc.paths[p])).match(/"#\/components\/schemas\/(\w+)"/g) ?? [];
    expect(refs.length).toBeGreaterThan(10);
  });

  it("documents exactly the area's route files", () => {
    const files = readdirSync("app/routes")
      .filter((f) => /^api\.v1\.(outreach|plans|representations|search)/.test(f))
      .map((f) => f.replace(/\.tsx?$/, ""))
      .sort();
    expect(areaPaths.map(routeFileOf).sort()).toEqual(files);
  });

  it("generates request bodies from the domain's zod schemas", () => {
    const s = doc.components.schemas.OutreachInput as { properties: Record<string, { enum?: string[]; format?: string }>; required: string[] };
    expect(s.properties.channel!.enum).toEqual(["MEETING", "CALL", "MESSAGE", "VISIT", "CONFERENCE"]);
    expect(s.properties.followUpDue!.format).toBe("date");
    expect(s.required).toEqual(["occurredOn", "channel", "summary"]);
    const post = doc.paths["/api/v1/outreach"].post;
    expect(post.requestBody.content["application/json"].schema.$ref).toBe("#/components/schemas/OutreachInput");
  });

  it("query parameters come from the domain's filters", () => {
    const names = (path: string) => doc.paths[path].get.parameters.map((p: { in: string; name: string }) => `${p.in}:${p.name}`);
    expect(names("/api/v1/outreach")).toEqual(
      expect.arrayContaining(["query:conferenceId", "query:forceId", "query:representationId", "query:channel", "query:from", "query:to", "query:openFollowUps", "query:take", "query:skip"]),
    );
    expect(names("/api/v1/search")).toEqual(expect.arrayContaining(["query:conferenceId", "query:q", "query:kinds", "query:limit"]));
  });
});
