import { api } from "~/http/api.server";
import { may } from "~/policy";
import { notFound } from "~/domain/errors";

// Unknown ids and conferences the caller is not part of answer alike: 404.
export const loader = api(async ({ params, user, services }) => {
  const id = params.id ?? "";
  if (!may(user, "conference.read", { conferenceId: id })) throw notFound("Conference");
  const conference = await services.prisma.conference.findUnique({ where: { id } });
  if (!conference) throw notFound("Conference");
  return { conference, role: user.memberships.find((m) => m.conferenceId === id)!.role };
});
