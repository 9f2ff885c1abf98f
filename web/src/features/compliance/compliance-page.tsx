import { FileExcelOutlined } from '@ant-design/icons';
import {
  type ComplianceStatus,
  complianceStatuses,
  type PeriodType,
  previousPeriod,
  tryParsePeriod,
  type UnitLevel,
  unitLevels,
} from '@baocao/domain';
import { App, Button, Card, Col, Empty, Form, Row, Select, Skeleton, Tabs } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { ErrorAlert } from '../../components/error-alert';
import { PageHeader } from '../../components/page-header';
import { PeriodPicker } from '../../components/period-picker';
import { ScopeUnitPicker } from '../../components/unit-picker';
import { useErrorNotifier } from '../../components/use-error-notifier';
import { useNarrowScreen } from '../../components/use-narrow-screen';
import { languageOf } from '../../reporting/report-labels';
import { useSignedInMe } from '../auth/session';
import { useRegime } from '../regimes/regimes.api';
import { type BoardChoice, downloadBoardXlsx, type StatsChoice } from './compliance.api';
import { ComplianceBoardView } from './compliance-board';
import { ComplianceStatsView } from './compliance-stats';
import { useOpeningChoice } from './use-opening-choice';

/** How many periods the statistics cover by default, by frequency. */
const defaultSpan: Record<PeriodType, number> = {
  day: 14,
  week: 12,
  month: 12,
  quarter: 4,
  half_year: 4,
  nine_months: 3,
  year: 5,
};

const positive = (value: string | null) => {
  const number = Number(value);
  return Number.isInteger(number) && number > 0 ? number : undefined;
};

/**
 * /compliance — "Tình hình báo cáo": the board of one period (every unit that owes the regime's
 * reports, with its status, live) and the statistics over several periods. The choice lives in the
 * address, so a view can be shared; unset, it defaults to the first regime in force, the caller's
 * view, the last period (its deadline most likely past) and the periods before it.
 */
export function CompliancePage() {
  const { t, i18n } = useTranslation();
  const language = languageOf(i18n.language);
  const narrow = useNarrowScreen();
  const me = useSignedInMe();
  const { message } = App.useApp();
  const notifyError = useErrorNotifier();
  const [search, setSearch] = useSearchParams();
  const { regimes, list, regimeId, frequency, ofFrequency, defaultPeriod, firstOfRegime } = useOpeningChoice(
    positive(search.get('regimeId')),
  );
  const regime = useRegime(regimeId);
  const forms = (regime.data?.id === regimeId ? regime.data.forms : []).filter((f) => f.publishedVersion !== null);
  const formId = positive(search.get('formId'));
  const unitId = positive(search.get('unitId'));
  const levelParam = search.get('level');
  const level = (unitLevels as readonly string[]).includes(levelParam ?? '') ? (levelParam as UnitLevel) : undefined;
  const statusParam = search.get('status');
  const status = (complianceStatuses as readonly string[]).includes(statusParam ?? '')
    ? (statusParam as ComplianceStatus)
    : undefined;
  const tab = search.get('tab') === 'stats' ? 'stats' : 'board';
  const periodId = ofFrequency(search.get('period')) ?? defaultPeriod;
  const to = ofFrequency(search.get('to')) ?? defaultPeriod;
  let from = ofFrequency(search.get('from'));
  const last = to ? tryParsePeriod(to) : null;
  if (!from && last && frequency) {
    let first = last;
    for (let i = 1; i < defaultSpan[frequency] && firstOfRegime && first.id !== firstOfRegime; i += 1)
      first = previousPeriod(first);
    from = first.id;
  }

  const set = (change: Record<string, string | number | undefined>) =>
    setSearch(
      (previous) => {
        const next = new URLSearchParams(previous);
        for (const [key, value] of Object.entries(change))
          if (value === undefined || value === '') next.delete(key);
          else next.set(key, String(value));
        return next;
      },
      { replace: true },
    );

  if (regimes.isError) return <ErrorAlert error={regimes.error} />;
  if (regimes.isPending) return <Skeleton active />;

  const board: BoardChoice | null = regimeId && periodId ? { regimeId, formId, periodId, unitId, level, status } : null;
  const stats: StatsChoice | null = regimeId && from && to ? { regimeId, formId, from, to, unitId, level } : null;

  const exportXlsx = async () => {
    if (!board) return;
    try {
      const file = await downloadBoardXlsx(board, language);
      void message.success(t('compliance.exported', { file }));
    } catch (error) {
      notifyError(error, t('compliance.exportFailed'));
    }
  };

  const picker = (
    <Card size="small" style={{ marginBottom: 16 }} data-testid="compliance-picker">
      <Form layout="vertical">
        <Row gutter={[16, 0]}>
          <Col xs={24} md={12} xl={8}>
            <Form.Item label={t('compliance.picker.regime')} htmlFor="compliance-regime" style={{ marginBottom: 8 }}>
              <Select<number>
                id="compliance-regime"
                value={regimeId ?? undefined}
                onChange={(value) =>
                  set({ regimeId: value, formId: undefined, period: undefined, from: undefined, to: undefined })
                }
                options={list.map((r) => ({
                  value: r.id,
                  label: r.name[language] || r.name.vi,
                  title: r.name[language] || r.name.vi,
                }))}
                popupMatchSelectWidth={false}
                data-testid="compliance-regime"
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={12} xl={8}>
            <Form.Item label={t('compliance.picker.form')} htmlFor="compliance-form" style={{ marginBottom: 8 }}>
              <Select<number | 0>
                id="compliance-form"
                value={formId ?? 0}
                loading={regime.isFetching}
                onChange={(value) => set({ formId: value || undefined })}
                options={[
                  { value: 0, label: t('compliance.picker.allForms') },
                  ...forms.map((form) => {
                    const title = form.title ? form.title[language] || form.title.vi : '';
                    return { value: form.id, label: title ? `${form.code} — ${title}` : form.code, title };
                  }),
                ]}
                popupMatchSelectWidth={false}
                data-testid="compliance-form"
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={12} xl={8}>
            <Form.Item label={t('compliance.picker.unit')} htmlFor="compliance-unit" style={{ marginBottom: 8 }}>
              <ScopeUnitPicker
                id="compliance-unit"
                me={me}
                value={unitId}
                onChange={(value) => set({ unitId: value })}
                data-testid="compliance-unit"
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={12} xl={8}>
            <Form.Item label={t('compliance.picker.level')} htmlFor="compliance-level" style={{ marginBottom: 8 }}>
              <Select<string>
                id="compliance-level"
                value={level ?? ''}
                onChange={(value) => set({ level: value || undefined })}
                options={[
                  { value: '', label: t('compliance.picker.allLevels') },
                  ...unitLevels.map((l) => ({ value: l, label: t(`compliance.levels.${l}`) })),
                ]}
                data-testid="compliance-level"
              />
            </Form.Item>
          </Col>
          {tab === 'board' ? (
            <Col xs={24} md={12} xl={8}>
              <Form.Item label={t('compliance.picker.period')} style={{ marginBottom: 8 }}>
                {frequency && periodId ? (
                  <PeriodPicker
                    type={frequency}
                    value={periodId}
                    onChange={(value) => set({ period: value })}
                    data-testid="compliance-period"
                  />
                ) : (
                  <Skeleton.Input active size="small" />
                )}
              </Form.Item>
            </Col>
          ) : (
            <>
              <Col xs={24} md={12} xl={8}>
                <Form.Item label={t('compliance.picker.from')} style={{ marginBottom: 8 }}>
                  {frequency && from ? (
                    <PeriodPicker
                      type={frequency}
                      value={from}
                      onChange={(value) => set({ from: value })}
                      data-testid="compliance-from"
                    />
                  ) : (
                    <Skeleton.Input active size="small" />
                  )}
                </Form.Item>
              </Col>
              <Col xs={24} md={12} xl={8}>
                <Form.Item label={t('compliance.picker.to')} style={{ marginBottom: 8 }}>
                  {frequency && to ? (
                    <PeriodPicker
                      type={frequency}
                      value={to}
                      onChange={(value) => set({ to: value })}
                      data-testid="compliance-to"
                    />
                  ) : (
                    <Skeleton.Input active size="small" />
                  )}
                </Form.Item>
              </Col>
            </>
          )}
        </Row>
      </Form>
    </Card>
  );

  return (
    <>
      <PageHeader
        title={t('compliance.title')}
        description={narrow ? undefined : t('compliance.description')}
        extra={
          tab === 'board' ? (
            <Button
              icon={<FileExcelOutlined />}
              onClick={() => void exportXlsx()}
              disabled={!board}
              data-testid="compliance-export"
            >
              {t('compliance.exportXlsx')}
            </Button>
          ) : null
        }
      />
      {list.length === 0 ? (
        <Card size="small">
          <Empty description={t('compliance.picker.noRegimes')} />
        </Card>
      ) : (
        <>
          <Tabs
            activeKey={tab}
            onChange={(key) => set({ tab: key === 'stats' ? 'stats' : undefined })}
            items={[
              { key: 'board', label: t('compliance.tabs.board') },
              { key: 'stats', label: t('compliance.tabs.stats') },
            ]}
            data-testid="compliance-tabs"
          />
          {picker}
          {tab === 'board' && board ? (
            <ComplianceBoardView
              choice={board}
              formIds={formId ? [formId] : forms.map((f) => f.id)}
              onStatus={(value) => set({ status: value })}
            />
          ) : null}
          {tab === 'stats' && stats ? <ComplianceStatsView choice={stats} /> : null}
        </>
      )}
    </>
  );
}
