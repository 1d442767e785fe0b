// OpenAPI for conference day (issue 20, ADR 0053): check-in and the attendance board, plenary votes and
// ballots. The request schemas are the ones the domain validates with (app/domain/conference-day/schema.ts).
import { z } from "zod";
import type { ApiRegistry } from "../registry.server";
import { body, json } from "../content";
import {
  AttendanceBoardSchema,
  BallotReceiptSchema,
  CastBallotSchema,
  CheckInResultSchema,
  CheckInSchema,
  OpenVoteSchema,
  VoteSchema,
  VoteStepSchema,
  VotingDelegateBodySchema,
  VotingModeSchema,
} from "~/domain/conference-day/schema";

export function register({ registry, schema, errors, error, tag }: ApiRegistry) {
  tag("Votes", "Plenary votes: one ballot per present force; results to the chair live and to everyone once published");
  tag("Attendance", "Check-in of delegation members and the attendance board");
  const Vote = schema("Vote", VoteSchema);
  const conf = z.object({ id: z.string().meta({ description: "Conference id" }) });
  const vote = z.object({ id: z.string().meta({ description: "Vote id" }) });

  registry.registerPath({
    method: "get",
    path: "/api/v1/conferences/{id}/votes",
    tags: ["Votes"],
    summary: "The conference's votes, newest first; results as the caller may see them",
    request: { params: conf },
    responses: { 200: json(z.object({ data: z.array(Vote) }), "Votes"), ...errors(401, 403) },
  });
  registry.registerPath({
    method: "post",
    path: "/api/v1/conferences/{id}/votes",
    tags: ["Votes"],
    summary: "Open a vote (chair: organizers and committee)",
    description:
      "AMENDMENT: one amendment id; AMENDMENT_BLOCK: two or more amendments of one paper, at most one of which passes (options: their ids and ABSTAIN); PAPER: paperId; QUESTION: question. Other subjects' options are YES, NO, ABSTAIN. 409 `amendment_not_votable` for drafts, withdrawn or merged amendments.",
    request: { params: conf, ...body(OpenVoteSchema) },
    responses: { 201: json(Vote, "The open vote"), ...errors(400, 401, 403, 409) },
  });
  registry.registerPath({
    method: "get",
    path: "/api/v1/votes/{id}",
    tags: ["Votes"],
    summary: "One vote: results to the chair always, to everyone once published; a secret vote never lists forces",
    request: { params: vote },
    responses: { 200: json(Vote, "The vote"), ...errors(401, 404) },
  });
  registry.registerPath({
    method: "post",
    path: "/api/v1/votes/{id}/ballots",
    tags: ["Votes"],
    summary: "Cast the caller's force's ballot (a delegate of a present force)",
    description:
      "One ballot per force: of two devices casting at once the first stands. Refusals (nothing recorded): 409 with details.reason `already_voted`, `vote_closed` (details.closedAt) or `force_absent`; 403 `not_voting_delegate` when the conference votes by voting delegate; 400 `unknown_option`.",
    request: { params: vote, ...body(CastBallotSchema) },
    responses: { 201: json(BallotReceiptSchema, "Counted"), ...errors(400, 401, 403, 404), ...error(409, "already_voted, vote_closed or force_absent; nothing recorded") },
  });
  for (const [step, summary] of [
    ["close", "Close an open vote (chair); the forces present now are the quorum's base"],
    ["publish", "Publish a closed vote's result to everyone (chair)"],
  ] as const) {
    registry.registerPath({
      method: "post",
      path: `/api/v1/votes/{id}/${step}`,
      tags: ["Votes"],
      summary,
      description: "409 `wrong_state` when the vote is not in the state the step starts from; 409 `stale_version` when `version` is given and someone changed the vote since.",
      request: { params: vote, ...body(VoteStepSchema) },
      responses: { 200: json(Vote, "The vote after the step"), ...errors(400, 401, 403, 404, 409) },
    });
  }

  registry.registerPath({
    method: "get",
    path: "/api/v1/conferences/{id}/attendance",
    tags: ["Attendance"],
    summary: "Attendance board: forces and members expected (confirmed) and present, by kind and region (staff); the roster with codes (organizers)",
    request: { params: conf },
    responses: { 200: json(AttendanceBoardSchema, "The board"), ...errors(401, 403) },
  });
  registry.registerPath({
    method: "post",
    path: "/api/v1/conferences/{id}/attendance",
    tags: ["Attendance"],
    summary: "Check a delegation member in by badge code or id (organizers); the first of a confirmed delegation moves the invitation to ATTENDED",
    description: "A second check-in of the same member changes nothing (`already: true`). 404 `unknown_member`; 409 `not_confirmed` when the invitation is not CONFIRMED or ATTENDED.",
    request: { params: conf, ...body(CheckInSchema) },
    responses: { 200: json(CheckInResultSchema, "Checked in"), ...errors(400, 401, 403, 404, 409) },
  });
  registry.registerPath({
    method: "delete",
    path: "/api/v1/conferences/{id}/attendance",
    tags: ["Attendance"],
    summary: "Undo a member's check-in (organizers); the invitation stays ATTENDED",
    request: { params: conf, query: z.object({ memberId: z.string() }) },
    responses: { 200: json(z.object({ memberId: z.string(), invitationId: z.string(), forceId: z.string() }), "Checked out"), ...errors(400, 401, 403, 404) },
  });
  registry.registerPath({
    method: "post",
    path: "/api/v1/conferences/{id}/attendance/codes",
    tags: ["Attendance"],
    summary: "Give every confirmed delegation member without a check-in code one (organizers)",
    request: { params: conf },
    responses: { 200: json(z.object({ issued: z.number().int() }), "How many codes were given"), ...errors(401, 403) },
  });
  registry.registerPath({
    method: "get",
    path: "/api/v1/votes/{id}/ballots.csv",
    tags: ["Votes"],
    summary: "The vote's record as CSV (UTF-8 with BOM, in the caller's language): the chair any time, everyone once published",
    description:
      "The vote, its tally, quorum and result; for a named vote then one line per force: its choice, who cast it and when. A secret vote's record is its tally only. Cells starting with = + - @ are prefixed with an apostrophe (no spreadsheet formula). 403 `not_published` before publication for all but the chair; 404 for a vote the caller may not read.",
    request: { params: vote },
    responses: { 200: { description: "The record", content: { "text/csv": { schema: z.string() } } }, ...errors(401, 403, 404) },
  });
  registry.registerPath({
    method: "get",
    path: "/api/v1/conferences/{id}/voting-mode",
    tags: ["Votes"],
    summary: "Who casts a force's ballot: any present delegate of the force, or only its voting delegate",
    request: { params: conf },
    responses: { 200: json(VotingModeSchema, "The voting mode"), ...errors(401, 403, 404) },
  });
  registry.registerPath({
    method: "put",
    path: "/api/v1/conferences/{id}/voting-mode",
    tags: ["Votes"],
    summary: "Set who casts a force's ballot (organizers); ballots already cast stand",
    request: { params: conf, ...body(VotingModeSchema) },
    responses: { 200: json(VotingModeSchema, "The voting mode"), ...errors(400, 401, 403, 404) },
  });
  registry.registerPath({
    method: "put",
    path: "/api/v1/invitations/{id}/delegates/{memberId}/voting-delegate",
    tags: ["Votes"],
    summary: "Name this delegation member the force's voting delegate (organizers), linked to one of the force's delegate accounts or none",
    description: "The member named before is no longer. 400 `not_force_delegate` when `userId` is not a delegate account of this force; 404 when the member is not this invitation's.",
    request: { params: z.object({ id: z.string().meta({ description: "Invitation id" }), memberId: z.string().meta({ description: "Delegation member id" }) }), ...body(VotingDelegateBodySchema) },
    responses: { 200: json(z.object({ memberId: z.string(), userId: z.string().nullable() }), "Named"), ...errors(400, 401, 403, 404) },
  });
}
