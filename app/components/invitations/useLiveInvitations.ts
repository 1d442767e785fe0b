// Keeps a page's invitation data current: joins the conference's rooms over socket.io and reloads the
// route data (Remix revalidation) when someone changes an invitation. Without JavaScript the page is
// simply as fresh as its last load.
import { useEffect, useRef, useState } from "react";
import { useRevalidator } from "@remix-run/react";
import type { Socket } from "socket.io-client";
import { INVITATION_CHANGED, type InvitationChangedEvent } from "~/domain/invitations-live";
import { joinLive } from "~/components/realtime/socket";

export function useLiveInvitations(conferenceId: string | null, onChange?: (e: InvitationChangedEvent) => void) {
  const revalidator = useRevalidator();
  const revalidate = useRef(revalidator.revalidate);
  revalidate.current = revalidator.revalidate;
  const cb = useRef(onChange);
  cb.current = onChange;
  const [socket, setSocket] = useState<Socket | null>(null);
  const [connected, setConnected] = useState(false);

  useEffect(() => {
    if (!conferenceId) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    // The board emits its drag-and-drop moves on this same connection (with acknowledgements).
    const live = joinLive(setSocket);
    live.subscribe(conferenceId, setConnected);
    live.on(INVITATION_CHANGED, (e: InvitationChangedEvent) => {
      if (e.conferenceId !== conferenceId) return;
      cb.current?.(e);
      // Several changes in a burst (bulk) cause one reload.
      clearTimeout(timer);
      timer = setTimeout(() => revalidate.current(), 120);
    });
    return () => {
      clearTimeout(timer);
      live.release();
      setSocket(null);
      setConnected(false);
    };
  }, [conferenceId]);

  return { socket, connected };
}

/** What the invitations layout hands its pages (useOutletContext): the live connection, if any. */
export interface LiveContext {
  socket: Socket | null;
  connected: boolean;
}
