import { Button, Flex, Input, Popover, Typography } from 'antd';
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { CellProps } from './cell-props';

/** An open comment: the popover under the cell's corner button, to read or write it. */
export function CommentPopover({
  cell,
  comment,
  readOnly,
  actions,
  closeComment,
  children,
}: Pick<CellProps, 'cell' | 'comment' | 'readOnly' | 'actions' | 'closeComment'> & { children: ReactElement }) {
  const { t } = useTranslation();
  return (
    <Popover
      open
      trigger="click"
      placement="bottomRight"
      onOpenChange={(open) => {
        if (!open) closeComment();
      }}
      title={t('reports.grid.commentTitle')}
      content={
        <Flex vertical gap={8} style={{ width: 320 }}>
          {readOnly ? (
            <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{comment}</Typography.Paragraph>
          ) : (
            <Input.TextArea
              autoFocus
              rows={3}
              maxLength={2000}
              value={comment}
              placeholder={t('reports.grid.commentPlaceholder')}
              onChange={(e) => actions.commentChange(cell.key, e.target.value)}
              onKeyDown={(e) => {
                if (e.key === 'Escape' || (e.key === 'Enter' && (e.ctrlKey || e.metaKey))) {
                  e.preventDefault();
                  closeComment();
                }
              }}
              data-testid="comment-input"
            />
          )}
          <Flex justify="flex-end">
            <Button size="small" type="primary" onClick={closeComment}>
              {t('reports.grid.done')}
            </Button>
          </Flex>
        </Flex>
      }
    >
      {children}
    </Popover>
  );
}
