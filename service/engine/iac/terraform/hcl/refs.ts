// The traversals an expression refers to, as text (`var.x`, `azurerm_resource_group.rg.name`, `each.value`).
// Static: index keys that are literals are kept (`a[0]`, `a["k"]`), a dynamic key ends the reference there.
// Names bound by for expressions and template for directives are not references.
import type { Expression, TemplatePart, TraversalExpr } from './ast';

export function references(expr: Expression): string[] {
  const out = new Set<string>();
  visit(expr, new Set(), out, 0);
  return [...out];
}

const MAX_DEPTH = 512;

function traversalText(expr: TraversalExpr): string {
  let text = expr.root;
  for (const step of expr.steps) {
    if (step.type === 'attr') text += '.' + step.name;
    else if (step.key.kind === 'literal' && typeof step.key.value === 'number') text += `[${step.key.value}]`;
    else if (step.key.kind === 'literal' && typeof step.key.value === 'string') text += `[${JSON.stringify(step.key.value)}]`;
    else break;
  }
  return text;
}

function visit(node: Expression | TemplatePart, bound: Set<string>, out: Set<string>, depth: number): void {
  if (depth > MAX_DEPTH) return;
  const next = (child: Expression | TemplatePart, names = bound) => visit(child, names, out, depth + 1);
  switch (node.kind) {
    case 'literal':
      return;
    case 'traversal':
      if (!bound.has(node.root)) out.add(traversalText(node));
      for (const step of node.steps) if (step.type === 'index') next(step.key);
      return;
    case 'relative':
    case 'splat':
      next(node.source);
      for (const step of node.steps) if (step.type === 'index') next(step.key);
      return;
    case 'template':
      for (const part of node.parts) next(part);
      return;
    case 'templateIf':
      next(node.condition);
      for (const part of node.then) next(part);
      for (const part of node.else ?? []) next(part);
      return;
    case 'templateFor': {
      next(node.collection);
      const names = new Set(bound).add(node.valueVar);
      if (node.keyVar) names.add(node.keyVar);
      for (const part of node.body) next(part, names);
      return;
    }
    case 'call':
      for (const arg of node.args) next(arg);
      return;
    case 'conditional':
      next(node.condition);
      next(node.trueResult);
      next(node.falseResult);
      return;
    case 'binary':
      next(node.left);
      next(node.right);
      return;
    case 'unary':
      next(node.operand);
      return;
    case 'parens':
      next(node.expr);
      return;
    case 'tuple':
      for (const item of node.items) next(item);
      return;
    case 'object':
      for (const item of node.items) {
        next(item.key);
        next(item.value);
      }
      return;
    case 'for': {
      next(node.collection);
      const names = new Set(bound).add(node.valueVar);
      if (node.keyVar) names.add(node.keyVar);
      if (node.keyExpr) next(node.keyExpr, names);
      next(node.valueExpr, names);
      if (node.condition) next(node.condition, names);
      return;
    }
  }
}
