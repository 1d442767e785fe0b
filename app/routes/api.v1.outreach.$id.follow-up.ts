// POST /api/v1/outreach/:id/follow-up { "done": true | false } — complete or reopen the entry's follow-up
import { api, readJson } from "~/http/api.server";
import { methodNotAllowed } from "~/http/coordination-api.server";
import { FollowUpDoneInput, setFollowUpDone } from "~/domain/outreach.server";
import { clientIp } from "~/http/request.server";

export const loader = () => methodNotAllowed("POST");

export const action = api(async ({ request, params, user, services }) => {
  if (request.method !== "POST") return methodNotAllowed("POST");
  const { done } = await readJson(request, FollowUpDoneInput);
  return setFollowUpDone(services.prisma, user, params.id!, done, {}, { ip: clientIp(request) });
});
