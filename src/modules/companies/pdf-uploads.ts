import { checkUpload, type TUpload } from '../../files/uploads.js';
import { formFiles } from '../../http/forms.js';

/** A PDF upload whose content was checked (the type comes from the bytes, not from the name). */
export type TPdfUpload = TUpload & { contentType: string };

/** Reads the PDF uploads of a form; each problem becomes a message on its field. */
export async function readPdfUploads(
  body: unknown,
  names: readonly string[],
): Promise<{ files: Record<string, TPdfUpload>; errors: Record<string, string> }> {
  const all = formFiles(body);
  const files: Record<string, TPdfUpload> = {};
  const errors: Record<string, string> = {};
  for (const name of names) {
    const f = all[name]?.[0];
    if (!f) continue;
    const check = await checkUpload(f, 'pdf');
    if (check.ok) files[name] = { ...f, contentType: check.contentType };
    else errors[name] = check.message;
  }
  return { files, errors };
}
