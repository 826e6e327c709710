// Step 5: the six attachments of Allegato A ("ALLEGA"), one file input per document (invoices: several),
// with the files already uploaded and their delete buttons while the application is a draft.
import { CsrfField, ErrorSummary, FileField, type TFormState } from '../../../../layout/form-kit.js';
import type { TPageContext } from '../../../../layout/layout.js';
import type { TGrantCall } from '../../calls/call.js';
import type { TAttachmentRow } from '../attach-files.js';
import { fileField } from '../attach-files.js';
import { stepPath } from '../save-draft.js';
import { WizardLayout } from './wizard-frame.js';

export const fileSize = (bytes: number) =>
  bytes >= 1024 * 1024
    ? `${(bytes / 1024 / 1024).toFixed(1).replace('.', ',')} MB`
    : `${Math.max(1, Math.round(bytes / 1024))} kB`;

/** The files of one kind as links (only the owner can open them), with "Elimina" while a draft. */
export function FileList(p: {
  applicationId: string;
  files: readonly TAttachmentRow[];
  csrfToken?: string;
  label: string;
}) {
  if (p.files.length === 0) return <p class="small text-danger mb-2">Nessun file caricato.</p>;
  return (
    <ul class="list-unstyled mb-2">
      {p.files.map((f) => (
        <li class="d-flex flex-wrap align-items-center gap-2 mb-1">
          <a href={`/domande/${p.applicationId}/allegati/${f.id}`}>
            <span safe>{f.filename}</span>
          </a>
          <span class="small" safe>{`(${fileSize(f.sizeBytes)})`}</span>
          {p.csrfToken ? (
            <form
              method="post"
              action={`/domande/${p.applicationId}/allegati/${f.id}/elimina`}
              class="d-inline"
            >
              <CsrfField token={p.csrfToken} />
              <button
                type="submit"
                class="btn btn-link btn-sm p-0"
                aria-label={`Elimina ${f.filename} (${p.label})`}
              >
                Elimina
              </button>
            </form>
          ) : (
            ''
          )}
        </li>
      ))}
    </ul>
  );
}

export function AttachmentsPage(p: {
  ctx: TPageContext;
  call: TGrantCall;
  applicationId: string;
  files: readonly TAttachmentRow[];
  form: TFormState;
}) {
  const rules = p.call.rules.attachments;
  return (
    <WizardLayout ctx={p.ctx} applicationId={p.applicationId} callTitle={p.call.title} step={5}>
      <ErrorSummary form={p.form} labels={{}} />
      <p>
        Allega i documenti richiesti dal bando (ALLEGA 1–6). Ogni file deve essere in formato PDF, JPEG o PNG,
        di al massimo 5 MB: il tipo è controllato sul contenuto del file. Scegli i file e premi «Carica gli
        allegati»; puoi caricarli anche in più volte. Una domanda a cui manca uno dei documenti non è
        ammissibile.
      </p>
      <h2 class="h4">Documenti già caricati</h2>
      {rules.map((r, i) => (
        <div class="mb-3">
          <h3 class="h6 mb-1" safe>
            {`${i + 1}. ${r.label}`}
          </h3>
          <FileList
            applicationId={p.applicationId}
            files={p.files.filter((f) => f.kind === r.kind && f.phase === 'application')}
            csrfToken={p.ctx.csrfToken}
            label={`allegato ${i + 1}`}
          />
        </div>
      ))}
      <h2 class="h4 mt-4">Carica i documenti</h2>
      <form
        method="post"
        action={`/domande/${p.applicationId}/allegati`}
        enctype="multipart/form-data"
        novalidate
      >
        <CsrfField token={p.ctx.csrfToken} />
        {rules.map((r, i) => (
          <FileField
            form={p.form}
            name={fileField(r.kind)}
            label={`${i + 1}. ${r.label}`}
            hint={
              r.multiple
                ? 'PDF, JPEG o PNG, massimo 5 MB ciascuno; puoi scegliere più file'
                : 'PDF, JPEG o PNG, massimo 5 MB; un nuovo file sostituisce quello già caricato'
            }
            accept="application/pdf,image/jpeg,image/png"
            multiple={r.multiple}
          />
        ))}
        <div class="d-flex flex-wrap gap-2 mt-4">
          <button type="submit" class="btn btn-primary">
            Carica gli allegati
          </button>
          <a class="btn btn-outline-primary" href={stepPath(p.applicationId, 6)}>
            Continua al riepilogo
          </a>
          <a class="btn btn-link" href={stepPath(p.applicationId, 4)}>
            Torna al passo precedente
          </a>
        </div>
      </form>
    </WizardLayout>
  );
}
