// Saved versions of the working paper: list, save, and pick two to compare. Works without JavaScript.
import { pageQuery } from "~/domain/query-params";
import { z } from "zod";
import { json, redirect, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import { requireMember } from "~/context.server";
import { may } from "~/policy";
import { DomainError } from "~/domain/errors";
import { asHttp } from "~/http/page.server";
import { conferencePaper, listVersions, saveVersion } from "~/domain/papers.server";
import { isDailyVersionName } from "~/domain/papers";
import { SaveVersionForm, VersionName, useDay } from "~/components/editor/versions";
import paperCss from "~/components/editor/paper.css?url";
import { useOfficeTime } from "~/components/dates";
import { clientIp } from "~/http/request.server";
import { pageTitle } from "~/i18n/meta";

export const meta = pageTitle("paper.versions.title");

export const links: LinksFunction = () => [{ rel: "stylesheet", href: paperCss }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { services } = context;
  const m = await requireMember(request, context, "paper.read");
  const paper = await conferencePaper(services.prisma, m.conference.id).catch(asHttp);
  const versions = await listVersions(services.prisma, paper.id);
  const savedId = pageQuery(z.object({ saved: z.string().max(64).optional() }), new URL(request.url).searchParams).saved;
  return json({
    paper: { id: paper.id, title: paper.title },
    saved: versions.find((v) => v.id === savedId)?.name ?? null,
    versions: versions.map((v) => ({ ...v, createdAt: v.createdAt.toISOString() })),
    canSave: may(m.user, "paper.version.save", { conferenceId: m.conference.id }),
  });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const { services } = context;
  const m = await requireMember(request, context, "paper.version.save");
  const paper = await conferencePaper(services.prisma, m.conference.id).catch(asHttp);
  const form = await request.formData();
  // Back to the page the form was on (the paper or this list); a redirect, so a reload never saves twice.
  const back = form.get("next") === "/paper" ? "/paper" : "/paper/versions";
  try {
    const v = await saveVersion(services, m.user, { paperId: paper.id, name: form.get("name") }, { ip: clientIp(request) });
    return redirect(`${back}?saved=${encodeURIComponent(v.id)}`);
  } catch (err) {
    if (err instanceof DomainError && err.code === "bad_request") {
      const reason = (err.details as { reason?: string } | undefined)?.reason;
      return json({ error: reason === "tooLong" ? ("paper.versions.nameTooLong" as const) : ("paper.versions.nameRequired" as const) }, { status: 400 });
    }
    throw err;
  }
}

export default function Versions() {
  const { t } = useTranslation();
  const { paper, versions, canSave, saved } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const when = useOfficeTime().dateTime;
  return (
    <div className="space-y-4">
      <p className="text-sm">
        <Link to="/paper">{t("paper.back")}</Link>
      </p>
      <h1 className="text-2xl font-bold">
        {t("paper.versions.title")} — <span dir="auto">{paper.title}</span>
      </h1>

      {canSave ? <SaveVersionForm next="/paper/versions" saved={saved} error={result?.error ?? null} className="card" /> : null}

      <Form method="get" action="/paper/compare" className="card flex flex-wrap items-end gap-3" data-testid="compare-form">
        <h2 className="w-full font-bold">{t("paper.compare.title")}</h2>
        <label className="block text-sm">
          {t("paper.compare.from")}
          <select name="from" className="field mt-1 w-72" defaultValue={versions[0]?.id ?? "current"}>
            <VersionOptions versions={versions} />
          </select>
        </label>
        <label className="block text-sm">
          {t("paper.compare.to")}
          <select name="to" className="field mt-1 w-72" defaultValue="current">
            <VersionOptions versions={versions} />
          </select>
        </label>
        <button type="submit" className="btn">
          {t("paper.compare.submit")}
        </button>
      </Form>

      {versions.length ? (
        <table className="data card" data-testid="versions-table">
          <thead>
            <tr>
              <th>{t("paper.versions.colName")}</th>
              <th>{t("paper.versions.colBy")}</th>
              <th>{t("paper.versions.colAt")}</th>
              <th>
                <span className="sr-only">{t("paper.versions.colActions")}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {versions.map((v) => (
              <tr key={v.id} data-version={v.id} data-automatic={v.automatic ? "true" : undefined}>
                <td>
                  <Link to={`/paper/versions/${v.id}`}>
                    <VersionName version={v} />
                  </Link>
                  {v.automatic ? <span className="ms-2 rounded bg-stone-100 px-1.5 text-xs text-stone-600">{t("paper.versions.automatic")}</span> : null}
                </td>
                <td dir="auto">{v.createdBy?.name ?? t("paper.versions.system")}</td>
                <td>
                  <time dateTime={v.createdAt}>{when(v.createdAt)}</time>
                </td>
                <td className="whitespace-nowrap text-sm">
                  <Link to={`/paper/compare?from=${v.id}&to=current`}>{t("paper.compare.withCurrent")}</Link>
                  {" · "}
                  <a href={`/paper/export?version=${v.id}`} download>
                    {t("paper.export.docx")}
                  </a>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p className="card">{t("paper.versions.none")}</p>
      )}
    </div>
  );
}

function VersionOptions({ versions }: { versions: { id: string; name: string; automatic: boolean; createdAt: string }[] }) {
  const { t } = useTranslation();
  const when = useOfficeTime().dateTime;
  const day = useDay();
  return (
    <>
      <option value="current">{t("paper.compare.current")}</option>
      {versions.map((v) => (
        <option key={v.id} value={v.id}>
          {`${v.automatic && isDailyVersionName(v.name) ? t("paper.versions.daily", { date: day(v.name) }) : v.name} — ${when(v.createdAt)}`}
        </option>
      ))}
    </>
  );
}
