import { Alert, Button, Flex, Modal, Table } from 'antd';
import { useTranslation } from 'react-i18next';

export interface ExcelCellErrorRow {
  key: string;
  address: string;
  label: string;
  text: string;
}

/**
 * The cells an uploaded workbook was refused for. Loaded only when there are some: antd's Table
 * (with its tree, select and pagination) stays off the report entry page's first download.
 */
export function ExcelErrorsModal({
  message,
  rows,
  onClose,
}: {
  message: string;
  rows: ExcelCellErrorRow[];
  onClose: () => void;
}) {
  const { t } = useTranslation();
  return (
    <Modal
      open
      width={760}
      title={t('reports.excel.errorsTitle')}
      onCancel={onClose}
      footer={
        <Button type="primary" onClick={onClose} data-testid="excel-errors-close">
          {t('reports.excel.close')}
        </Button>
      }
      destroyOnHidden
    >
      <Flex vertical gap={12} data-testid="excel-errors">
        <Alert type="error" showIcon title={message} description={t('reports.excel.errorsHint')} />
        <Table
          size="small"
          rowKey="key"
          pagination={false}
          scroll={{ y: 360 }}
          dataSource={rows}
          columns={[
            { key: 'address', dataIndex: 'address', title: t('reports.excel.address'), width: 80 },
            { key: 'label', dataIndex: 'label', title: t('reports.excel.field') },
            { key: 'text', dataIndex: 'text', title: t('reports.excel.problem') },
          ]}
        />
      </Flex>
    </Modal>
  );
}
