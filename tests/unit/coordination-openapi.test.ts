// The coordination area's OpenAPI fragment: a valid OpenAPI 3.1 document once wrapped, every $ref
// resolves, and it documents exactly the area's /api/v1 route files.
import { describe, it, expect } from "vitest";
import { readdirSync } from "node:fs";
import { Validator } from "@seriousme/openapi-schema-validator";
import { coordinationOpenApi, coordinationTags } from "~/lib/openapi/coordination";

const doc = { openapi: "3.1.0", info: { title: "Tawafuq coordination", version: "1" }, tags: coordinationTags, ...coordinationOpenApi };

/** /api/v1/outreach/{id}/follow-up → api.v1.outreach.$id.follow-up */
const routeFileOf = (path: string) => path.slice(1).replace(/\//g, ".").replace(/\{(\w+)\}/g, "$$$1");

describe("coordination OpenAPI fragment", () => {
  it("is valid OpenAPI 3.1", async () => {
    const v = new Validator();
    const res = await v.validate(doc as never);
    expect(res.errors ?? [], JSON.stringify(res.errors, null, 1)).toEqual([]);
    expect(res.valid).toBe(true);
  });

  it("resolves every $ref", () => {
    const refs = JSON.stringify(doc).match(/"#\/components\/schemas\/(\w+)"/g) ?? [];
    for (const r of refs) expect(coordinationOpenApi.components.schemas, r).toHaveProperty(r.slice(22, -1));
    expect(refs.length).toBeGreaterThan(10);
  });

  it("documents exactly the area's route files", () => {
    const files = readdirSync("app/routes")
      .filter((f) => /^api\.v1\.(outreach|plans|representations|search)/.test(f))
      .map((f) => f.replace(/\.tsx?$/, ""))
      .sort();
    expect(Object.keys(coordinationOpenApi.paths).map(routeFileOf).sort()).toEqual(files);
  });

  it("generates request bodies from the domain's zod schemas", () => {
    const s = coordinationOpenApi.components.schemas.OutreachInput as { properties: Record<string, { enum?: string[]; format?: string }>; required: string[] };
    expect(s.properties.channel!.enum).toEqual(["MEETING", "CALL", "MESSAGE", "VISIT", "CONFERENCE"]);
    expect(s.properties.followUpDue!.format).toBe("date");
    expect(s.required).toEqual(["occurredOn", "channel", "summary"]);
  });
});
