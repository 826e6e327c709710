import type { TActor } from '../../../audit/audit-log.js';
import { formFiles, type TUploadedFile } from '../../../http/forms.js';
import type { TTenant } from '../../../tenancy/tenant.js';
import { ManifestError, openZip } from './manifest.js';
import type { TPublishDeps } from './publish-documents.js';
import { publishManifest, type TManifestReport } from './publish-manifest.js';

/** A bulk archive may be larger than one document (each PDF inside is still checked against 5 MB). */
export const MAX_ARCHIVE_BYTES = 50 * 1024 * 1024;

/** The route option that lets the multipart parser take a whole archive. */
export const archiveUpload = {
  config: { multipartOptions: { limits: { fileSize: MAX_ARCHIVE_BYTES + 1 } } },
};

/** The zip of a multipart body (the first file field named `name`), or an Italian message. */
export function zipUpload(
  body: unknown,
  name: string,
): { ok: true; file: TUploadedFile } | { ok: false; message: string } {
  const file = formFiles(body)[name]?.[0];
  if (!file) return { ok: false, message: "Scegli l'archivio zip da pubblicare." };
  if (file.truncated || file.content.length > MAX_ARCHIVE_BYTES)
    return {
      ok: false,
      message: `L'archivio supera ${MAX_ARCHIVE_BYTES / 1024 / 1024} MB: dividilo o usa la riga di comando.`,
    };
  return { ok: true, file };
}

/** Publishes the documents of a zip with its manifest (office page and API); a broken zip is a manifest error. */
export async function publishZip(
  deps: TPublishDeps,
  tenant: TTenant,
  zip: Buffer,
  actor: TActor,
): Promise<TManifestReport> {
  let opened;
  try {
    opened = await openZip(zip);
  } catch (err) {
    if (!(err instanceof ManifestError)) throw err;
    return { manifestError: err.message, rows: 0, published: [], alreadyPublished: [], errors: [] };
  }
  try {
    return await publishManifest(deps, tenant, opened.manifest, opened.files, actor);
  } finally {
    await opened.files.close();
  }
}
