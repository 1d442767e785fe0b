// The OpenAPI description of the amendment endpoints stays in step with the routes and the schemas.
import { describe, it, expect } from "vitest";
import { existsSync, readFileSync } from "node:fs";
import { amendmentStates, amendmentTypes } from "~/domain/amendment-states";
import { draftInput, recommendationInput, transitionInput } from "~/domain/amendments.server";

const doc = JSON.parse(readFileSync("docs/api/amendments.openapi.json", "utf8"));
const routeFile: Record<string, string> = {
  "/api/v1/papers/{id}/amendments": "app/routes/api.v1.papers.$id.amendments.ts",
  "/api/v1/amendments/{id}": "app/routes/api.v1.amendments.$id.ts",
  "/api/v1/amendments/{id}/transitions": "app/routes/api.v1.amendments.$id.transitions.ts",
  "/api/v1/amendments/{id}/recommendation": "app/routes/api.v1.amendments.$id.recommendation.ts",
};

describe("docs/api/amendments.openapi.json", () => {
  it("describes exactly the amendment routes", () => {
    expect(Object.keys(doc.paths).sort()).toEqual(Object.keys(routeFile).sort());
    for (const f of Object.values(routeFile)) expect(existsSync(f), f).toBe(true);
  });
  it("request bodies name the fields the schemas accept, enums match the domain", () => {
    const s = doc.components.schemas;
    expect(Object.keys(s.DraftInput.properties).sort()).toEqual(Object.keys(draftInput.shape).sort());
    expect(Object.keys(s.TransitionInput.properties).sort()).toEqual(Object.keys(transitionInput.shape).sort());
    expect(Object.keys(s.RecommendationInput.properties).sort()).toEqual(Object.keys(recommendationInput.shape).sort());
    expect(s.TransitionInput.properties.to.enum).toEqual([...amendmentStates]);
    expect(s.DraftInput.properties.type.enum).toEqual([...amendmentTypes]);
    expect(s.Amendment.properties.state.enum).toEqual([...amendmentStates]);
  });
  it("every $ref resolves", () => {
    const refs = JSON.stringify(doc).match(/"#\/components\/[^"]+"/g) ?? [];
    for (const r of refs) {
      const path = r.slice(3, -1).split("/");
      expect(path.reduce((o: any, k) => o?.[k], doc), r).toBeDefined();
    }
  });
});
