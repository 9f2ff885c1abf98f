import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import {
  covidDailySupportSchedules,
  decree09MonthlySchedules,
  defaultLadder,
  type LevelSchedule,
  noticeChannels,
} from '@baocao/domain';
import {
  Button,
  Checkbox,
  Col,
  Dropdown,
  Flex,
  Form,
  InputNumber,
  Row,
  Select,
  Space,
  TimePicker,
  Tooltip,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { UnitKindSelect } from '../../components/unit-kind-select';
import '../../i18n/dayjs-locale';

const offsets = ['opens', 'due', 'closes'] as const;
const anchors = ['period_start', 'period_end', 'window_end'] as const;

/** Level schedules from Decree 09 practice, offered as starting points. */
const presets: Record<'covid' | 'decree09', LevelSchedule[]> = {
  covid: [
    { unitKinds: ['ubnd_commune'], role: 'entry', ...covidDailySupportSchedules.entry },
    { unitKinds: ['ubnd_district'], role: 'consolidation', ...covidDailySupportSchedules.district },
    { unitKinds: ['ubnd_province'], role: 'consolidation', ...covidDailySupportSchedules.province },
  ],
  decree09: [
    { unitKinds: ['ubnd_commune'], role: 'entry', ...decree09MonthlySchedules.commune },
    { unitKinds: ['ubnd_province'], role: 'consolidation', ...decree09MonthlySchedules.province },
  ],
};

const timeProps = {
  getValueProps: (value: string | undefined) => {
    const match = /^(\d{2}):(\d{2})$/.exec(value ?? '');
    return { value: match ? dayjs().hour(Number(match[1])).minute(Number(match[2])).second(0) : null };
  },
  normalize: (value: Dayjs | null) => (value ? value.format('HH:mm') : undefined),
};

/**
 * The schedule of each level: which unit kinds, entering or consolidating, and when entry opens,
 * is due and closes — each as days (or working days) after an anchor of the period, at a time of
 * day, Vietnam time.
 */
export function SchedulesEditor({ disabled, onChanged }: { disabled: boolean; onChanged: () => void }) {
  const { t } = useTranslation();
  const form = Form.useFormInstance();
  return (
    <Form.List name="schedules">
      {(fields, { add, remove, move }) => (
        <Flex vertical gap={12}>
          {fields.length === 0 ? (
            <Typography.Text type="secondary">{t('regimes.schedules.none')}</Typography.Text>
          ) : null}
          {fields.map((field, index) => (
            <div
              key={field.key}
              style={{ border: '1px solid #e3e7ee', borderRadius: 8, padding: 12, background: '#fafbfd' }}
              data-testid={`schedule-${index}`}
            >
              <Row gutter={12} align="bottom">
                <Col xs={24} md={6}>
                  <Form.Item
                    name={[field.name, 'role']}
                    label={t('regimes.schedules.role')}
                    style={{ marginBottom: 8 }}
                    rules={[{ required: true, message: t('common.required') }]}
                  >
                    <Select
                      disabled={disabled}
                      options={[
                        { value: 'entry', label: t('regimes.schedules.roleEntry') },
                        { value: 'consolidation', label: t('regimes.schedules.roleConsolidation') },
                      ]}
                    />
                  </Form.Item>
                </Col>
                <Col xs={24} md={14}>
                  <Form.Item
                    name={[field.name, 'unitKinds']}
                    label={t('regimes.schedules.unitKinds')}
                    style={{ marginBottom: 8 }}
                    rules={[
                      { required: true, type: 'array', min: 1, message: t('regimes.schedules.unitKindsRequired') },
                    ]}
                  >
                    <UnitKindSelect disabled={disabled} />
                  </Form.Item>
                </Col>
                <Col xs={24} md={4}>
                  <Space size={0} style={{ marginBottom: 8 }}>
                    <Tooltip title={t('regimes.moveUp')}>
                      <Button
                        type="text"
                        icon={<ArrowUpOutlined />}
                        disabled={disabled || index === 0}
                        onClick={() => move(index, index - 1)}
                        aria-label={t('regimes.moveUp')}
                      />
                    </Tooltip>
                    <Tooltip title={t('regimes.moveDown')}>
                      <Button
                        type="text"
                        icon={<ArrowDownOutlined />}
                        disabled={disabled || index === fields.length - 1}
                        onClick={() => move(index, index + 1)}
                        aria-label={t('regimes.moveDown')}
                      />
                    </Tooltip>
                    <Tooltip title={t('regimes.remove')}>
                      <Button
                        type="text"
                        danger
                        icon={<DeleteOutlined />}
                        disabled={disabled}
                        onClick={() => remove(field.name)}
                        aria-label={t('regimes.remove')}
                      />
                    </Tooltip>
                  </Space>
                </Col>
              </Row>
              {offsets.map((offset) => (
                <Row key={offset} gutter={8} align="middle" style={{ marginTop: 4 }}>
                  <Col flex="110px">
                    <Typography.Text strong>{t(`regimes.schedules.${offset}`)}</Typography.Text>
                  </Col>
                  <Col flex="120px">
                    <Form.Item name={[field.name, offset, 'days']} style={{ marginBottom: 4 }}>
                      <InputNumber
                        precision={0}
                        min={-366}
                        max={366}
                        disabled={disabled}
                        suffix={t('regimes.schedules.daysUnit')}
                        style={{ width: '100%' }}
                        aria-label={`${t(`regimes.schedules.${offset}`)} — ${t('regimes.schedules.days')}`}
                      />
                    </Form.Item>
                  </Col>
                  <Col flex="150px">
                    <Form.Item
                      name={[field.name, offset, 'workingDays']}
                      valuePropName="checked"
                      style={{ marginBottom: 4 }}
                    >
                      <Checkbox disabled={disabled}>{t('regimes.schedules.workingDays')}</Checkbox>
                    </Form.Item>
                  </Col>
                  <Col flex="210px">
                    <Form.Item name={[field.name, offset, 'anchor']} style={{ marginBottom: 4 }}>
                      <Select
                        disabled={disabled}
                        options={anchors.map((anchor) => ({
                          value: anchor,
                          label: t(`regimes.schedules.anchor.${anchor}`),
                        }))}
                        aria-label={`${t(`regimes.schedules.${offset}`)} — ${t('regimes.schedules.anchorLabel')}`}
                      />
                    </Form.Item>
                  </Col>
                  <Col flex="120px">
                    <Form.Item
                      name={[field.name, offset, 'time']}
                      style={{ marginBottom: 4 }}
                      rules={[{ required: true, message: t('common.required') }]}
                      {...timeProps}
                    >
                      <TimePicker
                        format="HH:mm"
                        minuteStep={5}
                        needConfirm={false}
                        allowClear={false}
                        disabled={disabled}
                        style={{ width: '100%' }}
                        aria-label={`${t(`regimes.schedules.${offset}`)} — ${t('regimes.schedules.time')}`}
                      />
                    </Form.Item>
                  </Col>
                </Row>
              ))}
              <Row gutter={8} align="middle" style={{ marginTop: 4 }} data-testid={`schedule-${index}-ladder`}>
                <Col flex="110px">
                  <Typography.Text strong>{t('notices.ladder.title')}</Typography.Text>
                </Col>
                <Col flex="190px">
                  <Form.Item name={[field.name, 'ladder', 'reminderMinutesBeforeDue']} style={{ marginBottom: 4 }}>
                    <InputNumber
                      precision={0}
                      min={1}
                      max={10_080}
                      disabled={disabled}
                      prefix={t('notices.ladder.reminder')}
                      suffix={t('notices.ladder.minutes')}
                      placeholder={t('notices.ladder.off')}
                      style={{ width: '100%' }}
                      aria-label={t('notices.ladder.reminderLabel')}
                    />
                  </Form.Item>
                </Col>
                <Col flex="160px">
                  <Form.Item
                    name={[field.name, 'ladder', 'lateWarning']}
                    valuePropName="checked"
                    style={{ marginBottom: 4 }}
                  >
                    <Checkbox disabled={disabled}>{t('notices.ladder.late')}</Checkbox>
                  </Form.Item>
                </Col>
                <Col flex="210px">
                  <Form.Item name={[field.name, 'ladder', 'escalationMinutesAfterClose']} style={{ marginBottom: 4 }}>
                    <InputNumber
                      precision={0}
                      min={0}
                      max={10_080}
                      disabled={disabled}
                      prefix={t('notices.ladder.escalation')}
                      suffix={t('notices.ladder.minutes')}
                      placeholder={t('notices.ladder.off')}
                      style={{ width: '100%' }}
                      aria-label={t('notices.ladder.escalationLabel')}
                    />
                  </Form.Item>
                </Col>
                <Col flex="200px">
                  <Form.Item name={[field.name, 'ladder', 'channels']} style={{ marginBottom: 4 }}>
                    <Select
                      mode="multiple"
                      disabled={disabled}
                      options={noticeChannels.map((channel) => ({
                        value: channel,
                        label: t(`notices.ladder.channels.${channel}`),
                      }))}
                      aria-label={t('notices.ladder.channelsLabel')}
                    />
                  </Form.Item>
                </Col>
              </Row>
            </div>
          ))}
          {disabled ? null : (
            <Flex gap={8} wrap>
              <Button
                icon={<PlusOutlined />}
                onClick={() =>
                  add({
                    unitKinds: [],
                    role: fields.length === 0 ? 'entry' : 'consolidation',
                    opens: { anchor: 'period_end', days: 0, time: '08:00' },
                    due: { anchor: 'period_end', days: 1, time: '17:00' },
                    closes: { anchor: 'period_end', days: 2, time: '17:00' },
                    ladder: defaultLadder,
                  } satisfies LevelSchedule)
                }
                data-testid="add-schedule"
              >
                {t('regimes.schedules.add')}
              </Button>
              <Dropdown
                menu={{
                  items: (['covid', 'decree09'] as const).map((preset) => ({
                    key: preset,
                    label: t(`regimes.schedules.preset.${preset}`),
                  })),
                  onClick: ({ key }) => {
                    form.setFieldValue(
                      'schedules',
                      structuredClone(presets[key as 'covid' | 'decree09']).map((s) => ({
                        ...s,
                        ladder: defaultLadder,
                      })),
                    );
                    onChanged();
                  },
                }}
              >
                <Button>{t('regimes.schedules.usePreset')}</Button>
              </Dropdown>
            </Flex>
          )}
        </Flex>
      )}
    </Form.List>
  );
}
