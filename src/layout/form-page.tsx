import { PostForm, type TFormState } from './form-kit.js';
import { Layout, type TPageContext } from './layout.js';

/** What a page with one form gets: the page context and the form as typed (values and errors). */
export type TFormPageProps = { ctx: TPageContext; form: TFormState };

/** A page made of one POST form: title, heading, what comes before the form, the form, what comes after. */
export function FormPage(p: {
  ctx: TPageContext;
  title: string;
  /** The h1; the title when not given. */
  heading?: string;
  /** Markup between the heading and the form (notices, the explanation). */
  intro?: JSX.Element;
  form: TFormState;
  labels: Record<string, string>;
  action: string;
  submit: string;
  /** Markup after the form (links, a second form). */
  after?: JSX.Element;
  children: JSX.Element | JSX.Element[];
}) {
  return (
    <Layout ctx={p.ctx} title={p.title}>
      <h1 safe>{p.heading ?? p.title}</h1>
      {(p.intro ?? '') as 'safe'}
      <PostForm
        form={p.form}
        labels={p.labels}
        action={p.action}
        csrfToken={p.ctx.csrfToken}
        submit={p.submit}
      >
        {p.children as 'safe'}
      </PostForm>
      {(p.after ?? '') as 'safe'}
    </Layout>
  );
}
