import type { TMail } from '../../mail/outbox.js';
import { renderMail } from '../../mail/render-mail.js';
import type { TTenant } from '../../tenancy/tenant.js';

/** E-mails of the authority's decisions on companies and their staff. */

export type TCompanyDecision = 'activate' | 'reject' | 'suspend' | 'reactivate';
export type TStaffDecision = TCompanyDecision;

type TCompanyMailData = {
  to: string;
  lrFullName: string;
  businessName: string;
  registrationNumber: string;
  reason: string | null;
};

const reasonLine = (reason: string | null) => (reason ? [`Motivazione: ${reason}`] : []);

export function companyDecisionMail(tenant: TTenant, decision: TCompanyDecision, m: TCompanyMailData): TMail {
  const who = `la ditta ${m.businessName} (registrazione n. ${m.registrationNumber})`;
  const contact = `Per informazioni contatta l'autorità competente all'indirizzo e-mail ${tenant.activationEmail}.`;
  const byDecision: Record<TCompanyDecision, { subject: string; body: string[] }> = {
    activate: {
      subject: `Ditta ${m.businessName} attivata`,
      body: [
        `l'autorità competente ha verificato i dati e i documenti: ${who} è attiva.`,
        'I tecnici e il personale amministrativo registrati possono essere attivati a loro volta; ciascuno riceverà una e-mail quando il suo account sarà attivo.',
      ],
    },
    reject: {
      subject: `Registrazione della ditta ${m.businessName} rifiutata`,
      body: [
        `l'autorità competente ha rifiutato la registrazione della ditta ${m.businessName} (registrazione n. ${m.registrationNumber}).`,
        ...reasonLine(m.reason),
        contact,
      ],
    },
    suspend: {
      subject: `Ditta ${m.businessName} sospesa`,
      body: [
        `l'autorità competente ha sospeso ${who}. Finché la sospensione dura, i tecnici e il personale amministrativo della ditta non possono accedere al portale.`,
        ...reasonLine(m.reason),
        contact,
      ],
    },
    reactivate: {
      subject: `Ditta ${m.businessName} riattivata`,
      body: [
        `l'autorità competente ha riattivato ${who}. I tecnici e il personale amministrativo attivi possono di nuovo accedere al portale.`,
        ...reasonLine(m.reason),
      ],
    },
  };
  const d = byDecision[decision];
  return renderMail(tenant, m.to, d.subject, [`Gentile ${m.lrFullName},`, ...d.body]);
}

type TStaffMailData = {
  to: string;
  greeting: string;
  staffFullName: string;
  staffRegistrationNumber: string;
  businessName: string;
  username: string;
  loginLink: string;
  reason: string | null;
  /** The e-mail goes to the staff member (otherwise to the legal representative). */
  toPerson: boolean;
};

export function staffDecisionMail(tenant: TTenant, decision: TStaffDecision, m: TStaffMailData): TMail {
  const whose = m.toPerson
    ? `il tuo account (${m.staffFullName}, ditta ${m.businessName}, registrazione n. ${m.staffRegistrationNumber})`
    : `l'account di ${m.staffFullName} (ditta ${m.businessName}, registrazione n. ${m.staffRegistrationNumber})`;
  const contact = `Per informazioni contatta l'autorità competente all'indirizzo e-mail ${tenant.activationEmail}.`;
  const byDecision: Record<TStaffDecision, { subject: string; body: string[] }> = {
    activate: {
      subject: `Account di ${m.staffFullName} attivato`,
      body: [
        `l'autorità competente ha attivato ${whose}.`,
        m.toPerson
          ? `Puoi accedere con il nome utente ${m.username} e la password ricevuta dal Legale Rappresentante: ${m.loginLink}. Al primo accesso ti sarà chiesto di cambiare la password.`
          : `${m.staffFullName} può accedere con il nome utente ${m.username} e la password che hai creato: ${m.loginLink}. Al primo accesso gli sarà chiesto di cambiare la password.`,
      ],
    },
    reject: {
      subject: `Registrazione di ${m.staffFullName} rifiutata`,
      body: [
        m.toPerson
          ? `l'autorità competente ha rifiutato la tua registrazione come personale della ditta ${m.businessName} (registrazione n. ${m.staffRegistrationNumber}): l'account non sarà attivato.`
          : `l'autorità competente ha rifiutato la registrazione di ${m.staffFullName} (ditta ${m.businessName}, registrazione n. ${m.staffRegistrationNumber}): l'account non sarà attivato.`,
        ...reasonLine(m.reason),
        contact,
      ],
    },
    suspend: {
      subject: `Account di ${m.staffFullName} sospeso`,
      body: [
        `l'autorità competente ha sospeso ${whose}: finché la sospensione dura non è possibile accedere al portale.`,
        ...reasonLine(m.reason),
        contact,
      ],
    },
    reactivate: {
      subject: `Account di ${m.staffFullName} riattivato`,
      body: [
        `l'autorità competente ha riattivato ${whose}: è di nuovo possibile accedere al portale con il nome utente ${m.username}: ${m.loginLink}`,
        ...reasonLine(m.reason),
      ],
    },
  };
  const d = byDecision[decision];
  return renderMail(tenant, m.to, d.subject, [`${m.greeting},`, ...d.body]);
}
