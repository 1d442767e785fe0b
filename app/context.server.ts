// Thin helpers for loaders/actions: who is asking, in which conference, and may they?
import type { AppLoadContext } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import type { Conference, Role } from "@prisma/client";
import { requireUser } from "./session.server";
import { may, membershipIn, mustEnrolSecondFactor, type Action } from "./policy";
import { oncePerRequest } from "~/http/per-request.server";
import type { SessionUser } from "./domain/accounts.server";

export interface MemberContext {
  user: SessionUser;
  conference: Conference;
  role: Role;
  forceId: string | null;
}

/** The conference the page is about: ?conf=<id> when given, else the user's first. */
export async function requireMember(request: Request, context: AppLoadContext, action: Action = "conference.read"): Promise<MemberContext> {
  const { services } = context;
  const user = await requireUser(request, services, context);
  const wanted = new URL(request.url).searchParams.get("conf");
  const membership = (wanted ? membershipIn(user, wanted) : undefined) ?? user.memberships[0];
  if (!membership) throw new Response("Not a member of any conference", { status: 403 });
  // The policy refuses them everything but conference.read; send them where they can fix that.
  if (mustEnrolSecondFactor(user, membership.conferenceId)) throw redirect("/account/two-factor");
  if (!may(user, action, { conferenceId: membership.conferenceId, forceId: membership.forceId })) {
    throw new Response("Forbidden", { status: 403 });
  }
  // The layout and page loaders of one request both ask for it: read once.
  const conference = await oncePerRequest(request, context, `conference:${membership.conferenceId}`, () =>
    services.prisma.conference.findUniqueOrThrow({ where: { id: membership.conferenceId } }),
  );
  return { user, conference, role: membership.role, forceId: membership.forceId };
}

/** What the JSON API answers a refusal when the missing second factor is the reason. */
export const SECOND_FACTOR_MESSAGE = "Set up a second factor (two-step verification, /account/two-factor) before acting in this conference";
