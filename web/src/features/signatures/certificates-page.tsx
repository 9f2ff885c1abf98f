import { DownloadOutlined, SafetyOutlined, UploadOutlined } from '@ant-design/icons';
import type { CertificateStatus, SigningCertificateView } from '@baocao/domain';
import {
  App,
  Button,
  Card,
  Empty,
  Flex,
  Form,
  Input,
  InputNumber,
  Modal,
  Radio,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/error-alert';
import { showFieldError, whenValid } from '../../components/field-errors';
import { FilePicker } from '../../components/file-picker';
import { PageHeader } from '../../components/page-header';
import { ReasonModal } from '../../components/reason-modal';
import { UnitPicker } from '../../components/unit-picker';
import { useNarrowScreen } from '../../components/use-narrow-screen';
import { formatDate } from '../../i18n/format';
import { AUTHORITY_URL, base64Of, useCertificateActions, useCertificates } from './signatures.api';

const STATUS_COLORS: Record<CertificateStatus, string> = {
  valid: 'green',
  expired: 'orange',
  not_yet_valid: 'blue',
  revoked: 'red',
};

export function CertificateStatusTag({ status }: { status: CertificateStatus }) {
  const { t } = useTranslation();
  return (
    <Tag color={STATUS_COLORS[status]} data-testid="certificate-status">
      {t(`signatures.statuses.${status}`)}
    </Tag>
  );
}

/** A certificate's status, with when and why it was revoked. */
function CertificateState({ certificate: c }: { certificate: SigningCertificateView }) {
  const { t } = useTranslation();
  return (
    <Space direction="vertical" size={0}>
      <CertificateStatusTag status={c.status} />
      {c.revokedAt ? (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {formatDate(c.revokedAt)} · {t('signatures.certificates.revokedReason', { reason: c.revocationReason })}
        </Typography.Text>
      ) : null}
    </Space>
  );
}

/** On a phone: one card per certificate, in place of the table's columns. */
function CertificateCards({
  items,
  loading,
  onRevoke,
}: {
  items: SigningCertificateView[];
  loading: boolean;
  onRevoke: (c: SigningCertificateView) => void;
}) {
  const { t } = useTranslation();
  return (
    <Flex vertical gap={8} data-testid="certificates-table">
      {items.length === 0 && !loading ? <Empty description={t('signatures.certificates.empty')} /> : null}
      {items.map((c) => (
        <Card size="small" key={c.id} data-testid={`certificate-card-${c.id}`}>
          <Typography.Text strong style={{ display: 'block' }}>
            {c.unitName}
          </Typography.Text>
          <Typography.Text style={{ display: 'block' }}>{c.certificate.subjectName}</Typography.Text>
          <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
            {t('signatures.certificates.issuer')}: {c.certificate.issuer}
          </Typography.Text>
          <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
            {t('signatures.certificates.validity')}: {formatDate(c.certificate.notBefore)} –{' '}
            {formatDate(c.certificate.notAfter)}
          </Typography.Text>
          <Typography.Text code ellipsis={{ tooltip: c.certificate.serial }} style={{ maxWidth: '100%' }}>
            {c.certificate.serial}
          </Typography.Text>
          <Flex gap={8} align="center" justify="space-between" wrap style={{ marginTop: 8 }}>
            <Space size={4} wrap>
              <Tag>{t(`signatures.certificates.sources.${c.source}`)}</Tag>
              <CertificateState certificate={c} />
            </Space>
            {c.status === 'revoked' ? null : (
              <Button size="small" danger onClick={() => onRevoke(c)} data-testid={`revoke-${c.id}`}>
                {t('signatures.certificates.revoke')}
              </Button>
            )}
          </Flex>
        </Card>
      ))}
    </Flex>
  );
}

/** /signing-certificates — the units' signing certificates: issue, upload, revoke, and the CA's certificate. */
export function CertificatesPage() {
  const { t } = useTranslation();
  const [unitId, setUnitId] = useState<number | undefined>();
  const [dialog, setDialog] = useState<'issue' | 'upload' | null>(null);
  const [revoking, setRevoking] = useState<SigningCertificateView | null>(null);
  const list = useCertificates(unitId);
  const actions = useCertificateActions();
  const { message } = App.useApp();
  const narrow = useNarrowScreen();
  return (
    <>
      <PageHeader
        title={t('signatures.certificates.title')}
        description={t('signatures.certificates.description')}
        extra={
          <Flex gap={8} wrap>
            <Button
              type="primary"
              icon={<SafetyOutlined />}
              onClick={() => setDialog('issue')}
              data-testid="issue-certificate"
            >
              {t('signatures.certificates.issue')}
            </Button>
            <Button icon={<UploadOutlined />} onClick={() => setDialog('upload')} data-testid="upload-certificate">
              {t('signatures.certificates.upload')}
            </Button>
            <Button icon={<DownloadOutlined />} href={AUTHORITY_URL}>
              {t('signatures.certificates.downloadCa')}
            </Button>
          </Flex>
        }
      />
      <Card size="small">
        <Space wrap style={{ marginBottom: 12 }}>
          <Typography.Text>{t('signatures.certificates.unit')}</Typography.Text>
          <div style={{ minWidth: 280 }}>
            <UnitPicker
              value={unitId ?? null}
              onChange={(value) => setUnitId(typeof value === 'number' ? value : undefined)}
              placeholder={t('signatures.certificates.allUnits')}
              data-testid="certificates-unit-filter"
            />
          </div>
        </Space>
        {list.isError ? <ErrorAlert error={list.error} /> : null}
        {narrow ? (
          <CertificateCards items={list.data ?? []} loading={list.isPending} onRevoke={setRevoking} />
        ) : (
          <Table<SigningCertificateView>
            rowKey="id"
            size="small"
            loading={list.isPending}
            dataSource={list.data ?? []}
            scroll={{ x: 1200 }}
            pagination={{ pageSize: 20, hideOnSinglePage: true }}
            locale={{ emptyText: t('signatures.certificates.empty') }}
            data-testid="certificates-table"
            columns={[
              { title: t('signatures.certificates.unit'), dataIndex: 'unitName', width: 200 },
              {
                title: t('signatures.certificates.subject'),
                key: 'subject',
                width: 280,
                render: (_, c) => (
                  <Space direction="vertical" size={0}>
                    <Typography.Text strong>{c.certificate.subjectName}</Typography.Text>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {t('signatures.certificates.issuer')}: {c.certificate.issuer}
                    </Typography.Text>
                  </Space>
                ),
              },
              {
                title: t('signatures.certificates.serial'),
                key: 'serial',
                width: 150,
                render: (_, c) => (
                  <Typography.Text code ellipsis={{ tooltip: c.certificate.serial }} style={{ maxWidth: 140 }}>
                    {c.certificate.serial}
                  </Typography.Text>
                ),
              },
              {
                title: t('signatures.certificates.validity'),
                key: 'validity',
                width: 190,
                render: (_, c) => `${formatDate(c.certificate.notBefore)} – ${formatDate(c.certificate.notAfter)}`,
              },
              {
                title: t('signatures.certificates.source'),
                key: 'source',
                width: 110,
                render: (_, c) => <Tag>{t(`signatures.certificates.sources.${c.source}`)}</Tag>,
              },
              {
                title: t('signatures.certificates.status'),
                key: 'status',
                width: 170,
                render: (_, c) => <CertificateState certificate={c} />,
              },
              {
                key: 'actions',
                width: 100,
                render: (_, c) =>
                  c.status === 'revoked' ? null : (
                    <Button size="small" danger onClick={() => setRevoking(c)} data-testid={`revoke-${c.id}`}>
                      {t('signatures.certificates.revoke')}
                    </Button>
                  ),
              },
            ]}
          />
        )}
      </Card>
      {dialog === 'issue' ? (
        <IssueDialog
          onClose={() => setDialog(null)}
          onIssued={() => {
            setDialog(null);
            void message.success(t('signatures.certificates.issued'));
          }}
          issue={actions.issue}
          unitId={unitId}
        />
      ) : null}
      {dialog === 'upload' ? (
        <UploadDialog
          onClose={() => setDialog(null)}
          onUploaded={() => {
            setDialog(null);
            void message.success(t('signatures.certificates.uploaded'));
          }}
          upload={actions.upload}
          unitId={unitId}
        />
      ) : null}
      {revoking ? (
        <ReasonModal
          title={t('signatures.certificates.revokeTitle', { unit: revoking.unitName })}
          hint={t('signatures.certificates.revokeHint')}
          okText={t('signatures.certificates.revoke')}
          danger
          testId="revoke-dialog"
          onSubmit={async (reason) => {
            await actions.revoke.mutateAsync({ id: revoking.id, reason });
            void message.success(t('signatures.certificates.revoked'));
          }}
          onClose={() => setRevoking(null)}
        />
      ) : null}
    </>
  );
}

type Actions = ReturnType<typeof useCertificateActions>;

function IssueDialog(props: {
  issue: Actions['issue'];
  unitId: number | undefined;
  onClose: () => void;
  onIssued: () => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ unitId: number; validDays: number }>();
  const [error, setError] = useState<unknown>(null);
  return (
    <Modal
      open
      title={t('signatures.certificates.issueTitle')}
      okText={t('signatures.certificates.issue')}
      cancelText={t('common.cancel')}
      okButtonProps={{ loading: props.issue.isPending }}
      onCancel={props.onClose}
      onOk={() =>
        whenValid(form, (values) => {
          setError(null);
          props.issue.mutate(values, {
            onSuccess: props.onIssued,
            onError: (failure) => {
              if (!showFieldError(form, failure, ['unitId', 'validDays'])) setError(failure);
            },
          });
        })
      }
      destroyOnHidden
    >
      <Form form={form} layout="vertical" initialValues={{ unitId: props.unitId, validDays: 730 }}>
        <Form.Item
          name="unitId"
          label={t('signatures.certificates.unit')}
          rules={[
            {
              required: true,
              message: t('signatures.certificates.required', { field: t('signatures.certificates.unit') }),
            },
          ]}
        >
          <UnitPicker data-testid="issue-unit" />
        </Form.Item>
        <Form.Item name="validDays" label={t('signatures.certificates.validDays')} rules={[{ required: true }]}>
          <InputNumber min={1} max={1825} style={{ width: 160 }} />
        </Form.Item>
      </Form>
      {error ? <ErrorAlert error={error} /> : null}
    </Modal>
  );
}

interface UploadValues {
  unitId: number;
  format: 'pem' | 'pkcs12';
  certificatePem?: string;
  privateKeyPem?: string;
  keyPassphrase?: string;
  pkcs12Password?: string;
}

const UPLOAD_FIELDS = ['unitId', 'certificatePem', 'privateKeyPem', 'keyPassphrase', 'pkcs12', 'pkcs12Password'];

function UploadDialog(props: {
  upload: Actions['upload'];
  unitId: number | undefined;
  onClose: () => void;
  onUploaded: () => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<UploadValues & { pkcs12: string }>();
  const format = Form.useWatch('format', form) ?? 'pem';
  const [pkcs12, setPkcs12] = useState<File | null>(null);
  const [error, setError] = useState<unknown>(null);
  const required = (field: string) => [{ required: true, message: t('signatures.certificates.required', { field }) }];
  const readText = (field: 'certificatePem' | 'privateKeyPem') => (file: File) => {
    void file.text().then((text) => form.setFieldValue(field, text));
  };
  const submit = async (values: UploadValues) => {
    setError(null);
    const body =
      values.format === 'pkcs12'
        ? {
            unitId: values.unitId,
            pkcs12: pkcs12 ? await base64Of(pkcs12) : '',
            pkcs12Password: values.pkcs12Password ?? '',
          }
        : {
            unitId: values.unitId,
            certificatePem: values.certificatePem ?? '',
            privateKeyPem: values.privateKeyPem ?? '',
            ...(values.keyPassphrase ? { keyPassphrase: values.keyPassphrase } : {}),
          };
    props.upload.mutate(body, {
      onSuccess: props.onUploaded,
      onError: (failure) => {
        if (!showFieldError(form, failure, UPLOAD_FIELDS)) setError(failure);
      },
    });
  };
  return (
    <Modal
      open
      width={640}
      title={t('signatures.certificates.uploadTitle')}
      okText={t('signatures.certificates.upload')}
      cancelText={t('common.cancel')}
      okButtonProps={{ loading: props.upload.isPending }}
      onCancel={props.onClose}
      onOk={() => whenValid(form, (values) => void submit(values))}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" initialValues={{ unitId: props.unitId, format: 'pem' }}>
        <Form.Item
          name="unitId"
          label={t('signatures.certificates.unit')}
          rules={required(t('signatures.certificates.unit'))}
        >
          <UnitPicker />
        </Form.Item>
        <Form.Item name="format" label={t('signatures.certificates.format')}>
          <Radio.Group
            optionType="button"
            options={[
              { value: 'pem', label: t('signatures.certificates.pem') },
              { value: 'pkcs12', label: t('signatures.certificates.pkcs12') },
            ]}
          />
        </Form.Item>
        {format === 'pem' ? (
          <>
            <Form.Item
              name="certificatePem"
              label={t('signatures.certificates.certificatePem')}
              rules={required(t('signatures.certificates.certificatePem'))}
              extra={
                <FilePicker accept=".pem,.crt,.cer" onPick={readText('certificatePem')}>
                  <Button size="small" type="link" style={{ padding: 0 }}>
                    {t('signatures.certificates.loadFromFile')}
                  </Button>
                </FilePicker>
              }
            >
              <Input.TextArea rows={4} placeholder="-----BEGIN CERTIFICATE-----" style={{ fontFamily: 'monospace' }} />
            </Form.Item>
            <Form.Item
              name="privateKeyPem"
              label={t('signatures.certificates.privateKeyPem')}
              rules={required(t('signatures.certificates.privateKeyPem'))}
              extra={
                <FilePicker accept=".pem,.key" onPick={readText('privateKeyPem')}>
                  <Button size="small" type="link" style={{ padding: 0 }}>
                    {t('signatures.certificates.loadFromFile')}
                  </Button>
                </FilePicker>
              }
            >
              <Input.TextArea rows={4} placeholder="-----BEGIN PRIVATE KEY-----" style={{ fontFamily: 'monospace' }} />
            </Form.Item>
            <Form.Item name="keyPassphrase" label={t('signatures.certificates.keyPassphrase')}>
              <Input.Password autoComplete="off" />
            </Form.Item>
          </>
        ) : (
          <>
            <Form.Item
              name="pkcs12"
              label={t('signatures.certificates.pkcs12File')}
              rules={[
                {
                  validator: () =>
                    pkcs12
                      ? Promise.resolve()
                      : Promise.reject(
                          new Error(
                            t('signatures.certificates.required', { field: t('signatures.certificates.pkcs12File') }),
                          ),
                        ),
                },
              ]}
            >
              <Space>
                <FilePicker
                  accept=".p12,.pfx"
                  onPick={(file) => {
                    setPkcs12(file);
                    form.setFields([{ name: 'pkcs12', errors: [] }]);
                  }}
                >
                  <Button icon={<UploadOutlined />}>{t('signatures.certificates.chooseFile')}</Button>
                </FilePicker>
                <Typography.Text type="secondary">{pkcs12?.name ?? ''}</Typography.Text>
              </Space>
            </Form.Item>
            <Form.Item name="pkcs12Password" label={t('signatures.certificates.pkcs12Password')}>
              <Input.Password autoComplete="off" />
            </Form.Item>
          </>
        )}
      </Form>
      {error ? <ErrorAlert error={error} /> : null}
    </Modal>
  );
}
