/**
 * Everything wrong with a form definition, for the form designer and before publishing: the
 * JSON schema, duplicate codes, references to missing option sets, rows and columns, bounds,
 * aggregation methods that do not fit the type, expressions (syntax, unknown fields, options and
 * forms, types) and cycles between computed fields. Each problem names where it is (a dotted path
 * into the definition, e.g. `sections.0.fields.3.expression`) and, for expressions, the position.
 */
import { Value } from '@sinclair/typebox/value';
import type { SourcePosition, SourceSpan } from '../expressions/ast';
import { checkExpression } from '../expressions/check-expression';
import { computedFieldOrder } from '../expressions/computed-fields';
import type { ExpressionError, ExpressionErrorCode } from '../expressions/expression-error';
import { tryParse } from '../expressions/parser';
import type { KnownFields, KnownForms } from '../expressions/references';
import { type ExpressionType, inferType } from '../expressions/type-check';
import { isNumericType } from './form-cells';
import {
  type FieldDefinition,
  type FieldType,
  FormDefinition,
  type LocalizedText,
  type SectionDefinition,
} from './form-definition';

export const formProblemCodes = [
  'SCHEMA',
  'DUPLICATE_CODE',
  'UNKNOWN_OPTION_SET',
  'MISSING_OPTION_SET',
  'OPTION_SET_NOT_ALLOWED',
  'UNKNOWN_ROW',
  'UNKNOWN_COLUMN',
  'UNPLACED_FIELD',
  'CELL_TAKEN',
  'TABLE_SHAPE',
  'BOUNDS',
  'AGGREGATION',
  'COMPUTED_FIELD',
  'EXPRESSION',
  'CYCLE',
  'CODE_MISMATCH',
  'EMPTY_FORM',
] as const;
export type FormProblemCode = (typeof formProblemCodes)[number];

/** One problem of a form definition. Errors block publishing; warnings do not. */
export interface FormProblem {
  code: FormProblemCode;
  severity: 'error' | 'warning';
  /** Where it is: a dotted path into the definition (`rules.2.left`), empty for the whole form. */
  path: string;
  /** The code of the field, rule, section or option set it is about, when there is one. */
  subject?: string;
  message: LocalizedText;
  /** For a problem in an expression: the expression error's code and where in the expression it is. */
  expression?: { code: ExpressionErrorCode; position: SourcePosition; span: SourceSpan; cycle?: string[] };
}

export interface FormCheckContext {
  /**
   * The other forms of the regime, for cross-form references `#{FORM:code}`: a map from form
   * code to its fields (and their options). Omit it to leave cross-form references unchecked.
   */
  otherForms?: KnownForms;
  /** The form's code as stored: the definition must carry the same one. */
  formCode?: string;
}

const MAX_SCHEMA_PROBLEMS = 100;

/** `/sections/0/code` → `sections.0.code`. */
function dotted(pointer: string): string {
  return pointer.replace(/^\//, '').replace(/\//g, '.').replace(/~1/g, '/').replace(/~0/g, '~');
}

const typeNamesVi: Record<FieldType, string> = {
  integer: 'số nguyên',
  decimal: 'số thập phân',
  money: 'tiền',
  percent: 'tỷ lệ phần trăm',
  text: 'văn bản',
  date: 'ngày',
  boolean: 'có/không',
  choice: 'lựa chọn',
};

function expressionTypeOf(type: FieldType): ExpressionType {
  if (isNumericType(type)) return 'number';
  if (type === 'boolean') return 'boolean';
  return 'string';
}

/**
 * Checks a form definition (any JSON value) and returns every problem found, errors first in
 * definition order; an empty list means the definition can be published. When the value does
 * not match the JSON schema only the schema problems are returned (up to 100), since the other
 * checks need the shape to be right.
 */
export function checkFormDefinition(value: unknown, context: FormCheckContext = {}): FormProblem[] {
  if (!Value.Check(FormDefinition, value)) {
    const problems: FormProblem[] = [];
    for (const error of Value.Errors(FormDefinition, value)) {
      const path = dotted(error.path);
      problems.push({
        code: 'SCHEMA',
        severity: 'error',
        path,
        message: {
          vi: `Giá trị không hợp lệ${path ? ` ở “${path}”` : ''}: ${error.message}.`,
          en: `Invalid value${path ? ` at “${path}”` : ''}: ${error.message}.`,
        },
      });
      if (problems.length >= MAX_SCHEMA_PROBLEMS) break;
    }
    return problems;
  }
  const problems = new FormChecker(value, context).run();
  return [...problems.filter((p) => p.severity === 'error'), ...problems.filter((p) => p.severity === 'warning')];
}

class FormChecker {
  private readonly problems: FormProblem[] = [];
  private readonly fieldsByCode = new Map<string, FieldDefinition>();
  private readonly optionSets = new Map<string, Set<string>>();

  constructor(
    private readonly form: FormDefinition,
    private readonly context: FormCheckContext,
  ) {}

  private add(problem: FormProblem): void {
    this.problems.push(problem);
  }

  private error(code: FormProblemCode, path: string, message: LocalizedText, subject?: string): void {
    this.add({ code, severity: 'error', path, message, ...(subject === undefined ? {} : { subject }) });
  }

  private warning(code: FormProblemCode, path: string, message: LocalizedText, subject?: string): void {
    this.add({ code, severity: 'warning', path, message, ...(subject === undefined ? {} : { subject }) });
  }

  run(): FormProblem[] {
    const { form, context } = this;
    if (context.formCode !== undefined && form.code !== context.formCode) {
      this.error(
        'CODE_MISMATCH',
        'code',
        {
          vi: `Mã biểu mẫu trong định nghĩa (“${form.code}”) phải trùng với mã của biểu mẫu (“${context.formCode}”).`,
          en: `The definition's form code (“${form.code}”) must equal the form's code (“${context.formCode}”).`,
        },
        form.code,
      );
    }
    this.checkOptionSets();
    this.collectFields();
    form.sections.forEach((section, index) => {
      this.checkSection(section, index);
    });
    this.checkRules();
    this.checkExpressions();
    this.checkCycles();
    if (this.fieldsByCode.size === 0) {
      this.warning('EMPTY_FORM', 'sections', {
        vi: 'Biểu mẫu chưa có chỉ tiêu nào.',
        en: 'The form has no fields yet.',
      });
    }
    return this.problems;
  }

  private duplicate(path: string, what: { vi: string; en: string }, code: string): void {
    this.error(
      'DUPLICATE_CODE',
      path,
      { vi: `Mã ${what.vi} “${code}” bị trùng.`, en: `The ${what.en} code “${code}” is used more than once.` },
      code,
    );
  }

  private checkOptionSets(): void {
    this.form.optionSets.forEach((set, index) => {
      if (this.optionSets.has(set.code)) {
        this.duplicate(`optionSets.${index}.code`, { vi: 'danh mục phân tổ', en: 'option set' }, set.code);
        return;
      }
      const options = new Set<string>();
      set.options.forEach((option, optionIndex) => {
        if (options.has(option.code)) {
          this.duplicate(
            `optionSets.${index}.options.${optionIndex}.code`,
            { vi: `lựa chọn của danh mục “${set.code}”`, en: `option of set “${set.code}”` },
            option.code,
          );
        }
        options.add(option.code);
      });
      this.optionSets.set(set.code, options);
    });
  }

  private collectFields(): void {
    const sectionCodes = new Set<string>();
    this.form.sections.forEach((section, sectionIndex) => {
      if (sectionCodes.has(section.code)) {
        this.duplicate(`sections.${sectionIndex}.code`, { vi: 'phần', en: 'section' }, section.code);
      }
      sectionCodes.add(section.code);
      section.fields.forEach((field, fieldIndex) => {
        if (this.fieldsByCode.has(field.code)) {
          this.duplicate(
            `sections.${sectionIndex}.fields.${fieldIndex}.code`,
            { vi: 'chỉ tiêu', en: 'field' },
            field.code,
          );
          return;
        }
        this.fieldsByCode.set(field.code, field);
      });
    });
  }

  private checkSection(section: SectionDefinition, sectionIndex: number): void {
    const base = `sections.${sectionIndex}`;
    const rowCodes = new Set<string>();
    (section.rows ?? []).forEach((row, index) => {
      if (rowCodes.has(row.code)) this.duplicate(`${base}.rows.${index}.code`, { vi: 'dòng', en: 'row' }, row.code);
      rowCodes.add(row.code);
    });
    const columnCodes = new Set<string>();
    (section.columns ?? []).forEach((column, index) => {
      if (columnCodes.has(column.code))
        this.duplicate(`${base}.columns.${index}.code`, { vi: 'cột', en: 'column' }, column.code);
      columnCodes.add(column.code);
    });
    if (section.layout === 'table') {
      if (rowCodes.size === 0 || columnCodes.size === 0) {
        this.error(
          'TABLE_SHAPE',
          rowCodes.size === 0 ? `${base}.rows` : `${base}.columns`,
          {
            vi: `Phần “${section.code}” dạng bảng cần có ít nhất một dòng và một cột.`,
            en: `Table section “${section.code}” needs at least one row and one column.`,
          },
          section.code,
        );
      }
    }
    // Which field occupies each (row, column) cell of a table.
    const taken = new Map<string, string>();
    const occupy = (row: string, column: string, fieldCode: string, path: string) => {
      const key = `${row}\u0000${column}`;
      const holder = taken.get(key);
      if (holder !== undefined) {
        this.error(
          'CELL_TAKEN',
          path,
          {
            vi: `Ô (dòng “${row}”, cột “${column}”) đã dành cho chỉ tiêu “${holder}”; không thể đặt thêm “${fieldCode}”.`,
            en: `The cell (row “${row}”, column “${column}”) already holds field “${holder}”; “${fieldCode}” cannot go there too.`,
          },
          fieldCode,
        );
      } else taken.set(key, fieldCode);
    };

    section.fields.forEach((field, fieldIndex) => {
      const path = `${base}.fields.${fieldIndex}`;
      this.checkField(field, path);
      if (section.layout !== 'table') {
        if (field.row !== undefined || field.column !== undefined) {
          this.warning(
            'UNPLACED_FIELD',
            `${path}.${field.row !== undefined ? 'row' : 'column'}`,
            {
              vi: `Phần “${section.code}” không phải dạng bảng nên vị trí dòng/cột của chỉ tiêu “${field.code}” bị bỏ qua.`,
              en: `Section “${section.code}” is not a table, so the row/column of field “${field.code}” is ignored.`,
            },
            field.code,
          );
        }
        if (section.layout === 'narrative' && field.type !== 'text') {
          this.warning(
            'TABLE_SHAPE',
            `${path}.type`,
            {
              vi: `Phần thuyết minh “${section.code}” nên chỉ có chỉ tiêu dạng văn bản; “${field.code}” là ${typeNamesVi[field.type]}.`,
              en: `Narrative section “${section.code}” should hold text fields only; “${field.code}” is ${field.type}.`,
            },
            field.code,
          );
        }
        return;
      }
      if (field.column === undefined) {
        this.error(
          'UNPLACED_FIELD',
          `${path}.column`,
          {
            vi: `Chỉ tiêu “${field.code}” nằm trong bảng “${section.code}” nên cần chọn cột.`,
            en: `Field “${field.code}” is in table “${section.code}” and needs a column.`,
          },
          field.code,
        );
      } else if (!columnCodes.has(field.column)) {
        this.error(
          'UNKNOWN_COLUMN',
          `${path}.column`,
          {
            vi: `Chỉ tiêu “${field.code}” được đặt vào cột “${field.column}”, nhưng bảng “${section.code}” không có cột này.`,
            en: `Field “${field.code}” is placed on column “${field.column}”, which table “${section.code}” does not have.`,
          },
          field.code,
        );
      }
      const options = field.disaggregation === undefined ? undefined : this.optionSets.get(field.disaggregation);
      if (field.disaggregation !== undefined) {
        if (field.row !== undefined) {
          this.error(
            'TABLE_SHAPE',
            `${path}.row`,
            {
              vi: `Chỉ tiêu phân tổ “${field.code}” chiếm cả cột: mỗi lựa chọn nằm trên dòng cùng mã, nên không chọn dòng.`,
              en: `Disaggregated field “${field.code}” takes a whole column (each option on the row of the same code), so it takes no row.`,
            },
            field.code,
          );
        }
        for (const option of options ?? []) {
          if (!rowCodes.has(option)) {
            this.error(
              'UNKNOWN_ROW',
              `${path}.disaggregation`,
              {
                vi: `Chỉ tiêu phân tổ “${field.code}” cần dòng “${option}” (một dòng cho mỗi lựa chọn của “${field.disaggregation}”), nhưng bảng “${section.code}” không có dòng này.`,
                en: `Disaggregated field “${field.code}” needs a row “${option}” (one per option of “${field.disaggregation}”), which table “${section.code}” does not have.`,
              },
              field.code,
            );
          } else if (field.column !== undefined) occupy(option, field.column, field.code, path);
        }
        return;
      }
      if (field.row === undefined) {
        this.error(
          'UNPLACED_FIELD',
          `${path}.row`,
          {
            vi: `Chỉ tiêu “${field.code}” nằm trong bảng “${section.code}” nên cần chọn dòng.`,
            en: `Field “${field.code}” is in table “${section.code}” and needs a row.`,
          },
          field.code,
        );
      } else if (!rowCodes.has(field.row)) {
        this.error(
          'UNKNOWN_ROW',
          `${path}.row`,
          {
            vi: `Chỉ tiêu “${field.code}” được đặt vào dòng “${field.row}”, nhưng bảng “${section.code}” không có dòng này.`,
            en: `Field “${field.code}” is placed on row “${field.row}”, which table “${section.code}” does not have.`,
          },
          field.code,
        );
      } else if (field.column !== undefined && columnCodes.has(field.column)) {
        occupy(field.row, field.column, field.code, path);
      }
    });
  }

  private checkField(field: FieldDefinition, path: string): void {
    const code = field.code;
    if (field.type === 'choice' && field.optionSet === undefined) {
      this.error(
        'MISSING_OPTION_SET',
        `${path}.optionSet`,
        {
          vi: `Chỉ tiêu lựa chọn “${code}” cần một danh mục lựa chọn.`,
          en: `Choice field “${code}” needs an option set.`,
        },
        code,
      );
    }
    if (field.optionSet !== undefined) {
      if (field.type !== 'choice') {
        this.error(
          'OPTION_SET_NOT_ALLOWED',
          `${path}.optionSet`,
          {
            vi: `Chỉ tiêu “${code}” là ${typeNamesVi[field.type]}, không phải lựa chọn, nên không dùng danh mục lựa chọn.`,
            en: `Field “${code}” is ${field.type}, not a choice, so it takes no option set.`,
          },
          code,
        );
      } else if (!this.optionSets.has(field.optionSet)) {
        this.unknownOptionSet(`${path}.optionSet`, code, field.optionSet);
      }
    }
    if (field.disaggregation !== undefined && !this.optionSets.has(field.disaggregation)) {
      this.unknownOptionSet(`${path}.disaggregation`, code, field.disaggregation);
    }
    if (field.min !== undefined || field.max !== undefined) {
      if (!isNumericType(field.type)) {
        this.error(
          'BOUNDS',
          `${path}.${field.min !== undefined ? 'min' : 'max'}`,
          {
            vi: `Chỉ tiêu “${code}” là ${typeNamesVi[field.type]} nên không có giá trị nhỏ nhất/lớn nhất.`,
            en: `Field “${code}” is ${field.type}, so it takes no minimum or maximum.`,
          },
          code,
        );
      } else if (field.min !== undefined && field.max !== undefined && field.min > field.max) {
        this.error(
          'BOUNDS',
          `${path}.min`,
          {
            vi: `Chỉ tiêu “${code}”: giá trị nhỏ nhất (${field.min}) lớn hơn giá trị lớn nhất (${field.max}).`,
            en: `Field “${code}”: the minimum (${field.min}) is greater than the maximum (${field.max}).`,
          },
          code,
        );
      }
    }
    if (!isNumericType(field.type)) {
      for (const dimension of ['hierarchy', 'time'] as const) {
        const method = field.aggregation[dimension];
        if (method === 'sum' || method === 'average') {
          this.error(
            'AGGREGATION',
            `${path}.aggregation.${dimension}`,
            {
              vi: `Chỉ tiêu “${code}” là ${typeNamesVi[field.type]} nên không thể tổng hợp bằng “${method}”; dùng first, last hoặc none.`,
              en: `Field “${code}” is ${field.type} and cannot aggregate by “${method}”; use first, last or none.`,
            },
            code,
          );
        }
      }
    }
    if (field.expression !== undefined) {
      if (field.disaggregation !== undefined) {
        this.error(
          'COMPUTED_FIELD',
          `${path}.disaggregation`,
          {
            vi: `Chỉ tiêu tính toán “${code}” không thể có phân tổ; hãy tạo một chỉ tiêu tính toán cho mỗi ô.`,
            en: `Computed field “${code}” cannot be disaggregated; define one computed field per cell.`,
          },
          code,
        );
      }
      if (field.commentWhenMissing || field.required) {
        this.warning(
          'COMPUTED_FIELD',
          `${path}.${field.required ? 'required' : 'commentWhenMissing'}`,
          {
            vi: `Chỉ tiêu “${code}” được tính tự động, không nhập, nên “bắt buộc”/“cần ghi chú khi trống” không có tác dụng.`,
            en: `Field “${code}” is computed, not entered, so “required”/“comment when missing” has no effect.`,
          },
          code,
        );
      }
    }
  }

  private unknownOptionSet(path: string, fieldCode: string, setCode: string): void {
    this.error(
      'UNKNOWN_OPTION_SET',
      path,
      {
        vi: `Chỉ tiêu “${fieldCode}” dùng danh mục “${setCode}”, nhưng biểu mẫu không có danh mục này.`,
        en: `Field “${fieldCode}” uses option set “${setCode}”, which the form does not define.`,
      },
      fieldCode,
    );
  }

  private checkRules(): void {
    const codes = new Set<string>();
    this.form.rules.forEach((rule, index) => {
      if (codes.has(rule.code)) this.duplicate(`rules.${index}.code`, { vi: 'quy tắc', en: 'rule' }, rule.code);
      codes.add(rule.code);
    });
  }

  private knownFields(): KnownFields {
    const known = new Map<string, ReadonlySet<string>>();
    for (const [code, field] of this.fieldsByCode) {
      known.set(code, field.disaggregation ? (this.optionSets.get(field.disaggregation) ?? new Set()) : new Set());
    }
    return known;
  }

  private fieldType = (ref: { form?: string; field: string }): ExpressionType | undefined => {
    if (ref.form !== undefined) return undefined;
    const field = this.fieldsByCode.get(ref.field);
    return field ? expressionTypeOf(field.type) : undefined;
  };

  private expressionProblem(path: string, subject: string, error: ExpressionError): void {
    this.add({
      code: error.code === 'EXPR_CYCLE' ? 'CYCLE' : 'EXPRESSION',
      severity: 'error',
      path,
      subject,
      message: {
        vi: `${error.vi} (dòng ${error.position.line}, cột ${error.position.column})`,
        en: `${error.en} (line ${error.position.line}, column ${error.position.column})`,
      },
      expression: {
        code: error.code,
        position: error.position,
        span: error.span,
        ...(error.cycle ? { cycle: error.cycle } : {}),
      },
    });
  }

  private checkExpressions(): void {
    const knownFields = this.knownFields();
    const knownForms = this.context.otherForms;
    this.form.sections.forEach((section, sectionIndex) => {
      section.fields.forEach((field, fieldIndex) => {
        if (field.expression === undefined) return;
        const errors = checkExpression(field.expression, {
          knownFields,
          knownForms,
          fieldType: this.fieldType,
          expected: expressionTypeOf(field.type) as 'number' | 'string' | 'boolean',
        });
        for (const error of errors)
          this.expressionProblem(`sections.${sectionIndex}.fields.${fieldIndex}.expression`, field.code, error);
      });
    });
    this.form.rules.forEach((rule, index) => {
      const sides = { left: rule.left, right: rule.right };
      const types: Partial<Record<'left' | 'right', ExpressionType>> = {};
      for (const side of ['left', 'right'] as const) {
        const errors = checkExpression(sides[side], { knownFields, knownForms, fieldType: this.fieldType });
        for (const error of errors) this.expressionProblem(`rules.${index}.${side}`, rule.code, error);
        if (errors.length === 0) {
          const parsed = tryParse(sides[side]);
          if (parsed.ok) types[side] = inferType(parsed.ast, this.fieldType).type;
        }
      }
      const { left, right } = types;
      const concrete = (t: ExpressionType | undefined) => t === 'number' || t === 'string' || t === 'boolean';
      const ordered = ['<', '<=', '>', '>='].includes(rule.operator);
      if (concrete(left) && concrete(right) && left !== right) {
        this.error(
          'EXPRESSION',
          `rules.${index}.right`,
          {
            vi: `Quy tắc “${rule.code}” so sánh hai vế khác kiểu (${left} và ${right}).`,
            en: `Rule “${rule.code}” compares values of different types (${left} and ${right}).`,
          },
          rule.code,
        );
      } else if (ordered && ((concrete(left) && left !== 'number') || (concrete(right) && right !== 'number'))) {
        this.error(
          'EXPRESSION',
          `rules.${index}.operator`,
          {
            vi: `Quy tắc “${rule.code}” dùng phép “${rule.operator}”, chỉ áp dụng cho số.`,
            en: `Rule “${rule.code}” uses “${rule.operator}”, which applies to numbers only.`,
          },
          rule.code,
        );
      }
    });
  }

  private checkCycles(): void {
    const paths = new Map<string, string>();
    const computed: { code: string; expression: string }[] = [];
    this.form.sections.forEach((section, sectionIndex) => {
      section.fields.forEach((field, fieldIndex) => {
        if (field.expression === undefined || paths.has(field.code)) return;
        // Only expressions that parse: syntax errors are reported once, by checkExpressions.
        if (!tryParse(field.expression).ok) return;
        paths.set(field.code, `sections.${sectionIndex}.fields.${fieldIndex}.expression`);
        computed.push({ code: field.code, expression: field.expression });
      });
    });
    const order = computedFieldOrder(computed);
    if (order.ok) return;
    for (const error of order.errors) {
      if (error.code !== 'EXPR_CYCLE') continue;
      const subject = error.field ?? '';
      this.expressionProblem(paths.get(subject) ?? '', subject, error);
    }
  }
}
