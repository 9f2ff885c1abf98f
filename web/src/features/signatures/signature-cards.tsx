import { DownloadOutlined, FilePdfOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import type { SignatureVerification } from '@baocao/domain';
import { useMutation } from '@tanstack/react-query';
import { Button, Card, Descriptions, Flex, List, Modal, Popconfirm, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { api } from '../../api/client';
import { ErrorAlert } from '../../components/error-alert';
import { FilePicker } from '../../components/file-picker';
import { formatDateTime } from '../../i18n/format';
import {
  base64Of,
  signatureFileUrl,
  signedPdfUrl,
  useDocumentSignature,
  useRevisionSignatures,
  useSignDocument,
  useSignRevision,
} from './signatures.api';
import { VerificationResult } from './verify-page';

function SignedFacts(props: {
  signedByName: string;
  signedAt: string;
  certificate: { subjectName: string; issuer: string; serial: string };
}) {
  const { t } = useTranslation();
  return (
    <Descriptions size="small" column={1}>
      <Descriptions.Item label={t('signatures.sign.signedBy')}>
        <span data-testid="signed-by">{props.signedByName}</span>
      </Descriptions.Item>
      <Descriptions.Item label={t('signatures.sign.signedAt')}>{formatDateTime(props.signedAt)}</Descriptions.Item>
      <Descriptions.Item label={t('signatures.sign.certificate')}>
        <span style={{ overflowWrap: 'anywhere' }}>
          {props.certificate.subjectName} · {props.certificate.issuer} ·{' '}
          <Typography.Text code>{props.certificate.serial}</Typography.Text>
        </span>
      </Descriptions.Item>
    </Descriptions>
  );
}

/**
 * The signatures of a submitted revision (a unit's report, or a consolidation sent up): who signed,
 * when, with which certificate, the two files to download, and the "Ký số" button for those who
 * may sign.
 */
export function RevisionSignatureCard(props: { revisionId: number; unitName: string; canSign: boolean }) {
  const { t } = useTranslation();
  const signatures = useRevisionSignatures(props.revisionId);
  const sign = useSignRevision();
  const list = signatures.data ?? [];
  return (
    <Card
      size="small"
      style={{ marginTop: 16 }}
      data-testid="revision-signatures"
      title={
        <Flex gap={8} align="center" wrap>
          <SafetyCertificateOutlined />
          {t('signatures.sign.title')}
          {list.length > 0 ? (
            <Tag color="green">{t('signatures.sign.signed')}</Tag>
          ) : (
            <Tag>{t('signatures.sign.notSigned')}</Tag>
          )}
        </Flex>
      }
      extra={
        props.canSign ? (
          <Popconfirm
            title={t('signatures.sign.confirm', { unit: props.unitName })}
            okText={t('signatures.sign.button')}
            cancelText={t('common.cancel')}
            onConfirm={() => sign.mutate(props.revisionId)}
          >
            <Button type="primary" size="small" loading={sign.isPending} data-testid="sign-revision">
              {t('signatures.sign.button')}
            </Button>
          </Popconfirm>
        ) : null
      }
    >
      {sign.error ? <ErrorAlert error={sign.error} /> : null}
      {signatures.error ? <ErrorAlert error={signatures.error} /> : null}
      {list.length > 0 ? (
        <List
          size="small"
          dataSource={list}
          renderItem={(s) => (
            <List.Item data-testid="revision-signature">
              <div style={{ width: '100%' }}>
                <SignedFacts {...s} />
                <Flex gap={8} wrap>
                  <Button
                    size="small"
                    icon={<DownloadOutlined />}
                    href={signatureFileUrl(s.id, 'data.json')}
                    data-testid="download-json"
                  >
                    {t('signatures.sign.downloadJson')}
                  </Button>
                  <Button
                    size="small"
                    icon={<DownloadOutlined />}
                    href={signatureFileUrl(s.id, 'signature.p7s')}
                    data-testid="download-p7s"
                  >
                    {t('signatures.sign.downloadP7s')}
                  </Button>
                  <Link to="/verify">{t('signatures.sign.verifyPage')}</Link>
                </Flex>
              </div>
            </List.Item>
          )}
        />
      ) : null}
    </Card>
  );
}

/** A generated report's signature: sign its PDF, download the signed PDF, verify a signed PDF. */
export function DocumentSignatureCard(props: { documentId: number; canSign: boolean }) {
  const { t } = useTranslation();
  const state = useDocumentSignature(props.documentId);
  const sign = useSignDocument();
  const check = useMutation({
    mutationFn: async (file: File) =>
      api<SignatureVerification>('/signatures/verify', { method: 'POST', body: { pdf: await base64Of(file) } }),
  });
  const signature = state.data?.signature ?? null;
  return (
    <Card
      size="small"
      style={{ marginBottom: 16 }}
      data-testid="document-signature"
      title={
        <Flex gap={8} align="center" wrap>
          <SafetyCertificateOutlined />
          {t('signatures.sign.title')}
          {signature ? (
            <Tag color="green">{t('signatures.sign.signed')}</Tag>
          ) : (
            <Tag>{t('signatures.sign.notSigned')}</Tag>
          )}
        </Flex>
      }
    >
      {state.error ? <ErrorAlert error={state.error} /> : null}
      {sign.error ? <ErrorAlert error={sign.error} /> : null}
      {signature ? <SignedFacts {...signature} /> : null}
      <Flex gap={8} wrap>
        {signature ? (
          <Button
            size="small"
            type="primary"
            icon={<FilePdfOutlined />}
            href={signedPdfUrl(props.documentId)}
            data-testid="download-signed-pdf"
          >
            {t('signatures.sign.downloadPdf')}
          </Button>
        ) : props.canSign ? (
          <Button
            size="small"
            type="primary"
            loading={sign.isPending}
            onClick={() => sign.mutate(props.documentId)}
            data-testid="sign-document"
          >
            {t('signatures.sign.button')}
          </Button>
        ) : null}
        <FilePicker accept=".pdf" onPick={(file) => check.mutate(file)}>
          <Button size="small" loading={check.isPending} data-testid="verify-pdf">
            {t('signatures.sign.verifyPdf')}
          </Button>
        </FilePicker>
      </Flex>
      {check.error ? (
        <div style={{ marginTop: 8 }}>
          <ErrorAlert error={check.error} />
        </div>
      ) : null}
      <Modal
        open={!!check.data}
        title={t('signatures.sign.verifyResult')}
        onCancel={() => check.reset()}
        footer={<Button onClick={() => check.reset()}>{t('signatures.sign.close')}</Button>}
        width={760}
      >
        {check.data ? <VerificationResult result={check.data} /> : null}
      </Modal>
    </Card>
  );
}
