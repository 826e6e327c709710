// Progressive enhancement only: every page works without this file.
(() => {
  // Check code: solve the ALTCHA proof-of-work challenge (SHA-256) in the browser.
  async function sha256Hex(text) {
    const buf = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
    return Array.from(new Uint8Array(buf), (b) => b.toString(16).padStart(2, '0')).join('');
  }
  async function solve(fieldset) {
    const status = fieldset.querySelector('.check-code-status');
    const input = fieldset.querySelector('input[name="altcha"]');
    let challenge;
    try {
      challenge = JSON.parse(fieldset.getAttribute('data-altcha-challenge'));
    } catch {
      return;
    }
    if (!window.crypto || !crypto.subtle) return;
    status.textContent = 'Verifica automatica in corso…';
    const max = challenge.maxnumber || 1000000;
    for (let n = 0; n <= max; n++) {
      if ((await sha256Hex(challenge.salt + n)) === challenge.challenge) {
        input.value = btoa(
          JSON.stringify({
            algorithm: challenge.algorithm,
            challenge: challenge.challenge,
            number: n,
            salt: challenge.salt,
            signature: challenge.signature,
          }),
        );
        status.textContent = 'Verifica automatica completata: non devi rispondere alla domanda.';
        const q = fieldset.querySelector('.check-code-question');
        if (q) q.hidden = true;
        return;
      }
    }
    status.textContent = 'Verifica automatica non riuscita: rispondi alla domanda.';
  }
  document.querySelectorAll('[data-altcha-challenge]').forEach(solve);

  // Error summary: move focus to it so screen-reader users hear the errors first.
  // Its links move the focus to the field and bring the whole field, label included, into view
  // (without this file the browser follows the link by itself, which is enough).
  const summary = document.getElementById('error-summary');
  if (summary) {
    summary.focus();
    summary.addEventListener('click', (ev) => {
      const link = ev.target.closest('a[href^="#"]');
      const target = link && document.getElementById(link.getAttribute('href').slice(1));
      if (!target) return;
      ev.preventDefault();
      let focusable = target;
      if (target.closest('[hidden]')) {
        // The check question hidden once the script has solved the check code: its box says so.
        focusable = target.closest('fieldset');
        if (!focusable) return;
        focusable.setAttribute('tabindex', '-1');
      }
      const group = focusable.closest('.form-group, .form-check, .select-wrapper, fieldset') || focusable;
      group.scrollIntoView({ block: 'start' });
      focusable.focus({ preventScroll: true });
    });
  }

  // Session about to expire: show the notice `warning` minutes before the idle timeout.
  const idle = Number(document.body.dataset.sessionIdleMinutes || 0);
  const warn = Number(document.body.dataset.sessionWarningMinutes || 0);
  const box = document.getElementById('session-warning');
  if (idle && box) {
    let timer;
    const arm = () => {
      clearTimeout(timer);
      box.hidden = true;
      timer = setTimeout(
        () => {
          box.hidden = false;
        },
        Math.max(0, (idle - warn) * 60000),
      );
    };
    arm();
    box.addEventListener('submit', async (ev) => {
      ev.preventDefault();
      const res = await fetch(box.action, {
        method: 'POST',
        body: new URLSearchParams(new FormData(box)),
        headers: { accept: 'application/json' },
      });
      if (res.ok) arm();
    });
  }
})();

// Grants: the call page refreshes its budget figures (read from the ledger) every 5 seconds.
(() => {
  const box = document.querySelector('[data-live-status]');
  if (!box || !window.fetch) return;
  const url = box.getAttribute('data-live-status');
  const refresh = async () => {
    try {
      const res = await fetch(url, { headers: { accept: 'application/json' }, cache: 'no-store' });
      if (!res.ok) return;
      const data = await res.json();
      for (const el of box.querySelectorAll('[data-live-field]')) {
        const v = data[el.getAttribute('data-live-field')];
        if (typeof v === 'string' && el.textContent !== v) el.textContent = v;
      }
    } catch {
      /* offline: keep the last figures */
    }
  };
  setInterval(refresh, 5000);
})();
