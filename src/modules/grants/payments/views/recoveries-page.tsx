// /ufficio/bandi/:callId/recuperi: revoked applications whose contribution was already paid, to recover.
import { formatDateTime } from '../../../../italian/dates.js';
import { formatEuro } from '../../../../italian/money.js';
import { CsrfField } from '../../../../layout/form-kit.js';
import { DataTableOrEmpty } from '../../../../layout/data-table.js';
import { Layout, type TPageContext } from '../../../../layout/layout.js';
import { type TGrantCall } from '../../calls/call.js';
import { CallPageHeader } from '../../review/views/parts.js';

export type TRecoveryRow = {
  id: string;
  application_id: string;
  amount_cents: number;
  reason: string;
  created_at: Date;
  recovered_at: Date | null;
  protocol: string | null;
  /** "Cognome Nome" of the beneficiary. */
  applicant: string;
};

export function RecoveriesPage(p: {
  ctx: TPageContext;
  call: TGrantCall;
  revoked: ReadonlyArray<{ id: string; protocol: string; revokedAt: Date; reason: string; paid: boolean }>;
  recoveries: readonly TRecoveryRow[];
  canPay: boolean;
}) {
  const { call } = p;
  const open = p.recoveries.filter((r) => !r.recovered_at).reduce((s, r) => s + Number(r.amount_cents), 0);
  return (
    <Layout ctx={p.ctx} title={`Revoche e recuperi – ${call.title}`}>
      <CallPageHeader call={call} current="recuperi" canPay={p.canPay} />
      <h2 class="h3">Somme da recuperare</h2>
      <p>
        Quando si revoca un contributo già pagato, la somma non torna nel budget del bando: resta qui finché
        il beneficiario non l'ha restituita. Per revocare un contributo apri la domanda e usa "Revoca il
        contributo".
      </p>
      <p safe>{`Da recuperare: ${formatEuro(open)}.`}</p>
      <DataTableOrEmpty
        count={p.recoveries.length}
        empty="Nessuna somma da recuperare."
        caption="Recuperi delle somme pagate e revocate"
        columns={['Protocollo', 'Beneficiario', 'Importo', 'Motivazione della revoca', 'Stato']}
      >
        {p.recoveries.map((r) => (
          <tr>
            <td>
              <a href={`/ufficio/domande/${r.application_id}`} safe>
                {r.protocol ?? ''}
              </a>
            </td>
            <td safe>{r.applicant}</td>
            <td safe>{formatEuro(Number(r.amount_cents))}</td>
            <td safe>{r.reason}</td>
            <td>
              {r.recovered_at ? (
                <span safe>{`Recuperato il ${formatDateTime(r.recovered_at)}`}</span>
              ) : (
                <form method="post" action={`/ufficio/bandi/${call.id}/recuperi/${r.id}/recuperato`}>
                  <CsrfField token={p.ctx.csrfToken} />
                  <span class="d-block mb-2" safe>{`Da recuperare dal ${formatDateTime(r.created_at)}`}</span>
                  <button type="submit" class="btn btn-sm btn-primary">
                    <span>Segna come recuperato</span>
                    <span class="visually-hidden" safe>{` (${r.protocol ?? ''})`}</span>
                  </button>
                </form>
              )}
            </td>
          </tr>
        ))}
      </DataTableOrEmpty>
      <h2 class="h3 mt-5">Contributi revocati</h2>
      <DataTableOrEmpty
        count={p.revoked.length}
        empty="Nessun contributo revocato."
        caption="Domande con il contributo revocato"
        columns={['Protocollo', 'Revocata il', 'Motivazione', 'Pagata prima della revoca']}
      >
        {p.revoked.map((r) => (
          <tr>
            <td>
              <a href={`/ufficio/domande/${r.id}`} safe>
                {r.protocol}
              </a>
            </td>
            <td safe>{formatDateTime(r.revokedAt)}</td>
            <td safe>{r.reason}</td>
            <td>{r.paid ? 'Sì' : 'No (fondi restituiti al bando)'}</td>
          </tr>
        ))}
      </DataTableOrEmpty>
    </Layout>
  );
}
