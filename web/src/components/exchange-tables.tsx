import { Button, Card, type CardProps, Flex, Table, type TableColumnsType, Tag } from 'antd';
import type { CSSProperties, ReactNode } from 'react';
import { useSearchParams } from 'react-router-dom';
import { ErrorAlert } from './error-alert';

/*
 * The pieces the data-exchange pages share (connectors, federation links, webhooks, tokens): a
 * list of things in a card, the thing chosen by `?id=` in the address (a notice can point at
 * it), and the paged history of the chosen one under the list.
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

/** A card with the list of a page, or the error that kept it from loading; paged past 20 rows. */
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
          pagination={(query.data?.length ?? 0) > 20 ? { pageSize: 20 } : false}
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
  const styles: CardProps['styles'] = titleWraps
    ? { title: { whiteSpace: 'normal', wordBreak: 'break-all' } }
    : undefined;
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
      ) : (
        <Table<T>
          rowKey="id"
          size="small"
          loading={query.isPending}
          dataSource={query.data?.items ?? []}
          scroll={{ x: scrollX }}
          locale={{ emptyText }}
          pagination={
            (query.data?.total ?? 0) > HISTORY_PAGE_SIZE
              ? {
                  current: page,
                  pageSize: HISTORY_PAGE_SIZE,
                  total: query.data?.total,
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
