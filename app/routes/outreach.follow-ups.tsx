import { json, type LoaderFunctionArgs } from "@remix-run/node";
import { pageQuery } from "~/domain/query-params";
import { z } from "zod";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import { requireMember } from "~/context.server";
import { openFollowUps } from "~/domain/outreach.server";
import { may } from "~/policy";
import { FollowUpList } from "~/components/coordination/FollowUps";
import { pageTitle } from "~/i18n/meta";

export const meta = pageTitle("coordination.outreach.followUps");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { user, conference } = await requireMember(request, context, "outreach.read");
  pageQuery(z.object({}), new URL(request.url).searchParams);
  const all = await openFollowUps(context.services.prisma, user, conference.id);
  // One list per owner, the reader's own first.
  const owners = new Map<string, { id: string; name: string; entries: typeof all }>();
  for (const e of all) {
    const o = e.followUp!.owner ?? { id: "", name: "—" };
    if (!owners.has(o.id)) owners.set(o.id, { ...o, entries: [] });
    owners.get(o.id)!.entries.push(e);
  }
  const groups = [...owners.values()].sort((a, b) => (a.id === user.id ? -1 : b.id === user.id ? 1 : a.name.localeCompare(b.name, "ar")));
  return json({ groups, me: user.id, canWrite: may(user, "outreach.write", { conferenceId: conference.id }) });
}

export default function FollowUpsPage() {
  const { t } = useTranslation();
  const { groups, me, canWrite } = useLoaderData<typeof loader>();
  return (
    <div className="space-y-6">
      <nav className="text-sm">
        <Link to="/outreach">{t("coordination.outreach.title")}</Link>
      </nav>
      <h1 className="text-2xl font-bold">{t("coordination.outreach.followUps")}</h1>
      {groups.length ? (
        groups.map((g) => (
          <section key={g.id} className="card" data-testid="owner-follow-ups">
            <h2 className="mb-2 font-semibold">{g.id === me ? t("coordination.outreach.myFollowUps") : g.name}</h2>
            <FollowUpList entries={g.entries} canWrite={canWrite} showOwner={false} />
          </section>
        ))
      ) : (
        <p className="card">{t("coordination.outreach.noFollowUps")}</p>
      )}
    </div>
  );
}
