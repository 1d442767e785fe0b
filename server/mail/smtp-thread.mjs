// The SMTP side of the mail worker on its own thread (ADR 0049): building each MIME message and the
// several round trips of an SMTP conversation no longer wait behind page renders on the main thread, and
// at background priority they do not hold pages back either. Plain JavaScript, loaded by URL like the
// other worker threads (ADR 0036). Messages in: { id, mail } and { close: true }; out: { id, error? }.
import { parentPort, workerData } from "node:worker_threads";
import nodemailer from "nodemailer";
import { lowerThreadPriority } from "../thread-priority.mjs";

lowerThreadPriority();
/** @type {{ smtpUrl: string, from: string, connections: number, timeoutMs: number }} */
const { smtpUrl, from, connections, timeoutMs } = workerData;
const transporter = nodemailer.createTransport({
  url: smtpUrl,
  pool: true,
  maxConnections: connections,
  // A connection is renewed now and then (some servers cap messages per connection).
  maxMessages: 1000,
  connectionTimeout: timeoutMs,
  greetingTimeout: timeoutMs,
  socketTimeout: timeoutMs,
});

parentPort.on("message", async (msg) => {
  if (msg.close) {
    transporter.close();
    parentPort.close();
    return;
  }
  const { id, mail } = msg;
  try {
    await transporter.sendMail({
      from,
      to: { name: mail.to.name ?? "", address: mail.to.address },
      subject: mail.subject,
      text: mail.text,
      html: mail.html,
      messageId: mail.messageId,
      headers: { "Content-Language": mail.locale },
      attachments: mail.attachments.map((a) => ({ filename: a.filename, contentType: a.contentType, content: a.content, ...(a.encoding ? { encoding: a.encoding } : {}), ...(a.cid ? { cid: a.cid } : {}) })),
    });
    parentPort.postMessage({ id });
  } catch (err) {
    // What the worker needs to judge and record the failure; the error object itself does not cross threads.
    parentPort.postMessage({ id, error: { code: err?.code, responseCode: err?.responseCode, message: String(err?.message ?? err) } });
  }
});
