// The rejected rows of an import (knowledge base, canned replies): line and reason, as a table.

export interface ImportRowError {
  /** 1-based line of the file; 0 or less when the error is about the whole file. */
  line: number;
  reason: string;
}

interface Props {
  errors: readonly ImportRowError[];
  caption: string;
  lineLabel: string;
  reasonLabel: string;
}

export function ImportErrors({ errors, caption, lineLabel, reasonLabel }: Props) {
  return (
    <table class="kb-table">
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col" class="kb-num">
            {lineLabel}
          </th>
          <th scope="col">{reasonLabel}</th>
        </tr>
      </thead>
      <tbody>
        {errors.map((err, i) => (
          <tr key={`${err.line}-${i}`}>
            <td class="kb-num">{err.line > 0 ? err.line : '—'}</td>
            <td>{err.reason}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
