-- Erasure of a person (ADR 0033): the invitation history stays append-only, except that the erasure
-- itself may replace a person's name in the events that name them. It says so for its own transaction
-- only (SET LOCAL tawafuq.erasure = 'on', app/domain/erasure.server.ts); nothing else can.
CREATE OR REPLACE FUNCTION "InvitationEvent_append_only"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' THEN
    IF current_setting('tawafuq.erasure', true) = 'on'
       AND NEW."invitationId" = OLD."invitationId" AND NEW."kind" = OLD."kind" AND NEW."createdAt" = OLD."createdAt"
       AND NEW."actorId" IS NOT DISTINCT FROM OLD."actorId" THEN
      RETURN NEW;
    END IF;
    RAISE EXCEPTION 'InvitationEvent is append-only' USING ERRCODE = 'check_violation';
  END IF;
  IF EXISTS (SELECT 1 FROM "Invitation" WHERE "id" = OLD."invitationId") THEN
    RAISE EXCEPTION 'InvitationEvent is append-only' USING ERRCODE = 'check_violation';
  END IF;
  RETURN OLD;
END;
$$;
