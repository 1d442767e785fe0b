// Shared by the coordination area's /api/v1 handlers: which conference, which method, what body.
import { z } from "zod";
import { readJson } from "~/http/api.server";
import { conferenceOf } from "~/domain/coordination-common";
import { parseQuery } from "~/domain/query-params";
import type { Actor } from "~/policy";

/** ?conferenceId=… when given (the caller must belong to it), else the caller's first conference. */
export function conferenceParam(request: Request, actor: Actor): string {
  return conferenceOf(actor, new URL(request.url).searchParams.get("conferenceId"));
}

/** The query string against the handler's schema, strictly (ADR 0033); `conferenceId` is read by conferenceParam. */
export const queryIn = <S extends z.ZodObject>(request: Request, schema: S): z.infer<S> =>
  parseQuery(schema, new URL(request.url).searchParams, { allow: ["conferenceId"] });

/** For handlers that take no filters: only `conferenceId`. */
export const noQuery = (request: Request) => void queryIn(request, z.object({}));

/** A JSON object body (fields are checked by the domain's own schema). */
export const readObject = (request: Request) => readJson(request, z.record(z.string(), z.unknown()));

export { methodNotAllowed } from "~/http/api.server";

export const created = (body: unknown) => Response.json(body, { status: 201 });
export const noContent = () => new Response(null, { status: 204 });
