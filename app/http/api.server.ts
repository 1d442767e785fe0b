// JSON API adapter: every error is { error: { code, message } } with the right status; no stack traces.
import { json, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { DomainError, fieldErrorsOf, parseInput } from "~/domain/errors";
import { requireApiUser } from "~/session.server";
import type { SessionUser } from "~/domain/accounts.server";
import type { AppServices } from "~/services.server";
import { SECOND_FACTOR_MESSAGE } from "~/context.server";
import { mustEnrolSecondFactor } from "~/policy";

export const apiError = (status: number, code: string, message: string, details?: unknown) =>
  json({ error: { code, message, ...(details ? { details } : {}) } }, { status });

/** The one 405: names the methods the route answers, in the message and the Allow header. */
export function methodNotAllowed(...methods: string[]) {
  const res = apiError(405, "method_not_allowed", `Use ${methods.join(" or ")}`);
  res.headers.set("Allow", methods.join(", "));
  return res;
}

export type ApiArgs = (LoaderFunctionArgs | ActionFunctionArgs) & { user: SessionUser; services: AppServices };

export function api(handler: (args: ApiArgs) => Promise<Response | unknown>) {
  return async (args: LoaderFunctionArgs | ActionFunctionArgs) => {
    const services = args.context.services;
    let user: SessionUser | undefined;
    try {
      user = await requireApiUser(args.request, services);
      const result = await handler({ ...args, user, services });
      return result instanceof Response ? result : json(result);
    } catch (err) {
      // Refusals the domain raised for a member who has yet to set up a second factor say why.
      const u = user;
      if (u && err instanceof DomainError && err.code === "forbidden" && !err.details && u.memberships.some((m) => mustEnrolSecondFactor(u, m.conferenceId))) {
        return toApiError(new DomainError("forbidden", SECOND_FACTOR_MESSAGE), services);
      }
      return toApiError(err, services);
    }
  };
}

export function toApiError(err: unknown, services: AppServices): Response {
  if (err instanceof Response) return err;
  if (err instanceof DomainError) return apiError(err.status, err.code, err.message, err.details);
  if (err instanceof z.ZodError) return apiError(400, "invalid", "The request is not valid", { reason: "invalid", fieldErrors: fieldErrorsOf(err) });
  services.log.error({ err }, "API error");
  return apiError(500, "internal", "Something went wrong on our side");
}

/** Parses a JSON body against a schema: malformed JSON and invalid fields are 400s, not 500s. */
export async function readJson<T extends z.ZodType>(request: Request, schema: T): Promise<z.infer<T>> {
  let body: unknown;
  try {
    body = await request.json();
  } catch {
    throw new DomainError("bad_request", "The body is not valid JSON");
  }
  return parseInput(schema, body);
}
