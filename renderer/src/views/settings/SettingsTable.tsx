import type { ReactNode } from 'react';

/**
 * A Settings panel of rows (business names, process names, words taught): its title, what it is for, the error of the
 * last change, and its table, or the line that says there are no rows yet. One shape, so the panels read alike.
 */
export function SettingsTable<R>(p: {
  className: string;
  title: string;
  help: string;
  error: string | null;
  none: string;
  rows: readonly R[] | null;
  head: ReactNode;
  row: (r: R) => ReactNode;
}) {
  return (
    <section className={p.className} data-testid={p.className}>
      <h2>{p.title}</h2>
      <p className="muted">{p.help}</p>
      {p.error && (
        <div className="error" role="alert">
          {p.error}
        </div>
      )}
      {p.rows && p.rows.length === 0 && <p className="muted">{p.none}</p>}
      {p.rows && p.rows.length > 0 && (
        <table>
          <thead>
            <tr>{p.head}</tr>
          </thead>
          <tbody>{p.rows.map(p.row)}</tbody>
        </table>
      )}
    </section>
  );
}
