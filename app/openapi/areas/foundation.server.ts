// OpenAPI for the foundation endpoints: who am I, my conferences.
import { z } from "zod";
import type { ApiRegistry } from "../registry.server";
import { json } from "../content";

const Role = z.enum(["ORGANIZER", "COMMITTEE", "DELEGATE", "OBSERVER"]);
const Membership = z.object({ conferenceId: z.string(), role: Role, forceId: z.string().nullable() });
const Me = z.object({ id: z.string(), email: z.string(), name: z.string(), locale: z.enum(["ar", "ku", "en"]), memberships: z.array(Membership) });
const Conference = z.object({
  id: z.string(),
  slug: z.string(),
  nameAr: z.string(),
  nameKu: z.string().nullable(),
  nameEn: z.string().nullable(),
  city: z.string(),
  phase: z.enum(["PREPARATION", "INVITATIONS", "AMENDMENTS", "CONVENED", "CLOSED"]),
});
const MePatch = z.object({ name: z.string().min(1).max(200).optional(), locale: z.enum(["ar", "ku", "en"]).optional() });

export function register({ registry, schema, errors }: ApiRegistry) {
  const MeRef = schema("Me", Me);
  const ConferenceRef = schema("Conference", Conference);
  const tags = ["Account"];
  registry.registerPath({ method: "get", path: "/api/v1/me", tags, summary: "The signed-in user and their memberships", responses: { 200: json(MeRef, "You"), ...errors(401) } });
  registry.registerPath({
    method: "patch",
    path: "/api/v1/me",
    tags,
    summary: "Change your display name or language",
    request: { body: { required: true, content: { "application/json": { schema: MePatch } } } },
    responses: { 200: json(MeRef, "You, changed"), ...errors(400, 401, 413) },
  });
  registry.registerPath({
    method: "get",
    path: "/api/v1/conferences",
    tags: ["Conferences"],
    summary: "Conferences you are a member of, with your role",
    responses: { 200: json(z.object({ conferences: z.array(ConferenceRef.and(z.object({ role: Role }))) }), "Your conferences"), ...errors(401) },
  });
  registry.registerPath({
    method: "get",
    path: "/api/v1/conferences/{id}",
    tags: ["Conferences"],
    summary: "One conference (404 for unknown ids and conferences you are not part of)",
    request: { params: z.object({ id: z.string() }) },
    responses: { 200: json(z.object({ conference: ConferenceRef, role: Role }), "The conference"), ...errors(401, 404) },
  });
}
