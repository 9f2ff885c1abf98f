import { type DataWindowKind, dataWindow, type PeriodType, periodForDate, periodLabel } from '@baocao/domain';
import { Alert, Form, Radio, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatDate, todayInVietnam } from '../../i18n/format';

/**
 * Component 8 of Decree 09: the data cut-off window, calendar periods or the Decree's windows
 * (15th of the previous month to the 14th), explained with the window of the current period.
 */
export function DataWindowField({ disabled, lockedHint }: { disabled: boolean; lockedHint?: string }) {
  const { t, i18n } = useTranslation();
  const kind = (Form.useWatch('dataWindow') as DataWindowKind | undefined) ?? 'calendar';
  const frequency = (Form.useWatch('frequency') as PeriodType | undefined) ?? 'month';
  const period = periodForDate(frequency, todayInVietnam());
  const window = dataWindow(period, kind);
  const language = i18n.language === 'en' ? 'en' : 'vi';
  return (
    <>
      <Form.Item
        name="dataWindow"
        label={t('regimes.editor.dataWindow')}
        extra={lockedHint}
        style={{ marginBottom: 8 }}
      >
        <Radio.Group disabled={disabled} data-testid="regime-data-window">
          <Radio value="decree09">{t('regimes.dataWindow.decree09')}</Radio>
          <Radio value="calendar">{t('regimes.dataWindow.calendar')}</Radio>
        </Radio.Group>
      </Form.Item>
      <Alert
        type="info"
        style={{ marginBottom: 16 }}
        title={kind === 'decree09' ? t('regimes.dataWindow.decree09Rule') : t('regimes.dataWindow.calendarRule')}
        description={
          <>
            {kind === 'decree09' ? (
              <ul style={{ margin: '4px 0', paddingInlineStart: 20 }}>
                <li>{t('regimes.dataWindow.ruleMonth')}</li>
                <li>{t('regimes.dataWindow.ruleQuarter')}</li>
                <li>{t('regimes.dataWindow.ruleHalf')}</li>
                <li>{t('regimes.dataWindow.ruleNine')}</li>
                <li>{t('regimes.dataWindow.ruleYear')}</li>
                <li>{t('regimes.dataWindow.ruleDay')}</li>
              </ul>
            ) : null}
            <Typography.Text>
              {t('regimes.dataWindow.example', {
                period: periodLabel(period, language),
                start: formatDate(window.start),
                end: formatDate(window.end),
              })}
            </Typography.Text>
          </>
        }
      />
    </>
  );
}
