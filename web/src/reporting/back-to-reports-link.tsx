import { ArrowLeftOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';

/** Back to "My reports", atop the entry and consolidation pages. */
export function BackToReportsLink() {
  const { t } = useTranslation();
  return (
    <Link to="/reports" style={{ display: 'inline-block', marginBottom: 12 }}>
      <ArrowLeftOutlined /> {t('reports.backToList')}
    </Link>
  );
}
