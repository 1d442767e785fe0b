import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import { ConfirmDelete, IntentButton } from "~/components/ui/actions";
import { requireMember } from "~/context.server";
import { deleteOutreach, getOutreach, officeToday, outreachFormOptions, outreachValues, setFollowUpDone, updateOutreach } from "~/domain/outreach.server";
import { may } from "~/policy";
import { formValues, pageAction } from "~/http/page.server";
import { safeNext } from "~/http/request.server";
import { OutreachForm } from "~/components/coordination/OutreachForm";
import { Day, DueBadge, Notice, useName, formErrors } from "~/components/coordination/ui";
import { clientIp } from "~/http/request.server";
import { pageParams } from "~/domain/query-params";
import { z } from "zod";
import { pageTitle } from "~/i18n/meta";

export const meta = pageTitle("titles.outreachEntry");

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { user, conference } = await requireMember(request, context, "outreach.read");
  // Only the notice the page shows after its own redirect (ADR 0033).
  pageParams(request, { saved: z.literal("1").optional() });
  const { prisma } = context.services;
  const entry = await getOutreach(prisma, user, params.id!).catch(() => {
    throw new Response("Not found", { status: 404 });
  });
  const canWrite = may(user, "outreach.write", { conferenceId: entry.conferenceId });
  return json({
    entry,
    values: outreachValues(entry),
    canWrite,
    options: canWrite ? await outreachFormOptions(prisma, user, conference.id) : null,
    today: officeToday(),
  });
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const { user } = await requireMember(request, context, "outreach.write");
  const { prisma } = context.services;
  const values = await formValues(request);
  const id = params.id!;
  return pageAction(async () => {
    switch (values.intent) {
      case "complete":
      case "reopen":
        await setFollowUpDone(prisma, user, id, values.intent === "complete", {}, { ip: clientIp(request) });
        return redirect(safeNext(values.next, `/outreach/${id}`));
      case "delete":
        await deleteOutreach(prisma, user, id, { ip: clientIp(request) });
        return redirect("/outreach?deleted=1");
      default:
        await updateOutreach(prisma, user, id, values, {}, { ip: clientIp(request) });
        return redirect(`/outreach/${id}?saved=1`);
    }
  }, values);
}

export default function OutreachEntryPage() {
  const { t } = useTranslation();
  const name = useName();
  const { entry: e, values, canWrite, options, today } = useLoaderData<typeof loader>();
  const failed = useActionData<typeof action>();
  const [params] = useSearchParams();
  const fu = e.followUp;
  return (
    <div className="space-y-6">
      <nav className="text-sm">
        <Link to="/outreach">{t("coordination.outreach.title")}</Link>
        {e.force ? (
          <>
            {" · "}
            <Link to={`/outreach/forces/${e.force.id}`}>{t("coordination.outreach.timelineOf", { name: name(e.force) })}</Link>
          </>
        ) : null}
      </nav>
      <Notice show={params.get("saved") === "1"}>{t("coordination.outreach.saved")}</Notice>
      <article className="card space-y-2" data-testid="outreach-entry">
        <h1 className="text-xl font-bold">
          {t(`coordination.channel.${e.channel}`)} · <Day day={e.occurredOn} />
        </h1>
        <dl className="grid grid-cols-[auto_1fr] gap-x-6 gap-y-1 text-sm">
          <dt>{t("coordination.outreach.withWhom")}</dt>
          <dd>
            {[e.force ? name(e.force) : null, e.contact?.name, e.representation?.country].filter(Boolean).join(" · ")}
          </dd>
          <dt>{t("coordination.outreach.participants")}</dt>
          <dd dir="auto">{e.participants || "—"}</dd>
          <dt>{t("coordination.outreach.summary")}</dt>
          <dd dir="auto" className="whitespace-pre-wrap">
            {e.summary}
          </dd>
          <dt>{t("coordination.outreach.outcome")}</dt>
          <dd dir="auto" className="whitespace-pre-wrap">
            {e.outcome || "—"}
          </dd>
        </dl>
        <p className="text-xs text-stone-500">{e.createdBy ? t("coordination.outreach.loggedBy", { name: e.createdBy.name }) : null}</p>
      </article>

      {fu ? (
        <section className="card space-y-2" data-testid="entry-follow-up">
          <h2 className="font-semibold">{t("coordination.outreach.followUpSection")}</h2>
          <p className="flex flex-wrap items-center gap-2">
            <DueBadge state={fu.state} />
            <span dir="auto">{fu.what}</span>
            <span className="text-sm text-stone-600">
              <Day day={fu.due} /> · {fu.owner?.name}
            </span>
          </p>
          {fu.doneBy ? <p className="text-sm text-stone-600">{t("coordination.outreach.completedBy", { name: fu.doneBy.name })}</p> : null}
          {canWrite ? (
            fu.doneAt ? (
              <IntentButton intent="reopen" label={t("coordination.outreach.reopen")} testId="reopen-follow-up" />
            ) : (
              <IntentButton intent="complete" label={t("coordination.outreach.complete")} className="btn" testId="complete-follow-up" />
            )
          ) : null}
        </section>
      ) : null}

      {canWrite && options ? (
        <section className="space-y-3">
          <h2 className="text-lg font-semibold">{t("coordination.outreach.edit")}</h2>
          <OutreachForm options={options} values={failed?.values ?? values} errors={formErrors(failed)} submitLabel={t("coordination.outreach.save")} today={today} />
          <ConfirmDelete summary={t("coordination.outreach.delete")} confirm={t("coordination.outreach.deleteConfirm")} testId="outreach-delete" />
        </section>
      ) : null}
    </div>
  );
}
