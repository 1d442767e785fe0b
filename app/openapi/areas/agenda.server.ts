// OpenAPI for the agenda (issue 20, ADR 0054). The response schema is the one in app/domain/agenda-schema.ts.
import { z } from "zod";
import type { ApiRegistry } from "../registry.server";
import { json } from "../content";
import { AgendaSchema } from "~/domain/agenda-schema";

export function register({ registry, schema, errors, tag }: ApiRegistry) {
  tag("Agenda", "The plenary's sessions and items, and the item on the floor");
  const Agenda = schema("Agenda", AgendaSchema);
  registry.registerPath({
    method: "get",
    path: "/api/v1/conferences/{id}/agenda",
    tags: ["Agenda"],
    summary: "The agenda by day and start: sessions with their items (proposed items to organizers and the committee only) and the current item's id",
    request: { params: z.object({ id: z.string().meta({ description: "Conference id" }) }) },
    responses: { 200: json(Agenda, "The agenda"), ...errors(401, 403) },
  });
}
