// The OpenAPI description of the amendment endpoints (registered in app/openapi/areas/amendments.server.ts)
// stays in step with the routes and the schemas.
import { describe, it, expect } from "vitest";
import { existsSync, readdirSync } from "node:fs";
import { amendmentStates, amendmentTypes } from "~/domain/amendment-states";
import { draftInput, recommendationInput, transitionInput } from "~/domain/amendments.server";
import { buildOpenApiDocument } from "~/openapi/registry.server";

const doc = buildOpenApiDocument() as any;
const routeFile: Record<string, string> = {
  "/api/v1/papers/{id}/amendments": "app/routes/api.v1.papers.$id.amendments.ts",
  "/api/v1/amendments/{id}": "app/routes/api.v1.amendments.$id.ts",
  "/api/v1/amendments/{id}/transitions": "app/routes/api.v1.amendments.$id.transitions.ts",
  "/api/v1/amendments/{id}/recommendation": "app/routes/api.v1.amendments.$id.recommendation.ts",
  "/api/v1/amendments/{id}/sign-off": "app/routes/api.v1.amendments.$id.sign-off.ts",
  "/api/v1/conferences/{id}/amendment-phases": "app/routes/api.v1.conferences.$id.amendment-phases.ts",
  "/api/v1/conferences/{id}/amendment-phases/{phaseId}": "app/routes/api.v1.conferences.$id.amendment-phases.$phaseId.ts",
  "/api/v1/conferences/{id}/forces/{forceId}/lead": "app/routes/api.v1.conferences.$id.forces.$forceId.lead.ts",
};
const tagged = (tag: string) =>
  Object.entries<Record<string, { tags?: string[] }>>(doc.paths)
    .filter(([, item]) => Object.values(item).some((op) => op.tags?.includes(tag)))
    .map(([path]) => path);

describe("OpenAPI of the amendments area", () => {
  it("describes exactly the amendment routes", () => {
    expect(tagged("Amendments").sort()).toEqual(Object.keys(routeFile).sort());
    for (const f of Object.values(routeFile)) expect(existsSync(f), f).toBe(true);
    const files = readdirSync("app/routes").filter((f) => /^api\.v1\.(papers\.\$id\.amendments|amendments|conferences\.\$id\.amendment-phases|conferences\.\$id\.forces\.\$forceId\.lead)\b/.test(f));
    expect(files.map((f) => `app/routes/${f}`).sort()).toEqual(Object.values(routeFile).sort());
  });
  it("request bodies name the fields the schemas accept, enums match the domain", () => {
    const s = doc.components.schemas;
    expect(Object.keys(s.DraftInput.properties).sort()).toEqual(Object.keys(draftInput.shape).sort());
    expect(Object.keys(s.TransitionInput.properties).sort()).toEqual(Object.keys(transitionInput.shape).sort());
    expect(Object.keys(s.RecommendationInput.properties).sort()).toEqual(Object.keys(recommendationInput.shape).sort());
    expect(s.TransitionInput.properties.to.enum).toEqual([...amendmentStates]);
    expect(s.DraftInput.properties.type.enum).toEqual([...amendmentTypes]);
    expect(s.Amendment.properties.state.enum).toEqual([...amendmentStates]);
    const body = (path: string, method: string) => doc.paths[path][method].requestBody.content["application/json"].schema.$ref;
    expect(body("/api/v1/papers/{id}/amendments", "post")).toBe("#/components/schemas/DraftInput");
    expect(body("/api/v1/amendments/{id}/transitions", "post")).toBe("#/components/schemas/TransitionInput");
    expect(body("/api/v1/amendments/{id}/recommendation", "post")).toBe("#/components/schemas/RecommendationInput");
  });
  it("text limits of the domain show as maxLength", () => {
    expect(doc.components.schemas.DraftInput.properties.proposedText.maxLength).toBe(20_000);
    expect(doc.components.schemas.TransitionInput.properties.note.maxLength).toBe(5_000);
  });
});
