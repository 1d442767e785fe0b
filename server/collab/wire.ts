// A broadcast is framed once for all its receivers. Frames from a server are never masked
// (RFC 6455 §5.1), so one message's frame is the same bytes for every client; writing those bytes to
// each socket saves ws the per-receiver header, cork and vectored write (ADR 0014: about a third of
// the server's CPU per delivery).
import type { Duplex } from "node:stream";
import { WebSocket } from "ws";

/** A final, unmasked binary frame holding payload (RFC 6455 §5.2). */
export function binaryFrame(payload: Uint8Array): Buffer {
  const n = payload.length;
  const head = n < 126 ? 2 : n < 65_536 ? 4 : 10;
  const frame = Buffer.allocUnsafe(head + n);
  frame[0] = 0x82; // FIN, opcode 2 (binary)
  if (n < 126) frame[1] = n;
  else if (n < 65_536) {
    frame[1] = 126;
    frame.writeUInt16BE(n, 2);
  } else {
    frame[1] = 127;
    frame.writeBigUInt64BE(BigInt(n), 2);
  }
  frame.set(payload, head);
  return frame;
}

/**
 * Writes a frame from binaryFrame straight to the connection's socket. Only sound while ws writes
 * synchronously, in call order: without permessage-deflate (index.ts turns it off) its sender never
 * queues, so these frames and ws's own (sync answers, pings, the close frame) keep their order. Once
 * the close handshake has begun, no data frame may follow, so nothing is written.
 */
export function writeFrame(ws: WebSocket, socket: Duplex, frame: Buffer): void {
  if (ws.readyState === WebSocket.OPEN) socket.write(frame);
}
