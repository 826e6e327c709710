/** What a form page is drawn with: the values the user typed (never passwords) and a message per field. */
export type TFormState = {
  values: Record<string, string | undefined>;
  errors: Record<string, string | undefined>;
};

export const emptyForm = (values: Record<string, string | undefined> = {}): TFormState => ({
  values,
  errors: {},
});

export const fieldId = (name: string) => `f-${name}`;
