import { DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  App,
  Button,
  Card,
  DatePicker,
  Flex,
  Form,
  Input,
  Modal,
  Popconfirm,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/error-alert';
import { showFieldError, whenValid } from '../../components/field-errors';
import { PageHeader } from '../../components/page-header';
import { useErrorNotifier } from '../../components/use-error-notifier';
import { useNarrowScreen } from '../../components/use-narrow-screen';
import { formatDate, formatNumber, todayInVietnam } from '../../i18n/format';
import { useCan } from '../auth/session';
import {
  deleteHoliday,
  type Holiday,
  type HolidayKind,
  holidaysQueryKey,
  saveHoliday,
  useHolidays,
} from './holidays.api';
import '../../i18n/dayjs-locale';

const kindColors: Record<HolidayKind, string> = { statutory: 'red', compensatory: 'orange', custom: 'blue' };
const kinds: HolidayKind[] = ['statutory', 'compensatory', 'custom'];

/** The weekday of a calendar date, in the interface's language ("Thứ Hai", "Monday"). */
function weekday(date: string, language: string): string {
  const day = new Date(`${date}T00:00:00Z`);
  return new Intl.DateTimeFormat(language === 'en' ? 'en-GB' : 'vi-VN', { weekday: 'long', timeZone: 'UTC' }).format(
    day,
  );
}

/**
 * The days off that working-day deadlines skip: seeded for 2020–2027 (Tết from
 * the lunar calendar), kept up to date here by system administrators when the
 * government announces compensatory days or changes.
 */
export function HolidaysPage() {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const notifyError = useErrorNotifier();
  const client = useQueryClient();
  const canEdit = useCan('regimes.manage');
  const narrow = useNarrowScreen();
  const [year, setYear] = useState(() => Number(todayInVietnam().slice(0, 4)));
  const holidays = useHolidays(year);
  const [editing, setEditing] = useState<Holiday | 'new' | null>(null);
  const remove = useMutation({
    mutationFn: (date: string) => deleteHoliday(date),
    onSuccess: (_, date) => {
      void message.success(t('calendar.removed', { date: formatDate(date) }));
      void client.invalidateQueries({ queryKey: holidaysQueryKey });
    },
    onError: (error) => notifyError(error),
  });
  const years = Array.from({ length: 12 }, (_, i) => year - 6 + i);

  return (
    <>
      <PageHeader
        title={t('calendar.title')}
        description={t('calendar.description')}
        extra={
          canEdit ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="holiday-add">
              {t('calendar.add')}
            </Button>
          ) : null
        }
      />
      <Card>
        <Flex justify="space-between" align="center" wrap gap={12} style={{ marginBottom: 16 }}>
          <Space>
            <Typography.Text>{t('calendar.year')}</Typography.Text>
            <Select
              value={year}
              onChange={setYear}
              options={years.map((y) => ({ value: y, label: String(y) }))}
              style={{ width: 110 }}
              data-testid="holiday-year"
            />
          </Space>
          <Typography.Text type="secondary" data-testid="holiday-count">
            {canEdit ? '' : `${t('calendar.readOnly')} · `}
            {t('calendar.count', {
              count: holidays.data?.length ?? 0,
              formatted: formatNumber(holidays.data?.length ?? 0),
            })}
          </Typography.Text>
        </Flex>
        {holidays.isError ? (
          <ErrorAlert error={holidays.error} />
        ) : (
          <Table<Holiday>
            rowKey="date"
            size="middle"
            loading={holidays.isPending}
            dataSource={holidays.data ?? []}
            pagination={false}
            scroll={narrow ? undefined : { x: canEdit ? 900 : 730 }}
            locale={{ emptyText: t('calendar.empty') }}
            onRow={(holiday) => ({ 'data-testid': `holiday-${holiday.date}` }) as React.HTMLAttributes<HTMLElement>}
            columns={[
              {
                title: t('calendar.date'),
                dataIndex: 'date',
                width: narrow ? 110 : 120,
                render: (date: string) =>
                  narrow ? (
                    <>
                      {formatDate(date)}
                      <div>
                        <Typography.Text type="secondary">{weekday(date, i18n.language)}</Typography.Text>
                      </div>
                    </>
                  ) : (
                    formatDate(date)
                  ),
              },
              ...(narrow
                ? []
                : [
                    {
                      title: t('calendar.weekday'),
                      dataIndex: 'date',
                      key: 'weekday',
                      width: 130,
                      render: (date: string) => weekday(date, i18n.language),
                    },
                  ]),
              {
                title: t('calendar.nameVi'),
                dataIndex: 'nameVi',
                render: (name: string, holiday: Holiday) => (
                  <>
                    {i18n.language === 'en' && holiday.nameEn ? (
                      <>
                        {holiday.nameEn}
                        <div>
                          <Typography.Text type="secondary">{name}</Typography.Text>
                        </div>
                      </>
                    ) : (
                      name
                    )}
                    {narrow ? (
                      <div style={{ marginTop: 4 }}>
                        <Tag color={kindColors[holiday.kind]}>{t(`calendar.kinds.${holiday.kind}`)}</Tag>
                      </div>
                    ) : null}
                  </>
                ),
              },
              ...(narrow
                ? []
                : [
                    {
                      title: t('calendar.kind'),
                      dataIndex: 'kind',
                      width: 190,
                      render: (kind: HolidayKind) => <Tag color={kindColors[kind]}>{t(`calendar.kinds.${kind}`)}</Tag>,
                    },
                  ]),
              ...(canEdit
                ? [
                    {
                      title: '',
                      key: 'actions',
                      width: narrow ? 84 : 170,
                      render: (_: unknown, holiday: Holiday) => (
                        <Space size={narrow ? 4 : 8}>
                          <Button
                            size="small"
                            icon={<EditOutlined />}
                            onClick={() => setEditing(holiday)}
                            aria-label={t('calendar.edit')}
                            data-testid="holiday-edit"
                          >
                            {narrow ? null : t('calendar.edit')}
                          </Button>
                          <Popconfirm
                            title={t('calendar.removeConfirm', { date: formatDate(holiday.date) })}
                            okText={t('calendar.remove')}
                            cancelText={t('common.cancel')}
                            onConfirm={() => remove.mutate(holiday.date)}
                          >
                            <Button
                              size="small"
                              danger
                              icon={<DeleteOutlined />}
                              aria-label={t('calendar.remove')}
                              data-testid="holiday-remove"
                            >
                              {narrow ? null : t('calendar.remove')}
                            </Button>
                          </Popconfirm>
                        </Space>
                      ),
                    },
                  ]
                : []),
            ]}
          />
        )}
      </Card>
      {editing ? (
        <HolidayModal
          holiday={editing === 'new' ? null : editing}
          year={year}
          onClose={() => setEditing(null)}
          onSaved={(saved) => {
            void message.success(t('calendar.saved', { date: formatDate(saved.date) }));
            void client.invalidateQueries({ queryKey: holidaysQueryKey });
            setYear(Number(saved.date.slice(0, 4)));
            setEditing(null);
          }}
        />
      ) : null}
    </>
  );
}

interface HolidayForm {
  date: Dayjs | null;
  nameVi: string;
  nameEn: string;
  kind: HolidayKind;
}

function HolidayModal({
  holiday,
  year,
  onClose,
  onSaved,
}: {
  holiday: Holiday | null;
  year: number;
  onClose: () => void;
  onSaved: (holiday: Holiday) => void;
}) {
  const { t } = useTranslation();
  const notifyError = useErrorNotifier();
  const [fields] = Form.useForm<HolidayForm>();
  const save = useMutation({
    mutationFn: (input: HolidayForm) =>
      saveHoliday(input.date!.format('YYYY-MM-DD'), {
        nameVi: input.nameVi.trim(),
        nameEn: (input.nameEn ?? '').trim(),
        kind: input.kind,
      }),
    onSuccess: onSaved,
    onError: (error) => {
      if (!showFieldError(fields, error, ['nameVi', 'nameEn', 'kind'], { date: 'date' })) notifyError(error);
    },
  });
  return (
    <Modal
      open
      title={holiday ? t('calendar.editTitle', { date: formatDate(holiday.date) }) : t('calendar.addTitle')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      okButtonProps={{ loading: save.isPending }}
      onCancel={onClose}
      onOk={() => whenValid(fields, (input) => save.mutate(input))}
      destroyOnHidden
    >
      <Form<HolidayForm>
        form={fields}
        layout="vertical"
        preserve={false}
        initialValues={{
          date: holiday ? dayjs(holiday.date) : dayjs(`${year}-01-01`),
          nameVi: holiday?.nameVi ?? '',
          nameEn: holiday?.nameEn ?? '',
          kind: holiday?.kind ?? 'compensatory',
        }}
      >
        <Form.Item
          name="date"
          label={t('calendar.date')}
          rules={[{ required: true, message: t('calendar.dateRequired') }]}
        >
          <DatePicker format="DD/MM/YYYY" disabled={!!holiday} allowClear={false} data-testid="holiday-date" />
        </Form.Item>
        <Form.Item
          name="nameVi"
          label={t('calendar.nameVi')}
          rules={[{ required: true, whitespace: true, message: t('calendar.nameRequired') }]}
        >
          <Input maxLength={200} data-testid="holiday-name-vi" />
        </Form.Item>
        <Form.Item name="nameEn" label={t('calendar.nameEn')}>
          <Input maxLength={200} data-testid="holiday-name-en" />
        </Form.Item>
        <Form.Item name="kind" label={t('calendar.kind')}>
          <Select options={kinds.map((kind) => ({ value: kind, label: t(`calendar.kinds.${kind}`) }))} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
