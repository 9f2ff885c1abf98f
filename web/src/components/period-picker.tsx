import { LeftOutlined, RightOutlined } from '@ant-design/icons';
import {
  nextPeriod,
  type PeriodType,
  periodForDate,
  periodLabel,
  previousPeriod,
  tryParsePeriod,
} from '@baocao/domain';
import { Button, DatePicker, Flex, Select, Space, Tooltip, Typography } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import '../i18n/dayjs-locale';

interface PeriodPickerProps {
  /** The period type the value must have (a regime's frequency). */
  type: PeriodType;
  /** A canonical period id: `20210715`, `2021W28`, `202107`, `2021Q3`, `2021S1`, `2021N9`, `2021`. */
  value: string;
  onChange: (id: string) => void;
  disabled?: boolean;
  'data-testid'?: string;
}

const pickers: Partial<Record<PeriodType, 'date' | 'week' | 'month' | 'quarter' | 'year'>> = {
  day: 'date',
  week: 'week',
  month: 'month',
  quarter: 'quarter',
  half_year: 'year',
  nine_months: 'year',
  year: 'year',
};

const displayFormats: Record<string, string> = {
  date: 'DD/MM/YYYY',
  week: 'wo/YYYY',
  month: 'MM/YYYY',
  quarter: '[Q]Q/YYYY',
  year: 'YYYY',
};

/**
 * Chooses a reporting period of one type: a calendar of the right granularity (day, week, month,
 * quarter, year; a year and a half for six-month periods), the previous and next period, and the
 * period's Vietnamese label ("Quý III/2021", "6 tháng đầu năm 2021").
 */
export function PeriodPicker({ type, value, onChange, disabled, ...rest }: PeriodPickerProps) {
  const { t, i18n } = useTranslation();
  const parsed = tryParsePeriod(value);
  const period = parsed && parsed.type === type ? parsed : null;
  const picker = pickers[type] ?? 'date';
  const language = i18n.language === 'en' ? 'en' : 'vi';

  const choose = (date: dayjs.Dayjs | null) => {
    if (!date) return;
    const day = date.format('YYYY-MM-DD');
    if (type === 'half_year') {
      const half = period?.id.endsWith('S2') ? 'S2' : 'S1';
      onChange(`${date.year()}${half}`);
    } else onChange(periodForDate(type, day).id);
  };

  return (
    <Flex gap={8} align="center" wrap data-testid={rest['data-testid']}>
      <Space.Compact>
        <Tooltip title={t('periodPicker.previous')}>
          <Button
            icon={<LeftOutlined />}
            disabled={disabled || !period}
            onClick={() => period && onChange(previousPeriod(period).id)}
            aria-label={t('periodPicker.previous')}
          />
        </Tooltip>
        <DatePicker
          picker={picker}
          value={period ? dayjs(period.start) : null}
          format={displayFormats[picker]}
          onChange={choose}
          allowClear={false}
          disabled={disabled}
          style={{ width: 150 }}
          aria-label={t('periodPicker.label')}
        />
        {type === 'half_year' ? (
          <Select
            value={period?.id.endsWith('S2') ? 'S2' : 'S1'}
            onChange={(half) => onChange(`${period ? period.id.slice(0, 4) : dayjs().year()}${half}`)}
            options={[
              { value: 'S1', label: t('periodPicker.firstHalf') },
              { value: 'S2', label: t('periodPicker.secondHalf') },
            ]}
            disabled={disabled}
            style={{ width: 130 }}
          />
        ) : null}
        <Tooltip title={t('periodPicker.next')}>
          <Button
            icon={<RightOutlined />}
            disabled={disabled || !period}
            onClick={() => period && onChange(nextPeriod(period).id)}
            aria-label={t('periodPicker.next')}
          />
        </Tooltip>
      </Space.Compact>
      {period ? (
        <Typography.Text strong>
          {periodLabel(period, language)}{' '}
          <Typography.Text type="secondary" code>
            {period.id}
          </Typography.Text>
        </Typography.Text>
      ) : (
        <Typography.Text type="danger">{t('periodPicker.invalid')}</Typography.Text>
      )}
    </Flex>
  );
}
