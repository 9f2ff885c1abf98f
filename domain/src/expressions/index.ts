export {
  type ArithmeticOperator,
  type Ast,
  type BinaryNode,
  type BinaryOperator,
  type BooleanNode,
  type CallNode,
  type ComparisonOperator,
  type ExpressionFunctionName,
  type ExpressionValue,
  type FieldNode,
  type FieldReference,
  fieldReferenceKey,
  type LogicalOperator,
  type NullNode,
  type NumberNode,
  type SourcePosition,
  type SourceSpan,
  type StringNode,
  type UnaryNode,
  type UnaryOperator,
} from './ast';
export { type CheckExpressionOptions, checkExpression } from './check-expression';
export { type ComputedFieldDefinition, type ComputedFieldOrder, computedFieldOrder } from './computed-fields';
export {
  evaluate,
  evaluateExpression,
  type FieldResolver,
  type FieldValueRecord,
  resolverFromRecord,
  tidyNumber,
} from './evaluator';
export {
  ExpressionError,
  type ExpressionErrorCode,
  type ExpressionErrorJson,
  maxExpressionDepth,
  maxExpressionLength,
} from './expression-error';
export { type ExpressionFunction, expressionFunctions } from './functions';
export { type ParseResult, parseExpression, tryParse } from './parser';
export { printExpression } from './printer';
export { fieldNodes, type KnownFields, type KnownForms, referencedFields, validateReferences } from './references';
export {
  type ComparisonRule,
  evaluateCondition,
  evaluateRule,
  type RuleEvaluation,
  type RuleEvaluationStatus,
} from './rules';
export { type ExpressionType, type FieldTypeLookup, inferType, type TypeCheckOptions, typeCheck } from './type-check';
