// A local SMTP server for tests (smtp-server): records every message it accepts with its Message-ID, can refuse or
// stall the next transactions (to kill a sender in the middle of a send) and can be stopped (SMTP down).

import type { AddressInfo } from "node:net";
import { SMTPServer, type SMTPServerSession } from "smtp-server";

export interface SinkMessage {
  messageId: string;
  to: string[];
  subject: string;
  raw: string;
  at: number;
}

interface Stalled {
  session: SMTPServerSession;
  /** The recipient whose RCPT TO is held. */
  to: string;
  release: (error?: Error) => void;
}

export class SmtpSink {
  readonly messages: SinkMessage[] = [];
  readonly stalled: Stalled[] = [];
  /** Stall the envelope (RCPT TO) of the next n transactions until released: the message is never transmitted. */
  stallNext = 0;
  /** Refuse the next n messages with this reply code (e.g. 550: permanent, 451: temporary). */
  refuseNext: { count: number; code: number } = { count: 0, code: 0 };
  onStall: ((s: Stalled) => void) | null = null;
  private server: SMTPServer | null = null;
  port = 0;

  async start(port = 0): Promise<number> {
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ["STARTTLS"],
      logger: false,
      onRcptTo: (address, session, callback) => {
        if (this.stallNext > 0) {
          this.stallNext--;
          const s: Stalled = { session, to: address.address, release: (error) => callback(error ?? undefined) };
          this.stalled.push(s);
          this.onStall?.(s);
          return;
        }
        callback();
      },
      onData: (stream, session, callback) => {
        const chunks: Buffer[] = [];
        stream.on("data", (c: Buffer) => chunks.push(c));
        stream.on("end", () => {
          if (this.refuseNext.count > 0) {
            this.refuseNext.count--;
            const err = Object.assign(new Error("Từ chối (thử nghiệm)"), { responseCode: this.refuseNext.code });
            callback(err);
            return;
          }
          const raw = Buffer.concat(chunks).toString("utf8");
          const header = raw.split(/\r?\n\r?\n/)[0] ?? "";
          const messageId = /^Message-ID:\s*(<[^>]+>)/im.exec(header)?.[1] ?? "";
          const subject = /^Subject:\s*(.*)$/im.exec(header)?.[1] ?? "";
          this.messages.push({ messageId, to: session.envelope.rcptTo.map((r) => r.address), subject, raw, at: Date.now() });
          callback();
        });
      },
    });
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(port, "127.0.0.1", () => resolve());
    });
    this.server = server;
    this.port = (server.server.address() as AddressInfo).port;
    return this.port;
  }

  get url(): string {
    return `smtp://127.0.0.1:${this.port}`;
  }

  /** Message-IDs accepted more than once. */
  duplicates(): string[] {
    const seen = new Map<string, number>();
    for (const m of this.messages) seen.set(m.messageId, (seen.get(m.messageId) ?? 0) + 1);
    return [...seen].filter(([, n]) => n > 1).map(([id]) => id);
  }

  async stop(): Promise<void> {
    for (const s of this.stalled.splice(0)) s.release(Object.assign(new Error("Máy chủ dừng"), { responseCode: 421 }));
    const server = this.server;
    this.server = null;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
