import { BarChartOutlined } from '@ant-design/icons';
import { type PeriodType, periodForDate, tryParsePeriod } from '@baocao/domain';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Col, Empty, Flex, Form, Row, Select, Skeleton } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import type { UnitDetailView } from '../../api/types';
import { ErrorAlert } from '../../components/error-alert';
import { PeriodPicker } from '../../components/period-picker';
import { UnitPicker } from '../../components/unit-picker';
import { useNarrowScreen } from '../../components/use-narrow-screen';
import { formatDate, todayInVietnam } from '../../i18n/format';
import { languageOf } from '../../reporting/report-labels';
import { type ReportKey, useMyReports } from '../../reporting/reports.api';
import { useSignedInMe } from '../auth/session';
import { type RegimeSummaryView, useRegime, useRegimes } from '../regimes/regimes.api';

/** What the address or the page already says about the consolidation to open; the rest is defaulted. */
export interface ConsolidationChoice {
  regimeId?: number | undefined;
  formId?: number | undefined;
  unitId?: number | undefined;
  period?: string | undefined;
}

/**
 * The regime's current period: the one holding today (in Vietnam), or its last (first) period
 * when the regime ended (has not started) yet.
 */
export function currentPeriodOf(
  regime: { frequency: string; validFrom: string; validTo: string | null },
  today: string,
): string {
  const day =
    regime.validTo !== null && today > regime.validTo
      ? regime.validTo
      : today < regime.validFrom
        ? regime.validFrom
        : today;
  return periodForDate(regime.frequency as PeriodType, day).id;
}

/** Whether units of `kind` consolidate in the regime (the hierarchy's root always does), as the server decides. */
function consolidatesIn(regime: RegimeSummaryView, kind: string): boolean {
  return kind === 'government' || regime.consolidatingUnitKinds.includes(kind);
}

/**
 * Chooses a consolidation to open: the regime, its form, the consolidating unit and the period.
 * Defaults: what the unit consolidates (or, for a receiving agency, receives) today (from "Báo cáo
 * của tôi"), else the first regime in force; the user's own unit (the national root for a receiving
 * agency); the regime's current period.
 */
export function ConsolidationPicker({
  initial,
  onOpen,
}: {
  initial: ConsolidationChoice;
  onOpen: (key: ReportKey) => void;
}) {
  const { t, i18n } = useTranslation();
  const language = languageOf(i18n.language);
  const me = useSignedInMe();
  const narrow = useNarrowScreen();
  const [choice, setChoice] = useState<ConsolidationChoice>(initial);
  const regimes = useRegimes({ q: '', status: 'active' }, 1, 100);
  const today = useMyReports({});

  // A receiving agency consolidates nothing itself: it opens the national consolidation it receives.
  const received = (today.data?.items ?? []).filter((item) => item.role === 'recipient');
  const ownRoles = (today.data?.items ?? []).some((item) => item.role !== 'recipient');
  const unitId = choice.unitId ?? (ownRoles ? undefined : received[0]?.unit.id) ?? me.unit.id;
  const unit = useQuery({
    queryKey: ['units', unitId, 'detail', ''],
    queryFn: ({ signal }) => api<UnitDetailView>(`/units/${unitId}`, { signal }),
    staleTime: 5 * 60_000,
  });
  const unitKind = unit.data?.id === unitId ? unit.data.kind : undefined;
  const list = regimes.data?.items ?? [];
  const consolidating = (today.data?.items ?? []).filter(
    (item) => (item.role === 'consolidation' || item.role === 'recipient') && item.unit.id === unitId,
  );
  const regimeId =
    choice.regimeId ??
    consolidating.find((item) => list.some((r) => r.id === item.regime.id))?.regime.id ??
    (unitKind ? list.find((r) => consolidatesIn(r, unitKind))?.id : undefined) ??
    list[0]?.id ??
    null;
  const summary = list.find((r) => r.id === regimeId);
  const regime = useRegime(regimeId);
  const detail = regime.data?.id === regimeId ? regime.data : undefined;
  const forms = (detail?.forms ?? []).filter((form) => form.publishedVersion !== null);
  const formId =
    (choice.formId !== undefined && forms.some((f) => f.id === choice.formId) ? choice.formId : undefined) ??
    consolidating.find((item) => item.regime.id === regimeId && forms.some((f) => f.id === item.form.id))?.form.id ??
    forms[0]?.id ??
    null;
  const frequency = (summary?.frequency ?? detail?.definition.frequency) as PeriodType | undefined;
  const chosenPeriod = choice.period ? tryParsePeriod(choice.period) : null;
  const period =
    chosenPeriod && chosenPeriod.type === frequency
      ? chosenPeriod.id
      : summary
        ? currentPeriodOf(summary, todayInVietnam())
        : null;

  const set = (change: ConsolidationChoice) => setChoice((previous) => ({ ...previous, ...change }));
  const notConsolidating = !!summary && unitKind !== undefined && !consolidatesIn(summary, unitKind);
  const parsed = period ? tryParsePeriod(period) : null;
  const outside =
    !!summary &&
    !!parsed &&
    (parsed.end < summary.validFrom || (summary.validTo !== null && parsed.start > summary.validTo));
  const ready = regimeId !== null && formId !== null && period !== null && !notConsolidating && !outside;

  if (regimes.isError) return <ErrorAlert error={regimes.error} />;
  if (regimes.isPending)
    return (
      <Card size="small">
        <Skeleton active paragraph={{ rows: 2 }} />
      </Card>
    );
  if (list.length === 0)
    return (
      <Card size="small">
        <Empty description={t('consolidation.picker.noRegimes')} />
      </Card>
    );

  return (
    <Card size="small" data-testid="consolidation-picker">
      <Form layout="vertical" onFinish={() => ready && onOpen({ unitId, formId: formId!, period: period! })}>
        <Row gutter={[16, 0]}>
          <Col xs={24} md={12} xl={6}>
            <Form.Item label={t('consolidation.picker.regime')} htmlFor="picker-regime">
              <Select<number>
                id="picker-regime"
                value={regimeId ?? undefined}
                onChange={(value) => set({ regimeId: value, formId: undefined, period: undefined })}
                options={list.map((r: RegimeSummaryView) => ({
                  value: r.id,
                  label: r.name[language] || r.name.vi,
                  title: r.name[language] || r.name.vi,
                }))}
                popupMatchSelectWidth={false}
                data-testid="picker-regime"
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={12} xl={6}>
            <Form.Item label={t('consolidation.picker.form')} htmlFor="picker-form">
              <Select<number>
                id="picker-form"
                value={formId ?? undefined}
                loading={regime.isFetching}
                onChange={(value) => set({ formId: value })}
                options={forms.map((form) => {
                  const title = form.title ? form.title[language] || form.title.vi : '';
                  return { value: form.id, label: title ? `${form.code} — ${title}` : form.code, title };
                })}
                notFoundContent={t('consolidation.picker.noForms')}
                popupMatchSelectWidth={false}
                data-testid="picker-form"
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={12} xl={6}>
            <Form.Item label={t('consolidation.picker.unit')} htmlFor="picker-unit">
              <UnitPicker
                id="picker-unit"
                value={unitId}
                knownUnits={[
                  { id: me.unit.id, name: me.unit.name, code: me.unit.code },
                  ...received.slice(0, 1).map((item) => item.unit),
                ]}
                onChange={(value) => set({ unitId: typeof value === 'number' ? value : undefined })}
                data-testid="picker-unit"
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={12} xl={6}>
            <Form.Item label={t('consolidation.picker.period')}>
              {frequency && period ? (
                <PeriodPicker
                  type={frequency}
                  value={period}
                  onChange={(value) => set({ period: value })}
                  data-testid="picker-period"
                />
              ) : (
                <Skeleton.Input active size="small" />
              )}
            </Form.Item>
          </Col>
        </Row>
        <Flex justify="flex-end">
          <Button
            type="primary"
            htmlType="submit"
            icon={<BarChartOutlined />}
            disabled={!ready}
            block={narrow}
            data-testid="picker-open"
          >
            {t('consolidation.picker.open')}
          </Button>
        </Flex>
      </Form>
      {detail && forms.length === 0 ? (
        <Alert style={{ marginTop: 12 }} type="info" showIcon title={t('consolidation.picker.noForms')} />
      ) : null}
      {notConsolidating ? (
        <Alert
          style={{ marginTop: 12 }}
          type="warning"
          showIcon
          title={t('consolidation.picker.notConsolidating', { unit: unit.data?.name ?? '' })}
          data-testid="picker-not-consolidating"
        />
      ) : null}
      {outside && summary ? (
        <Alert
          style={{ marginTop: 12 }}
          type="warning"
          showIcon
          title={t('consolidation.picker.outside', {
            from: formatDate(summary.validFrom),
            to: summary.validTo ? formatDate(summary.validTo) : '…',
          })}
        />
      ) : null}
    </Card>
  );
}
