import { EditOutlined, FullscreenOutlined, FundProjectionScreenOutlined, LeftOutlined } from '@ant-design/icons';
import type { DashboardItem, LiveEvent, Widget } from '@baocao/domain';
import { App as AntApp, Badge, Button, DatePicker, Popconfirm, Space, Spin, Typography } from 'antd';
import dayjs from 'dayjs';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { ErrorAlert } from '../../components/error-alert';
import { PageHeader } from '../../components/page-header';
import { UnitPicker } from '../../components/unit-picker';
import { useNarrowScreen } from '../../components/use-narrow-screen';
import { formatDateTime } from '../../i18n/format';
import { languageOf } from '../../reporting/report-labels';
import { useLiveRefetch } from '../../reporting/use-live-refetch';
import { BoardEditor } from './board-editor';
import { BoardWidget } from './board-widgets';
import {
  type BoardFilters,
  boardDataQueryKey,
  todayInVietnam,
  useDashboard,
  useDashboards,
  useDeleteDashboard,
} from './dashboards.api';
import '../../i18n/dayjs-locale';

const ROW_HEIGHT = 110;
/** The grid's gap (`.board-grid` in styles.css). */
const GAP = 12;
const ROTATE_MS = 30_000;

/**
 * A widget's rows on a phone (one column): at most three, but the tasks widget keeps room for its
 * five totals, which wrap two by two, above its ranking chart (one bar row per ranked unit).
 */
function narrowRows(widget: Widget): number {
  if (widget.type !== 'tasks') return Math.min(widget.h, 3);
  const chart = Math.max(200, 60 + (widget.rank?.limit ?? 10) * 28);
  return Math.max(widget.h, Math.ceil((300 + chart + GAP) / (ROW_HEIGHT + GAP)));
}

/** The widgets on the 12-column grid; on a phone, one column in reading order. */
export function BoardGrid({
  board,
  filters,
  dark,
  onDrill,
}: {
  board: DashboardItem;
  filters: BoardFilters;
  dark?: boolean;
  onDrill: (unitId: number) => void;
}) {
  const narrow = useNarrowScreen();
  const widgets = [...board.definition.widgets].sort((a, b) => a.y - b.y || a.x - b.x);
  return (
    <div className={`board-grid${dark ? ' board-dark' : ''}`} style={{ gridAutoRows: ROW_HEIGHT }}>
      {widgets.map((widget) => (
        <div
          key={widget.id}
          style={
            narrow
              ? { gridColumn: '1 / -1', gridRow: `span ${narrowRows(widget)}` }
              : { gridColumn: `${widget.x + 1} / span ${widget.w}`, gridRow: `${widget.y + 1} / span ${widget.h}` }
          }
        >
          <BoardWidget widget={widget} filters={filters} dark={dark ?? false} onDrill={onDrill} />
        </div>
      ))}
    </div>
  );
}

/** Keeps the board's data live: every consolidation refreshed inside the viewer's scope refetches the widgets. */
function useLiveBoard(enabled: boolean) {
  return useLiveRefetch({
    queryKey: boardDataQueryKey,
    coalesceMs: 500,
    matches: enabled ? (_event: LiveEvent) => true : null,
    watchKey: String(enabled),
  });
}

/** The filters from the address; with no date chosen, the board's own default date, else today. */
function useFilters(defaultDate?: string): [BoardFilters, (next: Partial<BoardFilters>) => void] {
  const [params, setParams] = useSearchParams();
  const filters: BoardFilters = {
    date: params.get('date') ?? defaultDate ?? todayInVietnam(),
    unitId: params.get('unitId') ? Number(params.get('unitId')) : null,
  };
  const set = (next: Partial<BoardFilters>) => {
    const merged = { ...filters, ...next };
    const copy = new URLSearchParams(params);
    if (next.date !== undefined) copy.set('date', merged.date);
    if (merged.unitId === null) copy.delete('unitId');
    else copy.set('unitId', String(merged.unitId));
    setParams(copy);
  };
  return [filters, set];
}

/** A board with its filters (period, unit), live updates, drill-down by unit, and the way to edit it. */
export function BoardPage() {
  const { t, i18n } = useTranslation();
  const language = languageOf(i18n.language);
  const { message } = AntApp.useApp();
  const navigate = useNavigate();
  const { id } = useParams();
  const boardId = id === 'new' ? null : Number(id);
  const board = useDashboard(boardId);
  const remove = useDeleteDashboard();
  const [editing, setEditing] = useState(id === 'new');
  const [filters, setFilters] = useFilters(board.data?.definition.defaultDate);
  const live = useLiveBoard(!editing && board.data !== undefined);

  if (editing)
    return (
      <BoardEditor
        board={boardId === null ? null : (board.data ?? null)}
        onDone={(saved) => {
          setEditing(false);
          if (saved) void navigate(`/dashboards/${saved.id}`, { replace: true });
          else if (boardId === null) void navigate('/dashboards');
        }}
      />
    );
  if (board.isPending) return <Spin />;
  if (board.isError) return <ErrorAlert error={board.error} />;
  const data = board.data;
  return (
    <>
      <PageHeader
        title={
          <Space wrap>
            {data.title[language] || data.title.vi}
            <Badge
              status={live.connected ? 'success' : 'default'}
              text={live.connected ? t('dashboards.live') : t('dashboards.offline')}
            />
          </Space>
        }
        description={t('dashboards.widget.drill')}
        extra={
          <Space wrap>
            <Button icon={<LeftOutlined />} onClick={() => void navigate('/dashboards')}>
              {t('dashboards.back')}
            </Button>
            <Button
              icon={<FundProjectionScreenOutlined />}
              onClick={() => void navigate(`/dashboards/${data.id}/wall`)}
            >
              {t('dashboards.wall')}
            </Button>
            {data.editable && (
              <>
                <Button icon={<EditOutlined />} onClick={() => setEditing(true)}>
                  {t('dashboards.edit')}
                </Button>
                <Popconfirm
                  title={t('dashboards.deleteConfirm')}
                  onConfirm={async () => {
                    await remove.mutateAsync(data.id);
                    void message.success(t('dashboards.deleted'));
                    void navigate('/dashboards');
                  }}
                >
                  <Button danger>{t('dashboards.delete')}</Button>
                </Popconfirm>
              </>
            )}
          </Space>
        }
      />
      <Space wrap style={{ marginBottom: 12 }}>
        <Typography.Text>{t('dashboards.filters.date')}</Typography.Text>
        <DatePicker
          allowClear={false}
          format="DD/MM/YYYY"
          value={dayjs(filters.date)}
          onChange={(value) => value && setFilters({ date: value.format('YYYY-MM-DD') })}
        />
        <Typography.Text>{t('dashboards.filters.unit')}</Typography.Text>
        <div style={{ minWidth: 240 }}>
          <UnitPicker
            value={filters.unitId}
            onChange={(value) => setFilters({ unitId: typeof value === 'number' ? value : null })}
          />
        </div>
      </Space>
      <BoardGrid board={data} filters={filters} onDrill={(unitId) => setFilters({ unitId })} />
    </>
  );
}

/**
 * The large-screen mode for the direction center: dark, full screen, big type, and with
 * `rotate=1` it moves on to the next board every 30 seconds.
 */
export function WallPage() {
  const { t, i18n } = useTranslation();
  const language = languageOf(i18n.language);
  const navigate = useNavigate();
  const { id } = useParams();
  const [params] = useSearchParams();
  const rotate = params.get('rotate') === '1';
  const board = useDashboard(Number(id));
  const boards = useDashboards();
  const [filters, setFilters] = useFilters(board.data?.definition.defaultDate);
  const live = useLiveBoard(board.data !== undefined);
  const [clock, setClock] = useState(() => new Date());
  const next = useMemo(() => {
    const items = boards.data?.items ?? [];
    const index = items.findIndex((b) => b.id === Number(id));
    return items.length > 1 ? items[(index + 1) % items.length] : undefined;
  }, [boards.data, id]);

  useEffect(() => {
    const timer = window.setInterval(() => setClock(new Date()), 1000);
    return () => window.clearInterval(timer);
  }, []);
  useEffect(() => {
    if (!rotate || !next) return;
    const timer = window.setTimeout(
      () => void navigate(`/dashboards/${next.id}/wall?rotate=1`, { replace: true }),
      ROTATE_MS,
    );
    return () => window.clearTimeout(timer);
  }, [rotate, next, navigate]);

  return (
    <div className="wall" data-testid="wall">
      <div className="wall-header">
        <div className="wall-title">{board.data ? board.data.title[language] || board.data.title.vi : ''}</div>
        <div className="wall-clock">
          <Badge status={live.connected ? 'success' : 'default'} /> {formatDateTime(clock)}
        </div>
        <Space>
          <Button
            ghost
            icon={<FullscreenOutlined />}
            onClick={() => void document.documentElement.requestFullscreen?.().catch(() => undefined)}
          >
            {t('dashboards.fullScreen')}
          </Button>
          <Button ghost onClick={() => void navigate(`/dashboards/${id}`)}>
            {t('dashboards.exitWall')}
          </Button>
        </Space>
      </div>
      {board.isError && <ErrorAlert error={board.error} />}
      {board.data && (
        <BoardGrid board={board.data} filters={filters} dark onDrill={(unitId) => setFilters({ unitId })} />
      )}
    </div>
  );
}
