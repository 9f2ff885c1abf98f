import { CommentOutlined } from '@ant-design/icons';
import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import type { CellProps } from './cell-props';

// The comment's popover (antd's Popover and Input) is fetched the first time a comment is opened.
const CommentPopover = lazy(() => import('./comment-popover').then((m) => ({ default: m.CommentPopover })));

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
    <Suspense fallback={button}>
      <CommentPopover cell={cell} comment={comment} readOnly={readOnly} actions={actions} closeComment={closeComment}>
        {button}
      </CommentPopover>
    </Suspense>
  );
}
