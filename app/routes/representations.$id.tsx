import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { clientIp } from "~/http/request.server";
import { Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import { ConfirmDelete } from "~/components/ui/actions";
import { requireMember } from "~/context.server";
import { deleteRepresentation, representationDetail, updateRepresentation } from "~/domain/representations.server";
import { may } from "~/policy";
import { formValues, pageAction } from "~/http/page.server";
import { RepresentationForm } from "~/components/coordination/RepresentationForm";
import { PlanCard } from "~/components/coordination/PlanCard";
import { Day, DueBadge, Notice, useName, formErrors } from "~/components/coordination/ui";
import { pageParams } from "~/domain/query-params";
import { z } from "zod";
import { pageTitle } from "~/i18n/meta";

export const meta = pageTitle("titles.representation");

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { user } = await requireMember(request, context, "representation.read");
  // Only the notice the page shows after its own redirect (ADR 0033).
  pageParams(request, { saved: z.literal("1").optional() });
  const detail = await representationDetail(context.services.prisma, user, params.id!).catch(() => {
    throw new Response("Not found", { status: 404 });
  });
  const c = detail.representation.conferenceId;
  return json({
    ...detail,
    canWrite: may(user, "representation.write", { conferenceId: c }),
    canPlan: may(user, "plan.write", { conferenceId: c }),
    canLog: may(user, "outreach.write", { conferenceId: c }),
  });
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const { user } = await requireMember(request, context, "representation.write");
  const values = await formValues(request);
  return pageAction(async () => {
    if (values.intent === "delete") {
      await deleteRepresentation(context.services.prisma, user, params.id!, { ip: clientIp(request) });
      return redirect("/representations?deleted=1");
    }
    await updateRepresentation(context.services.prisma, user, params.id!, values, { ip: clientIp(request) });
    return redirect(`/representations/${params.id}?saved=1`);
  }, values);
}

export default function RepresentationPage() {
  const { t } = useTranslation();
  const name = useName();
  const { representation: r, planItems, outreach, canWrite, canPlan, canLog } = useLoaderData<typeof loader>();
  const failed = useActionData<typeof action>();
  const [params] = useSearchParams();
  return (
    <div className="space-y-6">
      <nav className="text-sm">
        <Link to="/representations">{t("coordination.representations.title")}</Link>
      </nav>
      <Notice show={params.get("saved") === "1"}>{t("coordination.representations.saved")}</Notice>
      <article className="card space-y-2" data-testid="representation-detail">
        <h1 className="text-2xl font-bold">
          {r.country}
          {r.city ? <span className="text-lg font-normal text-stone-600"> · {r.city}</span> : null}
        </h1>
        <dl className="grid grid-cols-[auto_1fr] gap-x-6 gap-y-1 text-sm">
          <dt>{t("coordination.representations.area")}</dt>
          <dd>{t(`coordination.representations.areas.${r.area}`)}</dd>
          <dt>{t("coordination.representations.status")}</dt>
          <dd>{t(`coordination.representations.statuses.${r.status}`, { defaultValue: r.status })}</dd>
          <dt>{t("coordination.representations.representatives")}</dt>
          <dd dir="auto" className="whitespace-pre-wrap">
            {r.representatives || "—"}
          </dd>
          <dt>{t("coordination.representations.contacts")}</dt>
          <dd dir="auto" className="whitespace-pre-wrap">
            {r.contacts || "—"}
          </dd>
          <dt>{t("coordination.representations.notes")}</dt>
          <dd dir="auto" className="whitespace-pre-wrap">
            {r.notes || "—"}
          </dd>
        </dl>
      </article>

      <section aria-labelledby="rep-tasks">
        <div className="mb-2 flex items-center gap-3">
          <h2 id="rep-tasks" className="text-lg font-semibold">
            {t("coordination.representations.tasks")}
          </h2>
          {canPlan ? <Link to={`/plans/new?representationId=${r.id}`}>{t("coordination.representations.addTask")}</Link> : null}
        </div>
        {planItems.length ? (
          <ul className="grid gap-2 md:grid-cols-3">
            {planItems.map((i) => (
              <PlanCard key={i.id} item={i} canWrite={canPlan} showHorizon />
            ))}
          </ul>
        ) : (
          <p className="text-sm text-stone-500">{t("coordination.representations.noTasks")}</p>
        )}
      </section>

      <section aria-labelledby="rep-outreach">
        <div className="mb-2 flex items-center gap-3">
          <h2 id="rep-outreach" className="text-lg font-semibold">
            {t("coordination.representations.outreach")}
          </h2>
          {canLog ? <Link to={`/outreach/new?representationId=${r.id}`}>{t("coordination.representations.logOutreach")}</Link> : null}
        </div>
        {outreach.length ? (
          <ul className="space-y-2">
            {outreach.map((e) => (
              <li key={e.id} className="card text-sm">
                <Link to={`/outreach/${e.id}`}>
                  <Day day={e.occurredOn} /> · {t(`coordination.channel.${e.channel}`)}
                  {e.force ? ` · ${name(e.force)}` : ""}
                </Link>
                <p dir="auto">{e.summary}</p>
                {e.followUp ? (
                  <p>
                    <DueBadge state={e.followUp.state} /> <span dir="auto">{e.followUp.what}</span>
                  </p>
                ) : null}
              </li>
            ))}
          </ul>
        ) : (
          <p className="text-sm text-stone-500">{t("coordination.representations.noOutreach")}</p>
        )}
      </section>

      {canWrite ? (
        <section className="space-y-3">
          <h2 className="text-lg font-semibold">{t("coordination.representations.edit")}</h2>
          <RepresentationForm
            values={
              failed?.values ?? {
                country: r.country,
                area: r.area,
                city: r.city,
                representatives: r.representatives,
                contacts: r.contacts,
                status: r.status,
                notes: r.notes,
              }
            }
            errors={formErrors(failed)}
            submitLabel={t("coordination.representations.save")}
          />
          <ConfirmDelete summary={t("coordination.representations.delete")} confirm={t("coordination.representations.deleteConfirm")} />
        </section>
      ) : null}
    </div>
  );
}
