/** The portal's registration form filled in correctly; `over` changes single fields. */
export function registrationForm(over: Record<string, string> = {}): Record<string, string> {
  return {
    full_name: 'Mario Rossi',
    email: 'mario@example.org',
    email_confirm: 'mario@example.org',
    username: 'mrossi',
    password: 'Segreto1!',
    password_confirm: 'Segreto1!',
    privacy: '1',
    ...over,
  };
}
