import { readFile, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { Readable } from 'node:stream';
import { parse } from 'csv-parse/sync';
import yauzl, { type Entry, type ZipFile } from 'yauzl';
import { MAX_UPLOAD_BYTES, type TUpload } from '../../../files/uploads.js';

/**
 * The CSV manifest of a bulk publication and the files it names, from a zip or from a folder.
 *
 * Columns (header row, `;` or `,` as separator, any order, case-insensitive):
 *   codice_cliente;tipo;titolo;data;file;id_esterno
 * `data` is gg/mm/aaaa; `file` is the PDF's name in the zip or folder; `id_esterno` is the
 * idempotency key: a row whose id_esterno is already published is reported and not published again.
 */

export type TManifestRow = {
  /** Line of the CSV file the row starts on (the header is line 1): the "riga N" of the report. */
  line: number;
  customerCode: string;
  docType: string;
  title: string;
  issuedOn: string;
  file: string;
  externalId: string;
};

export const MANIFEST_COLUMNS = {
  customerCode: ['codice_cliente', 'customer_code', 'codice cliente'],
  docType: ['tipo', 'tipo_documento', 'doc_type'],
  title: ['titolo', 'title'],
  issuedOn: ['data', 'data_documento', 'issued_on'],
  file: ['file', 'nome_file', 'filename'],
  externalId: ['id_esterno', 'external_id', 'id esterno'],
} as const;

type TColumn = keyof typeof MANIFEST_COLUMNS;

export class ManifestError extends Error {}

/** At most this many rows per manifest (the report is shown on one page). */
export const MAX_MANIFEST_ROWS = 10_000;

export function parseManifest(content: Buffer | string): TManifestRow[] {
  const text = (typeof content === 'string' ? content : content.toString('utf8')).replace(/^\uFEFF/, '');
  const header = text.split(/\r?\n/, 1)[0] ?? '';
  const delimiter = header.includes(';') ? ';' : header.includes('\t') ? '\t' : ',';
  let records: Array<{ record: string[]; info: { lines: number } }>;
  try {
    records = parse(text, {
      delimiter,
      info: true,
      relax_column_count: true,
      skip_empty_lines: true,
      trim: true,
    }) as unknown as typeof records;
  } catch (err) {
    throw new ManifestError(
      `Il manifesto CSV non è leggibile: ${err instanceof Error ? err.message : String(err)}`,
    );
  }
  const [head, ...body] = records;
  if (!head) throw new ManifestError('Il manifesto CSV è vuoto.');
  const names = head.record.map((h) => h.trim().toLowerCase());
  const index = {} as Record<TColumn, number>;
  const missing: string[] = [];
  for (const [col, aliases] of Object.entries(MANIFEST_COLUMNS) as Array<[TColumn, readonly string[]]>) {
    const i = names.findIndex((n) => aliases.includes(n));
    if (i < 0) missing.push(aliases[0]!);
    index[col] = i;
  }
  if (missing.length > 0)
    throw new ManifestError(
      `Nel manifesto ${missing.length === 1 ? 'manca la colonna' : 'mancano le colonne'} ${missing
        .map((m) => `«${m}»`)
        .join(', ')}. Intestazione attesa: codice_cliente;tipo;titolo;data;file;id_esterno`,
    );
  if (body.length > MAX_MANIFEST_ROWS)
    throw new ManifestError(`Il manifesto ha più di ${MAX_MANIFEST_ROWS} righe: dividilo in più invii.`);
  return body.map(({ record, info }) => {
    const get = (c: TColumn) => (record[index[c]] ?? '').trim();
    return {
      line: info.lines,
      customerCode: get('customerCode'),
      docType: get('docType'),
      title: get('title'),
      issuedOn: get('issuedOn'),
      file: get('file'),
      externalId: get('externalId'),
    };
  });
}

/** The files a manifest names. `read` gives undefined for a file that is not there. */
export type TFileSource = {
  read: (name: string) => Promise<TUpload | undefined>;
  close: () => Promise<void>;
};

/** A name of the manifest that stays inside the folder or zip: no absolute paths, no `..`. */
function safeRelative(name: string): string | undefined {
  const n = name.replace(/\\/g, '/').replace(/^\.\//, '');
  if (!n || n.startsWith('/') || n.split('/').some((p) => p === '..' || p === '')) return undefined;
  return n;
}

/** The files of a folder (command line). */
export function folderSource(dir: string): TFileSource {
  return {
    read: async (name) => {
      const rel = safeRelative(name);
      if (!rel) return undefined;
      const path = join(dir, rel);
      try {
        const s = await stat(path);
        if (!s.isFile()) return undefined;
        if (s.size > MAX_UPLOAD_BYTES)
          return { filename: basename(rel), content: Buffer.alloc(0), truncated: true };
        return { filename: basename(rel), content: await readFile(path) };
      } catch {
        return undefined;
      }
    },
    close: async () => {},
  };
}

async function readCapped(stream: Readable, max: number): Promise<{ content: Buffer; truncated: boolean }> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > max) {
      stream.destroy();
      return { content: Buffer.alloc(0), truncated: true };
    }
    chunks.push(chunk);
  }
  return { content: Buffer.concat(chunks), truncated: false };
}

/** At most this many entries in a zip. */
const MAX_ZIP_ENTRIES = 20_000;

/**
 * A zip with the manifest (`manifest.csv`, or the only .csv in it) and the PDFs. Entries are only
 * indexed here; each file is decompressed when its row is published, one at a time, and never more
 * than the upload limit of it (a "zip bomb" is cut short).
 */
export async function openZip(buffer: Buffer): Promise<{ manifest: Buffer; files: TFileSource }> {
  let zip: ZipFile;
  try {
    zip = await yauzl.fromBufferPromise(buffer, { lazyEntries: true, autoClose: false });
  } catch {
    throw new ManifestError('Il file caricato non è un archivio zip valido.');
  }
  const entries = new Map<string, Entry>();
  const byBase = new Map<string, Entry | null>();
  try {
    await new Promise<void>((resolve, reject) => {
      zip.on('entry', (e: Entry) => {
        if (entries.size >= MAX_ZIP_ENTRIES) {
          reject(new ManifestError(`L'archivio contiene più di ${MAX_ZIP_ENTRIES} file.`));
          return;
        }
        if (!e.fileName.endsWith('/') && !e.fileName.startsWith('__MACOSX/')) {
          entries.set(e.fileName, e);
          const b = basename(e.fileName);
          byBase.set(b, byBase.has(b) ? null : e); // null: the same name in two folders
        }
        zip.readEntry();
      });
      zip.once('end', () => resolve());
      zip.once('error', (err: Error) =>
        reject(new ManifestError(`L'archivio zip è danneggiato: ${err.message}`)),
      );
      zip.readEntry();
    });
  } catch (err) {
    zip.close();
    throw err;
  }
  const csvs = [...entries.values()].filter((e) => e.fileName.toLowerCase().endsWith('.csv'));
  const manifestEntry =
    csvs.find((e) => basename(e.fileName).toLowerCase() === 'manifest.csv') ??
    (csvs.length === 1 ? csvs[0] : undefined);
  const find = (name: string) => {
    const rel = safeRelative(name);
    if (!rel) return undefined;
    return entries.get(rel) ?? (rel.includes('/') ? undefined : (byBase.get(rel) ?? undefined));
  };
  const read = async (e: Entry, max: number) => readCapped(await zip.openReadStreamPromise(e), max);
  if (!manifestEntry) {
    zip.close();
    throw new ManifestError(
      csvs.length > 1
        ? "L'archivio contiene più file CSV: chiama «manifest.csv» quello con l'elenco dei documenti."
        : "Nell'archivio manca il manifesto CSV (manifest.csv) con l'elenco dei documenti.",
    );
  }
  const manifest = await read(manifestEntry, 10 * 1024 * 1024);
  if (manifest.truncated) {
    zip.close();
    throw new ManifestError('Il manifesto CSV supera 10 MB.');
  }
  return {
    manifest: manifest.content,
    files: {
      read: async (name) => {
        const e = find(name);
        if (!e) return undefined;
        const f = await read(e, MAX_UPLOAD_BYTES);
        return { filename: basename(e.fileName), ...f };
      },
      close: async () => zip.close(),
    },
  };
}
