import { CommentOutlined } from '@ant-design/icons';
import { Button, Flex, Input, Popover, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { CellProps } from './cell-props';

/** A cell's comment: the corner button (red when a blank cell needs a reason) and its popover. */
export function CommentButton({
  cell,
  comment,
  commentOpen,
  readOnly,
  actions,
  closeComment,
  needsComment,
}: CellProps & { needsComment: boolean }) {
  const { t } = useTranslation();
  if (readOnly && !comment) return null;
  const classes = ['rg-comment', comment ? 'rg-has-comment' : '', needsComment ? 'rg-needs-comment' : '']
    .filter(Boolean)
    .join(' ');
  const button = (
    <button
      type="button"
      tabIndex={-1}
      className={classes}
      aria-label={t('reports.grid.comment')}
      title={comment || (needsComment ? t('reports.grid.commentNeeded') : t('reports.grid.addComment'))}
      data-testid={`comment-${cell.key}`}
      onMouseDown={(e) => e.preventDefault()}
      onClick={() => actions.openComment(commentOpen ? null : cell.key)}
    >
      <CommentOutlined />
    </button>
  );
  if (!commentOpen) return button;
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
      {button}
    </Popover>
  );
}
