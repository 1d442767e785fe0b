// OpenAPI for the coordination area (issue 6): outreach log and follow-ups, action plans, representations
// abroad and the one search. Request bodies and queries are the zod schemas the domain validates with.
import { z } from "zod";
import type { ApiRegistry } from "../registry.server";
import { body, json } from "../content";
import { FollowUpDoneInput, FollowUpsFilter, OutreachFilter, OutreachInput } from "~/domain/outreach.server";
import { PlanFilter, PlanInput } from "~/domain/plans.server";
import { RepresentationInput } from "~/domain/representations.server";
import { SearchQuery } from "~/domain/search.server";
import { areas, horizons, outreachChannels, planStatuses, representationStatuses, searchKinds } from "~/domain/coordination-enums";
import { forceKinds } from "~/domain/force-enums";
import { dueStates } from "~/domain/due-dates";

const day = z.string().meta({ format: "date", description: "A calendar day, YYYY-MM-DD" });
const instant = z.iso.datetime();
const named = z.object({ id: z.string(), name: z.string() });
const ForceRef = z.object({ id: z.string(), nameAr: z.string(), nameKu: z.string().nullable(), nameEn: z.string().nullable() });
const DueState = z.enum(dueStates).meta({ description: "Where a dated task stands today in the office's time zone (ADR 0042)" });

const OutreachEntry = z.object({
  id: z.string(),
  conferenceId: z.string(),
  occurredOn: day,
  channel: z.enum(outreachChannels),
  participants: z.string(),
  summary: z.string(),
  outcome: z.string().nullable(),
  force: ForceRef.extend({ kind: z.enum(forceKinds) }).nullable(),
  contact: z.object({ id: z.string(), name: z.string(), role: z.string().nullable() }).nullable(),
  representation: z.object({ id: z.string(), country: z.string(), area: z.enum(areas) }).nullable(),
  followUp: z.object({ what: z.string(), due: day, owner: named.nullable(), doneAt: instant.nullable(), doneBy: named.nullable(), state: DueState }).nullable(),
  createdBy: named.nullable(),
  createdAt: instant,
  updatedAt: instant,
});

/** One line of a force's timeline: an outreach entry (`entry`), or an invitation or amendment event. */
const timelineItem = (entry: z.ZodType) =>
  z.object({
    kind: z.enum(["outreach", "invitation", "amendment"]),
    id: z.string(),
    day,
    at: instant.nullable().optional(),
    entry: entry.optional(),
    from: z.string().nullable().optional(),
    to: z.string().optional(),
    note: z.string().nullable().optional(),
    actor: z.string().nullable().optional(),
    amendmentId: z.string().optional(),
    type: z.string().optional(),
    sectionTitle: z.string().nullable().optional(),
  });

const PlanItem = z.object({
  id: z.string(),
  conferenceId: z.string(),
  horizon: z.enum(horizons),
  goal: z.string(),
  owner: named.nullable(),
  dueOn: day.nullable(),
  status: z.enum(planStatuses),
  dueState: DueState,
  force: ForceRef.nullable(),
  representation: z.object({ id: z.string(), country: z.string(), area: z.enum(areas) }).nullable(),
  paperSection: z.string().nullable(),
  createdAt: instant,
  updatedAt: instant,
});

const count = z.number().int();
const HorizonProgress = z.object({
  horizon: z.enum(horizons),
  total: count,
  planned: count,
  inProgress: count,
  done: count,
  dropped: count,
  overdue: count,
  percentDone: count.nullable().meta({ description: "done / (total − dropped), rounded" }),
});

const Representation = z.object({
  id: z.string(),
  conferenceId: z.string(),
  country: z.string(),
  area: z.enum(areas),
  city: z.string().nullable(),
  representatives: z.string(),
  contacts: z.string().nullable(),
  status: z.enum(representationStatuses),
  notes: z.string().nullable(),
  createdAt: instant,
  updatedAt: instant,
  _count: z.object({ outreach: count, planItems: count.meta({ description: "open plan items" }) }),
});

const SearchHit = z.object({
  kind: z.enum(searchKinds),
  id: z.string(),
  href: z.string().meta({ description: "The page of the result" }),
  title: z.string(),
  force: ForceRef.nullable(),
  meta: z.record(z.string(), z.string().nullable()),
  snippet: z.array(z.object({ text: z.string(), mark: z.boolean() })).nullable(),
});
const SearchResult = z.object({
  query: z.string(),
  terms: z.array(z.string()).meta({ description: "Arabic-folded terms; every term must occur" }),
  tooShort: z.boolean(),
  groups: z.array(z.object({ kind: z.enum(searchKinds), hits: z.array(SearchHit), more: z.boolean() })),
});

/** Every coordination endpoint works in one conference: the one named, else the caller's first. */
const inConference = z.object({ conferenceId: z.string().optional().meta({ description: "Defaults to the caller's first conference" }) });
const byId = z.object({ id: z.string() });

export function register({ registry, schema, errors, error, tag }: ApiRegistry) {
  const tags = { outreach: ["Outreach"], plans: ["Plans"], representations: ["Representations"], search: ["Search"] };
  tag("Outreach", "Outreach log, follow-ups and per-force timelines");
  tag("Plans", "Action plans by horizon");
  tag("Representations", "Representations abroad");
  tag("Search", "One search across the conference");

  const OutreachInputRef = schema("OutreachInput", OutreachInput);
  const PlanItemInputRef = schema("PlanItemInput", PlanInput);
  const RepresentationInputRef = schema("RepresentationInput", RepresentationInput);
  const OutreachEntryRef = schema("OutreachEntry", OutreachEntry);
  const OutreachPage = schema("OutreachPage", z.object({ total: count, take: count, skip: count, entries: z.array(OutreachEntryRef) }));
  const TimelineItemRef = schema("TimelineItem", timelineItem(OutreachEntryRef));
  const PlanItemRef = schema("PlanItem", PlanItem);
  const HorizonProgressRef = schema("HorizonProgress", HorizonProgress);
  const RepresentationRef = schema("Representation", Representation);
  const SearchResultRef = schema("SearchResult", SearchResult);

  // Delegates see none of this area and observers only read (app/policy.ts).
  const refused = {
    ...error(400, "Invalid input: `details.fieldErrors` names each field and the rule it breaks"),
    ...errors(401),
    ...error(403, "The policy module does not allow this (delegates see none of this area; observers only read)"),
  };
  const missing = error(404, "No such item in a conference of the caller");
  const countryTaken = error(409, "Another representation has this country (spelling variants count as the same country)");
  const deleted = { 204: { description: "Deleted" } };

  // Outreach
  registry.registerPath({
    method: "get",
    path: "/api/v1/outreach",
    tags: tags.outreach,
    summary: "The outreach log, newest first",
    request: { query: inConference.extend(OutreachFilter.shape) },
    responses: { 200: json(OutreachPage), ...refused },
  });
  registry.registerPath({
    method: "post",
    path: "/api/v1/outreach",
    tags: tags.outreach,
    summary: "Log an outreach entry (with a force, a person of a force or a representation)",
    request: { query: inConference, ...body(OutreachInputRef) },
    responses: { 201: json(OutreachEntryRef, "Created"), ...refused },
  });
  registry.registerPath({ method: "get", path: "/api/v1/outreach/{id}", tags: tags.outreach, summary: "One outreach entry", request: { params: byId }, responses: { 200: json(OutreachEntryRef), ...refused, ...missing } });
  registry.registerPath({
    method: "put",
    path: "/api/v1/outreach/{id}",
    tags: tags.outreach,
    summary: "Replace an entry",
    request: { params: byId, ...body(OutreachInputRef) },
    responses: { 200: json(OutreachEntryRef), ...refused, ...missing },
  });
  registry.registerPath({
    method: "patch",
    path: "/api/v1/outreach/{id}",
    tags: tags.outreach,
    summary: "Change some fields of an entry (null clears an optional field)",
    request: { params: byId, ...body(OutreachInput.partial().meta({ description: "Any subset of OutreachInput" })) },
    responses: { 200: json(OutreachEntryRef), ...refused, ...missing },
  });
  registry.registerPath({ method: "delete", path: "/api/v1/outreach/{id}", tags: tags.outreach, summary: "Delete an entry (audited)", request: { params: byId }, responses: { ...deleted, ...refused, ...missing } });
  registry.registerPath({
    method: "post",
    path: "/api/v1/outreach/{id}/follow-up",
    tags: tags.outreach,
    summary: "Mark the entry's follow-up done, or open again; repeating either changes nothing",
    request: { params: byId, ...body(FollowUpDoneInput) },
    responses: { 200: json(OutreachEntryRef), ...refused, ...missing, ...error(409, "The entry has no follow-up") },
  });
  registry.registerPath({
    method: "get",
    path: "/api/v1/outreach/follow-ups",
    tags: tags.outreach,
    summary: "Open follow-ups, earliest due first",
    request: { query: inConference.extend(FollowUpsFilter.shape) },
    responses: { 200: json(z.object({ followUps: z.array(OutreachEntryRef) })), ...refused },
  });
  registry.registerPath({
    method: "get",
    path: "/api/v1/outreach/forces/{forceId}/timeline",
    tags: tags.outreach,
    summary: "One force's outreach entries, invitation events and submitted amendments, merged newest first",
    request: { params: z.object({ forceId: z.string() }), query: inConference },
    responses: {
      200: json(z.object({ force: z.object({ id: z.string(), kind: z.enum(forceKinds), nameAr: z.string() }).loose(), items: z.array(TimelineItemRef).meta({ description: "Newest first; within one day, invitation and amendment events above that day's outreach entries (ADR 0042)" }) })),
      ...refused,
      ...missing,
    },
  });

  // Plans
  registry.registerPath({
    method: "get",
    path: "/api/v1/plans",
    tags: tags.plans,
    summary: "Plan items, by due day",
    request: { query: inConference.extend(PlanFilter.shape) },
    responses: { 200: json(z.object({ items: z.array(PlanItemRef) })), ...refused },
  });
  registry.registerPath({
    method: "post",
    path: "/api/v1/plans",
    tags: tags.plans,
    summary: "Create a plan item",
    request: { query: inConference, ...body(PlanItemInputRef) },
    responses: { 201: json(PlanItemRef, "Created"), ...refused },
  });
  registry.registerPath({
    method: "get",
    path: "/api/v1/plans/progress",
    tags: tags.plans,
    summary: "Progress per horizon",
    request: { query: inConference },
    responses: { 200: json(z.object({ progress: z.array(HorizonProgressRef) })), ...refused },
  });
  registry.registerPath({ method: "get", path: "/api/v1/plans/{id}", tags: tags.plans, summary: "One plan item", request: { params: byId }, responses: { 200: json(PlanItemRef), ...refused, ...missing } });
  registry.registerPath({
    method: "put",
    path: "/api/v1/plans/{id}",
    tags: tags.plans,
    summary: "Replace a plan item",
    request: { params: byId, ...body(PlanItemInputRef) },
    responses: { 200: json(PlanItemRef), ...refused, ...missing },
  });
  registry.registerPath({
    method: "patch",
    path: "/api/v1/plans/{id}",
    tags: tags.plans,
    summary: 'Change some fields (e.g. `{ "status": "DONE" }`)',
    request: { params: byId, ...body(PlanInput.partial().meta({ description: "Any subset of PlanItemInput" })) },
    responses: { 200: json(PlanItemRef), ...refused, ...missing },
  });
  registry.registerPath({ method: "delete", path: "/api/v1/plans/{id}", tags: tags.plans, summary: "Delete a plan item (audited)", request: { params: byId }, responses: { ...deleted, ...refused, ...missing } });

  // Representations
  registry.registerPath({
    method: "get",
    path: "/api/v1/representations",
    tags: tags.representations,
    summary: "Representations grouped by area",
    request: { query: inConference },
    responses: { 200: json(z.object({ areas: z.array(z.object({ area: z.enum(areas), representations: z.array(RepresentationRef) })) })), ...refused },
  });
  registry.registerPath({
    method: "post",
    path: "/api/v1/representations",
    tags: tags.representations,
    summary: "Create a representation (one per country; spelling variants count as the same country)",
    request: { query: inConference, ...body(RepresentationInputRef) },
    responses: { 201: json(RepresentationRef, "Created"), ...refused, ...countryTaken },
  });
  registry.registerPath({
    method: "get",
    path: "/api/v1/representations/{id}",
    tags: tags.representations,
    summary: "A representation with its plan items and outreach",
    request: { params: byId },
    responses: { 200: json(z.object({ representation: RepresentationRef, planItems: z.array(PlanItemRef), outreach: z.array(OutreachEntryRef) })), ...refused, ...missing },
  });
  registry.registerPath({
    method: "put",
    path: "/api/v1/representations/{id}",
    tags: tags.representations,
    summary: "Replace a representation",
    request: { params: byId, ...body(RepresentationInputRef) },
    responses: { 200: json(RepresentationRef), ...refused, ...missing, ...countryTaken },
  });
  registry.registerPath({
    method: "patch",
    path: "/api/v1/representations/{id}",
    tags: tags.representations,
    summary: "Change some fields",
    request: { params: byId, ...body(RepresentationInput.partial().meta({ description: "Any subset of RepresentationInput" })) },
    responses: { 200: json(RepresentationRef), ...refused, ...missing, ...countryTaken },
  });
  registry.registerPath({
    method: "delete",
    path: "/api/v1/representations/{id}",
    tags: tags.representations,
    summary: "Delete a representation; its plan items and outreach stay (audited)",
    request: { params: byId },
    responses: { ...deleted, ...refused, ...missing },
  });

  // Search
  registry.registerPath({
    method: "get",
    path: "/api/v1/search",
    tags: tags.search,
    summary: "One search across forces, people, invitations, amendments, outreach, plan items, representations and the paper's text",
    description: "Arabic folding (hamza forms, ta marbuta, alef maqsura, harakat, tatweel, Persian letters, digits) on both sides; only what the caller may read (ADR 0041).",
    request: { query: inConference.extend(SearchQuery.shape) },
    responses: { 200: json(SearchResultRef), ...refused },
  });
}
