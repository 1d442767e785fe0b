// OpenAPI 3.1 fragment of the coordination area's /api/v1 endpoints (issue 6), for the registry served at
// /api/v1/openapi.json: `{ paths, components }` to merge into the document. Request bodies are generated
// from the same zod schemas the domain validates with, so the document cannot drift from the checks.
import { z } from "zod";
import { OutreachInput } from "~/domain/outreach.server";
import { PlanInput } from "~/domain/plans.server";
import { RepresentationInput } from "~/domain/representations.server";
import { areas, horizons, outreachChannels, planStatuses, representationStatuses, searchKinds } from "~/domain/coordination-enums";

type Json = Record<string, unknown>;

/** A request body schema from a domain schema: `required` as a client must send it, days as format date. */
function body(schema: z.ZodType, opts: { required: string[]; dates?: string[] }): Json {
  const { $schema: _, ...js } = z.toJSONSchema(schema, { io: "input", unrepresentable: "any" }) as Json & { properties: Record<string, Json> };
  for (const d of opts.dates ?? []) {
    const p = js.properties[d]!;
    js.properties[d] = { ...p, format: "date", description: "A calendar day, YYYY-MM-DD" };
  }
  return { ...js, required: opts.required };
}

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const id = { type: "string" };
const day = { type: "string", format: "date" };
const nullable = (s: Json) => ({ anyOf: [s, { type: "null" }] });
const named = { type: "object", properties: { id, name: { type: "string" } }, required: ["id", "name"] };
const forceRef = { type: "object", properties: { id, nameAr: { type: "string" }, nameKu: nullable({ type: "string" }), nameEn: nullable({ type: "string" }) }, required: ["id", "nameAr"] };
const dueState = { type: "string", enum: ["done", "overdue", "today", "soon", "later", "none"], description: "Where a dated task stands today in the office's time zone (ADR 0042)" };

const schemas: Record<string, Json> = {
  OutreachInput: body(OutreachInput, { required: ["occurredOn", "channel", "summary"], dates: ["occurredOn", "followUpDue"] }),
  PlanItemInput: body(PlanInput, { required: ["horizon", "goal"], dates: ["dueOn"] }),
  RepresentationInput: body(RepresentationInput, { required: ["country", "area"] }),
  OutreachEntry: {
    type: "object",
    properties: {
      id,
      conferenceId: id,
      occurredOn: day,
      channel: { type: "string", enum: [...outreachChannels] },
      participants: { type: "string" },
      summary: { type: "string" },
      outcome: nullable({ type: "string" }),
      force: nullable({ ...forceRef, properties: { ...forceRef.properties, kind: { type: "string" } } }),
      contact: nullable({ type: "object", properties: { id, name: { type: "string" }, role: nullable({ type: "string" }) } }),
      representation: nullable({ type: "object", properties: { id, country: { type: "string" }, area: { type: "string", enum: [...areas] } } }),
      followUp: nullable({
        type: "object",
        properties: { what: { type: "string" }, due: day, owner: nullable(named), doneAt: nullable({ type: "string", format: "date-time" }), doneBy: nullable(named), state: dueState },
        required: ["what", "due", "state"],
      }),
      createdBy: nullable(named),
      createdAt: { type: "string", format: "date-time" },
      updatedAt: { type: "string", format: "date-time" },
    },
    required: ["id", "conferenceId", "occurredOn", "channel", "summary", "followUp"],
  },
  OutreachPage: { type: "object", properties: { total: { type: "integer" }, take: { type: "integer" }, skip: { type: "integer" }, entries: { type: "array", items: ref("OutreachEntry") } }, required: ["total", "entries"] },
  TimelineItem: {
    type: "object",
    description: "Newest first; within one day, invitation and amendment events above that day's outreach entries (ADR 0042)",
    properties: {
      kind: { type: "string", enum: ["outreach", "invitation", "amendment"] },
      id,
      day,
      at: nullable({ type: "string", format: "date-time" }),
      entry: ref("OutreachEntry"),
      from: nullable({ type: "string" }),
      to: { type: "string" },
      note: nullable({ type: "string" }),
      actor: nullable({ type: "string" }),
      amendmentId: id,
      type: { type: "string" },
      sectionTitle: nullable({ type: "string" }),
    },
    required: ["kind", "id", "day"],
  },
  PlanItem: {
    type: "object",
    properties: {
      id,
      conferenceId: id,
      horizon: { type: "string", enum: [...horizons] },
      goal: { type: "string" },
      owner: nullable(named),
      dueOn: nullable(day),
      status: { type: "string", enum: [...planStatuses] },
      dueState,
      force: nullable(forceRef),
      representation: nullable({ type: "object", properties: { id, country: { type: "string" }, area: { type: "string" } } }),
      paperSection: nullable({ type: "string" }),
      createdAt: { type: "string", format: "date-time" },
      updatedAt: { type: "string", format: "date-time" },
    },
    required: ["id", "horizon", "goal", "status", "dueState"],
  },
  HorizonProgress: {
    type: "object",
    properties: {
      horizon: { type: "string", enum: [...horizons] },
      total: { type: "integer" },
      planned: { type: "integer" },
      inProgress: { type: "integer" },
      done: { type: "integer" },
      dropped: { type: "integer" },
      overdue: { type: "integer" },
      percentDone: nullable({ type: "integer", description: "done / (total − dropped), rounded" }),
    },
    required: ["horizon", "total", "done", "percentDone"],
  },
  Representation: {
    type: "object",
    properties: {
      id,
      conferenceId: id,
      country: { type: "string" },
      area: { type: "string", enum: [...areas] },
      city: nullable({ type: "string" }),
      representatives: { type: "string" },
      contacts: nullable({ type: "string" }),
      status: { type: "string", enum: [...representationStatuses] },
      notes: nullable({ type: "string" }),
      _count: { type: "object", properties: { outreach: { type: "integer" }, planItems: { type: "integer", description: "open plan items" } } },
    },
    required: ["id", "country", "area", "status"],
  },
  SearchResult: {
    type: "object",
    properties: {
      query: { type: "string" },
      terms: { type: "array", items: { type: "string" }, description: "Arabic-folded terms; every term must occur" },
      tooShort: { type: "boolean" },
      groups: {
        type: "array",
        items: {
          type: "object",
          properties: {
            kind: { type: "string", enum: [...searchKinds] },
            more: { type: "boolean" },
            hits: {
              type: "array",
              items: {
                type: "object",
                properties: {
                  kind: { type: "string", enum: [...searchKinds] },
                  id,
                  href: { type: "string", description: "The page of the result" },
                  title: { type: "string" },
                  force: nullable(forceRef),
                  meta: { type: "object", additionalProperties: nullable({ type: "string" }) },
                  snippet: nullable({ type: "array", items: { type: "object", properties: { text: { type: "string" }, mark: { type: "boolean" } } } }),
                },
                required: ["kind", "id", "href", "title"],
              },
            },
          },
          required: ["kind", "hits", "more"],
        },
      },
    },
    required: ["query", "groups"],
  },
  CoordinationError: {
    type: "object",
    properties: { error: { type: "object", properties: { code: { type: "string" }, message: { type: "string" }, details: {} }, required: ["code", "message"] } },
    required: ["error"],
  },
};

const conferenceId = { name: "conferenceId", in: "query", required: false, schema: { type: "string" }, description: "Defaults to the caller's first conference" };
const pathId = { name: "id", in: "path", required: true, schema: { type: "string" } };
const q = (name: string, schema: Json, description?: string) => ({ name, in: "query", required: false, schema, ...(description ? { description } : {}) });
const json = (schema: Json) => ({ content: { "application/json": { schema } } });
const ok = (schema: Json, description = "OK") => ({ description, ...json(schema) });
const err = (description: string) => ({ description, ...json(ref("CoordinationError")) });
const errors = {
  "400": err("Invalid input: `details.fieldErrors` names each field and the rule it breaks"),
  "401": err("Not signed in and no API token"),
  "403": err("The policy module does not allow this (delegates see none of this area; observers only read)"),
};
const notFound = { "404": err("No such item in a conference of the caller") };
const conflict = { "409": err("Conflicts with existing data") };
const tags = { outreach: ["Outreach"], plans: ["Plans"], representations: ["Representations"], search: ["Search"] };

export const coordinationPaths: Record<string, Json> = {
  "/api/v1/outreach": {
    get: {
      tags: tags.outreach,
      summary: "The outreach log, newest first",
      parameters: [
        conferenceId,
        q("forceId", { type: "string" }),
        q("representationId", { type: "string" }),
        q("channel", { type: "string", enum: [...outreachChannels] }),
        q("from", day),
        q("to", day),
        q("openFollowUps", { type: "string", enum: ["1", "true"] }),
        q("take", { type: "integer", minimum: 1, maximum: 200, default: 50 }),
        q("skip", { type: "integer", minimum: 0, default: 0 }),
      ],
      responses: { "200": ok(ref("OutreachPage")), ...errors },
    },
    post: {
      tags: tags.outreach,
      summary: "Log an outreach entry (with a force, a person of a force or a representation)",
      parameters: [conferenceId],
      requestBody: { required: true, ...json(ref("OutreachInput")) },
      responses: { "201": ok(ref("OutreachEntry"), "Created"), ...errors },
    },
  },
  "/api/v1/outreach/{id}": {
    parameters: [pathId],
    get: { tags: tags.outreach, summary: "One outreach entry", responses: { "200": ok(ref("OutreachEntry")), ...errors, ...notFound } },
    put: { tags: tags.outreach, summary: "Replace an entry", requestBody: { required: true, ...json(ref("OutreachInput")) }, responses: { "200": ok(ref("OutreachEntry")), ...errors, ...notFound } },
    patch: {
      tags: tags.outreach,
      summary: "Change some fields of an entry (null clears an optional field)",
      requestBody: { required: true, ...json({ type: "object", description: "Any subset of OutreachInput" }) },
      responses: { "200": ok(ref("OutreachEntry")), ...errors, ...notFound },
    },
    delete: { tags: tags.outreach, summary: "Delete an entry (audited)", responses: { "204": { description: "Deleted" }, ...errors, ...notFound } },
  },
  "/api/v1/outreach/{id}/follow-up": {
    parameters: [pathId],
    post: {
      tags: tags.outreach,
      summary: "Mark the entry's follow-up done, or open again; repeating either changes nothing",
      requestBody: { required: true, ...json({ type: "object", properties: { done: { type: "boolean" } }, required: ["done"], additionalProperties: false }) },
      responses: { "200": ok(ref("OutreachEntry")), ...errors, ...notFound, "409": err("The entry has no follow-up") },
    },
  },
  "/api/v1/outreach/follow-ups": {
    get: {
      tags: tags.outreach,
      summary: "Open follow-ups, earliest due first",
      parameters: [
        conferenceId,
        q("owner", { type: "string", default: "me" }, "`me`, `all` or a user id"),
        q("dueNow", { type: "string", enum: ["1", "true"] }, "Only overdue and due today"),
        q("withinDays", { type: "integer", minimum: 0 }, "Only those due within this many days"),
      ],
      responses: { "200": ok({ type: "object", properties: { followUps: { type: "array", items: ref("OutreachEntry") } }, required: ["followUps"] }), ...errors },
    },
  },
  "/api/v1/outreach/forces/{forceId}/timeline": {
    get: {
      tags: tags.outreach,
      summary: "One force's outreach entries, invitation events and submitted amendments, merged newest first",
      parameters: [{ name: "forceId", in: "path", required: true, schema: { type: "string" } }, conferenceId],
      responses: {
        "200": ok({ type: "object", properties: { force: { type: "object" }, items: { type: "array", items: ref("TimelineItem") } }, required: ["force", "items"] }),
        ...errors,
        ...notFound,
      },
    },
  },
  "/api/v1/plans": {
    get: {
      tags: tags.plans,
      summary: "Plan items, by due day",
      parameters: [
        conferenceId,
        q("horizon", { type: "string", enum: [...horizons] }),
        q("status", { type: "string", enum: [...planStatuses] }),
        q("ownerId", { type: "string" }),
        q("forceId", { type: "string" }),
        q("representationId", { type: "string" }),
        q("overdue", { type: "string", enum: ["1", "true"] }, "Open items past their due day"),
      ],
      responses: { "200": ok({ type: "object", properties: { items: { type: "array", items: ref("PlanItem") } }, required: ["items"] }), ...errors },
    },
    post: { tags: tags.plans, summary: "Create a plan item", parameters: [conferenceId], requestBody: { required: true, ...json(ref("PlanItemInput")) }, responses: { "201": ok(ref("PlanItem"), "Created"), ...errors } },
  },
  "/api/v1/plans/progress": {
    get: {
      tags: tags.plans,
      summary: "Progress per horizon",
      parameters: [conferenceId],
      responses: { "200": ok({ type: "object", properties: { progress: { type: "array", items: ref("HorizonProgress") } }, required: ["progress"] }), ...errors },
    },
  },
  "/api/v1/plans/{id}": {
    parameters: [pathId],
    get: { tags: tags.plans, summary: "One plan item", responses: { "200": ok(ref("PlanItem")), ...errors, ...notFound } },
    put: { tags: tags.plans, summary: "Replace a plan item", requestBody: { required: true, ...json(ref("PlanItemInput")) }, responses: { "200": ok(ref("PlanItem")), ...errors, ...notFound } },
    patch: {
      tags: tags.plans,
      summary: "Change some fields (e.g. `{ \"status\": \"DONE\" }`)",
      requestBody: { required: true, ...json({ type: "object", description: "Any subset of PlanItemInput" }) },
      responses: { "200": ok(ref("PlanItem")), ...errors, ...notFound },
    },
    delete: { tags: tags.plans, summary: "Delete a plan item (audited)", responses: { "204": { description: "Deleted" }, ...errors, ...notFound } },
  },
  "/api/v1/representations": {
    get: {
      tags: tags.representations,
      summary: "Representations grouped by area",
      parameters: [conferenceId],
      responses: {
        "200": ok({
          type: "object",
          properties: { areas: { type: "array", items: { type: "object", properties: { area: { type: "string", enum: [...areas] }, representations: { type: "array", items: ref("Representation") } } } } },
          required: ["areas"],
        }),
        ...errors,
      },
    },
    post: {
      tags: tags.representations,
      summary: "Create a representation (one per country; spelling variants count as the same country)",
      parameters: [conferenceId],
      requestBody: { required: true, ...json(ref("RepresentationInput")) },
      responses: { "201": ok(ref("Representation"), "Created"), ...errors, ...conflict },
    },
  },
  "/api/v1/representations/{id}": {
    parameters: [pathId],
    get: {
      tags: tags.representations,
      summary: "A representation with its plan items and outreach",
      responses: {
        "200": ok({ type: "object", properties: { representation: ref("Representation"), planItems: { type: "array", items: ref("PlanItem") }, outreach: { type: "array", items: ref("OutreachEntry") } } }),
        ...errors,
        ...notFound,
      },
    },
    put: { tags: tags.representations, summary: "Replace a representation", requestBody: { required: true, ...json(ref("RepresentationInput")) }, responses: { "200": ok(ref("Representation")), ...errors, ...notFound, ...conflict } },
    patch: {
      tags: tags.representations,
      summary: "Change some fields",
      requestBody: { required: true, ...json({ type: "object", description: "Any subset of RepresentationInput" }) },
      responses: { "200": ok(ref("Representation")), ...errors, ...notFound, ...conflict },
    },
    delete: { tags: tags.representations, summary: "Delete a representation; its plan items and outreach stay (audited)", responses: { "204": { description: "Deleted" }, ...errors, ...notFound } },
  },
  "/api/v1/search": {
    get: {
      tags: tags.search,
      summary: "One search across forces, people, invitations, amendments, outreach, plan items, representations and the paper's text",
      description: "Arabic folding (hamza forms, ta marbuta, alef maqsura, harakat, tatweel, Persian letters, digits) on both sides; only what the caller may read (ADR 0041).",
      parameters: [
        conferenceId,
        { name: "q", in: "query", required: true, schema: { type: "string", maxLength: 200 } },
        q("kinds", { type: "string" }, `Comma-separated subset of ${searchKinds.join(", ")}`),
        q("limit", { type: "integer", minimum: 1, maximum: 50, default: 8 }, "Hits per kind"),
      ],
      responses: { "200": ok(ref("SearchResult")), ...errors },
    },
  },
};

export const coordinationOpenApi = { paths: coordinationPaths, components: { schemas } };
export const coordinationTags = [
  { name: "Outreach", description: "Outreach log, follow-ups and per-force timelines" },
  { name: "Plans", description: "Action plans by horizon" },
  { name: "Representations", description: "Representations abroad" },
  { name: "Search", description: "One search across the conference" },
];
