// One amendment: the anchored text then and now, the proposal, the word diff, the paper after the
// change, the history and the discussion, and the steps the reader may take (no-JS forms).
import { json, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData, type ShouldRevalidateFunction } from "@remix-run/react";
import { useKeptActionData } from "~/components/ui/action-data";
import { useTranslation } from "~/i18n/react";
import { requireMember } from "~/context.server";
import { getAmendment } from "~/domain/amendments.server";
import { AMENDMENT_PAGE_PARAMS, amendmentDeps, blocksWithOffsets, noticeFits } from "~/http/amendments-page.server";
import { asHttp, dispatchIntent, pageAction } from "~/http/page.server";
import { amendmentIntents } from "~/http/amendment-intents.server";
import { pageParams } from "~/domain/query-params";
import { z } from "zod";
import { ErrorNotice, Notice, StateBadge, useForceName, useLiveUpdates, type FormErrorData } from "~/components/amendments/ui";
import { AmendmentReading, CommitteeSteps, ForceSteps, History, Thread } from "~/components/amendments/view";
import { useOfficeTime } from "~/components/dates";
import { pageTitle } from "~/i18n/meta";

export const meta = pageTitle("titles.amendment");

/** A refused step (409: someone decided or changed it meanwhile) reloads the amendment, so the page shows how it stands now. */
export const shouldRevalidate: ShouldRevalidateFunction = ({ actionStatus, defaultShouldRevalidate }) => actionStatus === 409 || defaultShouldRevalidate;

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { user } = await requireMember(request, context, "conference.read");
  // The notice and the refusal reason the action's redirect carries (ADR 0033: nothing else), read before the lookup.
  const { notice, error } = pageParams(request, { notice: AMENDMENT_PAGE_PARAMS.notice, error: z.string().max(200).optional() });
  const deps = amendmentDeps(context);
  const view = await getAmendment(deps, user, params.id!).catch(asHttp);
  const { layout, ...rest } = view;
  return json({
    ...rest,
    blocks: view.allowed.reanchor || view.allowed.edit ? blocksWithOffsets(layout) : [],
    // Only a notice that still reports the amendment's state (not "submitted" once it is decided).
    notice: notice && noticeFits(notice, view.amendment.state) ? notice : null,
    error: error ?? null,
  });
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const { user } = await requireMember(request, context, "conference.read");
  const form = await request.formData();
  const step = { deps: amendmentDeps(context, request), papers: context.services.papers, user, id: params.id!, form };
  return pageAction(() => dispatchIntent(amendmentIntents, form.get("intent"), step));
}

export default function AmendmentView() {
  const { t } = useTranslation();
  const data = useLoaderData<typeof loader>();
  const actionData = useKeptActionData<typeof action>() as { error?: FormErrorData } | undefined;
  const forceName = useForceName();
  const a = data.amendment;
  useLiveUpdates(data.conferenceId, ["amendment:submitted", "amendment:changed", "amendment:decided", "amendment:comment", "amendments:published", "amendments:window"]);
  const { dateTime: fmt } = useOfficeTime();
  const queryError: FormErrorData | null = data.error ? { code: "conflict", reason: data.error, message: "" } : null;

  return (
    <div className="space-y-5" data-testid="amendment-view" data-state={a.state}>
      <Link to="/amendments" className="text-sm">
        {t("amendments.actions.back")}
      </Link>
      <header className="flex flex-wrap items-center gap-3">
        <h1 className="text-2xl font-bold">
          {t(`amendments.types.${a.type}`)} — {forceName(a.force)}
        </h1>
        <StateBadge state={a.state} />
        {a.overlapGroup ? <span className="rounded bg-purple-100 px-2 text-sm text-purple-900">{t("amendments.view.overlapGroup", { n: a.overlapGroup })}</span> : null}
      </header>
      <p className="text-sm text-stone-600">
        {t("amendments.view.section")}: {a.sectionTitle ?? "—"} · {data.paperTitle}
        {a.submittedAt ? ` · ${t("amendments.view.submittedAt")} ${fmt(a.submittedAt)}` : ""}
        {data.signOff.phase ? ` · ${data.signOff.phase.name || t("amendments.phases.numbered", { n: data.signOff.phase.number })}` : ""}
      </p>
      {data.signOff.signedOffBy ? (
        <p className="text-sm text-stone-600" data-testid="signed-off-by">
          {data.signOff.requestedBy && data.signOff.requestedBy.id !== data.signOff.signedOffBy.id
            ? t("amendments.signOff.signedOffAsked", { name: data.signOff.signedOffBy.name, asker: data.signOff.requestedBy.name })
            : t("amendments.signOff.signedOff", { name: data.signOff.signedOffBy.name })}
        </p>
      ) : null}
      {/* A refused step is the news: the notice of the step before it is not. */}
      <Notice notice={actionData?.error ? null : data.notice} />
      <ErrorNotice error={actionData?.error ?? queryError} />

      <AmendmentReading data={data} />
      <ForceSteps data={data} />
      <CommitteeSteps data={data} />
      <Thread data={data} />
      <History data={data} />
    </div>
  );
}
