import { Card } from 'antd';
import type { ReactNode } from 'react';

/** One part of the regime editor, the target of its outline's link. */
export function RegimeSectionCard({ id, title, children }: { id: string; title: ReactNode; children: ReactNode }) {
  return (
    <Card id={id} title={title} style={{ marginBottom: 16, scrollMarginTop: 80 }}>
      {children}
    </Card>
  );
}
