// A conference page whose forms name their step by `intent` (agenda, votes, check-in): the member, asked
// by the policy module for the page's action, the form, and what each step's domain command takes.
import type { AppLoadContext } from "@remix-run/node";
import type { Action } from "~/policy";
import { requireMember } from "~/context.server";
import { commandMeta } from "./request.server";
import { dispatchIntent, pageAction } from "./page.server";

export interface MemberStep {
  form: FormData;
  user: Awaited<ReturnType<typeof requireMember>>["user"];
  conferenceId: string;
  services: AppLoadContext["services"];
  meta: ReturnType<typeof commandMeta>;
}

/** The page's action: the member may `action` in their conference, then the form's step runs. */
export async function memberStepAction(request: Request, context: AppLoadContext, action: Action, steps: Record<string, (step: MemberStep) => Promise<Response>>) {
  const { user, conference } = await requireMember(request, context, action);
  const form = await request.formData();
  const step: MemberStep = { form, user, conferenceId: conference.id, services: context.services, meta: commandMeta(request, context.services) };
  return pageAction(() => dispatchIntent(steps, form.get("intent"), step));
}
