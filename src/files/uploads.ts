import { createHash } from 'node:crypto';
import { fileTypeFromBuffer } from 'file-type';

/** Upload rules shared by every module: size limit and type checked by content, never by name. */

export const MAX_UPLOAD_BYTES = 5 * 1024 * 1024;

export type TUpload = { filename: string; content: Buffer; truncated?: boolean };

export type TUploadKind = 'pdf' | 'pdf_or_image';

const ALLOWED: Record<TUploadKind, readonly string[]> = {
  pdf: ['application/pdf'],
  pdf_or_image: ['application/pdf', 'image/jpeg', 'image/png'],
};

const KIND_LABEL: Record<TUploadKind, string> = { pdf: 'PDF', pdf_or_image: 'PDF, JPEG o PNG' };

/** Returns the detected MIME type, or an Italian message saying what is wrong with the file. */
export async function checkUpload(
  upload: TUpload,
  kind: TUploadKind,
  maxBytes = MAX_UPLOAD_BYTES,
): Promise<{ ok: true; contentType: string } | { ok: false; message: string }> {
  if (upload.content.length === 0) return { ok: false, message: 'Il file è vuoto.' };
  if (upload.truncated || upload.content.length > maxBytes)
    return {
      ok: false,
      message: `Il file supera la dimensione massima di ${Math.round(maxBytes / 1024 / 1024)} MB.`,
    };
  const detected = await fileTypeFromBuffer(upload.content);
  if (!detected || !ALLOWED[kind].includes(detected.mime))
    return {
      ok: false,
      message: `Il file deve essere in formato ${KIND_LABEL[kind]} (il contenuto non lo è).`,
    };
  return { ok: true, contentType: detected.mime };
}

export function sha256Hex(content: Buffer | string): string {
  return createHash('sha256').update(content).digest('hex');
}

/** A safe file name for Content-Disposition and storage: no path, no control characters. */
export function safeFilename(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? 'file';
  const cleaned = base.replace(/[^\p{L}\p{N}._ -]/gu, '_').slice(0, 120);
  return cleaned || 'file';
}
