import type { SignatureVerification } from '@baocao/domain';
import { useMutation } from '@tanstack/react-query';
import { Alert, Button, Card, Descriptions, Space, Table, Typography, Upload } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { ErrorAlert } from '../../components/error-alert';
import { base64Of } from './signatures.api';

const dateTime = (iso: string | null) =>
  iso ? new Date(iso).toLocaleString('vi-VN', { timeZone: 'Asia/Ho_Chi_Minh' }) : '—';

function FilePicker(props: { label: string; accept: string; file: File | null; onPick: (file: File) => void }) {
  const { t } = useTranslation();
  return (
    <Space wrap>
      <Typography.Text strong>{props.label}</Typography.Text>
      <Upload
        accept={props.accept}
        showUploadList={false}
        beforeUpload={(file) => {
          props.onPick(file);
          return false;
        }}
      >
        <Button>{t('signatures.choose')}</Button>
      </Upload>
      <Typography.Text type="secondary">{props.file?.name ?? ''}</Typography.Text>
    </Space>
  );
}

/** The public page that verifies a signed report from its files alone (no sign-in). */
export function VerifySignaturePage() {
  const { t } = useTranslation();
  const [data, setData] = useState<File | null>(null);
  const [signature, setSignature] = useState<File | null>(null);
  const [pdf, setPdf] = useState<File | null>(null);
  const check = useMutation({
    mutationFn: async () =>
      api<SignatureVerification>('/signatures/verify', {
        method: 'POST',
        body: pdf
          ? { pdf: await base64Of(pdf) }
          : {
              ...(data ? { data: await base64Of(data) } : {}),
              ...(signature ? { signature: await base64Of(signature) } : {}),
            },
      }),
  });
  const result = check.data;
  return (
    <div style={{ maxWidth: 960, margin: '0 auto', padding: 16 }}>
      <Card title={<Typography.Title level={3}>{t('signatures.verifyTitle')}</Typography.Title>}>
        <Typography.Paragraph>{t('signatures.verifyDescription')}</Typography.Paragraph>
        <Space direction="vertical" size="middle" style={{ width: '100%' }}>
          <FilePicker label={t('signatures.dataFile')} accept=".json" file={data} onPick={setData} />
          <FilePicker label={t('signatures.signatureFile')} accept=".p7s" file={signature} onPick={setSignature} />
          <FilePicker label={t('signatures.pdfFile')} accept=".pdf" file={pdf} onPick={setPdf} />
          <Button type="primary" loading={check.isPending} onClick={() => check.mutate()}>
            {t('signatures.verify')}
          </Button>
          {check.error && <ErrorAlert error={check.error} />}
          {result && <VerificationResult result={result} />}
        </Space>
      </Card>
    </div>
  );
}

export function VerificationResult({ result }: { result: SignatureVerification }) {
  const { t } = useTranslation();
  const changed = result.valid && result.dataMatches === false;
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Alert
        type={!result.valid ? 'error' : changed ? 'warning' : 'success'}
        showIcon
        message={
          !result.valid ? t('signatures.invalid') : changed ? t('signatures.changedSince') : t('signatures.valid')
        }
        data-testid="verification-outcome"
      />
      <Descriptions bordered size="small" column={1}>
        {result.report && (
          <Descriptions.Item label={t('signatures.report')}>
            {`${result.report.unit.name} — ${result.report.form.code} ${result.report.form.name} — ${result.report.period} (lần ${result.report.revision.number})`}
          </Descriptions.Item>
        )}
        <Descriptions.Item label={t('signatures.signedBy')}>
          {result.signedByName ?? result.certificate?.subjectName ?? '—'}
        </Descriptions.Item>
        <Descriptions.Item label={t('signatures.signedAt')}>{dateTime(result.signedAt)}</Descriptions.Item>
        {result.certificate && (
          <>
            <Descriptions.Item label={t('signatures.subject')}>{result.certificate.subject}</Descriptions.Item>
            <Descriptions.Item label={t('signatures.issuer')}>{result.certificate.issuer}</Descriptions.Item>
            <Descriptions.Item label={t('signatures.serial')}>
              <Typography.Text code style={{ wordBreak: 'break-all' }}>
                {result.certificate.serial}
              </Typography.Text>
            </Descriptions.Item>
            <Descriptions.Item label={t('signatures.validity')}>
              {`${dateTime(result.certificate.notBefore)} – ${dateTime(result.certificate.notAfter)}`}
            </Descriptions.Item>
          </>
        )}
        <Descriptions.Item label={t('signatures.certificateStatus')}>
          {`${t(`signatures.statuses.${result.certificateStatus}`)}${result.revokedAt ? ` (${dateTime(result.revokedAt)})` : ''} · ${
            result.certificateKnown ? t('signatures.known') : t('signatures.unknownCertificate')
          }`}
        </Descriptions.Item>
      </Descriptions>
      {result.differences.length > 0 && (
        <Table
          size="small"
          rowKey="path"
          pagination={false}
          title={() => t('signatures.differences')}
          dataSource={result.differences}
          columns={[
            { title: t('signatures.cell'), dataIndex: 'path', render: (_v, d) => d.cell ?? d.path },
            { title: t('signatures.signedValue'), dataIndex: 'signed', render: (v) => String(v ?? '—') },
            { title: t('signatures.currentValue'), dataIndex: 'current', render: (v) => String(v ?? '—') },
          ]}
        />
      )}
    </Space>
  );
}
