import { CheckCircleOutlined, CloseCircleOutlined, WarningOutlined } from '@ant-design/icons';
import type { CellValues } from '@baocao/domain';
import {
  type CellBaseline,
  type FormDefinition,
  findOutliers,
  outlierMessage,
  type ValueIssue,
  validateValues,
} from '@baocao/domain';
import { ConfigProvider, Flex } from 'antd';
// antd's Empty styles, without Empty: it brings its two default illustrations, which this panel never shows.
import useEmptyStyle from 'antd/es/empty/style';
import { useContext } from 'react';
import { useTranslation } from 'react-i18next';
import type { CellIssue } from '../../components/report-grid/cell-issues';
import { cellLabel, ruleCellKeys } from '../../components/report-grid/grid-layout';
import { SmallCard } from '../../components/small-card';
import { Tag } from '../../components/tag';
import './reports.css';
import { Text } from '../../components/typography';

export interface ReportIssue {
  /** The cell to focus (the first cell a rule reads), or null. */
  cell: string | null;
  /** Every cell the issue is about (a rule's operands). */
  cells: string[];
  label: string;
  severity: 'error' | 'warning';
  code: ValueIssue['code'];
  message: string;
}

/**
 * The form's problems as the server will see them on submit (validateValues, shared
 * with it), placed on cells: a rule's message goes beside every cell it reads.
 * Blank required cells are listed only once the officer tries to submit.
 */
export function reportIssues(
  form: FormDefinition,
  values: CellValues,
  comments: Record<string, string>,
  options: {
    isNil: boolean;
    includeMissing: boolean;
    language: 'vi' | 'en';
    ruleLabel: (code: string) => string;
    /** The unit's history per cell: figures far from it are flagged, as the submit flags them. */
    baselines?: Readonly<Record<string, CellBaseline>>;
    /** What an outlier's confirmation says: the comment on its cell, or null when it has none yet. */
    outlierNote?: (comment: string | null) => string;
  },
): ReportIssue[] {
  const rules = new Map(form.rules.map((r) => [r.code, r]));
  const outliers: ReportIssue[] =
    options.isNil || !options.baselines
      ? []
      : findOutliers(form, values, options.baselines).map((flag) => {
          const comment = (comments[flag.cell] ?? '').trim();
          const note = options.outlierNote?.(comment || null);
          const text = outlierMessage(flag)[options.language];
          return {
            cell: flag.cell,
            cells: [flag.cell],
            label: cellLabel(form, flag.cell, options.language),
            severity: 'warning' as const,
            code: 'outlier' as const,
            message: note ? `${text} ${note}` : text,
          };
        });
  const checked = validateValues(form, values, comments, { isNil: options.isNil })
    .filter((issue) => options.includeMissing || (issue.code !== 'required' && issue.code !== 'comment'))
    .map((issue) => {
      const message = issue.message[options.language] || issue.message.vi;
      if (issue.target.startsWith('rule:')) {
        const rule = rules.get(issue.target.slice(5));
        const cells = rule ? ruleCellKeys(form, rule) : [];
        return {
          cell: cells[0] ?? null,
          cells,
          label: options.ruleLabel(issue.target.slice(5)),
          severity: issue.severity,
          code: issue.code,
          message,
        };
      }
      return {
        cell: issue.target,
        cells: [issue.target],
        label: cellLabel(form, issue.target, options.language),
        severity: issue.severity,
        code: issue.code,
        message,
      };
    });
  return [...checked, ...outliers].sort((a, b) => (a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : 1));
}

/** The issues by cell, as the grid shows them (border colour and tooltip). */
export function issuesByCell(issues: ReportIssue[]): Map<string, CellIssue[]> {
  const map = new Map<string, CellIssue[]>();
  for (const issue of issues)
    for (const cell of issue.cells) {
      const list = map.get(cell) ?? [];
      list.push({ severity: issue.severity, message: issue.message });
      map.set(cell, list);
    }
  return map;
}

/** The summary beside the form: every error and warning; a click focuses the cell. */
export function IssuesPanel({ issues, onFocus }: { issues: ReportIssue[]; onFocus: (cell: string) => void }) {
  const { t } = useTranslation();
  const errors = issues.filter((i) => i.severity === 'error').length;
  const warnings = issues.length - errors;
  return (
    <SmallCard
      title={
        <Flex align="center" gap={8}>
          {t('reports.issues.title')}
          {errors ? <Tag color="red">{t('reports.issues.errors', { count: errors })}</Tag> : null}
          {warnings ? <Tag color="orange">{t('reports.issues.warnings', { count: warnings })}</Tag> : null}
        </Flex>
      }
      data-testid="issues-panel"
    >
      {issues.length === 0 ? (
        <NoIssues />
      ) : (
        <div style={{ maxHeight: 420, overflowY: 'auto', marginInline: -4 }}>
          {issues.map((issue) => (
            <button
              type="button"
              key={`${issue.code}:${issue.label}:${issue.message}`}
              className="report-issue"
              disabled={!issue.cell}
              onClick={() => issue.cell && onFocus(issue.cell)}
              data-testid="issue-item"
            >
              {issue.severity === 'error' ? (
                <CloseCircleOutlined style={{ color: '#e5484d', marginTop: 4 }} />
              ) : (
                <WarningOutlined style={{ color: '#f59e0b', marginTop: 4 }} />
              )}
              <span>
                <Text strong style={{ display: 'block' }}>
                  {issue.label}
                </Text>
                <Text type={issue.severity === 'error' ? 'danger' : 'warning'}>{issue.message}</Text>
              </span>
            </button>
          ))}
        </div>
      )}
    </SmallCard>
  );
}

/** antd's `<Empty>` with a green tick: the same elements, class names and styles. */
function NoIssues() {
  const { t } = useTranslation();
  const { getPrefixCls } = useContext(ConfigProvider.ConfigContext);
  const prefixCls = getPrefixCls('empty');
  const [hashId, cssVarCls] = useEmptyStyle(prefixCls);
  return (
    <div className={[hashId, cssVarCls, prefixCls].filter(Boolean).join(' ')}>
      <div className={`${prefixCls}-image`} style={{ height: 36 }}>
        <CheckCircleOutlined style={{ fontSize: 32, color: '#3f9142' }} />
      </div>
      <div className={`${prefixCls}-description`}>{t('reports.issues.none')}</div>
    </div>
  );
}
