// The y-websocket wire format (y-protocols): [varUint messageType][payload]. Sync messages carry
// step 1 (a state vector), step 2 or an update (a Yjs update); awareness carries an awareness update.
// Parsing is strict — a truncated varint, an unknown type or trailing bytes is a malformed message —
// and never touches a document, so a bad frame costs the sender its connection and nothing else.
import * as Y from "yjs";
import * as encoding from "lib0/encoding";
import * as decoding from "lib0/decoding";
import { CloseCode, CloseError } from "./options.js";

export const messageSync = 0;
export const messageAwareness = 1;
export const messageAuth = 2;
export const messageQueryAwareness = 3;

export const syncStep1 = 0;
export const syncStep2 = 1;
export const syncUpdate = 2;

export type ClientMessage =
  | { kind: "sync-step1"; stateVector: Uint8Array }
  | { kind: "sync-step2"; update: Uint8Array }
  | { kind: "update"; update: Uint8Array }
  | { kind: "awareness"; update: Uint8Array }
  | { kind: "query-awareness" };

const malformed = (what: string) => new CloseError(CloseCode.malformed, `malformed message: ${what}`);

export function parseClientMessage(data: Uint8Array): ClientMessage {
  const decoder = decoding.createDecoder(data);
  let message: ClientMessage;
  try {
    const type = decoding.readVarUint(decoder);
    if (type === messageSync) {
      const step = decoding.readVarUint(decoder);
      const payload = decoding.readVarUint8Array(decoder);
      if (step === syncStep1) {
        // Decoding it here keeps a bad state vector from ever reaching encodeStateAsUpdate.
        Y.decodeStateVector(payload);
        message = { kind: "sync-step1", stateVector: payload };
      } else if (step === syncStep2) message = { kind: "sync-step2", update: payload };
      else if (step === syncUpdate) message = { kind: "update", update: payload };
      else throw malformed(`unknown sync step ${step}`);
    } else if (type === messageAwareness) {
      message = { kind: "awareness", update: decoding.readVarUint8Array(decoder) };
    } else if (type === messageQueryAwareness) {
      message = { kind: "query-awareness" };
    } else {
      throw malformed(`unknown message type ${type}`);
    }
  } catch (err) {
    if (err instanceof CloseError) throw err;
    throw malformed((err as Error).message || "undecodable");
  }
  if (decoding.hasContent(decoder)) throw malformed("trailing bytes");
  return message;
}

/** One frame: message type, optional sync sub-type, then the payload as a length-prefixed array. */
function frame(type: number, subtype: number | null, payload: Uint8Array): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, type);
  if (subtype !== null) encoding.writeVarUint(e, subtype);
  encoding.writeVarUint8Array(e, payload);
  return encoding.toUint8Array(e);
}

export const encodeSyncStep1 = (stateVector: Uint8Array) => frame(messageSync, syncStep1, stateVector);
export const encodeSyncStep2 = (update: Uint8Array) => frame(messageSync, syncStep2, update);
export const encodeUpdate = (update: Uint8Array) => frame(messageSync, syncUpdate, update);
export const encodeAwareness = (update: Uint8Array) => frame(messageAwareness, null, update);

/** One entry of an awareness update: a client's clock and its state (null = gone). */
export interface AwarenessEntry {
  clientId: number;
  clock: number;
  state: Record<string, unknown> | null;
}

export function decodeAwarenessUpdate(update: Uint8Array): AwarenessEntry[] {
  try {
    const d = decoding.createDecoder(update);
    const n = decoding.readVarUint(d);
    const entries: AwarenessEntry[] = [];
    for (let i = 0; i < n; i++) {
      const clientId = decoding.readVarUint(d);
      const clock = decoding.readVarUint(d);
      const state: unknown = JSON.parse(decoding.readVarString(d));
      if (state !== null && (typeof state !== "object" || Array.isArray(state))) throw new Error("awareness state is not an object");
      entries.push({ clientId, clock, state: state as AwarenessEntry["state"] });
    }
    if (decoding.hasContent(d)) throw new Error("trailing bytes");
    return entries;
  } catch (err) {
    throw malformed(`awareness: ${(err as Error).message}`);
  }
}

export function encodeAwarenessEntries(entries: AwarenessEntry[]): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, entries.length);
  for (const entry of entries) {
    encoding.writeVarUint(e, entry.clientId);
    encoding.writeVarUint(e, entry.clock);
    encoding.writeVarString(e, JSON.stringify(entry.state));
  }
  return encoding.toUint8Array(e);
}
