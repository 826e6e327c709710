/** Reading the server-rendered pages in integration tests: entities, form-kit errors and values. */

/** Decodes the entities the pages escape (the same set @kitajs/html writes). */
export function decode(html: string): string {
  return html
    .replace(/&#39;/g, "'")
    .replace(/&#34;|&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

/** The message shown under a field (form-kit ids: f-{name}-error). */
export function fieldError(html: string, name: string): string | undefined {
  const m = new RegExp(`id="f-${name}-error"[^>]*>([^<]*)<`).exec(html);
  return m ? decode(m[1]!) : undefined;
}

/** The value kept in a text input after the form is shown again. */
export function inputValue(html: string, name: string): string | undefined {
  const m = new RegExp(`<input[^>]*name="${name}"[^>]*value="([^"]*)"`).exec(html);
  return m ? decode(m[1]!) : undefined;
}

/** Number of errors the summary at the top of the form announces. */
export function errorCount(html: string): number {
  const m = /Il modulo contiene (un errore|\d+ errori)/.exec(html);
  if (!m) return 0;
  return m[1] === 'un errore' ? 1 : Number.parseInt(m[1]!, 10);
}
