import type { TConfig } from '../../../config.js';
import { formatItalianDate } from '../../../italian/dates.js';
import type { TMail } from '../../../mail/outbox.js';
import { renderMail } from '../../../mail/render-mail.js';
import { tenantBaseUrl, type TTenant } from '../../../tenancy/tenant.js';

/** Where the customer reads the documents: the customer area of the tenant. */
export function customerAreaLink(config: Pick<TConfig, 'publicProtocol' | 'baseDomain'>, tenant: TTenant) {
  return `${tenantBaseUrl(config, tenant)}/area-clienti`;
}

export type TDocumentNoticeMail = {
  to: string;
  /** 1 = publication, 2 and 3 = reminders of a document still unread. */
  noticeNo: number;
  docType: string;
  title: string;
  issuedOn: string;
  customerCode: string;
  link: string;
};

/**
 * The notice of a document (seed 004 § 6): "Nuovo documento disponibile" when it is published, then up
 * to two reminders, ten days apart, while it stays unread. No content of the document goes in the e-mail.
 */
export function documentNoticeMail(tenant: TTenant, m: TDocumentNoticeMail): TMail {
  const what = `${m.docType} «${m.title}» del ${formatItalianDate(m.issuedOn)} (codice cliente ${m.customerCode})`;
  if (m.noticeNo <= 1)
    return renderMail(tenant, m.to, `Nuovo documento disponibile: ${m.title}`, [
      'Gentile cliente,',
      `sul portale è disponibile un nuovo documento: ${what}.`,
      `Per leggerlo e scaricarlo accedi all'area clienti: ${m.link}`,
    ]);
  const last = m.noticeNo >= 3;
  return renderMail(
    tenant,
    m.to,
    `${last ? 'Ultimo promemoria' : 'Promemoria'}: documento da leggere – ${m.title}`,
    [
      'Gentile cliente,',
      `ti ricordiamo che sul portale è disponibile un documento che non hai ancora letto: ${what}.`,
      `Per leggerlo e scaricarlo accedi all'area clienti: ${m.link}`,
      last
        ? 'Questo è l’ultimo avviso: non riceverai altri promemoria per questo documento.'
        : 'Se non lo leggi, riceverai un ultimo promemoria tra dieci giorni.',
    ],
  );
}
