import { escapeHtml } from '@kitajs/html';
import type { TTenant } from '../tenancy/tenant.js';
import type { TMail, TMailAttachment } from './outbox.js';

/** Wraps paragraphs in the common Italian e-mail frame (plain text and HTML), signed by the tenant. */
export function renderMail(
  tenant: TTenant,
  to: string,
  subject: string,
  paragraphs: string[],
  attachments: TMailAttachment[] = [],
): TMail {
  const footer = [
    `${tenant.name}`,
    tenant.supportPhone
      ? `Assistenza: ${tenant.supportPhone}${tenant.supportHours ? ` (${tenant.supportHours})` : ''}`
      : '',
    'Questo messaggio è generato automaticamente: non rispondere a questo indirizzo.',
  ].filter(Boolean);
  const text = [...paragraphs, '', '--', ...footer].join('\n\n');
  const linkify = (s: string) => escapeHtml(s).replace(/(https?:\/\/[^\s<]+)/g, '<a href="$1">$1</a>');
  const body = paragraphs.map((p) => `<p>${linkify(p)}</p>`).join('');
  const signature = footer.map((f) => escapeHtml(f)).join('<br>');
  const html = `<!doctype html><html lang="it"><body style="font-family:'Titillium Web',Arial,sans-serif;color:#1a1a1a">${body}<hr><p style="font-size:12px;color:#5c6f82">${signature}</p></body></html>`;
  return { to, subject, text, html, attachments };
}
