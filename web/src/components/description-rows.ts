/**
 * The rows of a table of `column` cells, as antd's Descriptions lays them out: items fill a row in
 * order; one that would overflow is narrowed to the room left and ends the row; the last item of a
 * row that is not full stretches to its end.
 */
export function descriptionRows<T extends { span: number }>(items: T[], column: number): T[][] {
  const rows: T[][] = [];
  let row: T[] = [];
  let count = 0;
  for (const item of items) {
    const room = column - count;
    count += item.span;
    if (count >= column) {
      row.push(count > column ? { ...item, span: room } : item);
      rows.push(row);
      row = [];
      count = 0;
    } else row.push(item);
  }
  if (row.length > 0) rows.push(row);
  return rows.map((cells) => {
    const used = cells.reduce((sum, cell) => sum + cell.span, 0);
    const last = cells.at(-1);
    if (used >= column || !last) return cells;
    return [...cells.slice(0, -1), { ...last, span: column - (used - last.span) }];
  });
}
