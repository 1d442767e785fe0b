import { json, type LoaderFunctionArgs } from "@remix-run/node";
import { pageQuery } from "~/domain/query-params";
import { z } from "zod";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import { requireMember } from "~/context.server";
import { search } from "~/domain/search.server";
import { searchKinds, type SearchKind } from "~/domain/coordination-enums";
import { useName } from "~/components/coordination/ui";
import { pageTitle } from "~/i18n/meta";

export const meta = pageTitle("coordination.search.title");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { user, conference } = await requireMember(request, context);
  const query = pageQuery(z.object({ q: z.string().max(200).default(""), kind: z.enum(searchKinds).optional() }), new URL(request.url).searchParams);
  const q = query.q;
  const one: SearchKind | null = query.kind ?? null;
  const result = q.trim() ? await search(context.services.prisma, user, conference.id, q, one ? { kinds: [one], limit: 50 } : {}) : null;
  return json({ q, kind: one, result });
}

const metaKeys: Record<string, (v: string) => string> = {
  forceKind: (v) => `coordination.forceKind.${v}`,
  status: (v) => `status.${v}`,
  type: (v) => `coordination.amendmentType.${v}`,
  state: (v) => `coordination.amendmentState.${v}`,
  channel: (v) => `coordination.channel.${v}`,
  horizon: (v) => `coordination.plans.horizons.${v}`,
  area: (v) => `coordination.representations.areas.${v}`,
};

export default function SearchPage() {
  const { t } = useTranslation();
  const name = useName();
  const { q, kind, result } = useLoaderData<typeof loader>();
  const metaText = (k: string, v: string | null) => {
    if (!v) return null;
    if (k === "archived") return t("coordination.search.archived");
    if (k === "source") return v === "delegation" ? t("coordination.search.delegation") : null;
    if (k === "block" || k === "paper") return null;
    if (k === "status") {
      const key = metaKeys.status!(v);
      const plan = `coordination.plans.statuses.${v}`;
      const rep = `coordination.representations.statuses.${v}`;
      return t(key, { defaultValue: t(plan, { defaultValue: t(rep, { defaultValue: v }) }) });
    }
    return metaKeys[k] ? t(metaKeys[k]!(v)) : v;
  };
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-bold">{t("coordination.search.title")}</h1>
      <Form method="get" role="search" className="flex gap-2">
        <label htmlFor="search-page-q" className="sr-only">
          {t("coordination.search.label")}
        </label>
        <input id="search-page-q" name="q" type="search" defaultValue={q} className="field" dir="auto" data-testid="search-page-q" />
        {kind ? <input type="hidden" name="kind" value={kind} /> : null}
        <button type="submit" className="btn">
          {t("coordination.search.submit")}
        </button>
      </Form>
      {kind ? (
        <p className="text-sm">
          {t(`coordination.search.kinds.${kind}`)} · <Link to={`?q=${encodeURIComponent(q)}`}>{t("coordination.search.all")}</Link>
        </p>
      ) : null}
      {!result ? (
        <p className="text-stone-600">{t("coordination.search.empty")}</p>
      ) : result.tooShort ? (
        <p className="card">{t("coordination.search.tooShort")}</p>
      ) : !result.groups.length ? (
        <p className="card" data-testid="search-none">
          {t("coordination.search.none", { q: result.query })}
        </p>
      ) : (
        <div className="space-y-4" data-testid="search-results">
          <p className="text-sm text-stone-600">{t("coordination.search.resultsFor", { q: result.query })}</p>
          {result.groups.map((g) => (
            <section key={g.kind} className="card" aria-labelledby={`kind-${g.kind}`} data-testid={`group-${g.kind}`}>
              <h2 id={`kind-${g.kind}`} className="mb-2 font-semibold">
                {t(`coordination.search.kinds.${g.kind}`)}
              </h2>
              <ul className="divide-y divide-stone-100">
                {g.hits.map((h) => (
                  <li key={`${h.kind}-${h.id}`} className="py-2" data-testid="search-hit">
                    <Link to={h.href} className="font-medium" dir="auto">
                      {h.kind === "force" || h.kind === "invitation" ? name(h.force) : h.title}
                    </Link>
                    <span className="ms-2 text-xs text-stone-600">
                      {[h.kind !== "force" && h.kind !== "invitation" && h.force ? name(h.force) : null, ...Object.entries(h.meta).map(([k, v]) => metaText(k, v))].filter(Boolean).join(" · ")}
                    </span>
                    {h.snippet ? (
                      <p className="text-sm text-stone-700" dir="auto">
                        {h.snippet.map((s, i) => (s.mark ? <mark key={i}>{s.text}</mark> : <span key={i}>{s.text}</span>))}
                      </p>
                    ) : null}
                  </li>
                ))}
              </ul>
              {g.more ? (
                <Link to={`?q=${encodeURIComponent(result.query)}&kind=${g.kind}`} className="mt-2 inline-block text-sm">
                  {t("coordination.search.more")}
                </Link>
              ) : null}
            </section>
          ))}
        </div>
      )}
    </div>
  );
}
