import type { TActor } from '../../../audit/audit-log.js';
import type { TTenant } from '../../../tenancy/tenant.js';
import { ManifestError, parseManifest, type TFileSource } from './manifest.js';
import {
  checkDocument,
  findPublishedDocument,
  publishDocument,
  type TDocumentField,
  type TPublishDeps,
} from './publish-documents.js';

export type TManifestReport = {
  /** A problem with the manifest as a whole (nothing published): otherwise null. */
  manifestError: string | null;
  rows: number;
  published: Array<{ line: number; externalId: string; title: string; mails: number }>;
  alreadyPublished: Array<{ line: number; externalId: string }>;
  /** "riga N: …" */
  errors: Array<{ line: number; message: string }>;
};

const FIELD_ORDER: TDocumentField[] = [
  'customer_code',
  'doc_type',
  'title',
  'issued_on',
  'file',
  'external_id',
];

/**
 * Bulk publication: every valid row of the manifest is published (each in its own transaction, see
 * publishDocument), every invalid one is reported by line with the reasons. Rows whose id_esterno is
 * already published are reported as such: the same manifest twice publishes once.
 */
export async function publishManifest(
  deps: TPublishDeps,
  tenant: TTenant,
  manifest: Buffer | string,
  files: TFileSource,
  actor: TActor,
): Promise<TManifestReport> {
  const report: TManifestReport = {
    manifestError: null,
    rows: 0,
    published: [],
    alreadyPublished: [],
    errors: [],
  };
  let rows;
  try {
    rows = parseManifest(manifest);
  } catch (err) {
    if (err instanceof ManifestError) return { ...report, manifestError: err.message };
    throw err;
  }
  report.rows = rows.length;
  const seen = new Map<string, number>();
  for (const row of rows) {
    const fail = (message: string) => report.errors.push({ line: row.line, message });
    if (row.externalId) {
      const earlier = seen.get(row.externalId);
      if (earlier !== undefined) {
        fail(`id_esterno «${row.externalId}» ripetuto (già alla riga ${earlier}).`);
        continue;
      }
      seen.set(row.externalId, row.line);
      if (await findPublishedDocument(deps.db, tenant, row.externalId)) {
        report.alreadyPublished.push({ line: row.line, externalId: row.externalId });
        continue;
      }
    }
    let file;
    try {
      file = row.file ? await files.read(row.file) : undefined;
    } catch {
      fail(`il file «${row.file}» non si riesce a leggere dall'archivio.`);
      continue;
    }
    const checked = await checkDocument(deps.db, tenant, { ...row, file });
    if (!checked.ok) {
      const errors = { ...checked.errors };
      if (errors.file && row.file && !file) errors.file = `il file «${row.file}» non c'è.`;
      else if (errors.file && !row.file) errors.file = 'manca il nome del file PDF.';
      fail(
        FIELD_ORDER.filter((f) => errors[f])
          .map((f) => lowerFirst(errors[f]!))
          .join(' '),
      );
      continue;
    }
    const result = await publishDocument(deps, tenant, checked.doc, actor);
    if (result.status === 'published')
      report.published.push({
        line: row.line,
        externalId: row.externalId,
        title: row.title,
        mails: result.mails,
      });
    else report.alreadyPublished.push({ line: row.line, externalId: row.externalId });
  }
  return report;
}

const lowerFirst = (s: string) => (s.startsWith('«') ? s : s.charAt(0).toLowerCase() + s.slice(1));

/** The report as lines of text (command line, API): "riga N: …". */
export function manifestReportLines(r: TManifestReport): string[] {
  if (r.manifestError) return [r.manifestError];
  return [
    `Righe nel manifesto: ${r.rows}. Pubblicati: ${r.published.length}. Già pubblicati: ${r.alreadyPublished.length}. Con errori: ${r.errors.length}.`,
    ...r.published.map((p) => `riga ${p.line}: pubblicato (id_esterno ${p.externalId}, e-mail: ${p.mails})`),
    ...r.alreadyPublished.map((p) => `riga ${p.line}: già pubblicato (id_esterno ${p.externalId})`),
    ...r.errors.map((e) => `riga ${e.line}: ${e.message}`),
  ];
}
