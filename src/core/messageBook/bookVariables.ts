/**
 * File variables (`@name = value`): defined anywhere outside a body, visible in the whole file, the last
 * definition of a name counting. After the file is read, every `{{name}}` is checked: a name that is not
 * defined, or a variable whose value cannot be filled in (it refers to an unknown name, or to itself
 * through others), is an error where it is used, and the entry using it cannot be sent.
 */
import type { DiagnosticSink } from './bookDiagnostics';
import { MAX_BOOK_VARIABLES } from './bookLimits';
import { parseVariableLine } from './bookLines';
import type { BookEntry, BookVariable, TextRange } from './bookTypes';
import type { BookValues } from './placeholders';

/** A `{{name}}` in the file: in an entry (its index) or in a variable's value (its name). */
export interface VariableReference {
  name: string;
  range: TextRange;
  entry?: number;
  inVariable?: string;
}

interface Definition extends BookVariable {
  /** `{{…}}` in its value. */
  refs: VariableReference[];
}

export class VariableTable {
  private readonly definitions = new Map<string, Definition>();
  private readonly inOrder: Definition[] = [];
  private refused = false;

  constructor(private readonly sink: DiagnosticSink) {}

  /** Defines the variable on `line` (number `lineNo`); false when the line is malformed. */
  define(line: string, lineNo: number, scanValue: (col: number, value: string) => VariableReference[]): void {
    const parsed = parseVariableLine(line);
    if (!parsed.ok) {
      this.sink.error(lineNo, parsed.col, parsed.endCol, parsed.message);
      return;
    }
    const nameRange = { line: lineNo, startCol: parsed.nameCol, endCol: parsed.nameCol + parsed.name.length };
    if (this.inOrder.length >= MAX_BOOK_VARIABLES) {
      if (!this.refused) {
        const message = `A book holds at most ${MAX_BOOK_VARIABLES} variables: this one and later ones are ignored.`;
        this.sink.error(lineNo, nameRange.startCol, nameRange.endCol, message);
      }
      this.refused = true;
      return;
    }
    const earlier = this.definitions.get(parsed.name);
    if (earlier) {
      const where = `line ${earlier.nameRange.line + 1}`;
      const message = `"${parsed.name}" is already defined on ${where}: this definition replaces it.`;
      this.sink.warning(lineNo, nameRange.startCol, nameRange.endCol, message);
    }
    const refs = scanValue(parsed.valueCol, parsed.value).map((r) => ({ ...r, inVariable: parsed.name }));
    const definition: Definition = { name: parsed.name, value: parsed.value, nameRange, refs };
    this.definitions.set(parsed.name, definition);
    this.inOrder.push(definition);
  }

  /** The variables in file order. */
  list(): BookVariable[] {
    return this.inOrder.map(({ name, value, nameRange }) => ({ name, value, nameRange }));
  }

  /**
   * Reports unknown names and variables that cannot be filled in; marks the entries that use them invalid.
   */
  checkReferences(entryRefs: readonly VariableReference[], entries: BookEntry[]): void {
    const broken = this.brokenVariables();
    for (const ref of entryRefs) {
      const message = this.referenceProblem(ref.name, broken);
      if (!message || ref.entry === undefined) continue;
      this.sink.error(ref.range.line, ref.range.startCol, ref.range.endCol, message);
      const entry = entries[ref.entry];
      entry.valid = false;
      delete entry.fields;
    }
  }

  private referenceProblem(name: string, broken: ReadonlySet<string>): string | undefined {
    const definition = this.definitions.get(name);
    if (!definition) return `No variable "${name}" is defined in this book (define it with @${name} = …).`;
    if (broken.has(name)) {
      return `"${name}" cannot be filled in: see its definition on line ${definition.nameRange.line + 1}.`;
    }
    return undefined;
  }

  /** Names whose value refers to an unknown name or to itself; each problem reported where it is. */
  private brokenVariables(): Set<string> {
    const state = new Map<string, 'visiting' | 'ok' | 'broken'>();
    const visit = (definition: Definition, path: string[]): boolean => {
      const known = state.get(definition.name);
      if (known === 'visiting') {
        const { line, startCol, endCol } = definition.nameRange;
        const cycle = [...path.slice(path.indexOf(definition.name)), definition.name].join(' → ');
        this.sink.error(line, startCol, endCol, `"${definition.name}" refers to itself: ${cycle}.`);
        return false;
      }
      if (known) return known === 'ok';
      state.set(definition.name, 'visiting');
      let ok = true;
      for (const ref of definition.refs) {
        const target = this.definitions.get(ref.name);
        if (!target) {
          this.sink.error(
            ref.range.line,
            ref.range.startCol,
            ref.range.endCol,
            this.referenceProblem(ref.name, new Set())!,
          );
        }
        if (!target || !visit(target, [...path, definition.name])) ok = false;
      }
      state.set(definition.name, ok ? 'ok' : 'broken');
      return ok;
    };
    for (const definition of this.definitions.values()) visit(definition, []);
    return new Set([...state].filter(([, s]) => s === 'broken').map(([name]) => name));
  }
}

/**
 * The values to fill an entry in with: the book's variables (as written) and what the host looked up for
 * `${env:…}` and `${secret:…}`.
 */
export function bookValues(
  variables: readonly BookVariable[],
  host: { env?: Record<string, string | undefined>; secrets?: Record<string, string | undefined> } = {},
): BookValues {
  return { variables: new Map(variables.map((v) => [v.name, v.value])), env: host.env, secrets: host.secrets };
}
