import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Popconfirm, Space, Tooltip } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/** Up / down / remove buttons of one item of an ordered list. */
export function OrderButtons({
  index,
  count,
  onMove,
  onRemove,
  removeConfirm,
  disabled,
  label,
  canRemove = true,
}: {
  index: number;
  count: number;
  onMove: (delta: number) => void;
  onRemove: () => void;
  removeConfirm?: string;
  disabled: boolean;
  label: string;
  /** False keeps the last item of a list that needs at least one. */
  canRemove?: boolean;
}) {
  const { t } = useTranslation();
  if (disabled) return null;
  const remove = (
    <Button
      type="text"
      size="small"
      danger
      icon={<DeleteOutlined />}
      disabled={!canRemove}
      aria-label={`${t('regimes.remove')} ${label}`}
      onClick={removeConfirm ? undefined : onRemove}
    />
  );
  return (
    <Space size={0}>
      <Tooltip title={t('regimes.moveUp')}>
        <Button
          type="text"
          size="small"
          icon={<ArrowUpOutlined />}
          disabled={index === 0}
          onClick={() => onMove(-1)}
          aria-label={`${t('regimes.moveUp')} ${label}`}
        />
      </Tooltip>
      <Tooltip title={t('regimes.moveDown')}>
        <Button
          type="text"
          size="small"
          icon={<ArrowDownOutlined />}
          disabled={index === count - 1}
          onClick={() => onMove(1)}
          aria-label={`${t('regimes.moveDown')} ${label}`}
        />
      </Tooltip>
      {removeConfirm ? (
        <Popconfirm
          title={removeConfirm}
          okText={t('regimes.remove')}
          okButtonProps={{ danger: true }}
          cancelText={t('common.cancel')}
          onConfirm={onRemove}
        >
          <Tooltip title={t('regimes.remove')}>{remove}</Tooltip>
        </Popconfirm>
      ) : (
        <Tooltip title={t('regimes.remove')}>{remove}</Tooltip>
      )}
    </Space>
  );
}

/** The dashed "add" button under an ordered list of the designer; hidden when the form is read-only. */
export function AddItemButton({
  readOnly,
  onClick,
  children,
  testId,
}: {
  readOnly: boolean;
  onClick: () => void;
  children: ReactNode;
  testId?: string;
}) {
  if (readOnly) return null;
  return (
    <div>
      <Button size="small" type="dashed" icon={<PlusOutlined />} onClick={onClick} data-testid={testId}>
        {children}
      </Button>
    </div>
  );
}
