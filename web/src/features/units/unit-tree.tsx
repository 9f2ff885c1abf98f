import { useQuery } from '@tanstack/react-query';
import { App, Empty, Spin, Tag, Tree, Typography } from 'antd';
import type { DataNode } from 'antd/es/tree';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, queryString } from '../../api/client';
import type { PageOf, UnitDetailView, UnitSummaryView } from '../../api/types';
import { ErrorAlert } from '../../components/error-alert';
import { formatNumber } from '../../i18n/format';
import { fetchChildren } from './units.api';

interface UnitTreeNode extends DataNode {
  key: string;
  unit?: UnitSummaryView;
  /** A "show more" node: the next page of `parentId`'s children starts at `offset`. */
  more?: { parentId: number; offset: number; remaining: number };
  children?: UnitTreeNode[];
}

const unitKey = (id: number) => `u:${id}`;

function unitNode(unit: UnitSummaryView): UnitTreeNode {
  return { key: unitKey(unit.id), unit, isLeaf: unit.childCount === 0 };
}

/** A page of children, ending in a "show more" node while more remain. */
function childNodes(page: PageOf<UnitSummaryView>, parentId: number): UnitTreeNode[] {
  const nodes = page.items.map(unitNode);
  const next = page.offset + page.items.length;
  if (next < page.total)
    nodes.push({
      key: `more:${parentId}:${next}`,
      isLeaf: true,
      more: { parentId, offset: next, remaining: page.total - next },
    });
  return nodes;
}

function withChildren(
  nodes: UnitTreeNode[],
  key: string,
  update: (children: UnitTreeNode[] | undefined) => UnitTreeNode[],
): UnitTreeNode[] {
  return nodes.map((node) => {
    if (node.key === key) return { ...node, children: update(node.children) };
    if (node.children) return { ...node, children: withChildren(node.children, key, update) };
    return node;
  });
}

interface UnitTreeProps {
  asOf: string;
  hierarchy: string;
  rootIds: number[];
  selectedId: number | null;
  onSelect: (unit: UnitSummaryView) => void;
}

interface RootLevel {
  unit: UnitSummaryView;
  page: PageOf<UnitSummaryView>;
}

/**
 * The hierarchy as of a date, loaded a level at a time; a level longer than one
 * page ends in a "show more" node that loads the next page in its place.
 * Remount it (key) when the date or hierarchy changes.
 */
export function UnitTree(props: UnitTreeProps) {
  const { asOf, hierarchy, rootIds } = props;
  const { t } = useTranslation();
  // The roots and their first level, so the tree opens on something useful.
  const roots = useQuery({
    queryKey: ['units', 'tree-roots', hierarchy, asOf, rootIds],
    gcTime: 0,
    queryFn: async (): Promise<RootLevel[]> => {
      const units = await Promise.all(rootIds.map((id) => api<UnitDetailView>(`/units/${id}${queryString({ asOf })}`)));
      const pages = await Promise.all(units.map((unit) => fetchChildren(unit.id, asOf, hierarchy, 0)));
      return units.map((unit, index) => ({ unit: { ...unit, childCount: pages[index]!.total }, page: pages[index]! }));
    },
  });
  if (roots.isError) return <ErrorAlert error={roots.error} />;
  if (!roots.data)
    return (
      <div style={{ padding: 32, textAlign: 'center' }}>
        <Spin />
      </div>
    );
  if (roots.data.length === 0) return <Empty description={t('units.noUnits')} />;
  return <LoadedUnitTree {...props} roots={roots.data} />;
}

function LoadedUnitTree({ asOf, hierarchy, selectedId, onSelect, roots }: UnitTreeProps & { roots: RootLevel[] }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [treeData, setTreeData] = useState<UnitTreeNode[]>(() =>
    roots.map(({ unit, page }) => ({ ...unitNode(unit), children: childNodes(page, unit.id) })),
  );
  const [expandedKeys, setExpandedKeys] = useState<React.Key[]>(() => roots.map(({ unit }) => unitKey(unit.id)));
  const [loadedKeys, setLoadedKeys] = useState<React.Key[]>(() => roots.map(({ unit }) => unitKey(unit.id)));

  const loadChildren = async (node: UnitTreeNode) => {
    const unit = node.unit;
    if (!unit || node.children) return;
    try {
      const page = await fetchChildren(unit.id, asOf, hierarchy, 0);
      setTreeData((current) => withChildren(current, node.key, () => childNodes(page, unit.id)));
    } catch (error) {
      void message.error((error as Error).message);
      throw error;
    }
  };

  const loadMore = async (more: NonNullable<UnitTreeNode['more']>, key: string) => {
    try {
      const page = await fetchChildren(more.parentId, asOf, hierarchy, more.offset);
      setTreeData((current) =>
        withChildren(current, unitKey(more.parentId), (children) => [
          ...(children ?? []).filter((child) => child.key !== key),
          ...childNodes(page, more.parentId),
        ]),
      );
    } catch (error) {
      void message.error((error as Error).message);
    }
  };

  return (
    <Tree<UnitTreeNode>
      showLine
      blockNode
      height={620}
      treeData={treeData}
      expandedKeys={expandedKeys}
      loadedKeys={loadedKeys}
      onExpand={(keys) => setExpandedKeys(keys)}
      onLoad={(keys) => setLoadedKeys(keys)}
      loadData={loadChildren}
      selectedKeys={selectedId ? [unitKey(selectedId)] : []}
      onSelect={(_, { node }) => {
        if (node.more) void loadMore(node.more, node.key);
        else if (node.unit) onSelect(node.unit);
      }}
      titleRender={(node) =>
        node.more ? (
          <Typography.Link data-testid="tree-more">
            {t('units.showMore', { remaining: formatNumber(node.more.remaining) })}
          </Typography.Link>
        ) : node.unit ? (
          <span>
            {node.unit.name}{' '}
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {node.unit.code}
            </Typography.Text>
            {node.unit.childCount ? (
              <Tag variant="filled" style={{ marginInlineStart: 6, fontSize: 11, lineHeight: '18px' }}>
                {formatNumber(node.unit.childCount)}
              </Tag>
            ) : null}
          </span>
        ) : null
      }
      data-testid="unit-tree"
    />
  );
}
