// requireMember once per request: a page's layout and child loaders run for the same Request, and
// each lookup is a session query plus a conference query.
import type { AppLoadContext } from "@remix-run/node";
import { requireMember, type MemberContext } from "~/context.server";
import { may, type Action } from "~/policy";

const cache = new WeakMap<Request, Promise<MemberContext>>();

export async function member(request: Request, context: AppLoadContext, action: Action = "conference.read"): Promise<MemberContext> {
  let p = cache.get(request);
  if (!p) {
    p = requireMember(request, context, "conference.read");
    cache.set(request, p);
  }
  const m = await p;
  if (action !== "conference.read" && !may(m.user, action, { conferenceId: m.conference.id, forceId: m.forceId })) throw new Response("Forbidden", { status: 403 });
  return m;
}
