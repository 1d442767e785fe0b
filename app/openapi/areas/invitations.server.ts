// OpenAPI for the forces directory and the invitation pipeline (issue 4): the request and response
// schemas are the ones the handlers validate with (app/domain/*-schema.ts).
import { z } from "zod";
import type { ApiRegistry } from "../registry.server";
import { body, json } from "../content";
import { ForceCreateSchema, ForceQuerySchema, ForceSchema, ForceUpdateSchema, PageSchema } from "~/domain/forces-schema";
import {
  BulkResultSchema,
  BulkTransitionSchema,
  DelegationMemberChangeSchema,
  DelegationMemberSchema,
  InvitationCreateSchema,
  InvitationDetailSchema,
  InvitationQuerySchema,
  InvitationSchema,
  InvitationTermsSchema,
  TransitionSchema,
} from "~/domain/invitations-schema";
import { csvColumns } from "~/domain/force-csv.server";

const conferenceId = z.string().meta({ description: "Conference id" });

export function register({ registry, schema, errors }: ApiRegistry) {
  const Force = schema("Force", ForceSchema);
  const Page = schema("Page", PageSchema);
  const Invitation = schema("Invitation", InvitationSchema);
  const InvitationDetail = schema("InvitationDetail", InvitationDetailSchema);
  const DelegationMember = schema("DelegationMember", DelegationMemberSchema);
  const tags = { forces: ["Forces"], invitations: ["Invitations"] };

  registry.registerPath({
    method: "get",
    path: "/api/v1/conferences/{id}/forces",
    tags: tags.forces,
    summary: "List forces: filters, Arabic-folded search (q), sorting, paging",
    request: { params: z.object({ id: conferenceId }), query: ForceQuerySchema },
    responses: { 200: json(z.object({ data: z.array(Force), page: Page }), "A page of forces"), ...errors(400, 401, 403) },
  });
  registry.registerPath({
    method: "post",
    path: "/api/v1/conferences/{id}/forces",
    tags: tags.forces,
    summary: "Add a force (409 conflict with details.reason = duplicate_name unless allowDuplicate)",
    request: { params: z.object({ id: conferenceId }), ...body(ForceCreateSchema) },
    responses: { 201: json(Force, "The new force"), ...errors(400, 401, 403, 409) },
  });
  const forceParams = z.object({ id: conferenceId, forceId: z.string() });
  registry.registerPath({
    method: "get",
    path: "/api/v1/conferences/{id}/forces/{forceId}",
    tags: tags.forces,
    summary: "One force",
    request: { params: forceParams },
    responses: { 200: json(Force, "The force"), ...errors(401, 403, 404) },
  });
  registry.registerPath({
    method: "put",
    path: "/api/v1/conferences/{id}/forces/{forceId}",
    tags: tags.forces,
    summary: "Edit a force at the version read (409 stale_version if someone else changed it)",
    request: { params: forceParams, ...body(ForceUpdateSchema) },
    responses: { 200: json(Force, "The edited force"), ...errors(400, 401, 403, 404, 409) },
  });
  registry.registerPath({
    method: "post",
    path: "/api/v1/conferences/{id}/forces/{forceId}/archive",
    tags: tags.forces,
    summary: "Archive or restore a force",
    request: { params: forceParams, ...body(z.object({ archived: z.boolean() })) },
    responses: { 200: json(Force, "The force"), ...errors(400, 401, 403, 404) },
  });
  const CsvIssue = z.object({ line: z.number().int(), column: z.string().nullable(), message: z.string() });
  registry.registerPath({
    method: "post",
    path: "/api/v1/conferences/{id}/forces/import",
    tags: tags.forces,
    summary: "Import forces and invitations from CSV: all rows or none",
    description: `UTF-8 CSV, with or without BOM, header row required. Columns: ${csvColumns.map((c) => c.key).join(", ")}. Every row is validated; if any row has an error nothing is written and the answer is 422 with each error's line and column. With dryRun=true nothing is written either way.`,
    request: {
      params: z.object({ id: conferenceId }),
      query: z.object({ dryRun: z.enum(["true", "false"]).optional() }),
      body: { required: true, content: { "text/csv": { schema: z.string() } } },
    },
    responses: {
      200: json(z.object({ valid: z.literal(true), total: z.number().int(), errors: z.array(CsvIssue) }), "dryRun: the file is valid"),
      201: json(z.object({ valid: z.literal(true), total: z.number().int(), errors: z.array(CsvIssue), imported: z.object({ forces: z.number().int(), invitations: z.number().int(), contacts: z.number().int() }) }), "Imported"),
      422: json(z.object({ valid: z.literal(false), total: z.number().int(), errors: z.array(CsvIssue) }), "Errors by line and column; nothing written"),
      ...errors(400, 401, 403, 409, 413),
    },
  });

  registry.registerPath({
    method: "get",
    path: "/api/v1/conferences/{id}/invitations",
    tags: tags.invitations,
    summary: "List invitations (delegates: their own force's only) with the forces' filters, status, attention, paging",
    request: { params: z.object({ id: conferenceId }), query: InvitationQuerySchema },
    responses: { 200: json(z.object({ data: z.array(Invitation), page: Page }), "A page of invitations"), ...errors(400, 401, 403) },
  });
  registry.registerPath({
    method: "post",
    path: "/api/v1/conferences/{id}/invitations",
    tags: tags.invitations,
    summary: "Invite a force (one invitation per conference and force; starts as CANDIDATE)",
    request: { params: z.object({ id: conferenceId }), ...body(InvitationCreateSchema) },
    responses: { 201: json(Invitation, "The new invitation"), ...errors(400, 401, 403, 404, 409) },
  });
  registry.registerPath({
    method: "post",
    path: "/api/v1/conferences/{id}/invitations/bulk-transitions",
    tags: tags.invitations,
    summary: "Move many invitations to one status; each row checked on its own",
    request: { params: z.object({ id: conferenceId }), ...body(BulkTransitionSchema) },
    responses: { 200: json(BulkResultSchema, "Rows changed and rows refused, with code and message"), ...errors(400, 401, 403) },
  });
  registry.registerPath({
    method: "get",
    path: "/api/v1/conferences/{id}/invitations/dashboard",
    tags: tags.invitations,
    summary: "Figures: by kind and region, seats against quota, readiness, attention count",
    request: { params: z.object({ id: conferenceId }) },
    responses: {
      200: json(
        z.object({
          byKind: z.record(z.string(), z.record(z.string(), z.number().int())),
          byRegion: z.record(z.string(), z.record(z.string(), z.number().int())),
          byStatus: z.record(z.string(), z.number().int()),
          seats: z.object({ quotaConfirmed: z.number().int(), namedConfirmed: z.number().int(), quotaOpen: z.number().int() }),
          readiness: z.object({ settled: z.number().int(), active: z.number().int(), percent: z.number().int() }),
          attention: z.number().int(),
        }),
        "Figures",
      ),
      ...errors(401, 403),
    },
  });
  const invParams = z.object({ id: z.string().meta({ description: "Invitation id" }) });
  registry.registerPath({
    method: "get",
    path: "/api/v1/invitations/{id}",
    tags: tags.invitations,
    summary: "One invitation with its timeline (who, when, from → to, note) and delegation",
    request: { params: invParams },
    responses: { 200: json(InvitationDetail, "The invitation"), ...errors(401, 404) },
  });
  registry.registerPath({
    method: "patch",
    path: "/api/v1/invitations/{id}",
    tags: tags.invitations,
    summary: "Change seat quota, confirmation deadline or note at the version read",
    request: { params: invParams, ...body(InvitationTermsSchema) },
    responses: { 200: json(Invitation, "The invitation"), ...errors(400, 401, 403, 404, 409) },
  });
  registry.registerPath({
    method: "post",
    path: "/api/v1/invitations/{id}/transitions",
    tags: tags.invitations,
    summary: "Change status along the graph (ADR 0020)",
    description:
      "Refused with 409 `illegal_transition` when the graph does not allow the move (details: from, to, allowed) and with 409 `stale_version` when someone changed the invitation since `version` (details.current is the invitation as it is now). Nothing changes when refused.",
    request: { params: invParams, ...body(TransitionSchema) },
    responses: { 200: json(Invitation, "The invitation after the move"), ...errors(400, 401, 403, 404, 409) },
  });
  registry.registerPath({
    method: "post",
    path: "/api/v1/invitations/{id}/delegates",
    tags: tags.invitations,
    summary: "Name a delegate or substitute (organizers; delegates for their own force)",
    request: { params: invParams, ...body(DelegationMemberChangeSchema) },
    responses: { 201: json(z.object({ invitation: Invitation, member: DelegationMember }), "Added"), ...errors(400, 401, 403, 404, 409) },
  });
  const memberParams = z.object({ id: z.string(), memberId: z.string() });
  registry.registerPath({
    method: "put",
    path: "/api/v1/invitations/{id}/delegates/{memberId}",
    tags: tags.invitations,
    summary: "Edit a delegation member",
    request: { params: memberParams, ...body(DelegationMemberChangeSchema) },
    responses: { 200: json(z.object({ invitation: Invitation, member: DelegationMember }), "Edited"), ...errors(400, 401, 403, 404, 409) },
  });
  registry.registerPath({
    method: "delete",
    path: "/api/v1/invitations/{id}/delegates/{memberId}",
    tags: tags.invitations,
    summary: "Remove a delegation member",
    request: { params: memberParams, query: z.object({ version: z.coerce.number().int().min(1) }) },
    responses: { 200: json(z.object({ invitation: Invitation, member: z.null() }), "Removed"), ...errors(400, 401, 403, 404, 409) },
  });
}
