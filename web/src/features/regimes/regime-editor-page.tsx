import { CheckCircleOutlined, SaveOutlined, StopOutlined } from '@ant-design/icons';
import type { RegimeDefinition } from '@baocao/domain';
import { Alert, App, Button, Col, DatePicker, Flex, Form, Input, Modal, Popconfirm, Row, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { isApiError } from '../../api/client';
import { ErrorAlert } from '../../components/error-alert';
import { FullPageSpin } from '../../components/full-page-spin';
import { PageHeader } from '../../components/page-header';
import { useErrorNotifier } from '../../components/use-error-notifier';
import { useCan } from '../auth/session';
import { placeApiFieldErrors } from './api-field-errors';
import { RegimeComponentsSection } from './regime-components-section';
import { definitionOf, newRegimeValues, type RegimeFormValues, valuesOf } from './regime-form-values';
import { RegimeGeneralSection } from './regime-general-section';
import { DemoTag, RegimeStatusTag } from './regime-labels';
import { RegimeOrganisationSection } from './regime-organisation-section';
import { RegimeSchedulesSection } from './regime-schedules-section';
import { RegimeSidePanel } from './regime-side-panel';
import { RegimeVersionsCard } from './regime-versions-card';
import { type RegimeDetailView, useRegime, useRegimeTransition, useSaveRegime } from './regimes.api';
import '../../i18n/dayjs-locale';

/** Unique constraints the API may name instead of a field. */
const CONSTRAINTS = { regimes_code_key: 'code' };

/** `/regimes/new` and `/regimes/:regimeId`: loads the regime, then the editor. */
export function RegimeEditorPage() {
  const { regimeId } = useParams();
  const id = regimeId === 'new' || !regimeId ? null : Number(regimeId);
  const regime = useRegime(id !== null && Number.isInteger(id) && id > 0 ? id : null);
  if (id !== null && regime.isPending) return <FullPageSpin />;
  if (id !== null && regime.isError) return <ErrorAlert error={regime.error} />;
  return <RegimeEditor key={regime.data?.id ?? 'new'} regime={regime.data ?? null} />;
}

function RegimeEditor({ regime }: { regime: RegimeDetailView | null }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language === 'en' ? 'en' : 'vi';
  const navigate = useNavigate();
  const { message } = App.useApp();
  const notifyError = useErrorNotifier();
  const canManage = useCan('regimes.manage');
  const [form] = Form.useForm<RegimeFormValues>();
  const save = useSaveRegime(regime?.id ?? null);
  const transition = useRegimeTransition(regime?.id ?? 0);
  const reload = useRegime(regime?.id ?? null);
  const [dirty, setDirty] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [conflict, setConflict] = useState(false);
  const [amending, setAmending] = useState<RegimeFormValues | null>(null);
  const [amendForm] = Form.useForm<{ effectiveFrom: Dayjs; legalBasis: string }>();
  const isNew = regime === null;
  const readOnly = !canManage || regime?.status === 'retired';
  const schedules = (Form.useWatch('schedules', form) as RegimeDefinition['schedules'] | undefined) ?? [];
  const enteringKinds = [
    ...new Set([
      ...schedules.filter((s) => s?.role === 'entry').flatMap((s) => s.unitKinds ?? []),
      ...(regime?.forms ?? []).flatMap((f) => f.entryUnitKinds),
    ]),
  ];

  useEffect(() => {
    if (!dirty) return;
    const warn = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty]);

  const onSave = async () => {
    let values: RegimeFormValues;
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    values = { ...form.getFieldsValue(true), ...values };
    // A regime in force changes only by a new version, from a date and on a legal basis.
    if (regime && regime.status !== 'draft') {
      setAmending(values);
      return;
    }
    submit(values, undefined);
  };

  const onAmend = async () => {
    let amendment: { effectiveFrom: Dayjs; legalBasis: string };
    try {
      amendment = await amendForm.validateFields();
    } catch {
      return;
    }
    if (!amending) return;
    submit(amending, {
      effectiveFrom: amendment.effectiveFrom.format('YYYY-MM-DD'),
      legalBasis: amendment.legalBasis.trim(),
    });
  };

  const submit = (values: RegimeFormValues, amendment: { effectiveFrom: string; legalBasis: string } | undefined) => {
    setError(null);
    setConflict(false);
    const definition = definitionOf(values, regime?.definition ?? newRegimeValues());
    const input = isNew
      ? { code: values.code.trim(), definition }
      : { version: regime.version, definition, ...(amendment ? { amendment } : {}) };
    save.mutate(input, {
      onSuccess: (saved) => {
        setAmending(null);
        amendForm.resetFields();
        setDirty(false);
        void message.success(t(isNew ? 'regimes.editor.created' : 'regimes.editor.saved'));
        if (isNew) void navigate(`/regimes/${saved.id}`, { replace: true });
        else form.setFieldsValue(valuesOf(saved));
      },
      onError: (failure) => {
        if (isApiError(failure) && failure.field?.startsWith('amendment')) {
          amendForm.setFields([
            {
              name: failure.field === 'amendment.legalBasis' ? 'legalBasis' : 'effectiveFrom',
              errors: [failure.message],
            },
          ]);
          return;
        }
        setAmending(null);
        if (isApiError(failure) && failure.code === 'CONFLICT') setConflict(true);
        else if (!placeApiFieldErrors(form, failure, i18n.language, 'definition.', CONSTRAINTS)) setError(failure);
      },
    });
  };

  const onReload = async () => {
    const fresh = await reload.refetch();
    if (fresh.data) {
      form.resetFields();
      form.setFieldsValue(valuesOf(fresh.data));
      setDirty(false);
      setConflict(false);
    }
  };

  const onTransition = (action: 'activate' | 'retire') => {
    if (!regime) return;
    transition.mutate(
      { action, version: regime.version },
      {
        onSuccess: () =>
          void message.success(t(action === 'activate' ? 'regimes.editor.activated' : 'regimes.editor.retired')),
        onError: (failure) => {
          if (isApiError(failure) && failure.code === 'CONFLICT') setConflict(true);
          else notifyError(failure);
        },
      },
    );
  };

  return (
    <>
      <PageHeader
        title={
          isNew ? (
            t('regimes.editor.newTitle')
          ) : (
            <Flex gap={8} align="center" wrap>
              <span>{regime.definition.name[language] || regime.definition.name.vi}</span>
              <RegimeStatusTag status={regime.status} />
              {regime.isDemo ? <DemoTag /> : null}
            </Flex>
          )
        }
        description={
          <>
            <Link to="/regimes">{t('regimes.catalogue.title')}</Link>
            {isNew ? null : (
              <>
                {' · '}
                <Typography.Text code>{regime.code}</Typography.Text>
              </>
            )}
          </>
        }
        extra={
          readOnly ? null : (
            <>
              {regime && regime.status !== 'active' ? (
                <Popconfirm
                  title={t('regimes.editor.activateConfirm')}
                  description={t('regimes.editor.activateHint')}
                  okText={t('regimes.editor.activate')}
                  cancelText={t('common.cancel')}
                  onConfirm={() => onTransition('activate')}
                  disabled={dirty}
                >
                  <Button
                    icon={<CheckCircleOutlined />}
                    loading={transition.isPending && transition.variables?.action === 'activate'}
                    disabled={dirty}
                    data-testid="regime-activate"
                  >
                    {t('regimes.editor.activate')}
                  </Button>
                </Popconfirm>
              ) : null}
              {regime && regime.status === 'active' ? (
                <Popconfirm
                  title={t('regimes.editor.retireConfirm')}
                  okText={t('regimes.editor.retire')}
                  okButtonProps={{ danger: true }}
                  cancelText={t('common.cancel')}
                  onConfirm={() => onTransition('retire')}
                  disabled={dirty}
                >
                  <Button danger icon={<StopOutlined />} disabled={dirty} data-testid="regime-retire">
                    {t('regimes.editor.retire')}
                  </Button>
                </Popconfirm>
              ) : null}
              <Button
                type="primary"
                icon={<SaveOutlined />}
                onClick={() => void onSave()}
                loading={save.isPending}
                data-testid="regime-save"
              >
                {isNew ? t('regimes.editor.create') : t('regimes.editor.save')}
              </Button>
            </>
          )
        }
      />
      {conflict ? (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          title={t('regimes.editor.conflict')}
          description={t('regimes.editor.conflictHint')}
          action={
            <Button size="small" onClick={() => void onReload()} loading={reload.isFetching}>
              {t('common.reload')}
            </Button>
          }
          data-testid="regime-conflict"
        />
      ) : null}
      {error ? (
        <div style={{ marginBottom: 16 }}>
          <ErrorAlert error={error} />
        </div>
      ) : null}
      {regime?.status === 'retired' ? (
        <Alert type="info" showIcon style={{ marginBottom: 16 }} title={t('regimes.editor.retiredHint')} />
      ) : null}
      <Row gutter={16}>
        <Col xs={24} xl={18}>
          {regime && regime.status !== 'draft' ? (
            <RegimeVersionsCard regimeId={regime.id} revision={regime.version} />
          ) : null}
          <Form<RegimeFormValues>
            form={form}
            layout="vertical"
            initialValues={regime ? valuesOf(regime) : newRegimeValues()}
            onValuesChange={() => setDirty(true)}
            disabled={readOnly}
            data-testid="regime-form"
            scrollToFirstError={{ block: 'center' }}
          >
            <RegimeGeneralSection regime={regime} />
            <RegimeComponentsSection regime={regime} readOnly={readOnly} canManage={canManage} />
            <RegimeOrganisationSection enteringKinds={enteringKinds} />
            <RegimeSchedulesSection
              regime={regime}
              readOnly={readOnly}
              dirty={dirty}
              onChanged={() => setDirty(true)}
            />
          </Form>
        </Col>
        <Col xs={0} xl={6}>
          <RegimeSidePanel regime={regime} dirty={dirty} />
        </Col>
      </Row>
      <Modal
        open={amending !== null}
        title={t('regimes.editor.amendTitle')}
        okText={t('regimes.editor.amendSave')}
        cancelText={t('common.cancel')}
        onOk={() => void onAmend()}
        onCancel={() => setAmending(null)}
        confirmLoading={save.isPending}
        data-testid="regime-amend-modal"
      >
        <Typography.Paragraph type="secondary">{t('regimes.editor.amendHint')}</Typography.Paragraph>
        <Form
          form={amendForm}
          layout="vertical"
          initialValues={{ effectiveFrom: dayjs().add(1, 'month').startOf('month') }}
        >
          <Form.Item
            name="effectiveFrom"
            label={t('regimes.editor.amendEffectiveFrom')}
            rules={[{ required: true, message: t('regimes.editor.amendRequired') }]}
          >
            <DatePicker format="DD/MM/YYYY" style={{ width: '100%' }} data-testid="regime-amend-date" />
          </Form.Item>
          <Form.Item
            name="legalBasis"
            label={t('regimes.editor.amendLegalBasis')}
            rules={[{ required: true, whitespace: true, max: 300, message: t('regimes.editor.amendRequired') }]}
          >
            <Input
              maxLength={300}
              placeholder={t('regimes.editor.amendLegalBasisPlaceholder')}
              data-testid="regime-amend-basis"
            />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
