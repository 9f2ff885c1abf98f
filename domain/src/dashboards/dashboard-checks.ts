import { DASHBOARD_GRID_COLUMNS, type DashboardDefinition, dataWidgetTypes, type Widget } from '../api/dashboards';
import type { LocalizedMessage } from '../errors/error-messages';

/** A problem of a board definition, with the path of the property it is about. */
export interface DashboardProblem {
  field: string;
  message: LocalizedMessage;
}

const overlaps = (a: Widget, b: Widget) => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;

/**
 * What the schema cannot say of a board: each widget fits the 12-column grid, ids are unique,
 * widgets do not overlap, and each carries the settings its type needs (a data widget its
 * query, a text widget its text, a compliance widget its regime; task settings only on a tasks widget).
 */
export function dashboardProblems(definition: DashboardDefinition): DashboardProblem[] {
  const problems: DashboardProblem[] = [];
  const seen = new Set<string>();
  definition.widgets.forEach((widget, i) => {
    const at = `definition.widgets.${i}`;
    if (seen.has(widget.id))
      problems.push({
        field: `${at}.id`,
        message: { vi: `Mã ô “${widget.id}” bị trùng.`, en: `Widget id “${widget.id}” is used twice.` },
      });
    seen.add(widget.id);
    if (widget.x + widget.w > DASHBOARD_GRID_COLUMNS)
      problems.push({
        field: `${at}.w`,
        message: {
          vi: `Ô “${widget.id}” vượt quá ${DASHBOARD_GRID_COLUMNS} cột của lưới.`,
          en: `Widget “${widget.id}” goes past the grid's ${DASHBOARD_GRID_COLUMNS} columns.`,
        },
      });
    const other = definition.widgets.slice(0, i).find((w) => overlaps(w, widget));
    if (other)
      problems.push({
        field: `${at}.y`,
        message: {
          vi: `Ô “${widget.id}” chồng lên ô “${other.id}”.`,
          en: `Widget “${widget.id}” overlaps widget “${other.id}”.`,
        },
      });
    if (dataWidgetTypes.includes(widget.type) && !widget.query)
      problems.push({
        field: `${at}.query`,
        message: { vi: 'Ô số liệu cần có truy vấn (chỉ tiêu, đơn vị, kỳ).', en: 'A data widget needs a query.' },
      });
    if (!dataWidgetTypes.includes(widget.type) && widget.query)
      problems.push({
        field: `${at}.query`,
        message: { vi: 'Loại ô này không dùng truy vấn.', en: 'This type of widget takes no query.' },
      });
    if (widget.type === 'text' && !widget.text)
      problems.push({
        field: `${at}.text`,
        message: { vi: 'Ô văn bản cần có nội dung.', en: 'A text widget needs its text.' },
      });
    if ((widget.type === 'compliance' || widget.type === 'crosscheck') && widget.regimeId === undefined)
      problems.push({
        field: `${at}.regimeId`,
        message: { vi: 'Ô này cần chọn chế độ báo cáo.', en: 'This widget needs a report regime.' },
      });
    if (widget.type !== 'tasks' && widget.tasks)
      problems.push({
        field: `${at}.tasks`,
        message: {
          vi: 'Chỉ ô nhiệm vụ dùng thiết lập nhiệm vụ.',
          en: 'Only a tasks widget takes task settings.',
        },
      });
    if (widget.type === 'pivot' && widget.pivot && widget.pivot.rows === widget.pivot.columns)
      problems.push({
        field: `${at}.pivot.columns`,
        message: { vi: 'Hàng và cột của bảng phải khác nhau.', en: 'The rows and columns must differ.' },
      });
    if (widget.type === 'kpi' && widget.query && widget.query.fields.length !== 1)
      problems.push({
        field: `${at}.query.fields`,
        message: { vi: 'Ô KPI hiển thị đúng một chỉ tiêu.', en: 'A KPI tile shows exactly one field.' },
      });
  });
  return problems;
}
