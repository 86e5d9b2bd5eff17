import type nodemailerModule from "nodemailer";
import type { Transporter } from "nodemailer";
import type SMTPTransport from "nodemailer/lib/smtp-transport";
import type StreamTransport from "nodemailer/lib/stream-transport";

/** nodemailer is loaded with the first message, not at start-up. */
let nodemailerLoading: Promise<Pick<typeof nodemailerModule, "createTransport">> | null = null;
const loadNodemailer = () => (nodemailerLoading ??= import("nodemailer").then((m) => m.default));

/** One message as the outbox hands it to a transport. */
export interface OutgoingMail {
  /** RFC 5322 Message-ID with angle brackets, fixed when the outbox row was created. */
  messageId: string;
  from: string;
  to: string;
  toName: string | null;
  subject: string;
  text: string;
}

export interface SendResult {
  /** The server's final reply ("250 2.0.0 Ok: queued as …") or a note for the dev outbox. */
  response: string;
  /** The message source as produced (kept for the dev outbox). */
  raw: string | null;
}

/** A failure with what the outbox needs to decide: permanent (5xx: do not retry) or transient (retry later). */
export class MailSendError extends Error {
  constructor(
    message: string,
    readonly permanent: boolean,
    readonly responseCode: number | null,
  ) {
    super(message);
    this.name = "MailSendError";
  }
}

export interface MailTransport {
  readonly kind: "smtp" | "dev";
  /** Host shown to the administrator (no credentials), null for the dev outbox. */
  readonly host: string | null;
  send(mail: OutgoingMail): Promise<SendResult>;
  close(): void;
}

/** Timeouts of one SMTP exchange; their sum stays well under the outbox lease (see outbox.service.ts). */
export const SMTP_TIMEOUTS = { connectionTimeout: 15_000, greetingTimeout: 15_000, socketTimeout: 30_000 } as const;

/** The host:port of an SMTP URL without user and password. */
export function smtpHostOf(url: string): string {
  try {
    const u = new URL(url);
    return `${u.hostname}${u.port ? `:${u.port}` : ""}`;
  } catch {
    return "(địa chỉ SMTP không đọc được)";
  }
}

function describeError(error: unknown): MailSendError {
  const e = error as { message?: string; code?: string; responseCode?: number; response?: string };
  const code = typeof e.responseCode === "number" ? e.responseCode : null;
  const permanent = code !== null && code >= 500 && code < 600;
  const what =
    e.code === "ECONNREFUSED"
      ? "Máy chủ thư từ chối kết nối"
      : e.code === "ETIMEDOUT" || e.code === "ESOCKET" || e.code === "ECONNECTION"
        ? "Không kết nối được máy chủ thư"
        : e.code === "EAUTH"
          ? "Máy chủ thư từ chối đăng nhập"
          : permanent
            ? "Máy chủ thư từ chối thư"
            : "Gửi thư không được";
  const detail = [e.code, code, e.response ?? e.message].filter((x) => x !== undefined && x !== null && x !== "").join(" ");
  return new MailSendError(`${what}${detail ? ` (${detail})` : ""}`, permanent, code);
}

/** SMTP over nodemailer (`SMTP_URL`, e.g. smtp://user:pass@host:587). One connection per message: no pool to go stale. */
export function smtpTransport(url: string): MailTransport {
  let transporter: Transporter<SMTPTransport.SentMessageInfo> | null = null;
  return {
    kind: "smtp",
    host: smtpHostOf(url),
    async send(mail) {
      try {
        transporter ??= (await loadNodemailer()).createTransport({ url, ...SMTP_TIMEOUTS });
        const info = await transporter.sendMail({
          messageId: mail.messageId,
          from: mail.from,
          to: mail.toName ? { name: mail.toName, address: mail.to } : mail.to,
          subject: mail.subject,
          text: mail.text,
        });
        return { response: info.response, raw: null };
      } catch (error) {
        throw describeError(error);
      }
    },
    close: () => transporter?.close(),
  };
}

/** No SMTP_URL: the message is rendered (RFC 822) and kept in the outbox, where the administrator reads it. */
export function devTransport(): MailTransport {
  let transporter: Transporter<StreamTransport.SentMessageInfo> | null = null;
  return {
    kind: "dev",
    host: null,
    async send(mail) {
      transporter ??= (await loadNodemailer()).createTransport({ streamTransport: true, buffer: true, newline: "unix" });
      const info = await transporter.sendMail({
        messageId: mail.messageId,
        from: mail.from,
        to: mail.toName ? { name: mail.toName, address: mail.to } : mail.to,
        subject: mail.subject,
        text: mail.text,
      });
      const message: unknown = info.message;
      const raw = Buffer.isBuffer(message) ? message.toString("utf8") : typeof message === "string" ? message : null;
      return { response: "Lưu vào hộp thư thử (không cấu hình SMTP_URL)", raw };
    },
    close: () => transporter?.close(),
  };
}

export function createMailTransport(smtpUrl: string | undefined): MailTransport {
  return smtpUrl ? smtpTransport(smtpUrl) : devTransport();
}
