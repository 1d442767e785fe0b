// Personal API tokens (ADR 0023): each acts only for its owner, within its scope, until it expires.
import { json, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { clientIp } from "~/http/request.server";
import { z } from "zod";
import { useTranslation } from "~/i18n/react";
import { IntentButton } from "~/components/ui/actions";
import { DataTable } from "~/components/ui/table";
import { ActionResult, type ActionResultData } from "~/components/account/ActionResult";
import { issueApiToken, listApiTokens, revokeApiToken } from "~/domain/accounts.server";
import { API_TOKEN_DAYS, API_TOKEN_MAX_DAYS } from "~/domain/account-limits";
import { DomainError } from "~/domain/errors";
import { requireUser } from "~/session.server";
import { useOfficeTime } from "~/components/dates";
import { pageTitle } from "~/i18n/meta";

export const meta = pageTitle("account.tokens.title");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context.services, context);
  return json({ tokens: await listApiTokens(context.services.prisma, user.id), now: new Date().toISOString() });
}

const Intent = z.discriminatedUnion("intent", [
  z.object({
    intent: z.literal("create"),
    name: z.string().trim().min(1).max(100),
    scope: z.enum(["READ", "WRITE"]),
    days: z.coerce.number().int().min(1).max(API_TOKEN_MAX_DAYS).default(API_TOKEN_DAYS),
  }),
  z.object({ intent: z.literal("revoke"), tokenId: z.string().min(1).max(64) }),
]);

type Result = ActionResultData;

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUser(request, context.services, context);
  const { prisma } = context.services;
  const raw = Object.fromEntries(await request.formData());
  for (const k of Object.keys(raw)) if (raw[k] === "") delete raw[k];
  const parsed = Intent.safeParse(raw);
  if (!parsed.success) return json<Result>({ error: "errors.invalid" }, { status: 400 });
  const input = parsed.data;
  try {
    if (input.intent === "create") {
      const { token } = await issueApiToken(prisma, { userId: user.id, name: input.name, scope: input.scope, days: input.days }, { ip: clientIp(request) });
      return json<Result>({ ok: "account.tokens.created", secret: token });
    }
    await revokeApiToken(prisma, { id: input.tokenId, userId: user.id }, { ip: clientIp(request) });
    return json<Result>({ ok: "account.tokens.revoked" });
  } catch (err) {
    if (err instanceof DomainError) return json<Result>({ error: `errors.${err.code === "not_found" ? "not_found" : "bad_request"}` }, { status: err.status });
    throw err;
  }
}

export default function Tokens() {
  const { t } = useTranslation();
  const { tokens, now } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const when = useOfficeTime().dateTime;
  const state = (tk: (typeof tokens)[number]) => (tk.revokedAt ? "isRevoked" : tk.expiresAt <= now ? "isExpired" : "active");
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-bold">{t("account.tokens.title")}</h1>
      <p className="text-stone-700">{t("account.tokens.explain")}</p>
      <ActionResult result={result} testId="tokens" />
      <section className="card">
        <Form method="post" className="flex flex-wrap items-end gap-3">
          <input type="hidden" name="intent" value="create" />
          <label>
            {t("account.tokens.name")}
            <input name="name" required maxLength={100} className="field" />
          </label>
          <label>
            {t("account.tokens.scope")}
            <select name="scope" defaultValue="READ" className="field">
              <option value="READ">{t("account.tokens.READ")}</option>
              <option value="WRITE">{t("account.tokens.WRITE")}</option>
            </select>
          </label>
          <label>
            {t("account.tokens.days")}
            <input name="days" type="number" min={1} max={API_TOKEN_MAX_DAYS} defaultValue={API_TOKEN_DAYS} className="field w-24" />
          </label>
          <button className="btn" type="submit">
            {t("account.tokens.create")}
          </button>
        </Form>
      </section>
      <section className="card overflow-x-auto">
        {tokens.length ? (
          <DataTable
            testId="tokens"
            columns={[
              t("account.tokens.name"),
              t("account.tokens.scope"),
              t("account.tokens.expires"),
              t("account.tokens.lastUsed"),
              t("account.tokens.state"),
              <span key="revoke" className="sr-only">
                {t("account.tokens.revoke")}
              </span>,
            ]}
          >
            {tokens.map((tk) => (
              <tr key={tk.id}>
                <td>{tk.name}</td>
                <td>{t(`account.tokens.${tk.scope}`)}</td>
                <td>{when(tk.expiresAt)}</td>
                <td>{tk.lastUsedAt ? when(tk.lastUsedAt) : t("account.tokens.never")}</td>
                <td>{t(`account.tokens.${state(tk)}`)}</td>
                <td>{state(tk) === "active" ? <IntentButton intent="revoke" values={{ tokenId: tk.id }} label={t("account.tokens.revoke")} /> : null}</td>
              </tr>
            ))}
          </DataTable>
        ) : (
          <p>{t("account.tokens.none")}</p>
        )}
      </section>
    </div>
  );
}
