/** A problem of a cell's value, shown on the cell and in its tooltip. */
export interface CellIssue {
  severity: 'error' | 'warning';
  message: string;
}

/** The worst severity among a cell's issues, for its colour. */
export function severityOf(issues: CellIssue[] | undefined): 'error' | 'warning' | null {
  if (!issues?.length) return null;
  return issues.some((i) => i.severity === 'error') ? 'error' : 'warning';
}

/** A cell's issues, one per line, for its tooltip. */
export function IssueList({ issues }: { issues: CellIssue[] }) {
  return (
    <div>
      {issues.map((issue) => (
        <div key={issue.message}>{issue.message}</div>
      ))}
    </div>
  );
}
