// PUT    /api/v1/invitations/:id/delegates/:memberId — edit { version, name, … }
// DELETE /api/v1/invitations/:id/delegates/:memberId?version=n — remove
import { json } from "@remix-run/node";
import { api, readJson } from "~/lib/api.server";
import { removeDelegationMember, updateDelegationMember } from "~/domain/invitations.server";
import { DelegationMemberChangeSchema } from "~/domain/invitations-schema";
import { DomainError } from "~/domain/errors";
import { publishInvitationChanges } from "~/lib/invitations-live.server";

export const loader = api(async () => json({ error: { code: "method_not_allowed", message: "Use PUT or DELETE" } }, { status: 405 }));

export const action = api(async ({ request, params, user, services }) => {
  let out;
  if (request.method === "PUT") out = await updateDelegationMember(services.prisma, user, params.id!, params.memberId!, await readJson(request, DelegationMemberChangeSchema));
  else if (request.method === "DELETE") {
    const version = Number(new URL(request.url).searchParams.get("version"));
    if (!Number.isInteger(version) || version < 1) throw new DomainError("bad_request", "?version= is required");
    out = await removeDelegationMember(services.prisma, user, params.id!, params.memberId!, version);
  } else return json({ error: { code: "method_not_allowed", message: "Use PUT or DELETE" } }, { status: 405 });
  const inv = out.invitation;
  publishInvitationChanges(services, inv.conferenceId, user.id, [{ id: inv.id, forceId: inv.forceId, status: inv.status, version: inv.version }]);
  return { invitation: inv, member: out.result };
});
