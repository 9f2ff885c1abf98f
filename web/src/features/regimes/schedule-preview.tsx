import { type PeriodType, periodForDate } from '@baocao/domain';
import { Alert, Flex, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/error-alert';
import { PeriodPicker } from '../../components/period-picker';
import { unitKindName } from '../../components/unit-kind-select';
import { formatDate, formatDateTime, TIME_ZONE, todayInVietnam } from '../../i18n/format';
import { type RegimeScheduleView, useRegimeSchedule } from './regimes.api';

type Level = RegimeScheduleView['levels'][number];

function useInstantText() {
  const { i18n } = useTranslation();
  const weekday = new Intl.DateTimeFormat(i18n.language === 'en' ? 'en-GB' : 'vi-VN', {
    weekday: 'short',
    timeZone: TIME_ZONE,
  });
  return (instant: string) => (
    <span>
      {formatDateTime(instant).slice(0, 16)}{' '}
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        ({weekday.format(new Date(instant))})
      </Typography.Text>
    </span>
  );
}

/**
 * The instants the server computes from the saved schedules for one period: working days skip
 * weekends and the holidays on record, everything in Vietnam time.
 */
export function SchedulePreview({
  regimeId,
  frequency,
  savedVersion,
  dirty,
}: {
  regimeId: number;
  frequency: string;
  savedVersion: number;
  dirty: boolean;
}) {
  const { t, i18n } = useTranslation();
  const type = frequency as PeriodType;
  const [period, setPeriod] = useState(() => periodForDate(type, todayInVietnam()).id);
  const schedule = useRegimeSchedule(regimeId, period, savedVersion);
  const instant = useInstantText();
  return (
    <Flex vertical gap={12} data-testid="schedule-preview">
      <Flex gap={12} align="center" wrap>
        <Typography.Text>{t('regimes.schedules.previewFor')}</Typography.Text>
        <PeriodPicker type={type} value={period} onChange={setPeriod} data-testid="schedule-period" />
      </Flex>
      {dirty ? <Alert type="info" showIcon title={t('regimes.schedules.previewSaved')} /> : null}
      {schedule.isError ? <ErrorAlert error={schedule.error} /> : null}
      {schedule.data ? (
        <>
          <Typography.Text>
            {t('regimes.schedules.previewWindow', {
              start: formatDate(schedule.data.dataWindow.start),
              end: formatDate(schedule.data.dataWindow.end),
            })}{' '}
            <Tag>
              {t(`regimes.dataWindow.${schedule.data.dataWindowKind === 'decree09' ? 'decree09' : 'calendar'}`)}
            </Tag>
          </Typography.Text>
          <Table<Level>
            size="small"
            pagination={false}
            rowKey={(level) => `${level.role}-${level.unitKinds.join(',')}`}
            dataSource={schedule.data.levels}
            locale={{ emptyText: t('regimes.schedules.none') }}
            columns={[
              {
                title: t('regimes.schedules.level'),
                key: 'level',
                render: (_, level) => (
                  <div>
                    <Tag color={level.role === 'entry' ? 'blue' : 'geekblue'}>
                      {t(
                        level.role === 'entry' ? 'regimes.schedules.roleEntry' : 'regimes.schedules.roleConsolidation',
                      )}
                    </Tag>
                    <div style={{ fontSize: 12 }}>
                      {level.unitKinds.map((kind) => unitKindName(kind, i18n.language)).join('; ')}
                    </div>
                  </div>
                ),
              },
              { title: t('regimes.schedules.opens'), dataIndex: 'opensAt', render: instant },
              { title: t('regimes.schedules.due'), dataIndex: 'dueAt', render: instant },
              { title: t('regimes.schedules.closes'), dataIndex: 'closesAt', render: instant },
            ]}
          />
        </>
      ) : null}
    </Flex>
  );
}
