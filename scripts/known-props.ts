/**
 * The known props of every public entry, read from the TypeScript types
 * (`npm run api:update` rewrites it; a test checks it is current):
 * modules/common/known-props.generated.ts lists, for each exported construct's
 * constructor, each public method of an exported class (the facade's
 * `monitor...` methods) and the alarm factory's functions, the object
 * parameters and, shape by shape, the keys each object may have. One check at
 * each entry (modules/common/known-props.ts) walks the given props against
 * it: an unknown key or a null where the type allows none is one
 * InvalidPropsError, for JavaScript callers as for TypeScript ones that cast.
 *
 * Only shapes the user writes are listed: functions, classes and the types of
 * other packages (cdktf tokens, constructs) are not walked. A record keyed by
 * the user's names (an index signature) or by tier (whose keys the entries
 * check against the tier registry, with its own message) lists its values'
 * shape, not keys.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import ts from "typescript";
import { PROJECT_ROOT } from "../paths";
import { TIERS } from "../modules/common/tiers";
import { ANY_KEY, type KnownProp, type KnownShape } from "../modules/common/known-props";

/** What the generator reads of a prop and of a shape; written out compact (see toKnown). */
interface Prop {
  readonly type: string;
  readonly optional?: true;
  readonly nullable?: true;
  readonly shape?: string;
}
type Shape = { readonly props: Readonly<Record<string, Prop>> } | { readonly record: Prop };

const INDEX = join(PROJECT_ROOT, "modules", "index.ts");
export const GENERATED = join(PROJECT_ROOT, "modules", "common", "known-props.generated.ts");
/** Exported functions that take props as a construct does: the alarm factory and the alert path check. (segmentAlarms is left out: every segment hands it its own, wider props.) */
const ENTRY_FUNCTIONS = ["createAlarm", "createSeverityAlarms", "requireAlertPaths"];

export function generateKnownProps(): string {
  const program = ts.createProgram([INDEX], { strict: true, target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.CommonJS, moduleResolution: ts.ModuleResolutionKind.Node10, skipLibCheck: true, noEmit: true, types: ["node"] });
  const checker = program.getTypeChecker();
  const shapes = new Map<string, Shape>();
  const entries = new Map<string, Record<string, Prop>>();

  const text = (type: ts.Type) => checker.typeToString(type, undefined, ts.TypeFormatFlags.UseAliasDefinedOutsideCurrentScope);
  const fromOtherPackage = (symbol: ts.Symbol | undefined) => (symbol?.declarations ?? []).some((d) => d.getSourceFile().fileName.includes("node_modules") && !d.getSourceFile().fileName.includes("typescript/lib"));
  const isFunction = (type: ts.Type) => type.getCallSignatures().length > 0 || type.getConstructSignatures().length > 0;

  /** The object types of `type` a user writes as a literal (arrays give their elements). */
  function objectMembers(type: ts.Type, seen = new Set<ts.Type>()): ts.Type[] | "any" {
    const out: ts.Type[] = [];
    if (seen.has(type)) return out; // a recursive array type (JsonValue)
    seen.add(type);
    for (const member of type.isUnion() ? type.types : [type]) {
      if (member.flags & (ts.TypeFlags.Any | ts.TypeFlags.Unknown)) return "any";
      if (checker.isArrayType(member) || checker.isTupleType(member)) {
        for (const element of checker.getTypeArguments(member as ts.TypeReference)) {
          const inner = objectMembers(element, seen);
          if (inner === "any") return "any";
          out.push(...inner);
        }
        continue;
      }
      if (!(member.flags & ts.TypeFlags.Object) && !member.isIntersection()) continue;
      const symbol = member.aliasSymbol ?? member.getSymbol();
      if (isFunction(member) || (symbol && symbol.flags & ts.SymbolFlags.Class) || fromOtherPackage(member.getSymbol())) continue;
      out.push(member);
    }
    return out;
  }

  function shapeName(members: readonly ts.Type[], owner: string): string {
    const anonymous = (t: ts.Type) => !t.aliasSymbol && ["__type", "__object"].includes(t.getSymbol()?.name ?? "__type") && !t.isIntersection();
    return members.some(anonymous) ? owner : members.map(text).join(" | ");
  }

  /** A prop of type `type`, for messages; its nested objects' shape (named after `owner` when anonymous). */
  function describe(type: ts.Type, owner: string): Prop {
    // unknown and any take null too.
    const anything = Boolean(type.flags & (ts.TypeFlags.Any | ts.TypeFlags.Unknown));
    const nullable = anything || (type.isUnion() ? type.types.some((t) => t.flags & ts.TypeFlags.Null) : Boolean(type.flags & ts.TypeFlags.Null));
    const nonNull = checker.getNonNullableType(type);
    const prop: { type: string; nullable?: true; shape?: string } = { type: text(anything ? type : nonNull) };
    if (nullable) prop.nullable = true;
    const members = objectMembers(nonNull);
    const shape = members !== "any" && members.length > 0 ? shapeOf(members, owner) : undefined;
    if (shape !== undefined) prop.shape = shape;
    return prop;
  }

  /** Each shape read so far, by its members' types: a recursive anonymous type (a JSON value) is read once. */
  const named = new Map<string, string | undefined>();
  function shapeOf(members: readonly ts.Type[], owner: string): string | undefined {
    const key = members.map(text).join(" | ");
    if (named.has(key)) return named.get(key);
    const name = shapeName(members, owner);
    named.set(key, name);
    if (shapes.has(name)) return name;
    shapes.set(name, { record: { type: "unknown" } }); // a placeholder while a recursive type is read
    const record = members.find((m) => checker.getIndexInfosOfType(m).length > 0);
    if (record) {
      shapes.set(name, { record: describe(checker.getIndexInfosOfType(record)[0]!.type, `${name}[key]`) });
      return name;
    }
    const props: Record<string, Prop> = {};
    for (const member of members) {
      for (const property of checker.getPropertiesOfType(member)) {
        const described = optional(describe(checker.getTypeOfSymbol(property), `${name}.${property.name}`), Boolean(property.flags & ts.SymbolFlags.Optional));
        props[property.name] = props[property.name] ? merge(props[property.name]!, described) : described;
      }
    }
    // A key of only some members of a union (a canary kind's own keys) may be left out.
    for (const key of Object.keys(props)) if (members.some((m) => !m.getProperty(key))) props[key] = optional(props[key]!, true);
    const keys = Object.keys(props);
    if (keys.length === 0) {
      // `object` or `{}`: any object, nothing to check (a dashboard template).
      named.set(key, undefined);
      shapes.delete(name);
      return undefined;
    }
    // Keyed by tier (AlarmTopics, SeverityThresholds, Tiered<...>): each entry checks the tiers against the registry itself.
    if (keys.length > 0 && keys.every((key) => (TIERS as readonly string[]).includes(key))) shapes.set(name, { record: keys.map((key) => props[key]!).reduce(merge) });
    else shapes.set(name, { props: sortKeys(props) });
    return name;
  }

  /** One key in several members of a union (a canary's `kind`, a watch's `metric`): any of their types. */
  function optional(prop: Prop, isOptional: boolean): Prop {
    return isOptional ? { ...prop, optional: true } : prop;
  }

  function merge(a: Prop, b: Prop): Prop {
    const types = [...new Set([...a.type.split(" | "), ...b.type.split(" | ")])].join(" | ");
    const shape = a.shape && b.shape && a.shape !== b.shape ? mergeShapes(a.shape, b.shape) : (a.shape ?? b.shape);
    return { type: types, ...(a.optional || b.optional ? { optional: true as const } : {}), ...(a.nullable || b.nullable ? { nullable: true as const } : {}), ...(shape ? { shape } : {}) };
  }

  function mergeShapes(a: string, b: string): string {
    const name = `${a} | ${b}`;
    const [sa, sb] = [shapes.get(a)!, shapes.get(b)!];
    if ("record" in sa || "record" in sb) shapes.set(name, "record" in sa ? sa : sb);
    else {
      const props: Record<string, Prop> = { ...sa.props };
      for (const [key, prop] of Object.entries(sb.props)) props[key] = props[key] ? merge(props[key], prop) : optional(prop, true);
      for (const key of Object.keys(sa.props)) if (!(key in sb.props)) props[key] = optional(props[key]!, true);
      shapes.set(name, { props: sortKeys(props) });
    }
    return name;
  }

  /** Each object parameter of a signature, by name. */
  function addEntry(entry: string, signature: ts.Signature | undefined): void {
    const params: Record<string, Prop> = {};
    for (const param of signature?.getParameters() ?? []) {
      const declaration = param.valueDeclaration;
      const described = optional(describe(checker.getTypeOfSymbol(param), `${entry}(${param.name})`), Boolean(declaration && ts.isParameter(declaration) && checker.isOptionalParameter(declaration)));
      if (described.shape) params[param.name] = described;
    }
    if (Object.keys(params).length > 0) entries.set(entry, params);
  }

  const isPublicMethod = (symbol: ts.Symbol, owner: ts.Declaration) =>
    Boolean(symbol.flags & ts.SymbolFlags.Method) &&
    (symbol.declarations ?? []).every((d) => d.parent === owner.parent || d.parent === owner) &&
    (symbol.declarations ?? []).every((d) => !(ts.getCombinedModifierFlags(d) & (ts.ModifierFlags.Private | ts.ModifierFlags.Protected)));

  const moduleSymbol = checker.getSymbolAtLocation(program.getSourceFile(INDEX)!)!;
  for (const exported of checker.getExportsOfModule(moduleSymbol)) {
    const symbol = exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
    const declaration = symbol.valueDeclaration;
    if (symbol.flags & ts.SymbolFlags.Class && declaration && ts.isClassDeclaration(declaration)) {
      const staticType = checker.getTypeOfSymbol(symbol);
      const instanceType = checker.getDeclaredTypeOfSymbol(symbol);
      if (checker.getBaseTypes(instanceType as ts.InterfaceType).some((base) => /Error$/.test(text(base)))) continue;
      addEntry(exported.name, staticType.getConstructSignatures()[0]);
      for (const type of [staticType, instanceType]) {
        for (const member of checker.getPropertiesOfType(type)) {
          const decl = member.declarations?.[0];
          if (decl && decl.parent === declaration && isPublicMethod(member, decl)) addEntry(`${exported.name}.${member.name}`, checker.getTypeOfSymbol(member).getCallSignatures()[0]);
        }
      }
    } else if (symbol.flags & ts.SymbolFlags.Function && ENTRY_FUNCTIONS.includes(exported.name)) {
      addEntry(exported.name, checker.getTypeOfSymbol(symbol).getCallSignatures()[0]);
    }
  }

  // Compact: a prop is [type, shape?] (the type says `| null` where null is allowed), under its key (`key?` where optional); a record's one key is ANY_KEY.
  const known = (p: Prop): KnownProp => [p.nullable ? `${p.type} | null` : p.type, ...(p.shape ? [p.shape] : [])] as unknown as KnownProp;
  const keyed = (props: Readonly<Record<string, Prop>>) => Object.fromEntries(Object.entries(props).map(([k, p]) => [p.optional ? `${k}?` : k, known(p)]));
  const knownShape = (shape: Shape): KnownShape => ("record" in shape ? { [ANY_KEY]: known(shape.record) } : keyed(shape.props));
  const lines = <T>(map: ReadonlyMap<string, T>, write: (value: T) => unknown) => [...map.keys()].sort().map((key) => `  ${JSON.stringify(key)}: ${JSON.stringify(write(map.get(key)!))},`);
  return [
    "// Generated by scripts/known-props.ts from the types of modules/index.ts (npm run api:update): do not edit.",
    "// A prop is [its type as declared, the shape of its nested objects or array elements], under its key (`key?` where optional); a record's one key is \"[key: string]\".",
    'import type { KnownProp, KnownShape } from "./known-props";',
    "",
    "/** Each public entry's object parameters, by name. */",
    "export const KNOWN_ENTRIES: Readonly<Record<string, Readonly<Record<string, KnownProp>>>> = {",
    ...lines(entries, keyed),
    "};",
    "",
    "/** Each shape: its keys, or the one key `[key: string]` of a record keyed by the user's names or by tier. */",
    "export const KNOWN_SHAPES: Readonly<Record<string, KnownShape>> = {",
    ...lines(shapes, knownShape),
    "};",
    "",
  ].join("\n");
}

function sortKeys<T>(record: Record<string, T>): Record<string, T> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

if (require.main === module) {
  const generated = generateKnownProps();
  if (process.argv.includes("--update")) writeFileSync(GENERATED, generated);
  else if (readFileSync(GENERATED, "utf8") !== generated) {
    console.error(`${GENERATED} is not current: run npm run api:update`);
    process.exit(1);
  }
}
