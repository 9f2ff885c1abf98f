import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Col, Flex, Form, type FormListFieldData, Row } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/** One column of a mapping row: which field of the row it edits, and with what. */
export interface MappingColumn {
  /** The row's field, e.g. `cell` or `from`. */
  field: string;
  /** Shown above the first row only. */
  label: ReactNode;
  /** `text`: a non-blank text; `choice`: a chosen value; absent: optional. */
  required?: 'text' | 'choice';
  /** Flex share of the row's width; 1 unless said. */
  grow?: number;
  /** The input of this column in the row `field` (its `name` is the row's index). */
  input: (row: FormListFieldData) => ReactNode;
}

/**
 * Editable rows of a mapping (a connector's cells and paths, a federation link's codes ours →
 * theirs, its indicators): one line per pair, a remove button on each, an add button under them.
 * `footer` stands under the add button (e.g. an error about the whole list).
 */
export function MappingRows({
  name,
  columns,
  newRow,
  addLabel,
  removeLabel,
  max,
  min = 0,
  addTestId,
  small,
  footer,
}: {
  name: (string | number)[] | string;
  columns: MappingColumn[];
  newRow: Record<string, unknown>;
  addLabel: ReactNode;
  removeLabel: string;
  max: number;
  /** Rows that cannot be removed (the last `min` stay). */
  min?: number;
  addTestId: string;
  small?: boolean;
  footer?: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <Form.List name={name}>
      {(fields, { add, remove }) => (
        <Flex vertical gap={0}>
          {fields.map((row) => (
            <Row gutter={8} key={row.key} align="top" wrap={false}>
              {columns.map((column) => (
                <Col key={column.field} flex={`${column.grow ?? 1} 1 0`} style={{ minWidth: 0 }}>
                  <Form.Item
                    name={[row.name, column.field]}
                    label={row.name === 0 ? column.label : undefined}
                    rules={
                      column.required
                        ? [
                            {
                              required: true,
                              whitespace: column.required === 'text',
                              message: t('common.required'),
                            },
                          ]
                        : undefined
                    }
                  >
                    {column.input(row)}
                  </Form.Item>
                </Col>
              ))}
              <Col flex="none" style={{ paddingTop: row.name === 0 ? 30 : 0 }}>
                <Button
                  type="text"
                  icon={<DeleteOutlined />}
                  aria-label={removeLabel}
                  disabled={min > 0 && fields.length <= min}
                  onClick={() => remove(row.name)}
                />
              </Col>
            </Row>
          ))}
          <Button
            type="dashed"
            size={small ? 'small' : undefined}
            icon={<PlusOutlined />}
            onClick={() => add(newRow)}
            disabled={fields.length >= max}
            data-testid={addTestId}
            style={{ alignSelf: 'flex-start' }}
          >
            {addLabel}
          </Button>
          {footer}
        </Flex>
      )}
    </Form.List>
  );
}
