// Propose an amendment: the read-only paper, server-rendered; select text in it (with JavaScript the
// selection fills the offsets) or choose a paragraph and a phrase (without), then the proposal form.
// The live paper's proposal panel posts here too, with positions taken in the live Y.Doc (ADR 0050).
import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import { requireMember } from "~/context.server";
import { proposingForce } from "~/policy";
import { createAmendment, maySubmitFor, transition, windowAt } from "~/domain/amendments.server";
import { AMENDMENT_PAGE_PARAMS, amendmentDeps, blocksWithOffsets, layoutOf, pagePaper, proposalSelection } from "~/http/amendments-page.server";
import { formText, pageAction } from "~/http/page.server";
import { pageParams } from "~/domain/query-params";
import { z } from "zod";
import { ErrorNotice, useForceName } from "~/components/amendments/ui";
import { PaperSelection } from "~/components/amendments/PaperSelection";
import { ProposalButtons, ProposalFields } from "~/components/amendments/ProposalFields";
import { pageTitle } from "~/i18n/meta";

export const meta = pageTitle("amendments.propose_.title");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { user, conference } = await requireMember(request, context, "amendment.read");
  // This page is a delegate's, for their own force; organizers name the force through the API.
  const forceId = proposingForce(user, conference.id);
  if (!forceId) throw new Response("Forbidden", { status: 403 });
  const { paper } = await pagePaper(request, context, conference.id);
  const doc = await context.services.papers.read(paper.id);
  const force = await context.services.prisma.force.findUniqueOrThrow({ where: { id: forceId }, select: { id: true, nameAr: true, nameKu: true, nameEn: true } });
  const { block } = pageParams(request, { paper: AMENDMENT_PAGE_PARAMS.paper, block: z.string().regex(/^\d{1,6}$/).optional() });
  // "open" only for whoever submits for the force: the others save drafts and ask its lead (ADR 0061).
  const { state } = await windowAt(context.services.prisma, conference.id, new Date());
  const window = state === "open" && !(await maySubmitFor(context.services.prisma, user, conference.id, forceId)) ? "lead" : state;
  return json({ paper, force, blocks: blocksWithOffsets(layoutOf(doc)), window, block: block ?? null });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const { user, conference } = await requireMember(request, context, "amendment.read");
  const { paper } = await pagePaper(request, context, conference.id);
  const form = await request.formData();
  const deps = amendmentDeps(context, request);
  return pageAction(async () => {
    const sel = await proposalSelection(form, async () => layoutOf(await context.services.papers.read(paper.id)));
    const a = await createAmendment(deps, user, paper.id, {
      type: formText(form, "type"),
      ...sel,
      proposedText: formText(form, "proposedText") ?? "",
      proposedTitle: formText(form, "proposedTitle"),
      rationale: formText(form, "rationale") ?? "",
    });
    if (form.get("intent") === "submit") {
      // Saved as a draft first, so a refused submission (window closed) loses nothing.
      try {
        await transition(deps, user, a.id, { to: "SUBMITTED" });
      } catch (err) {
        const reason = (err as { details?: { reason?: string } }).details?.reason;
        return redirect(`/amendments/${a.id}?notice=created${reason ? `&error=${encodeURIComponent(reason)}` : ""}`);
      }
      return redirect(`/amendments/${a.id}?notice=submitted`);
    }
    return redirect(`/amendments/${a.id}?notice=created`);
  });
}

export default function ProposeAmendment() {
  const { t } = useTranslation();
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>() as { error?: Parameters<typeof ErrorNotice>[0]["error"] } | undefined;
  const nav = useNavigation();
  const forceName = useForceName();
  return (
    <div className="space-y-4">
      <Link to="/amendments" className="text-sm">
        {t("amendments.actions.back")}
      </Link>
      <h1 className="text-2xl font-bold">{t("amendments.propose_.title")}</h1>
      <p className="notice">{t("amendments.propose_.onBehalf", { force: forceName(data.force) })}</p>
      <ErrorNotice error={actionData?.error} />
      <Form method="post" className="grid gap-6 lg:grid-cols-[3fr_2fr]" data-testid="propose-form">
        <PaperSelection blocks={data.blocks} title={data.paper.title} initialBlock={data.block} />
        <div className="card space-y-3 self-start lg:sticky lg:top-4">
          <ProposalFields />
          <div className="flex flex-wrap gap-2">
            <ProposalButtons force={data.force} windowOpen={data.window === "open"} busy={nav.state !== "idle"} />
          </div>
        </div>
      </Form>
    </div>
  );
}
