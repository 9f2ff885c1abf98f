import {
  Button,
  Card,
  type CardProps,
  Empty,
  Flex,
  Pagination,
  Spin,
  Table,
  type TableColumnsType,
  type TableColumnType,
  Tag,
  Typography,
  theme,
} from 'antd';
import { type CSSProperties, Fragment, isValidElement, type ReactNode, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { ErrorAlert } from './error-alert';
import { useNarrowScreen } from './use-narrow-screen';

/*
 * The pieces the data-exchange pages share (connectors, federation links, webhooks, tokens): a
 * list of things in a card, the thing chosen by `?id=` in the address (a notice can point at
 * it), and the paged history of the chosen one under the list. On a narrow screen (a phone) both
 * show one card per row instead of a table that would scroll sideways: the same columns, each
 * with its title, the first one on top and the actions (`key: 'actions'`) at the bottom.
 */

/** What the tables need of a TanStack query. */
interface QueryState<D> {
  isError: boolean;
  error: unknown;
  isPending: boolean;
  data?: D;
}

/** The thing chosen by `?id=` in the address, and a way to choose another (null: none). */
export function useSelectedId(): { selectedId: number | null; select: (id: number | null) => void } {
  const [params, setParams] = useSearchParams();
  const selectedId = Number(params.get('id')) || null;
  const select = (id: number | null) => setParams(id === null ? {} : { id: String(id) }, { replace: true });
  return { selectedId, select };
}

/** How many things a list shows at once. */
const LIST_PAGE_SIZE = 20;

/**
 * A card with the list of a page (one card per row on a phone), or the error that kept it from
 * loading; paged past 20 rows.
 */
export function ListTableCard<T extends { id: number }>({
  query,
  columns,
  emptyText,
  scrollX,
  testId,
}: {
  query: QueryState<T[]>;
  columns: TableColumnsType<T>;
  emptyText: ReactNode;
  scrollX: number;
  testId?: string;
}) {
  const narrow = useNarrowScreen();
  const [page, setPage] = useState(1);
  if (narrow) {
    if (query.isError) return <ErrorAlert error={query.error} />;
    const rows = query.data ?? [];
    const pages = Math.max(1, Math.ceil(rows.length / LIST_PAGE_SIZE));
    const current = Math.min(page, pages);
    return (
      <RowCards<T>
        rows={rows.slice((current - 1) * LIST_PAGE_SIZE, current * LIST_PAGE_SIZE)}
        columns={columns}
        loading={query.isPending}
        emptyText={emptyText}
        testId={testId}
        pagination={
          rows.length > LIST_PAGE_SIZE ? (
            <Pagination
              simple
              current={current}
              pageSize={LIST_PAGE_SIZE}
              total={rows.length}
              onChange={setPage}
              style={{ alignSelf: 'center' }}
            />
          ) : null
        }
      />
    );
  }
  return (
    <Card>
      {query.isError ? (
        <ErrorAlert error={query.error} />
      ) : (
        <Table<T>
          rowKey="id"
          data-testid={testId}
          loading={query.isPending}
          dataSource={query.data ?? []}
          scroll={{ x: scrollX }}
          locale={{ emptyText }}
          pagination={(query.data?.length ?? 0) > LIST_PAGE_SIZE ? { pageSize: LIST_PAGE_SIZE } : false}
          columns={columns}
        />
      )}
    </Card>
  );
}

/** How many rows a history page shows. */
export const HISTORY_PAGE_SIZE = 20;

/**
 * The history of the chosen thing (runs, items, deliveries), newest first, one page at a time,
 * in a card under the list with a button that closes it. `children` stand above the table.
 */
export function HistoryCard<T extends { id: number }>({
  title,
  closeLabel,
  onClose,
  testId,
  titleWraps,
  query,
  page,
  onPage,
  columns,
  emptyText,
  scrollX,
  children,
}: {
  title: ReactNode;
  closeLabel: ReactNode;
  onClose: () => void;
  testId: string;
  /** A long title (an address) wraps instead of being cut. */
  titleWraps?: boolean;
  query: QueryState<{ items: T[]; total: number }>;
  page: number;
  onPage: (page: number) => void;
  columns: TableColumnsType<T>;
  emptyText: ReactNode;
  scrollX: number;
  children?: ReactNode;
}) {
  const narrow = useNarrowScreen();
  const styles: CardProps['styles'] = titleWraps
    ? { title: { whiteSpace: 'normal', wordBreak: 'break-all' } }
    : undefined;
  const total = query.data?.total ?? 0;
  return (
    <Card
      title={title}
      style={{ marginTop: 16 }}
      styles={styles}
      data-testid={testId}
      extra={
        <Button size="small" onClick={onClose}>
          {closeLabel}
        </Button>
      }
    >
      {children}
      {query.isError ? (
        <ErrorAlert error={query.error} />
      ) : narrow ? (
        <RowCards<T>
          inCard
          rows={query.data?.items ?? []}
          columns={columns}
          loading={query.isPending}
          emptyText={emptyText}
          pagination={
            total > HISTORY_PAGE_SIZE ? (
              <Pagination
                simple
                current={page}
                pageSize={HISTORY_PAGE_SIZE}
                total={total}
                onChange={onPage}
                style={{ alignSelf: 'center', marginTop: 8 }}
              />
            ) : null
          }
        />
      ) : (
        <Table<T>
          rowKey="id"
          size="small"
          loading={query.isPending}
          dataSource={query.data?.items ?? []}
          scroll={{ x: scrollX }}
          locale={{ emptyText }}
          pagination={
            total > HISTORY_PAGE_SIZE
              ? {
                  current: page,
                  pageSize: HISTORY_PAGE_SIZE,
                  total,
                  onChange: onPage,
                  showSizeChanger: false,
                }
              : false
          }
          columns={columns}
        />
      )}
    </Card>
  );
}

/** The units a thing covers, as tags with their names (`#id` until the name is known). */
export function UnitTags({ ids, names, style }: { ids: number[]; names: Map<number, string>; style?: CSSProperties }) {
  return (
    <Flex gap={4} wrap style={style}>
      {ids.map((id) => (
        <Tag key={id} style={{ whiteSpace: 'normal', marginInlineEnd: 0 }}>
          {names.get(id) ?? `#${id}`}
        </Tag>
      ))}
    </Flex>
  );
}

/** The columns as drawn, groups flattened into their leaves. */
function leafColumns<T>(columns: TableColumnsType<T>): TableColumnType<T>[] {
  return columns.flatMap((column) => ('children' in column ? leafColumns(column.children) : [column]));
}

/** What a column shows for a row, as the table draws it (its `render` of its `dataIndex`). */
function cellOf<T>(column: TableColumnType<T>, row: T, index: number): ReactNode {
  // antd types `dataIndex` as any name path of T; at run time it is a key or a list of keys.
  const dataIndex = column.dataIndex as string | number | readonly (string | number)[] | undefined;
  const path = dataIndex === undefined ? [] : typeof dataIndex === 'object' ? [...dataIndex] : [dataIndex];
  const value = path.reduce<unknown>((at, key) => (at as Record<string | number, unknown> | null)?.[key], row);
  if (!column.render) return path.length > 0 ? (value as ReactNode) : null;
  const drawn = column.render(value, row, index);
  // A render may answer `{ children, props }` (cell spans), which a card has no use for.
  if (drawn && typeof drawn === 'object' && !isValidElement(drawn) && 'children' in drawn && !Array.isArray(drawn))
    return (drawn as { children?: ReactNode }).children;
  return drawn as ReactNode;
}

/**
 * The rows of a table for a phone: one card per row (or, `inCard`, one block per row inside the
 * card around them), the first column on top, then each column's title and value side by side,
 * then the actions. The page's own test ids and buttons are in the cells, so they stay the same.
 */
function RowCards<T extends { id: number }>({
  rows,
  columns,
  loading,
  emptyText,
  testId,
  pagination,
  inCard,
}: {
  rows: T[];
  columns: TableColumnsType<T>;
  loading: boolean;
  emptyText: ReactNode;
  testId?: string;
  pagination: ReactNode;
  inCard?: boolean;
}) {
  const { token } = theme.useToken();
  const [head, ...rest] = leafColumns(columns);
  const actions = rest.filter((column) => column.key === 'actions');
  const fields = rest.filter((column) => column.key !== 'actions');
  const empty = <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={emptyText} />;
  const row = (item: T, index: number) => (
    <>
      {head ? <div style={{ minWidth: 0 }}>{cellOf(head, item, index)}</div> : null}
      {fields.length > 0 ? (
        <dl
          style={{
            display: 'grid',
            gridTemplateColumns: 'minmax(0, 1fr) minmax(0, 2fr)',
            gap: '6px 12px',
            margin: '10px 0 0',
          }}
        >
          {fields.map((column, at) => (
            <Fragment key={String(column.key ?? column.dataIndex ?? at)}>
              <dt>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {typeof column.title === 'function' ? null : column.title}
                </Typography.Text>
              </dt>
              <dd style={{ margin: 0, minWidth: 0, overflowWrap: 'anywhere' }}>{cellOf(column, item, index)}</dd>
            </Fragment>
          ))}
        </dl>
      ) : null}
      {actions.map((column) => (
        <div key={String(column.key)} style={{ marginTop: 8 }}>
          {cellOf(column, item, index)}
        </div>
      ))}
    </>
  );
  return (
    <Spin spinning={loading}>
      <Flex vertical gap={inCard ? 0 : 12} data-testid={testId} style={{ minHeight: loading ? 96 : undefined }}>
        {rows.length === 0 && !loading ? inCard ? empty : <Card size="small">{empty}</Card> : null}
        {rows.map((item, index) =>
          inCard ? (
            <div
              key={item.id}
              data-testid={testId ? `${testId}-card` : undefined}
              style={{
                padding: '12px 0',
                borderTop: index > 0 ? `1px solid ${token.colorBorderSecondary}` : undefined,
              }}
            >
              {row(item, index)}
            </div>
          ) : (
            <Card size="small" key={item.id} data-testid={testId ? `${testId}-card` : undefined}>
              {row(item, index)}
            </Card>
          ),
        )}
        {pagination}
      </Flex>
    </Spin>
  );
}
