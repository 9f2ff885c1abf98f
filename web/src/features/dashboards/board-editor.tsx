import type { DashboardItem, Widget, WidgetType } from '@baocao/domain';
import { widgetTypes } from '@baocao/domain';
import { Alert, App as AntApp, Button, Card, Form, Input, Select, Space } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/error-alert';
import { PageHeader } from '../../components/page-header';
import { UnitPicker } from '../../components/unit-picker';
import { useSignedInMe } from '../auth/session';
import { useSaveDashboard } from './dashboards.api';

const pretty = (value: unknown) => JSON.stringify(value, null, 2);

/** A new widget of a type, placed below the others. */
function newWidget(type: WidgetType, widgets: Widget[], label: string): Widget {
  const y = widgets.reduce((max, w) => Math.max(max, w.y + w.h), 0);
  const base = { id: `${type}-${widgets.length + 1}`, type, title: { vi: label, en: '' }, x: 0, y, w: 6, h: 3 };
  if (type === 'text') return { ...base, text: { vi: '…', en: '' } };
  if (type === 'compliance' || type === 'crosscheck') return { ...base, regimeId: 1 };
  if (type === 'tasks') return { ...base, w: 12, h: 5, tasks: { by: 'unit' }, rank: { order: 'top', limit: 10 } };
  return {
    ...base,
    query: {
      fields: ['1:field'],
      units: { level: 'province' },
      periods: { type: 'day', last: type === 'line' ? 30 : 1 },
    },
  };
}

/**
 * Builds or edits a board in the browser: title, owning unit, and the widgets and shares as JSON
 * (the server checks them and names the faulty property, shown here).
 */
export function BoardEditor({
  board,
  onDone,
}: {
  board: DashboardItem | null;
  onDone: (saved: DashboardItem | null) => void;
}) {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const me = useSignedInMe();
  const save = useSaveDashboard();
  const [titleVi, setTitleVi] = useState(board?.title.vi ?? '');
  const [titleEn, setTitleEn] = useState(board?.title.en ?? '');
  const [unitId, setUnitId] = useState<number>(board?.unitId ?? me.unit.id);
  const [widgets, setWidgets] = useState(pretty(board?.definition.widgets ?? []));
  const [shares, setShares] = useState(pretty(board?.shares ?? []));
  const [jsonError, setJsonError] = useState<string | null>(null);
  const [addType, setAddType] = useState<WidgetType>('kpi');

  const parse = (text: string) => {
    try {
      return JSON.parse(text) as unknown;
    } catch (error) {
      setJsonError(t('dashboards.editor.invalidJson', { reason: (error as Error).message }));
      return undefined;
    }
  };
  const submit = async () => {
    setJsonError(null);
    const parsedWidgets = parse(widgets);
    const parsedShares = parse(shares);
    if (parsedWidgets === undefined || parsedShares === undefined) return;
    const body = {
      unitId,
      title: { vi: titleVi, en: titleEn },
      definition: { widgets: parsedWidgets as Widget[] },
      shares: parsedShares as DashboardItem['shares'],
      ...(board ? { version: board.version } : {}),
    };
    const saved = await save.mutateAsync({ id: board?.id ?? null, body });
    void message.success(t('dashboards.saved'));
    onDone(saved);
  };
  return (
    <>
      <PageHeader title={board ? t('dashboards.edit') : t('dashboards.create')} />
      <Card>
        <Form layout="vertical" onFinish={() => void submit().catch(() => undefined)}>
          <Form.Item label={t('dashboards.editor.titleVi')} required>
            <Input value={titleVi} maxLength={200} onChange={(e) => setTitleVi(e.target.value)} />
          </Form.Item>
          <Form.Item label={t('dashboards.editor.titleEn')}>
            <Input value={titleEn} maxLength={200} onChange={(e) => setTitleEn(e.target.value)} />
          </Form.Item>
          <Form.Item label={t('dashboards.editor.unit')} required>
            <UnitPicker value={unitId} onChange={(value) => typeof value === 'number' && setUnitId(value)} />
          </Form.Item>
          <Form.Item label={t('dashboards.editor.widgets')}>
            <Space wrap style={{ marginBottom: 8 }}>
              <Select
                style={{ minWidth: 200 }}
                value={addType}
                onChange={setAddType}
                options={widgetTypes.map((type) => ({ value: type, label: t(`dashboards.types.${type}`) }))}
              />
              <Button
                onClick={() => {
                  const current = (parse(widgets) as Widget[] | undefined) ?? [];
                  setWidgets(pretty([...current, newWidget(addType, current, t(`dashboards.types.${addType}`))]));
                }}
              >
                {t('dashboards.editor.addWidget')}
              </Button>
            </Space>
            <Input.TextArea
              value={widgets}
              onChange={(e) => setWidgets(e.target.value)}
              autoSize={{ minRows: 10, maxRows: 30 }}
              style={{ fontFamily: 'monospace' }}
              aria-label={t('dashboards.editor.widgets')}
            />
          </Form.Item>
          <Form.Item label={t('dashboards.editor.shares')}>
            <Input.TextArea
              value={shares}
              onChange={(e) => setShares(e.target.value)}
              autoSize={{ minRows: 3, maxRows: 10 }}
              style={{ fontFamily: 'monospace' }}
              aria-label={t('dashboards.editor.shares')}
            />
          </Form.Item>
          {jsonError && <Alert type="error" showIcon message={jsonError} style={{ marginBottom: 12 }} />}
          {save.isError && <ErrorAlert error={save.error} />}
          <Space style={{ marginTop: 12 }}>
            <Button type="primary" htmlType="submit" loading={save.isPending}>
              {t('dashboards.save')}
            </Button>
            <Button onClick={() => onDone(null)}>{t('dashboards.cancel')}</Button>
          </Space>
        </Form>
      </Card>
    </>
  );
}
