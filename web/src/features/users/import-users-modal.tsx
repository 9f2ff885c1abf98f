import { DownloadOutlined, InboxOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Flex, Modal, Table, Typography, Upload } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError, upload } from '../../api/client';
import type { ImportResultView, ImportRowErrorView } from '../../api/types';
import { downloadCsv } from '../../components/download';
import { ErrorAlert } from '../../components/error-alert';
import { formatNumber, todayInVietnam } from '../../i18n/format';
import { usersQueryKey } from './users.api';

const TEMPLATE: string[][] = [
  ['username', 'display_name', 'email', 'phone', 'unit_code', 'roles', 'capture_root_code', 'view_root_code'],
  ['nguyen.van.a', 'Nguyễn Văn A', 'nguyenvana@example.gov.vn', '0912345678', '01', 'entry_officer', '', ''],
  ['tran.thi.b', 'Trần Thị B', '', '', '01', 'approver;viewer', '', ''],
];

type KeyedRowError = ImportRowErrorView & { key: number };

function importErrors(error: unknown): KeyedRowError[] | null {
  if (!isApiError(error) || error.code !== 'IMPORT_FAILED') return null;
  const details = error.details as { errors?: ImportRowErrorView[] } | undefined;
  return (details?.errors ?? []).map((rowError, key) => ({ ...rowError, key }));
}

/** Creates many accounts from a .csv or .xlsx file: all rows or none, with a per-row error report. */
export function ImportUsersModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const run = useMutation({
    mutationFn: (chosen: File) => upload<ImportResultView>('/users/import', chosen),
    onSuccess: () => void client.invalidateQueries({ queryKey: usersQueryKey }),
  });
  const rowErrors = importErrors(run.error);
  const result = run.data;

  const close = () => {
    setFile(null);
    run.reset();
    onClose();
  };

  return (
    <Modal
      open={open}
      title={t('users.importTitle')}
      width={820}
      onCancel={close}
      mask={{ closable: !result }}
      destroyOnHidden
      footer={
        result ? (
          <Button type="primary" onClick={close}>
            {t('users.passwordSaved')}
          </Button>
        ) : (
          <>
            <Button onClick={close}>{t('common.cancel')}</Button>
            <Button
              type="primary"
              disabled={!file}
              loading={run.isPending}
              onClick={() => file && run.mutate(file)}
              data-testid="import-submit"
            >
              {t('users.importRun')}
            </Button>
          </>
        )
      }
    >
      {result ? (
        <Flex vertical gap={12}>
          <Alert
            type="success"
            showIcon
            title={t('users.importDone', { created: formatNumber(result.created) })}
            description={t('users.importPasswordsOnce')}
          />
          <Table
            size="small"
            rowKey="username"
            dataSource={result.users}
            pagination={result.users.length > 10 ? { pageSize: 10, size: 'small' } : false}
            columns={[
              { title: t('users.username'), dataIndex: 'username' },
              {
                title: t('users.temporaryPassword'),
                dataIndex: 'temporaryPassword',
                render: (password: string) => (
                  <Typography.Text code copyable>
                    {password}
                  </Typography.Text>
                ),
              },
            ]}
          />
          <div>
            <Button
              icon={<DownloadOutlined />}
              onClick={() =>
                downloadCsv(`tai-khoan-moi-${todayInVietnam()}.csv`, [
                  ['username', 'temporary_password'],
                  ...result.users.map((u) => [u.username, u.temporaryPassword]),
                ])
              }
              data-testid="import-download"
            >
              {t('users.downloadCsv')}
            </Button>
          </div>
        </Flex>
      ) : (
        <Flex vertical gap={12}>
          <Typography.Paragraph style={{ margin: 0 }}>
            {t('users.importHelp')}{' '}
            <Typography.Text code>username, display_name, email, phone, unit_code, roles</Typography.Text>{' '}
            {t('users.importHelpRoles')}
          </Typography.Paragraph>
          <div>
            <Button
              size="small"
              icon={<DownloadOutlined />}
              onClick={() => downloadCsv('mau-nhap-nguoi-dung.csv', TEMPLATE)}
            >
              {t('users.downloadTemplate')}
            </Button>
          </div>
          <Upload.Dragger
            accept=".csv,.xlsx"
            maxCount={1}
            multiple={false}
            fileList={[]}
            beforeUpload={(chosen) => {
              setFile(chosen);
              run.reset();
              return false;
            }}
            data-testid="import-file"
          >
            <p className="ant-upload-drag-icon">
              <InboxOutlined />
            </p>
            <p className="ant-upload-text">{file ? file.name : t('users.importDrop')}</p>
            <p className="ant-upload-hint">{t('users.importFormats')}</p>
          </Upload.Dragger>
          {rowErrors ? (
            <>
              <Alert
                type="error"
                showIcon
                title={(run.error as Error).message}
                description={t('users.importErrorCount', { errors: formatNumber(rowErrors.length) })}
              />
              <Table<KeyedRowError>
                size="small"
                rowKey="key"
                dataSource={rowErrors}
                pagination={rowErrors.length > 10 ? { pageSize: 10, size: 'small' } : false}
                data-testid="import-errors"
                columns={[
                  { title: t('users.importRow'), dataIndex: 'row', width: 80 },
                  {
                    title: t('users.importColumn'),
                    dataIndex: 'field',
                    width: 160,
                    render: (field: string | null) => (field ? <Typography.Text code>{field}</Typography.Text> : '—'),
                  },
                  { title: t('users.importMessage'), dataIndex: 'message' },
                ]}
              />
            </>
          ) : run.error ? (
            <ErrorAlert error={run.error} />
          ) : null}
        </Flex>
      )}
    </Modal>
  );
}
