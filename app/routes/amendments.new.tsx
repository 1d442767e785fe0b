// Propose an amendment: the read-only paper, server-rendered; select text in it (with JavaScript the
// selection fills the offsets) or choose a paragraph and a phrase (without), then the proposal form.
// The live paper's proposal panel posts here too, with positions taken in the live Y.Doc (ADR 0050).
import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import { requireMember } from "~/context.server";
import { may } from "~/policy";
import { createAmendment, transition, windowState } from "~/domain/amendments.server";
import { amendmentDeps, blocksWithOffsets, formAction, layoutOf, pagePaper, proposalSelection, text } from "~/lib/amendments-page.server";
import { ErrorNotice, useForceName } from "~/components/amendments/ui";
import { PaperSelection } from "~/components/amendments/PaperSelection";
import { ProposalButtons, ProposalFields } from "~/components/amendments/ProposalFields";

export const meta: MetaFunction = () => [{ title: "اقتراح تعديل · توافق" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { user, conference, forceId, role } = await requireMember(request, context, "amendment.read");
  if (role !== "DELEGATE" || !forceId || !may(user, "amendment.draft", { conferenceId: conference.id, forceId })) throw new Response("Forbidden", { status: 403 });
  const { paper } = await pagePaper(request, context, conference.id);
  const doc = await context.services.papers.read(paper.id);
  const force = await context.services.prisma.force.findUniqueOrThrow({ where: { id: forceId }, select: { id: true, nameAr: true, nameKu: true, nameEn: true } });
  const url = new URL(request.url);
  return json({ paper, force, blocks: blocksWithOffsets(layoutOf(doc)), window: windowState(conference, new Date()), block: url.searchParams.get("block") });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const { user, conference } = await requireMember(request, context, "amendment.read");
  const { paper } = await pagePaper(request, context, conference.id);
  const form = await request.formData();
  const deps = amendmentDeps(context, request);
  return formAction(async () => {
    const sel = await proposalSelection(form, async () => layoutOf(await context.services.papers.read(paper.id)));
    const a = await createAmendment(deps, user, paper.id, {
      type: text(form, "type"),
      ...sel,
      proposedText: text(form, "proposedText") ?? "",
      proposedTitle: text(form, "proposedTitle"),
      rationale: text(form, "rationale") ?? "",
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
