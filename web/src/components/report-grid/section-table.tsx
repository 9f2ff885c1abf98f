import { unitOfMeasureLabel } from '@baocao/domain';
import { useTranslation } from 'react-i18next';
import type { CellProps, Language } from './cell-props';
import { GridCellView } from './grid-cell';
import type { GridCell, GridSection } from './grid-layout';

/** A table or list section as printed: grouped column headings, indented row labels, one cell per field. */
export function SectionTable({
  section,
  language,
  renderCell,
}: {
  section: GridSection;
  language: Language;
  renderCell: (cell: GridCell) => CellProps;
}) {
  const { t } = useTranslation();
  const list = section.layout === 'list';
  const groups = section.columns.some((c) => c.group);
  const headerRows = groups ? 2 : 1;
  // Consecutive columns sharing a group heading are printed under one merged cell.
  const groupCells: { label: string; span: number; start: number }[] = [];
  section.columns.forEach((column, index) => {
    const label = column.group ? column.group[language] || column.group.vi : '';
    const last = groupCells.at(-1);
    if (column.group && last && last.label === label && last.start + last.span === index) last.span += 1;
    else groupCells.push({ label, span: 1, start: index });
  });
  return (
    <table className="rg-table">
      <thead>
        <tr>
          {list ? (
            <th rowSpan={headerRows} className="rg-stt">
              {t('reports.grid.number')}
            </th>
          ) : null}
          <th rowSpan={headerRows} className={list ? undefined : 'rg-sticky'} style={{ textAlign: 'left' }}>
            {t('reports.grid.indicator')}
          </th>
          {list ? (
            <>
              <th className="rg-uom">{t('reports.grid.unit')}</th>
              <th>{t('reports.grid.value')}</th>
            </>
          ) : groups ? (
            groupCells.map((g) =>
              g.label ? (
                <th key={g.start} colSpan={g.span}>
                  {g.label}
                </th>
              ) : (
                <ColumnHeader key={g.start} section={section} index={g.start} language={language} rowSpan={2} />
              ),
            )
          ) : (
            section.columns.map((_, index) => (
              <ColumnHeader key={section.columns[index]!.code} section={section} index={index} language={language} />
            ))
          )}
        </tr>
        {groups && !list ? (
          <tr>
            {section.columns.map((column, index) =>
              column.group ? (
                <ColumnHeader key={column.code} section={section} index={index} language={language} />
              ) : null,
            )}
          </tr>
        ) : null}
      </thead>
      <tbody>
        {section.rows.map((row) => {
          // A line with no cell at all is a group heading ("I. Cấp tỉnh").
          const heading = row.heading || row.cells.every((c) => c === null);
          return (
            <tr key={row.code} className={heading ? 'rg-heading-row' : undefined}>
              {list ? <td className="rg-stt">{row.number ?? ''}</td> : null}
              <td
                className={`rg-label${heading ? ' rg-heading' : ''}${list ? '' : ' rg-sticky'}`}
                style={{ paddingLeft: 10 + row.indent * 20 }}
                title={row.help ? row.help[language] || row.help.vi : undefined}
              >
                {row.label[language] || row.label.vi}
              </td>
              {list ? <td className="rg-uom">{row.unit ? unitOfMeasureLabel(row.unit, language) : ''}</td> : null}
              {row.cells.map((cell, index) =>
                cell ? (
                  <GridCellView key={cell.key} {...renderCell(cell)} list={list} />
                ) : (
                  // biome-ignore lint/suspicious/noArrayIndexKey: empty cells are identified by their column only
                  <td key={`empty-${index}`} className={heading ? 'rg-cell' : 'rg-cell rg-empty'} />
                ),
              )}
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

function ColumnHeader({
  section,
  index,
  language,
  rowSpan,
}: {
  section: GridSection;
  index: number;
  language: Language;
  rowSpan?: number;
}) {
  const { t } = useTranslation();
  const column = section.columns[index]!;
  return (
    <th rowSpan={rowSpan}>
      {column.label ? column.label[language] || column.label.vi : t('reports.grid.value')}
      {column.unit ? <span className="rg-unit">({unitOfMeasureLabel(column.unit, language)})</span> : null}
    </th>
  );
}
