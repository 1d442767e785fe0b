// Layout of the invitation pages: tabs for staff, and the live connection that keeps every view
// (table, board, attention, figures, one invitation) current when another organizer changes something.
import { json, type LoaderFunctionArgs } from "@remix-run/node";
import { Outlet, useLoaderData } from "@remix-run/react";
import { useState } from "react";
import { useTranslation } from "~/i18n/react";
import { requireMember } from "~/context.server";
import { may, ownForceOf } from "~/policy";
import { PipelineTabs } from "~/components/invitations/ui";
import { useLiveInvitations, type LiveContext } from "~/components/invitations/useLiveInvitations";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { user, conference } = await requireMember(request, context, "conference.read");
  const staff = may(user, "invitation.read", { conferenceId: conference.id, forceId: null });
  // Staff see every invitation; a delegate sees their own force's.
  if (!may(user, "invitation.read", { conferenceId: conference.id, forceId: ownForceOf(user, conference.id) })) throw new Response("Forbidden", { status: 403 });
  return json({ conferenceId: conference.id, staff, userId: user.id });
}

export default function InvitationsLayout() {
  const { t } = useTranslation();
  const { conferenceId, staff, userId } = useLoaderData<typeof loader>();
  const [lastOther, setLastOther] = useState<number | null>(null);
  const { socket, connected, status } = useLiveInvitations(conferenceId, (e) => {
    if (e.actorId !== userId) setLastOther(Date.now());
  });
  return (
    <div>
      <PipelineTabs staff={staff} />
      <p className="no-print -mt-2 mb-2 text-end text-xs text-stone-500" aria-live="polite" data-testid="live-status" data-connected={connected ? "1" : "0"}>
        {status === "live" ? `● ${t("invitations.live")}` : status === "connecting" ? t("invitations.liveConnecting") : status === "off" ? t("invitations.liveOff") : null}
        {lastOther ? <span className="ms-2">{t("invitations.changedBy")}</span> : null}
      </p>
      <Outlet context={{ socket, connected } satisfies LiveContext} />
    </div>
  );
}
