// @ts-check
/**
 * seatdesk/no-cycle: an import is reported when the module it names leads back, through relative
 * imports, to the importing file. A cycle makes evaluation order matter (a value read before its
 * module has run is undefined or a TDZ error) and means two modules are one module in two files.
 *
 * The graph is built lazily: a file's imports are read from disk (a token scan, not a parse) the
 * first time a search reaches it and kept for the life of the process. The file being linted
 * refreshes its own entry from its AST, so a long-lived ESLint (an editor's) sees a file's new
 * imports once that file is linted again; a file changed on disk and never linted keeps its old ones.
 *
 * Type-only imports (`import type`, `import { type A }`, `export type ... from`) are not edges:
 * TypeScript and the bundler erase them (verbatimModuleSyntax is off, isolatedModules is on), so
 * they never run and cannot take part in an evaluation-order cycle. Dynamic `import()` is an edge:
 * it loads the module at run time all the same.
 */
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

const codeExtensions = new Set(['.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs']);
const suffixes = ['.ts', '.tsx', '.js', '/index.ts', '/index.tsx', '/index.js'];

/** Resolved specifiers, by absolute base path. Misses are not kept: the file may appear later. @type {Map<string, string>} */
const resolveCache = new Map();
/** Each file's runtime dependencies (resolved absolute paths), filled lazily. @type {Map<string, string[]>} */
const importsCache = new Map();

/** @param {string} file */
function isFile(file) {
  try {
    return fs.statSync(file).isFile();
  } catch {
    return false; // ENOENT, or ENOTDIR for `./styles.css/index.ts`
  }
}

/**
 * The code file a relative specifier names, or null for a package, an asset or a missing file.
 * @param {string} fromFile @param {string} specifier
 */
export function resolveImport(fromFile, specifier) {
  if (!specifier.startsWith('.')) return null;
  const base = path.resolve(path.dirname(fromFile), specifier.replace(/[?#].*$/, ''));
  const known = resolveCache.get(base);
  if (known !== undefined) return known;
  /** @type {string | null} */
  let resolved = null;
  const ext = path.extname(base);
  if (codeExtensions.has(ext) && isFile(base)) resolved = base;
  else if (ext === '.js' || ext === '.jsx') {
    // The bundler resolution lets `./x.js` name `./x.ts`.
    const stem = base.slice(0, -ext.length);
    resolved = [`${stem}.ts`, `${stem}.tsx`].find(isFile) ?? null;
  }
  if (resolved === null) {
    for (const suffix of suffixes) {
      if (isFile(base + suffix)) {
        resolved = base + suffix;
        break;
      }
    }
  }
  if (resolved !== null) resolveCache.set(base, resolved);
  return resolved;
}

const K = ts.SyntaxKind;

/** Tokens after which a `/` divides (names too, unless they are keywords that precede an expression). */
const endsExpression = new Set([
  K.PrivateIdentifier,
  K.NumericLiteral,
  K.BigIntLiteral,
  K.StringLiteral,
  K.NoSubstitutionTemplateLiteral,
  K.TemplateTail,
  K.RegularExpressionLiteral,
  K.CloseParenToken,
  K.CloseBracketToken,
  K.CloseBraceToken,
  K.PlusPlusToken,
  K.MinusMinusToken,
]);
const precedesExpression = new Set([
  K.ReturnKeyword,
  K.TypeOfKeyword,
  K.InstanceOfKeyword,
  K.InKeyword,
  K.NewKeyword,
  K.DeleteKeyword,
  K.VoidKeyword,
  K.ThrowKeyword,
  K.CaseKeyword,
  K.DoKeyword,
  K.ElseKeyword,
  K.YieldKeyword,
  K.AwaitKeyword,
]);
/** @param {ts.SyntaxKind} t */
const isName = (t) => t === K.Identifier || (t >= K.FirstKeyword && t <= K.LastKeyword);
/** @param {ts.SyntaxKind} t */
const dividesAfter = (t) => endsExpression.has(t) || (isName(t) && !precedesExpression.has(t));

/**
 * Relative runtime specifiers in a file's text. A token scan shaped like TypeScript's own
 * `ts.preProcessFile` (which cannot tell `import type` apart), about ten times cheaper than a parse.
 * @param {string} text
 */
export function scanSpecifiers(text) {
  const scanner = ts.createScanner(ts.ScriptTarget.Latest, true, ts.LanguageVariant.Standard, text);
  /** @type {string[]} */
  const specifiers = [];
  /** Brace depth at each open `${` of a template literal. @type {number[]} */
  const templates = [];
  let depth = 0;
  /** The token before the current one. */
  let last = /** @type {ts.SyntaxKind} */ (K.Unknown);
  /** The current token (a call, so that TypeScript does not narrow it across `next()`). */
  const token = () => scanner.getToken();
  const next = () => {
    last = scanner.getToken();
    const scanned = scanner.scan();
    if (scanned === K.OpenBraceToken) depth++;
    else if (scanned === K.CloseBraceToken) {
      if (templates.at(-1) === depth) {
        if (scanner.reScanTemplateToken(false) === K.TemplateTail) templates.pop();
      } else depth--;
    } else if (scanned === K.TemplateHead) templates.push(depth);
    else if ((scanned === K.SlashToken || scanned === K.SlashEqualsToken) && !dividesAfter(last)) {
      scanner.reScanSlashToken();
    }
  };
  const peek = () => scanner.lookAhead(() => scanner.scan());
  /** Reads `from '...'` and keeps the specifier unless the statement is erased. @param {boolean} erased */
  const from = (erased) => {
    if (token() !== K.FromKeyword) return;
    next();
    if (token() === K.StringLiteral && !erased) specifiers.push(scanner.getTokenValue());
  };
  /** Skips `{ a, type b as c }`; says whether it held only type-only elements. */
  const namedList = () => {
    let names = 0;
    let types = 0;
    next();
    while (token() !== K.CloseBraceToken && token() !== K.EndOfFileToken) {
      names++;
      if (token() === K.TypeKeyword) {
        const after = peek();
        if (isName(after) && after !== K.AsKeyword) types++;
      }
      while (token() !== K.CommaToken && token() !== K.CloseBraceToken && token() !== K.EndOfFileToken)
        next();
      if (token() === K.CommaToken) next();
    }
    if (token() === K.CloseBraceToken) next();
    return names > 0 && types === names;
  };
  const consumeImport = () => {
    next();
    if (token() === K.OpenParenToken) {
      next();
      if (token() === K.StringLiteral || token() === K.NoSubstitutionTemplateLiteral)
        specifiers.push(scanner.getTokenValue());
      return;
    }
    if (token() === K.StringLiteral) {
      specifiers.push(scanner.getTokenValue());
      return;
    }
    let typeOnly = false;
    if (token() === K.TypeKeyword) {
      const after = peek();
      if (
        after !== K.FromKeyword &&
        (after === K.AsteriskToken || after === K.OpenBraceToken || isName(after))
      ) {
        typeOnly = true;
        next();
      }
    }
    let valueBinding = false;
    if (token() !== K.OpenBraceToken && token() !== K.AsteriskToken && isName(token())) {
      next();
      if (token() === K.EqualsToken) {
        // import x = require('./y')
        next();
        if (token() !== K.RequireKeyword) return;
        next();
        if (token() !== K.OpenParenToken) return;
        next();
        if (token() === K.StringLiteral && !typeOnly) specifiers.push(scanner.getTokenValue());
        return;
      }
      valueBinding = true;
      if (token() === K.CommaToken) next();
    }
    if (token() === K.OpenBraceToken) {
      const onlyTypes = namedList();
      from(typeOnly || (!valueBinding && onlyTypes));
    } else if (token() === K.AsteriskToken) {
      next();
      if (token() === K.AsKeyword) next();
      if (isName(token())) next();
      from(typeOnly);
    } else from(typeOnly);
  };
  const consumeExport = () => {
    next();
    let typeOnly = false;
    if (token() === K.TypeKeyword) {
      const after = peek();
      if (after === K.AsteriskToken || after === K.OpenBraceToken) {
        typeOnly = true;
        next();
      }
    }
    if (token() === K.OpenBraceToken) {
      const onlyTypes = namedList();
      from(typeOnly || onlyTypes);
    } else if (token() === K.AsteriskToken) {
      next();
      if (token() === K.AsKeyword) {
        next();
        if (isName(token()) || token() === K.StringLiteral) next();
      }
      from(typeOnly);
    }
  };
  next();
  while (token() !== K.EndOfFileToken) {
    if (token() === K.ImportKeyword && last !== K.DotToken) consumeImport();
    else if (token() === K.ExportKeyword && last !== K.DotToken) consumeExport();
    else next();
  }
  return specifiers.filter((s) => s.startsWith('.'));
}

/** @param {string} file @param {string[]} specifiers */
function resolveAll(file, specifiers) {
  /** @type {Set<string>} */
  const targets = new Set();
  for (const specifier of specifiers) {
    const target = resolveImport(file, specifier);
    if (target !== null) targets.add(target);
  }
  return [...targets];
}

/** @param {string} file */
function importsOf(file) {
  let imports = importsCache.get(file);
  if (imports === undefined) {
    let text = '';
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch {
      // A file that cannot be read has no edges; the missing import is another rule's business.
    }
    imports = text === '' ? [] : resolveAll(file, scanSpecifiers(text));
    importsCache.set(file, imports);
  }
  return imports;
}

/**
 * A path of imports from `start` to `goal` ([start, ..., goal]), or null if there is none.
 * @param {string} start @param {string} goal
 */
function pathBetween(start, goal) {
  /** @type {Map<string, string | null>} */
  const parent = new Map([[start, null]]);
  const stack = [start];
  while (stack.length > 0) {
    const file = /** @type {string} */ (stack.pop());
    if (file === goal) {
      const chain = [];
      for (let at = /** @type {string | null} */ (file); at !== null; at = parent.get(at) ?? null)
        chain.push(at);
      return chain.reverse();
    }
    for (const next of importsOf(file)) {
      if (!parent.has(next)) {
        parent.set(next, file);
        stack.push(next);
      }
    }
  }
  return null;
}

/** @typedef {import('estree').Node & { importKind?: string; exportKind?: string }} TypedNode */

/**
 * Whether an ESTree import or export erases to nothing (see the header): a default or namespace
 * binding has no kind, so it keeps the import.
 * @param {TypedNode} node @param {TypedNode[]} specifiers
 */
function isTypeOnly(node, specifiers) {
  if (node.importKind === 'type' || node.exportKind === 'type') return true;
  if (specifiers.length === 0) return false;
  return specifiers.every((s) => s.importKind === 'type' || s.exportKind === 'type');
}

/** @type {import('eslint').Rule.RuleModule} */
export const noCycleRule = {
  meta: {
    type: 'problem',
    schema: [],
    messages: { cycle: 'Import cycle: {{cycle}}. Move what both sides need into a module of its own.' },
  },
  create(context) {
    const file = path.resolve(context.filename);
    /** @type {{ node: import('estree').Node; specifier: string }[]} */
    const found = [];
    /** @param {import('estree').Node} node @param {unknown} specifier */
    const add = (node, specifier) => {
      if (typeof specifier === 'string' && specifier.startsWith('.')) found.push({ node, specifier });
    };
    /** @param {string} p */
    const show = (p) => path.relative(context.cwd, p).split(path.sep).join('/');
    return {
      ImportDeclaration(node) {
        if (!isTypeOnly(node, node.specifiers)) add(node, node.source.value);
      },
      ExportNamedDeclaration(node) {
        if (node.source && !isTypeOnly(node, node.specifiers)) add(node, node.source.value);
      },
      ExportAllDeclaration(node) {
        if (!isTypeOnly(node, [])) add(node, node.source.value);
      },
      ImportExpression(node) {
        if (node.source.type === 'Literal') add(node, node.source.value);
      },
      /** `import x = require('./y')`, which typescript-eslint parses and ESTree does not name. */
      TSImportEqualsDeclaration(/** @type {any} */ node) {
        const reference = node.moduleReference;
        if (node.importKind !== 'type' && reference.type === 'TSExternalModuleReference') {
          add(node, reference.expression.value);
        }
      },
      'Program:exit'() {
        importsCache.set(
          file,
          resolveAll(
            file,
            found.map(({ specifier }) => specifier),
          ),
        );
        for (const { node, specifier } of found) {
          const target = resolveImport(file, specifier);
          if (target === null) continue;
          const chain = target === file ? [file] : pathBetween(target, file);
          if (chain === null) continue;
          context.report({
            node,
            messageId: 'cycle',
            data: { cycle: [file, ...chain].map(show).join(' → ') },
          });
        }
      },
    };
  },
};
